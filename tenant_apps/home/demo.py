"""Demo content of a centre's public site: its profile, opening hours (regular, a summer
period, a closed day), news and an "about us" page, in the centre's language. Called inside
the centre's schema (a settings.CENTRE_DEMO_STEPS entry); keeps what the centre has."""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction

from tenant_apps.activities.selectors import centre_today
from tenant_apps.home import services
from tenant_apps.home.models import CentreProfile, OpeningHours, Post
from tenants.contracts import CentreDemo

TEXTS = {
    "nb": {
        "description": (
            "{name} er en lokal møteplass åpen for alle. Vi kobler folk som vil gjøre en "
            "innsats med folk og lag som trenger det, og driver aktiviteter for alle aldre."
        ),
        "street": "Kulturhuset, Storgata 12",
        "summer": "Sommertid",
        "closed": "Stengt: personalsamling",
        "draft": "Julemarked (utkast)",
        "news": [
            (
                "Vi søker flere leksehjelpere",
                "Har du en time i uka? Bli med på leksehjelpen.",
                "Leksehjelpen vokser, og vi trenger **flere voksne** som kan hjelpe elever "
                "med lekser mandag ettermiddag.\n\nTa kontakt med oss, så forteller vi mer.",
            ),
            (
                "Sommeråpent i juli",
                "Kortere åpningstider i fellesferien.",
                "I juli har vi åpent tirsdag og torsdag fra 10 til 14. Aktivitetene tar "
                "sommerpause, bortsett fra turgruppa.",
            ),
            (
                "Takk til alle frivillige!",
                "Over 7000 timer ble gitt i fjor.",
                "Tusen takk til alle som har gitt av tiden sin i år. Vi inviterer til "
                "*frivilligfest* i desember.",
            ),
        ],
        "page": (
            "Om oss",
            "Hvem vi er og hva vi gjør.",
            "## Hvem vi er\n\n{name} er en frivilligsentral i kommunen. Vi er et "
            "kontaktpunkt mellom enkeltpersoner, lag, organisasjoner og det offentlige.\n\n"
            "## Hva vi gjør\n\n- Møteplasser og aktiviteter\n- Praktisk hjelp\n"
            "- Formidling av frivillige oppdrag",
        ),
    },
    "da": {
        "description": (
            "{name} er et lokalt mødested for alle. Vi bringer frivillige sammen med "
            "foreninger og borgere, der har brug for en hånd, og driver aktiviteter for alle."
        ),
        "street": "Kulturhuset, Jernbanegade 12",
        "summer": "Sommertid",
        "closed": "Lukket: personaledag",
        "draft": "Julemarked (kladde)",
        "news": [
            (
                "Vi søger flere lektiehjælpere",
                "Har du en time om ugen? Bliv lektiehjælper.",
                "Lektiecaféen vokser, og vi har brug for **flere voksne**, der kan hjælpe "
                "elever med lektier mandag eftermiddag.\n\nKontakt os, så fortæller vi mere.",
            ),
            (
                "Sommeråbent i juli",
                "Kortere åbningstider i sommerferien.",
                "I juli har vi åbent tirsdag og torsdag fra 10 til 14. Aktiviteterne holder "
                "sommerpause, undtagen gågruppen.",
            ),
            (
                "Tak til alle frivillige!",
                "Over 7000 timer blev givet sidste år.",
                "Tusind tak til alle, der har givet af deres tid i år. Vi inviterer til "
                "*frivilligfest* i december.",
            ),
        ],
        "page": (
            "Om os",
            "Hvem vi er, og hvad vi laver.",
            "## Hvem vi er\n\n{name} er et frivilligcenter i kommunen og et kontaktpunkt "
            "mellem borgere, foreninger og kommunen.\n\n## Hvad vi laver\n\n"
            "- Mødesteder og aktiviteter\n- Praktisk hjælp\n- Formidling af frivilligt arbejde",
        ),
    },
}


def public_site_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: the public site's profile, opening hours, news and a page."""
    if CentreProfile.objects.exclude(description="").exists() or Post.objects.exists():
        return
    texts = TEXTS["da" if centre.language == "da" else "nb"]
    today = centre_today()
    slug = centre.slug.replace("-", "")
    with transaction.atomic():
        services.centre_profile_update(
            data={
                "description": texts["description"].format(name=centre.name),
                "street_address": texts["street"],
                "postal_code": "4700" if centre.country == "DK" else "7290",
                "city": "Næstved" if centre.country == "DK" else "Støren",
                "phone": "+45 55 00 00 00" if centre.country == "DK" else "+47 72 00 00 00",
                "email": f"kontakt@{slug}.example",
                "activity_profiles": ["meeting_place", "community_centre"],
                "colours": "forest" if centre.country == "DK" else "fjord",
            }
        )
        if not OpeningHours.objects.exists():
            for weekday in range(4):
                services.opening_hours_add(weekday=weekday, opens=time(9), closes=time(15))
            services.opening_hours_add(weekday=4, opens=time(9), closes=time(12))
            july = today.replace(month=7, day=1)
            if july < today:
                july = july.replace(year=today.year + 1)
            for weekday in (1, 3):
                services.opening_hours_add(
                    weekday=weekday,
                    opens=time(10),
                    closes=time(14),
                    valid_from=july,
                    valid_until=july.replace(day=31),
                    note=texts["summer"],
                )
            closed = today + timedelta(days=(7 - today.weekday()) % 7 + 4)  # a Friday ahead
            services.opening_exception_add(day=closed, is_closed=True, note=texts["closed"])
        for title, summary, body in texts["news"]:
            post = services.post_save(kind=Post.Kind.NEWS, title=title, summary=summary, body=body)
            services.post_publish(post=post)
        title, summary, body = texts["page"]
        page = services.post_save(
            kind=Post.Kind.PAGE, title=title, summary=summary, body=body.format(name=centre.name)
        )
        services.post_publish(post=page)
        # A draft, which only staff see.
        services.post_save(kind=Post.Kind.NEWS, title=texts["draft"], body="…")
    write(f"  public site: profile, opening hours, {len(texts['news'])} news items, 1 page")
