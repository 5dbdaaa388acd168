"""Keep the host -> centre lookup (tenants.selectors.centre_for_host) true.

Each web process keeps the centres it has served, each with its federation and municipality,
so a change to any Domain, Centre or Federation moves the routing generation, which makes
every process forget them: at once (for this process's next request) and again after the
transaction commits (a request that reads between the write and the commit cannot keep the
old row for long). Bulk `QuerySet.update()` sends no signals; code that changes a centre's
status or name goes through tenants.services, which saves the instance.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenants.models import Centre, Domain, Federation
from tenants.selectors import centre_routing_changed


@receiver(post_save, sender=Domain, dispatch_uid="centre_routing_domain_saved")
@receiver(post_delete, sender=Domain, dispatch_uid="centre_routing_domain_deleted")
@receiver(post_save, sender=Centre, dispatch_uid="centre_routing_centre_saved")
@receiver(post_delete, sender=Centre, dispatch_uid="centre_routing_centre_deleted")
@receiver(post_save, sender=Federation, dispatch_uid="centre_routing_federation_saved")
@receiver(post_delete, sender=Federation, dispatch_uid="centre_routing_federation_deleted")
def _routing_changed(sender, **kwargs) -> None:
    centre_routing_changed()  # now, for this process's next request
    transaction.on_commit(centre_routing_changed)
