"""A federation's template of a record of processing activities (behandlingsprotokoll /
fortegnelse). It describes what its centres typically process; it holds no personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessingActivityTemplate(models.Model):
    """One processing activity of a federation's template, in the federation's language."""

    federation = models.ForeignKey(
        "tenants.Federation", on_delete=models.CASCADE, related_name="processing_templates"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("processing activity"), max_length=200)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis"))
    data_subjects = models.TextField(_("categories of people"))
    data_categories = models.TextField(_("categories of personal data"))
    recipients = models.TextField(_("recipients"), blank=True)
    retention = models.TextField(_("how long it is kept"))
    security_measures = models.TextField(_("security measures"), blank=True)

    class Meta:
        ordering = ["federation", "position", "id"]
        verbose_name = _("processing activity template")
        verbose_name_plural = _("processing activity templates")

    def __str__(self) -> str:
        return self.name
