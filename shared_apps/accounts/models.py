"""One account per person, in the shared schema, signing in with an e-mail address.

Personal details beyond the login (phone, skills, consents) live in each centre's
schema, never here.
"""

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
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

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
