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
