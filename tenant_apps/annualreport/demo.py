"""Demo annual reports: last year's report written and submitted by a few demo centres, and
drafts in two more, so the federation sees every status and the municipality of Midtre
Gauldal has a report and its PDF to read.

A CENTRE_DEMO_STEPS entry after the centre's own demo content (the figures come from it).
Running it again changes nothing: a submitted report is left as it is, and so is a draft.
"""

from __future__ import annotations

from django.utils import timezone

from shared_apps.accounts import facade as accounts
from tenant_apps.annualreport import services
from tenant_apps.annualreport.models import AnnualReport
from tenants.contracts import CentreDemo
from toolkit.actors import StaffActor

SUBMITTED = ("midtre-gauldal", "trondheim", "syddjurs", "naestved")
DRAFTS = ("sor-varanger", "bergen")

NARRATIVE = {
    "nb": {
        "summary": (
            "{centre} er en møteplass og hjelpesentral for hele kommunen. I {year} har "
            "frivillige stilt opp som besøksvenner, sjåfører, kafévertskap og turledere, og "
            "sentralen har koblet folk som vil hjelpe med folk som trenger det.\n\n"
            "Tallene under er hentet rett fra sentralens egne registreringer i Dugnad."
        ),
        "highlights": (
            "Språkkafeen samlet faste deltakere hver uke gjennom hele året.\n"
            "Vi startet en ny turgruppe for seniorer og arrangerte Frivillighetens dag "
            "sammen med lag og foreninger i kommunen."
        ),
        "cooperation": (
            "Kommunen er vår viktigste samarbeidspartner, sammen med biblioteket, "
            "helsestasjonen og lokale lag og foreninger som driver aktiviteter sammen med oss."
        ),
        "plans": (
            "Neste år vil vi nå flere unge voksne, rekruttere flere besøksvenner og prøve ut "
            "digital hjelp for seniorer på biblioteket."
        ),
    },
    "da": {
        "summary": (
            "{centre} er et samlingssted og et knudepunkt for frivilligheden i kommunen. I "
            "{year} har frivillige været besøgsvenner, chauffører, caféværter og gåturledere, "
            "og centret har bragt borgere og foreninger sammen.\n\n"
            "Tallene nedenfor kommer direkte fra centrets egne registreringer i Dugnad."
        ),
        "highlights": (
            "Sprogcaféen samlede faste deltagere hver uge hele året.\n"
            "Vi holdt Frivillighedsmessen og uddelte Frivillighedsprisen til en lokal ildsjæl."
        ),
        "cooperation": (
            "Vi samarbejder tæt med kommunen, biblioteket og de lokale foreninger, som låner "
            "lokaler hos os og laver aktiviteter sammen med os."
        ),
        "plans": (
            "Næste år vil vi styrke indsatsen mod ensomhed blandt unge og ældre og tilbyde "
            "flere foreninger hjælp til IT og kommunikation."
        ),
    },
}


def _manager(centre_id: int) -> StaffActor | None:
    for member in accounts.centre_members(centre_id=centre_id):
        if member.role == "centre_admin":
            return StaffActor(pk=member.user_id, email=member.email, is_staff=True)
    return None


def _write(centre: CentreDemo, year: int) -> None:
    texts = NARRATIVE.get(centre.language, NARRATIVE["nb"])
    services.annual_report_narrative_save(
        centre_id=centre.centre_id,
        year=year,
        summary=texts["summary"].format(centre=centre.name, year=year),
        highlights=texts["highlights"],
        cooperation=texts["cooperation"],
        plans=texts["plans"],
    )


def annual_report_demo(centre: CentreDemo, *, write=print) -> None:
    """Last year's report: submitted in SUBMITTED centres, a draft in DRAFTS."""
    if centre.slug not in SUBMITTED + DRAFTS:
        return
    year = timezone.localdate().year - 1
    report = AnnualReport.objects.filter(year=year).first()
    if report is not None and (report.is_submitted or centre.slug in DRAFTS):
        return
    if report is None:
        _write(centre, year)
    if centre.slug in SUBMITTED:
        services.annual_report_submit(
            centre_id=centre.centre_id,
            year=year,
            actor=_manager(centre.centre_id),
            language=centre.language,
        )
        write(f"  annual report {year} submitted in {centre.slug}")
    else:
        write(f"  annual report {year} drafted in {centre.slug}")
