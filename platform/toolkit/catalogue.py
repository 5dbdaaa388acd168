"""Django's own strings that its Norwegian catalogue lacks (Django 6.1 added them after the
last nb update), marked here so makemessages keeps them in ours: platform/locale comes
before Django's catalogues, so forms read "- Velg -" and not "- Select an option -".

Nothing imports this module; only the extraction reads it.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # django.db.models.fields.BLANK_CHOICE_LABEL: the empty choice of an optional select.
    gettext_noop("- Select an option -"),
    # django.core.validators
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
)
