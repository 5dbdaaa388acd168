"""Every page of every role passes axe at 360 px (a phone's width), scrolls not sideways and
shows its menu: tests/browser_accessibility.py walks them."""

from tests.browser_accessibility import (  # noqa: F401 (fixtures)
    axe_centre,
    browser,
    server_port,
    walk_every_page_of_every_role,
)


def test_every_page_of_every_role_passes_axe_at_360(browser, server_port, axe_centre):  # noqa: F811
    walk_every_page_of_every_role(browser, server_port, axe_centre, width=360)
