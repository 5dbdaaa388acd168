"""The centre's directory of local associations (lag og foreninger / Den sociale vejviser),
its member associations and the accounts that keep an association's entry up to date."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.models import TargetGroup


class Category(models.TextChoices):
    """What an association works with (a closed list: stored as codes, shown as words)."""

    SOCIAL = "social", _("Social and humanitarian work")
    HEALTH = "health", _("Health and patient associations")
    SELF_HELP = "self_help", _("Self-help and support groups")
    SPORT_OUTDOORS = "sport_outdoors", _("Sport and outdoor life")
    CULTURE = "culture", _("Culture, music and hobbies")
    CHILDREN_YOUTH = "children_youth", _("Children and young people")
    SENIORS = "seniors", _("Seniors")
    INTEGRATION = "integration", _("Integration and international work")
    LOCAL_COMMUNITY = "local_community", _("Local community and residents")
    NATURE = "nature", _("Nature and environment")
    FAITH = "faith", _("Faith and philosophy of life")
    OTHER = "other", _("Other")


class Association(models.Model):
    """A local association in the centre's directory; shown publicly only when approved and
    public."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=200)
    # Digits only (Norwegian organisasjonsnummer: 9, Danish CVR: 8), checked by python-stdnum.
    organisation_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    categories = ArrayField(
        models.CharField(max_length=30, choices=Category.choices),
        verbose_name=_("categories"),
        default=list,
        blank=True,
    )
    target_groups = ArrayField(
        models.CharField(max_length=30, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address or meeting place"), max_length=300, blank=True)
    is_public = models.BooleanField(_("shown in the public directory"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # A member association of the centre (e.g. may borrow rooms): since when, and its
    # contact person for the membership.
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_contact_name = models.CharField(
        _("contact person for the membership"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~models.Q(organisation_number=""),
                name="association_organisation_number_unique",
            ),
        ]
        indexes = [models.Index(Lower("name"), name="association_name_lower")]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_listed(self) -> bool:
        """Whether a visitor of the public site may see it."""
        return self.is_public and self.status == self.Status.APPROVED

    @property
    def is_member(self) -> bool:
        return self.member_since is not None

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels[code]) for code in self.categories if code in labels]

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[code]) for code in self.target_groups if code in labels]


class AssociationContact(models.Model):
    """An account that keeps an association's entry up to date (role: association contact).

    Invited by e-mail; `user_id` (an account in the shared schema, no foreign key across
    schemas) is filled in the first time the invited person opens their association's page.
    """

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="contacts")
    email = models.EmailField(_("e-mail address"))
    user_id = models.BigIntegerField(_("account"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["association", "email"]
        constraints = [
            models.UniqueConstraint(
                "association", Lower("email"), name="association_contact_unique_email"
            ),
        ]
        verbose_name = _("association contact")
        verbose_name_plural = _("association contacts")

    def __str__(self) -> str:
        return self.email
