"""The demo's experience network: "Mobilising against loneliness" in the Norwegian demo
federation, with up to 16 of its centres, a few posts and a meeting note.

Registered in settings.DEMO_DATA_STEPS as
"shared_apps.networks.demo.load_networks_demo"; idempotent: an existing network is
completed (missing members added), never duplicated, and its posts are written only once.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from shared_apps.accounts.models import CentreMembership, FederationMembership
from shared_apps.accounts.roles import Role
from shared_apps.networks.models import MeetingNote, Network, NetworkMembership, NetworkPost
from tenants.models import Centre, CentreStatus, Federation

FEDERATION_SLUG = "nfs"
NETWORK_NAME = "Mobilising against loneliness"
FIRST_CENTRE = "midtre-gauldal"
MAX_MEMBERS = 16
TARGET_GROUPS = ["young_adults", "seniors", "immigrant_background"]
# The content is in Norwegian, like the rest of the Norwegian demo centres' data.
THEME = "Ensomhet blant unge voksne og seniorer i små kommuner"
GOAL = (
    "Seksten frivilligsentraler i små kommuner prøver ut og deler måter å nå unge voksne "
    "18–29 år og hjemmeboende seniorer 60+ med innvandrerbakgrunn som bor alene: språkkafé, "
    "turgrupper, besøksvenn og felles måltider. Hver sentral tester minst én ny aktivitet og "
    "forteller hva som virket på nettverkssamlingene."
)
# (author centre slug, or "" for the federation; text), in the order they were written.
POSTS = [
    (
        "",
        "Velkommen til nettverket! Vi starter med en presentasjonsrunde: hvordan ser ensomhet "
        "ut i deres kommune, og hvem synes dere det er vanskeligst å nå?",
    ),
    (
        FIRST_CENTRE,
        "Språkkafeen vår på torsdager har nå fått en turgruppe etterpå. Unge voksne som aldri "
        "kom på kafeen, blir med på turen, og flere blir igjen til kaffen. Vi deler gjerne "
        "invitasjonen vår på enkel norsk, arabisk og tigrinja.",
    ),
    (
        "",
        "Påminnelse: neste nettverkssamling er digital, første tirsdag i neste måned. Ta med "
        "ett eksempel på en ny aktivitet og hva dere lærte av den.",
    ),
]


def _author(*, centre: Centre | None, federation: Federation):
    """A demo account to sign the post: the centre's manager or the federation's admin."""
    if centre is not None:
        membership = (
            CentreMembership.objects.filter(
                centre=centre, role__in=(Role.CENTRE_ADMIN, Role.COORDINATOR)
            )
            .select_related("user")
            .order_by("role", "pk")
            .first()
        )
    else:
        membership = (
            FederationMembership.objects.filter(federation=federation, role=Role.FEDERATION_ADMIN)
            .select_related("user")
            .order_by("pk")
            .first()
        )
    return membership.user if membership else None


def load_networks_demo(*, write=print) -> None:
    """Create (or complete) the demo network of the Norwegian demo federation."""
    federation = Federation.objects.filter(slug=FEDERATION_SLUG).first()
    if federation is None:
        write(f"  no federation {FEDERATION_SLUG!r}: no demo network")
        return
    with transaction.atomic():
        network, created = Network.objects.get_or_create(
            federation=federation,
            name=NETWORK_NAME,
            defaults={
                "theme": THEME,
                "goal": GOAL,
                "target_groups": TARGET_GROUPS,
                "period_start": datetime.date(timezone.localdate().year - 1, 1, 1),
                "period_end": datetime.date(timezone.localdate().year, 12, 31),
                "created_by": _author(centre=None, federation=federation),
            },
        )
        if created:
            write(f"  created network {NETWORK_NAME!r}")

        centres = list(
            Centre.objects.filter(federation=federation)
            .exclude(status=CentreStatus.CLOSED)
            .order_by("name")
        )
        # The demo accounts' centre first, then the others by name.
        centres.sort(key=lambda centre: centre.slug != FIRST_CENTRE)
        members = set(network.memberships.values_list("centre_id", flat=True))
        for centre in centres:
            if len(members) >= MAX_MEMBERS:
                break
            if centre.pk not in members:
                NetworkMembership.objects.create(network=network, centre=centre)
                members.add(centre.pk)
                write(f"  {centre.slug} joined {NETWORK_NAME!r}")
        # The demo's members joined just before the network's period, so its figures count
        # for both years (a member counts from the 1 January after joining: networks.figures).
        started = timezone.make_aware(
            datetime.datetime.combine(
                network.period_start - datetime.timedelta(days=1), datetime.time(12)
            )
        )
        network.memberships.filter(added_at__gt=started).update(added_at=started)

        if not network.posts.exists():
            centre_by_slug = {centre.slug: centre for centre in centres}
            for slug, text in POSTS:
                centre = centre_by_slug.get(slug) if slug else None
                if slug and (centre is None or centre.pk not in members):
                    continue
                NetworkPost.objects.create(
                    network=network,
                    author=_author(centre=centre, federation=federation),
                    centre=centre,
                    federation=None if centre else federation,
                    text=text,
                )
            write(f"  posts in {NETWORK_NAME!r}")

        if not network.meeting_notes.exists():
            MeetingNote.objects.create(
                network=network,
                meeting_date=(network.period_start or timezone.localdate())
                + datetime.timedelta(days=45),
                title="Oppstartssamling",
                text=(
                    "Til stede: medlemssentralene og forbundet.\n\n"
                    "1. Hver sentral fortalte hvem de synes det er vanskeligst å nå. Felles svar: "
                    "unge menn som nylig har flyttet til kommunen, og seniorer som har mistet "
                    "ektefellen.\n"
                    "2. Vi ble enige om at hver sentral prøver minst én ny lavterskelaktivitet "
                    "i vår, og teller deltakere etter målgruppe, slik at nettverkets tall viser "
                    "hvem vi når.\n"
                    "3. Neste samling: digital, om seks uker."
                ),
                author=_author(centre=None, federation=federation),
                centre=None,
                federation=federation,
            )
            write(f"  meeting note in {NETWORK_NAME!r}")
