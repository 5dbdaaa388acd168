"""The audit log of one centre, in that centre's schema: who viewed or changed what, when.

The actor is a shared account, referred to by id (no foreign key across schemas) and by the
e-mail address it had at the time, so the log still reads right after the account changes.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("Viewed")
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    DELETED = "deleted", _("Deleted")
    SIGNED_IN = "signed_in", _("Signed in")
    INVITED = "invited", _("Invited")
    ROLE_CHANGED = "role_changed", _("Changed role")
    REMOVED = "removed", _("Removed")
    TOKEN_CREATED = "token_created", _("Made an API token")
    TOKEN_REVOKED = "token_revoked", _("Revoked an API token")


# How the log page names the kinds of subject it knows; any other kind shows as recorded.
SUBJECT_TYPE_LABELS = {
    "account": _("Account"),
    "member": _("Member"),
    "invitation": _("Invitation"),
    "api_token": _("API token"),
    "volunteer": _("Volunteer"),
    "participant": _("Participant"),
    "consent": _("Consent"),
    "help_request": _("Help request"),
    "certificate_record": _("Police certificate record"),
    "confidentiality_declaration": _("Confidentiality declaration"),
    "hours_export": _("Hours export"),
    "annual_report": _("Annual report"),
}


class AuditEvent(models.Model):
    """One thing a person did with this centre's records. Never holds sensitive content."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    actor_user_id = models.BigIntegerField(_("account id"))
    actor_label = models.CharField(_("who"), max_length=254)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    subject_type = models.CharField(_("what"), max_length=50)
    subject_id = models.CharField(_("which"), max_length=64, blank=True)
    # What happened, as a code with parameters (tenant_apps/audit/messages.py turns them into
    # words in the reader's language). Events from before codes kept an English `summary`.
    code = models.CharField(_("code"), max_length=60, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    summary = models.CharField(_("summary"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["-at"], name="audit_event_at"),
            models.Index(fields=["subject_type", "subject_id"], name="audit_event_subject"),
            models.Index(fields=["actor_user_id", "-at"], name="audit_event_actor"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.subject_type}"

    @property
    def subject_type_label(self) -> str:
        return str(SUBJECT_TYPE_LABELS.get(self.subject_type, self.subject_type))
