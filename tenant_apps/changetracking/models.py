"""A centre's change mark: one row whose version database triggers raise on every write to
the tables statistics count, so the pipeline recomputes only centres that changed.

Triggers rather than Django signals: they also see bulk_create, QuerySet.update(), raw SQL and
cascading deletes, and they run in the writer's transaction, so the pipeline never records a
version whose data it could not yet see.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeMark(models.Model):
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("change mark")
        verbose_name_plural = _("change marks")

    def __str__(self) -> str:
        return str(self.version)
