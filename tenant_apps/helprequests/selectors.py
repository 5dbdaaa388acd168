"""Reading help requests, their assignments and request types in the current centre's schema.

`suggested_volunteers` (the ranked matches) lives in `matching.py` and is re-exported here.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tenant_apps.helprequests.matching import Suggestion, suggested_volunteers
from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest, RequestType
from tenant_apps.people.models import Volunteer

__all__ = [
    "Suggestion",
    "assignable_volunteers",
    "current_assignment",
    "help_request_detail",
    "help_request_list",
    "help_request_notes",
    "help_requests_assigned_to",
    "request_types",
    "suggested_volunteers",
    "volunteer_by_id",
]


def _current_assignments() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(ended_on__isnull=True).select_related("volunteer"),
        to_attr="current_assignments",
    )


def help_request_list(
    *,
    status: str = "",
    request_type: RequestType | int | None = None,
    area: object | None = None,
    source: str = "",
) -> QuerySet[HelpRequest]:
    """Help requests, newest first, optionally filtered; each with its current assignment
    in `current_assignments` (a list of at most one)."""
    requests = HelpRequest.objects.select_related("participant", "request_type", "area")
    if status:
        requests = requests.filter(status=status)
    if request_type is not None:
        requests = requests.filter(request_type=request_type)
    if area is not None:
        requests = requests.filter(area=area)
    if source:
        requests = requests.filter(source=source)
    return requests.prefetch_related(_current_assignments()).order_by("-opened_at", "-id")


def help_request_detail(help_request_id: int) -> HelpRequest:
    """One request with its participant, type, area and every assignment (newest first).

    Raises HelpRequest.DoesNotExist."""
    return (
        HelpRequest.objects.select_related(
            "participant", "participant__area", "request_type", "area"
        )
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("volunteer").order_by(
                    "-started_on", "-id"
                ),
            ),
        )
        .get(pk=help_request_id)
    )


def current_assignment(help_request: HelpRequest) -> Assignment | None:
    """Who helps with the request now (with the volunteer), or None."""
    return (
        Assignment.objects.select_related("volunteer")
        .filter(help_request=help_request, ended_on__isnull=True)
        .first()
    )


def volunteer_by_id(volunteer_id: int) -> Volunteer | None:
    """The volunteer with this id, or None (a form's choice may be gone since)."""
    return Volunteer.objects.filter(pk=volunteer_id).first()


def help_request_notes(help_request: HelpRequest) -> QuerySet[FollowUpNote]:
    """The follow-up notes of a request, newest first (coordinators and managers only)."""
    return FollowUpNote.objects.filter(help_request=help_request).order_by("-created_at", "-id")


def help_requests_assigned_to(volunteer: Volunteer) -> QuerySet[HelpRequest]:
    """The open requests that `volunteer` is assigned to now."""
    return (
        HelpRequest.objects.filter(
            ~Q(status=HelpRequest.Status.CLOSED),
            assignments__volunteer=volunteer,
            assignments__ended_on__isnull=True,
        )
        .select_related("participant", "participant__area", "request_type", "area")
        .order_by("-opened_at", "-id")
        .distinct()
    )


def assignable_volunteers() -> QuerySet[Volunteer]:
    """Active volunteers, by name: whom a coordinator may pick by hand."""
    return Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).order_by(
        "last_name", "first_name", "id"
    )


def request_types(*, include_unused: bool = False) -> QuerySet[RequestType]:
    """The centre's request types in display order (only those in use unless asked)."""
    types = RequestType.objects.order_by("position", "name", "id")
    return types if include_unused else types.filter(is_active=True)
