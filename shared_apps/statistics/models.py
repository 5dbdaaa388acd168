"""Anonymised figures of the centres, in the shared schema.

Only what `contracts.KEYS` allows is stored: counts and sums per centre, key, dimension
value and month. `tests/test_statistics_allow_list.py` enumerates every field of every
shared model against an allow-list, so a new field that could carry personal data fails CI.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shared_apps.statistics.contracts import KEYS
from shared_apps.statistics.rounding import BASE
from tenants.models import Centre, Federation

# Counts of people are stored rounded (`rounding`): the database refuses anything else.
PEOPLE_KEYS = sorted(key for key, spec in KEYS.items() if spec.is_people_count)
_ROUNDED = ~Q(key__in=PEOPLE_KEYS) | Q(value=0) | Q(value__gte=BASE)


class CentreFigure(models.Model):
    """One figure of one centre for one month (or year: month = 1 January)."""

    # The natural key is the primary key: no id column, no sequence, and one index fewer to
    # maintain for the ≈350,000 rows a full rebuild at 477 centres rewrites.
    pk = models.CompositePrimaryKey("centre", "key", "dimension", "month")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=60)
    dimension = models.CharField(max_length=50, blank=True)
    month = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["key", "month"], name="centre_figure_key_month")]
        constraints = [models.CheckConstraint(condition=_ROUNDED, name="centre_figure_rounded")]
        verbose_name = _("centre figure")
        verbose_name_plural = _("centre figures")

    def __str__(self) -> str:
        return f"{self.centre_id} {self.key}[{self.dimension}] {self.month:%Y-%m}: {self.value}"


class FederationFigure(models.Model):
    """The sum of a figure over a federation's centres, kept current by the pipeline so the
    dashboard's first page reads a few hundred rows instead of every centre's."""

    pk = models.CompositePrimaryKey("federation", "key", "dimension", "month")
    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=60)
    dimension = models.CharField(max_length=50, blank=True)
    month = models.DateField()
    value = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        # No check like CentreFigure's: the rollup's INSERT … ON CONFLICT proposes negative
        # rows when it takes a centre away. Every value is a sum of CentreFigure values.
        verbose_name = _("federation figure")
        verbose_name_plural = _("federation figures")

    def __str__(self) -> str:
        return f"{self.federation_id} {self.key}[{self.dimension}] {self.month:%Y-%m}: {self.value}"


class CentreWatermark(models.Model):
    """How far a centre's figures are computed: the centre's change mark when last read."""

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE, related_name="+")
    source_version = models.BigIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("statistics watermark")
        verbose_name_plural = _("statistics watermarks")

    def __str__(self) -> str:
        return f"{self.centre_id}: {self.source_version}"


class StatisticsRun(models.Model):
    """One run of the pipeline: when, how, and how many centres it recomputed."""

    class Kind(models.TextChoices):
        INCREMENTAL = "incremental", _("Incremental")
        FULL = "full", _("Full rebuild")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    centres_checked = models.PositiveIntegerField(default=0)
    centres_recomputed = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("statistics run")
        verbose_name_plural = _("statistics runs")

    def __str__(self) -> str:
        return f"{self.kind} {self.started_at:%Y-%m-%d %H:%M}"


class PublicActivityListing(models.Model):
    """An activity a centre shows on its public pages, copied for the municipality portal."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=50)
    place = models.CharField(max_length=200, blank=True)
    recurrence = models.CharField(max_length=10)
    first_date = models.DateField()
    last_date = models.DateField(null=True, blank=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    next_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["centre", "next_date", "name"]
        verbose_name = _("public activity")
        verbose_name_plural = _("public activities")

    def __str__(self) -> str:
        return self.name
