"""Keep the cached host -> centre lookup (tenants.selectors.centre_for_host) true.

The cached answer is a Centre with its federation and municipality, so a change to any
Domain, Centre or Federation drops the entries of the host names concerned, after the
transaction commits (a rolled-back change leaves nothing to drop, and a request that reads
between the write and the commit cannot put the old row back for long: the entry is dropped
again at commit). Bulk `QuerySet.update()` sends no signals; code that changes a centre's
status or name goes through tenants.services, which saves the instance.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from tenants.models import Centre, Domain, Federation
from tenants.selectors import centre_host_cache_forget


def _forget_on_commit(hostnames) -> None:
    names = sorted(set(hostnames))
    if names:
        centre_host_cache_forget(names)  # now, for this process's next request
        transaction.on_commit(lambda: centre_host_cache_forget(names))


@receiver(pre_save, sender=Domain, dispatch_uid="centre_host_cache_domain_renamed")
def _domain_renamed(sender, instance: Domain, **kwargs) -> None:
    if instance.pk:
        old = Domain.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        if old and old != instance.domain:
            _forget_on_commit([old])


@receiver(post_save, sender=Domain, dispatch_uid="centre_host_cache_domain_saved")
@receiver(post_delete, sender=Domain, dispatch_uid="centre_host_cache_domain_deleted")
def _domain_changed(sender, instance: Domain, **kwargs) -> None:
    _forget_on_commit([instance.domain])


@receiver(post_save, sender=Centre, dispatch_uid="centre_host_cache_centre_saved")
@receiver(post_delete, sender=Centre, dispatch_uid="centre_host_cache_centre_deleted")
def _centre_changed(sender, instance: Centre, **kwargs) -> None:
    _forget_on_commit(Domain.objects.filter(tenant_id=instance.pk).values_list("domain", flat=True))


@receiver(post_save, sender=Federation, dispatch_uid="centre_host_cache_federation_saved")
def _federation_changed(sender, instance: Federation, **kwargs) -> None:
    _forget_on_commit(
        Domain.objects.filter(tenant__federation_id=instance.pk).values_list("domain", flat=True)
    )
