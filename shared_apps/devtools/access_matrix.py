"""The roles × pages matrix, read from the policies the views declare."""

from django.conf import settings

from shared_apps.accounts.roles import Role, expand
from shared_apps.devtools.urlwalk import routes

COLUMNS = [
    (Role.CENTRE_ADMIN, "manager"),
    (Role.COORDINATOR, "coordinator"),
    (Role.VOLUNTEER, "volunteer"),
    (Role.ASSOCIATION_CONTACT, "assoc. contact"),
    (Role.FEDERATION_ADMIN, "fed. admin"),
    (Role.FEDERATION_ANALYST, "fed. analyst"),
    (Role.MUNICIPALITY_VIEWER, "municipality"),
    (Role.PLATFORM_OPERATOR, "operator"),
]


def access_matrix_markdown() -> str:
    header = "| page | name | " + " | ".join(label for _role, label in COLUMNS) + " |"
    rule = "|" + "---|" * (len(COLUMNS) + 2)
    lines = [
        "# Who may use which page",
        "",
        "Generated from the views' declared policies by `./manage.py access_matrix`; a test",
        "keeps this file equal to its output. ✓ = allowed, · = refused (403), `public` =",
        "anyone, signed in or not. Centre roles count only on their own centre's host;",
        "federation, municipality and operator roles only on the platform host. Municipality",
        "viewers are refused every unsafe method (POST, PUT, PATCH, DELETE) except sign-out",
        "and language. Django admin (`/admin/`) is for operators and checks staff status",
        "itself.",
        "",
        "Managers, coordinators, federation staff and operators must pass a second factor",
        "(TOTP) when `TWO_FACTOR_REQUIRED` (always in production). An API token is made only",
        "in a session that passed it, stands for it, expires (30 days to a year), and is",
        "revoked when its owner's password changes, two-factor is turned off, or the owner's",
        "role at its centre changes or ends.",
        "",
        "## Who may give which role",
        "",
        "| role | given by | condition |",
        "|---|---|---|",
        "| manager (`centre_admin`) | a federation administrator, for its own centres | "
        "only while the centre has no manager, at sending and at accepting; otherwise a "
        "platform operator approves it first (`/operator/appointments/`, never the one "
        "who asked or is named) |",
        "| coordinator, volunteer | the centre's managers | — |",
        "| federation administrator, analyst | a platform operator | — |",
        "| municipality viewer | a federation administrator | only for a municipality "
        "where the federation has centres |",
        "| platform operator | another operator, in the admin | — |",
        "",
        "Nobody invites themselves, for any role. Every role at a centre that is granted,",
        "changed or taken away, from whichever host, is written to that centre's audit log",
        "and e-mailed to its managers (`CENTRE_ROLE_CHANGE_STEPS`, `accounts.role_changes`).",
        "",
        "Figures above a single centre (federation statistics, networks, municipality pages,",
        "submitted reports and their exports) are sums of anonymised figures in which every",
        "count of people is stored rounded: 1 to 4 become 0 or 5, once per centre, key and",
        "month, and every total is the sum of rounded counts, so no page or subtraction",
        "between pages shows a count from 1 to 4 (docs/adr/0011). Experience networks show",
        "combined figures of a year only when at least three centres were members on its",
        "1 January.",
    ]
    for title, urlconf in (
        ("Centre host (`<slug>.PLATFORM_DOMAIN`)", settings.ROOT_URLCONF),
        ("Platform host (`PLATFORM_DOMAIN`)", settings.PUBLIC_SCHEMA_URLCONF),
    ):
        lines += ["", f"## {title}", "", header, rule]
        for route in routes(urlconf):
            if route.is_admin or route.policy is None:
                continue
            name = f"{route.namespace}:{route.name}" if route.namespace else route.name
            if route.policy.is_public:
                cells = ["public"] * len(COLUMNS)
            else:
                cells = ["✓" if expand({role}) & route.policy.roles else "·" for role, _ in COLUMNS]
            lines.append(f"| `{route.url}` | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
