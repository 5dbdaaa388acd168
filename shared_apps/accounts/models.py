"""One account per person, in the shared schema, signing in with an e-mail address.

Personal details beyond the login (phone, skills, consents) live in each centre's
schema, never here.
"""

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.roles import CENTRE_ROLES, FEDERATION_ROLES, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An account needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(_("language"), max_length=5, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        # A new password, by whatever way it came (the reset link, the admin,
        # `changepassword`, set_password() anywhere): Django marks it until it is saved, as
        # it does to tell the password validators. A token stands for a sign-in with the
        # old password, so whoever held one must not keep that way in (tokens.py).
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self, revoked_at__isnull=True).update(
                revoked_at=timezone.now(), revoked_reason=RevokedBecause.PASSWORD_CHANGED
            )
            # A new password starts the sign-in throttle's count again (throttle.py).
            SignInThrottle.objects.filter(email=self.email.lower()).delete()


class CentreMembership(models.Model):
    """A person's role at one centre (manager, coordinator or volunteer)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="centre_memberships")
    centre = models.ForeignKey(
        "tenants.Centre", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=30, choices=[(r.value, r.label) for r in CENTRE_ROLES]
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="one_role_per_centre")
        ]
        verbose_name = _("centre membership")
        verbose_name_plural = _("centre memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.role} @ {self.centre_id}"


class FederationMembership(models.Model):
    """A person's role in a federation's office (administrator or analyst)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="federation_memberships")
    federation = models.ForeignKey(
        "tenants.Federation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=30, choices=[(r.value, r.label) for r in FEDERATION_ROLES]
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "federation"], name="one_role_per_federation")
        ]
        verbose_name = _("federation membership")
        verbose_name_plural = _("federation memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.role} @ {self.federation_id}"


class MunicipalityViewer(models.Model):
    """Read-only insight into one municipality's centres, for a municipality officer."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="municipality_access")
    municipality = models.ForeignKey(
        "tenants.Municipality", on_delete=models.CASCADE, related_name="viewers"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_access_per_municipality"
            )
        ]
        verbose_name = _("municipality viewer")
        verbose_name_plural = _("municipality viewers")

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality_id}"


class RevokedBecause(models.TextChoices):
    """Why an API token stopped working before it expired."""

    OWNER = "owner", _("revoked by you")
    PASSWORD_CHANGED = "password_changed", _("the password was changed")
    TWO_FACTOR_OFF = "two_factor_off", _("two-factor authentication was turned off")
    ROLE_CHANGED = "role_changed", _("your role at the centre changed")
    ROLE_ENDED = "role_ended", _("your role at the centre ended")


def token_expiry_default():
    """A year from now: the lifetime of a token unless another is chosen (tokens.py)."""
    return timezone.now() + timedelta(days=365)


class ApiToken(models.Model):
    """A personal API token for integrations, valid on one centre only.

    Only a SHA-256 hash of the key is stored; the key is shown once, when it is made.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    centre = models.ForeignKey(
        "tenants.Centre", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_prefix = models.CharField(_("starts with"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Chosen when the token is made (tokens.TOKEN_LIFETIMES); refused from this moment on.
    expires_at = models.DateTimeField(_("expires"), default=token_expiry_default)
    # Written at most once a minute (api_auth.LAST_USED_PRECISION), not on every request.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Why it stopped working; empty while in use.
    revoked_reason = models.CharField(
        _("revoked because"), max_length=30, blank=True, choices=RevokedBecause.choices
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class Invitation(models.Model):
    """An e-mailed invitation to take a role; only a hash of the link's token is stored."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    centre = models.ForeignKey(
        "tenants.Centre",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    federation = models.ForeignKey(
        "tenants.Federation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    municipality = models.ForeignKey(
        "tenants.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=5, default="en")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    # A federation appointing a manager of a centre that already has one needs a platform
    # operator's approval (services.invitation_send): until then no link is e-mailed.
    approval_requested_at = models.DateTimeField(_("approval asked"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        centre__isnull=False, federation__isnull=True, municipality__isnull=True
                    )
                    | models.Q(
                        centre__isnull=True, federation__isnull=False, municipality__isnull=True
                    )
                    | models.Q(
                        centre__isnull=True, federation__isnull=True, municipality__isnull=False
                    )
                ),
                name="invitation_to_exactly_one_place",
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} as {self.role}"

    @property
    def awaits_approval(self) -> bool:
        return (
            self.approval_requested_at is not None
            and self.approved_at is None
            and self.refused_at is None
        )


class SignInThrottle(models.Model):
    """Failed sign-ins of one account from any address (throttle.py): after a few, each
    further attempt waits longer. Beside django-axes, which counts per account and address."""

    # The e-mail address as typed, lower-cased: an unknown address is throttled like a known
    # one, so the answer never tells whether an account exists.
    email = models.CharField(max_length=254, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sign-in throttle")
        verbose_name_plural = _("sign-in throttles")

    def __str__(self) -> str:
        return f"{self.email}: {self.failures}"
