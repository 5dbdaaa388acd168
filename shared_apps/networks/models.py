"""Experience networks (erfaringsnettverk / erfaringsnetværk), in the shared schema.

A federation's network of member centres, and what their staff share in it: posts, meeting
notes and files. Nothing here is about a centre's volunteers or participants; the network's
figures are read from the anonymised statistics, never stored here.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shared_apps.statistics.contracts import TARGET_GROUPS
from shared_apps.statistics.labels import DIMENSION_LABELS
from tenants.models import Centre, Federation

TARGET_GROUP_LABELS = {code: DIMENSION_LABELS[code] for code in TARGET_GROUPS}
TARGET_GROUP_CHOICES = [(code, TARGET_GROUP_LABELS[code]) for code in TARGET_GROUPS]

# The longest post and meeting note: the forms (on both hosts) and the services check them.
MAX_POST_LENGTH = 5000
MAX_NOTE_LENGTH = 20000

# Who wrote something: a centre's staff (with their centre) or the federation's staff.
_ONE_ORGANISATION = Q(centre__isnull=False, federation__isnull=True) | Q(
    centre__isnull=True, federation__isnull=False
)


class Network(models.Model):
    """A federation's group of centres sharing experience on one theme."""

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="networks", verbose_name=_("federation")
    )
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200)
    goal = models.TextField(_("goal"))
    target_groups = ArrayField(
        models.CharField(max_length=30, choices=TARGET_GROUP_CHOICES),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "name"], name="network_name_unique"),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="network_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(target_groups__contained_by=list(TARGET_GROUPS)),
                name="network_target_groups_known",
            ),
        ]
        verbose_name = _("experience network")
        verbose_name_plural = _("experience networks")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class NetworkMembership(models.Model):
    """A centre's membership of a network (only centres of the network's federation)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "centre"], name="network_member_unique")
        ]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")

    def __str__(self) -> str:
        return f"{self.centre_id} in {self.network_id}"


class NetworkPost(models.Model):
    """A message to the network from a centre's or the federation's staff."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, null=True, related_name="+")
    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, null=True, related_name="+"
    )
    text = models.TextField(_("text"), max_length=MAX_POST_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=_ONE_ORGANISATION, name="post_one_author")]
        verbose_name = _("network post")
        verbose_name_plural = _("network posts")

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.network_id}"


class MeetingNote(models.Model):
    """Notes from one of the network's meetings."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meeting_notes")
    meeting_date = models.DateField(_("meeting date"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("notes"), max_length=MAX_NOTE_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, null=True, related_name="+")
    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-meeting_date", "-pk"]
        constraints = [models.CheckConstraint(condition=_ONE_ORGANISATION, name="note_one_author")]
        verbose_name = _("meeting note")
        verbose_name_plural = _("meeting notes")

    def __str__(self) -> str:
        return self.title


def network_file_path(instance: NetworkFile, filename: str) -> str:
    """networks/<network id>/<random name><suffix>: never the uploader's file name, so no
    name can reach outside the network's folder or collide with another."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"networks/{instance.network_id}/{uuid.uuid4().hex}{suffix}"


class NetworkFile(models.Model):
    """A document shared in the network, stored under MEDIA_ROOT and only ever handed out by
    a view that checks the person may see the network (never as a public media URL)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=network_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, null=True, related_name="+")
    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=_ONE_ORGANISATION, name="file_one_author")]
        verbose_name = _("network file")
        verbose_name_plural = _("network files")

    def __str__(self) -> str:
        return self.original_name
