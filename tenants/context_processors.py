from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from tenants.models import CentreStatus


def current_centre(request):
    """Make the centre of this host (or None on the platform host) available to templates."""
    return {"centre": getattr(request, "centre", None)}


def centre_notice(request):
    """`centre_notice` on a centre's host: what base.html shows about the centre's status
    (read-only and closed to everyone signed in; trial and payment due to its managers)."""
    centre = getattr(request, "centre", None) if request is not None else None
    if centre is None or centre.status == CentreStatus.ACTIVE:
        return {}
    return {"centre_notice": SimpleLazyObject(lambda: _notice(request, centre) or {})}


def _notice(request, centre) -> dict | None:
    from shared_apps.accounts.access import roles_for
    from shared_apps.accounts.roles import Role

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    is_manager = Role.CENTRE_ADMIN in roles_for(user, request)
    notice = {"status": centre.status, "is_manager": is_manager}
    if centre.status in (CentreStatus.READ_ONLY, CentreStatus.CLOSED):
        notice["retention_until"] = centre.retention_until
        return notice
    if not is_manager:
        return None
    if centre.status == CentreStatus.TRIAL:
        if centre.trial_ends_on is None:
            return None
        notice["days_left"] = max((centre.trial_ends_on - timezone.localdate()).days, 0)
        notice["trial_ends_on"] = centre.trial_ends_on
        return notice
    if centre.status == CentreStatus.PAST_DUE:
        return notice
    return None
