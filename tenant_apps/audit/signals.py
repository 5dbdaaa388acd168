"""Signal receivers of the audit log; AuditConfig.ready() connects them."""

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record


def record_sign_in(sender, request, user, **kwargs) -> None:
    """A sign-in on a centre's host goes into that centre's log (the connection is already
    in its schema); sign-ins on the platform host belong to no centre."""
    if request is None or getattr(request, "centre", None) is None:
        return
    audit_record(
        actor=user, action=AuditAction.SIGNED_IN, subject_type="account", subject_id=user.pk
    )
