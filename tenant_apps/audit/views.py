from functools import cache

from django.shortcuts import render
from django.urls import NoReverseMatch, resolve, reverse

from shared_apps.accounts.access import allow, may_open
from shared_apps.accounts.roles import CENTRE_MANAGERS
from tenant_apps.audit.forms import AuditFilterForm
from tenant_apps.audit.selectors import audit_actors, audit_entries, audit_events
from toolkit.pagination import paginate

PAGE_SIZE = 50


@allow(CENTRE_MANAGERS)
def audit_list(request):
    """The centre's audit log, newest first, for its managers only."""
    form = AuditFilterForm(request.GET or None, actors=audit_actors())
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(action=filters.get("action", ""), actor_user_id=filters.get("person"))
    page = paginate(request, events, per_page=PAGE_SIZE)

    @cache
    def reader_may_open(view_name: str) -> bool:
        # The policy guarding the subject's page decides, once per kind of page.
        try:
            view = resolve(reverse(view_name, args=[0])).func
        except NoReverseMatch:
            return False
        return may_open(request, view)

    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "entries": audit_entries(page.object_list, may_open=reader_may_open),
            "is_filtered": any(key != "page" for key in request.GET),
        },
    )
