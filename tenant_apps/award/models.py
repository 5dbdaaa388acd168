"""The centre's volunteer award (Frivillighedsprisen, ildsjelprisen): rounds open for
nominations between two dates, the nominations the public sends, the shortlist and the
winner, who is published on the centre's site only with their recorded consent."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AwardRound(models.Model):
    """One year's (or season's) award: nominations are taken from `opens_on` to `closes_on`."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("nominations open"))
    closes_on = models.DateField(_("nominations close"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="award_round_closes_after_opening",
            )
        ]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")

    def __str__(self) -> str:
        return self.title


class Nomination(models.Model):
    """Someone nominated by a member of the public. Only staff read it; what the public site
    shows of a winner is what staff wrote for publication, after the winner agreed."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        WINNER = "winner", _("Winner")

    award_round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="nominations"
    )
    nominee_name = models.CharField(_("nominee"), max_length=200)
    nominee_contact = models.CharField(_("how to reach the nominee"), max_length=200, blank=True)
    reason = models.TextField(_("why they deserve the award"))
    nominator_name = models.CharField(_("nominated by"), max_length=200)
    nominator_email = models.EmailField(_("nominator's e-mail address"))
    nominator_phone = models.CharField(_("nominator's phone"), max_length=30, blank=True)
    # The language the nominator used: their confirmation is written in it.
    language = models.CharField(max_length=8)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    # Publication of a winner: the date they agreed, and what staff wrote for the site.
    winner_consent_on = models.DateField(_("the winner agreed to publication on"), null=True)
    public_name = models.CharField(_("name shown on the site"), max_length=200, blank=True)
    citation = models.TextField(_("text shown on the site"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_round"],
                condition=Q(status="winner"),
                name="one_winner_per_award_round",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(status="winner", winner_consent_on__isnull=False),
                name="only_a_consenting_winner_is_published",
            ),
        ]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return f"{self.award_round_id}: {self.pk} ({self.status})"
