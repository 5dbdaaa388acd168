"""What help requests hold about a participant or a volunteer, for export and erasure
(registry: toolkit.personal_data; discovered by tenant_apps.privacy).

A request of an erased participant stays, anonymised: its type, dates and status count in
the statistics; what was needed, the follow-up notes and the reasons for a match go.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest
from toolkit.personal_data import (
    ACCOUNT,
    PARTICIPANT,
    VOLUNTEER,
    Person,
    json_ready,
    register_last_active,
    register_personal_data,
)

ERASED_LABEL = "—"


def help_requests_anonymise(request_ids) -> int:
    """Remove what was needed, the notes and the match reasons of these requests; the rest
    (type, dates, status, who helped) stays for the statistics. Returns how many changed."""
    requests = HelpRequest.objects.filter(pk__in=list(request_ids), anonymised_at__isnull=True)
    ids = list(requests.values_list("pk", flat=True))
    if not ids:
        return 0
    FollowUpNote.objects.filter(help_request_id__in=ids).delete()
    Assignment.objects.filter(help_request_id__in=ids).update(match_reason="", match_reasons=[])
    return HelpRequest.objects.filter(pk__in=ids).update(
        description="", languages=[], anonymised_at=timezone.now()
    )


def _requests_export(person: Person) -> list[dict]:
    requests = (
        HelpRequest.objects.filter(participant_id=person.pk)
        .select_related("request_type")
        .prefetch_related("notes", "assignments__volunteer")
    )
    return [
        json_ready(
            {
                "type": request.request_type.name,
                "what_is_needed": request.description,
                "status": request.get_status_display(),
                "opened": request.opened_at,
                "closed": request.closed_at,
                "helped_by": [
                    {
                        "volunteer": assignment.volunteer.full_name if assignment.volunteer else "",
                        "from": assignment.started_on,
                        "to": assignment.ended_on,
                    }
                    for assignment in request.assignments.all()
                ],
                "follow_up_notes": [
                    {"written": note.created_at, "by": note.author_label, "text": note.text}
                    for note in request.notes.all()
                ],
            }
        )
        for request in requests
    ]


def _requests_erase(person: Person) -> int:
    ids = HelpRequest.objects.filter(participant_id=person.pk).values_list("pk", flat=True)
    return help_requests_anonymise(ids)


def _assignments_export(person: Person) -> list[dict]:
    assignments = Assignment.objects.filter(volunteer_id=person.pk).select_related(
        "help_request__request_type"
    )
    return [
        json_ready(
            {
                "help_request": assignment.help_request_id,
                "type": assignment.help_request.request_type.name,
                "from": assignment.started_on,
                "to": assignment.ended_on,
                "why_this_volunteer": assignment.match_reason_text,
            }
        )
        for assignment in assignments
    ]


def _assignments_erase(person: Person) -> int:
    return Assignment.objects.filter(volunteer_id=person.pk).update(
        match_reason="", match_reasons=[]
    )


def _notes_written_export(person: Person) -> list[dict]:
    notes = FollowUpNote.objects.filter(author_user_id=person.pk)
    return [
        json_ready({"help_request": note.help_request_id, "written": note.created_at})
        for note in notes
    ]


def _notes_written_erase(person: Person) -> int:
    return FollowUpNote.objects.filter(author_user_id=person.pk).update(author_label=ERASED_LABEL)


def last_helped() -> dict[int, datetime.date]:
    """Each volunteer's last day of helping: today while an assignment is running."""
    today = timezone.localdate()
    rows = (
        Assignment.objects.filter(volunteer__isnull=False)
        .values("volunteer_id")
        .annotate(last=Max("ended_on"), running=Max("id", filter=Q(ended_on__isnull=True)))
    )
    return {row["volunteer_id"]: today if row["running"] else row["last"] for row in rows}


register_personal_data(
    kind=PARTICIPANT,
    key="helprequests.requests",
    models=("helprequests.HelpRequest", "helprequests.FollowUpNote"),
    title=_("Help requests"),
    export=_requests_export,
    erase=_requests_erase,
    kept=_(
        "The requests stay without what was needed, notes or reasons: their type, dates and "
        "status count in the statistics."
    ),
    order=500,
)
register_personal_data(
    kind=VOLUNTEER,
    key="helprequests.assignments",
    models=("helprequests.Assignment",),
    title=_("Help given"),
    export=_assignments_export,
    erase=_assignments_erase,
    kept=_("The help given stays, without the name, in the statistics."),
    order=500,
)
register_personal_data(
    kind=ACCOUNT,
    key="helprequests.notes_written",
    title=_("Follow-up notes you wrote"),
    export=_notes_written_export,
    erase=_notes_written_erase,
    kept=_("The notes belong to the participants' requests and stay, without your name."),
)
register_last_active("helprequests.assignments", last_helped)
