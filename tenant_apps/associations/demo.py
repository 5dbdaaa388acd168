"""Demo associations of a centre: a directory in the centre's language, some member
associations, one waiting for approval, one hidden, and the demo association contact's
entry (called inside the centre's schema)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from shared_apps.accounts import facade
from tenant_apps.associations.models import Association, AssociationContact
from tenants.contracts import CentreDemo

# name, organisation number (valid check digit), categories, target groups, description,
# member for (days; None: not a member), public, status
NORWEGIAN = (
    (
        "Støren Idrettslag",
        "997000307",
        ["sport_outdoors", "children_youth"],
        ["families"],
        "Fotball, ski og friidrett for alle aldre. Trening på Støren stadion.",
        900,
        True,
        "approved",
    ),
    (
        "Midtre Gauldal Pensjonistforening",
        "957887538",
        ["seniors", "social"],
        ["seniors"],
        "Månedlige treff med kaffe, foredrag og turer.",
        700,
        True,
        "approved",
    ),
    (
        "Sanitetsforeningen Støren",
        "998560063",
        ["health", "social"],
        ["seniors", "lonely"],
        "Besøkstjeneste, trimgrupper og støtte til lokale helsetiltak.",
        1200,
        True,
        "approved",
    ),
    (
        "Gauldal Turlag",
        "834951916",
        ["sport_outdoors", "nature"],
        [],
        "Merker stier, driver hytter og arrangerer fellesturer.",
        None,
        True,
        "approved",
    ),
    (
        "Internasjonal kvinnegruppe",
        "844018576",
        ["integration", "social"],
        ["immigrant_background"],
        "Språktrening og sosialt fellesskap for kvinner.",
        300,
        True,
        "approved",
    ),
    (
        "Soknedal Mannskor",
        "815422457",
        ["culture"],
        [],
        "Øver hver tirsdag i Soknedal kirke. Nye sangere er velkomne.",
        None,
        True,
        "approved",
    ),
    (
        "Likepersonsgruppa for pårørende",
        "925289132",
        ["self_help", "health"],
        ["families"],
        "Samtalegruppe for pårørende. Ønsker ikke å stå i den offentlige oversikten.",
        None,
        False,
        "approved",
    ),
    (
        "Budal Bygdekvinnelag",
        "892568871",
        ["local_community", "culture"],
        [],
        "Kurs, kulturarv og dugnader i Budal.",
        None,
        True,
        "pending",
    ),
)
DANISH = (
    (
        "Næstved Besøgsvenner",
        "86397250",
        ["social"],
        ["seniors", "lonely"],
        "Frivillige besøgsvenner til ældre og ensomme i hele kommunen.",
        1100,
        True,
        "approved",
    ),
    (
        "Sorggruppen Sydsjælland",
        "44234785",
        ["self_help"],
        ["families"],
        "Samtalegrupper for børn og voksne i sorg.",
        800,
        True,
        "approved",
    ),
    (
        "Næstved Roklub",
        "22597620",
        ["sport_outdoors"],
        [],
        "Motionsroning og kajak fra klubhuset ved Susåen.",
        None,
        True,
        "approved",
    ),
    (
        "Dansk Flygtningehjælp Frivillige Næstved",
        "68085012",
        ["integration", "social"],
        ["immigrant_background"],
        "Lektiecafé, sprogcafé og hjælp med breve.",
        600,
        True,
        "approved",
    ),
    (
        "Ældre Sagen Næstved",
        "13415285",
        ["seniors", "social"],
        ["seniors"],
        "Motion, foredrag, IT-hjælp og besøgstjeneste.",
        1500,
        True,
        "approved",
    ),
    (
        "LEV Næstved",
        "84203556",
        ["health", "social"],
        ["disability"],
        "Fællesskab for mennesker med udviklingshæmning og deres pårørende.",
        None,
        True,
        "approved",
    ),
    (
        "Selvhjælpsgruppe for angst",
        "84686034",
        ["self_help", "health"],
        [],
        "Lukket gruppe; ønsker ikke at stå i den offentlige vejviser.",
        None,
        False,
        "approved",
    ),
    (
        "Karrebæksminde Borgerforening",
        "77216197",
        ["local_community"],
        [],
        "Arrangementer og udvikling af byen.",
        None,
        True,
        "pending",
    ),
)


def load_demo_associations(*, country: str) -> list[Association]:
    """The demo directory; does nothing if the centre already has associations."""
    if Association.objects.exists():
        return list(Association.objects.all())
    today = timezone.localdate()
    made = []
    with transaction.atomic():
        for (
            name,
            number,
            categories,
            target_groups,
            description,
            member_days,
            is_public,
            status,
        ) in DANISH if country == "DK" else NORWEGIAN:
            first = name.split()[0].lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
            made.append(
                Association.objects.create(
                    name=name,
                    organisation_number=number,
                    categories=categories,
                    target_groups=target_groups,
                    description=description,
                    contact_name="",
                    email=f"post@{first}.example",
                    is_public=is_public,
                    status=status,
                    decided_at=timezone.now() if status == "approved" else None,
                    member_since=(
                        today - datetime.timedelta(days=member_days) if member_days else None
                    ),
                )
            )
    return made


def associations_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: the directory, and the demo association contact (if the centre has
    one) linked to its first member association."""
    associations = load_demo_associations(country=centre.country)
    first_member = next((a for a in associations if a.member_since), None)
    for member in facade.centre_members(centre_id=centre.centre_id):
        if member.role != "association_contact" or first_member is None:
            continue
        if not AssociationContact.objects.filter(user_id=member.user_id).exists():
            AssociationContact.objects.create(
                association=first_member, email=member.email, user_id=member.user_id
            )
