from django.core.paginator import Paginator
from django.shortcuts import render

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MANAGERS
from tenant_apps.audit.forms import AuditFilterForm
from tenant_apps.audit.selectors import audit_actors, audit_events

PAGE_SIZE = 50


@allow(CENTRE_MANAGERS)
def audit_list(request):
    """The centre's audit log, newest first, for its managers only."""
    form = AuditFilterForm(request.GET or None, actors=audit_actors())
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(action=filters.get("action", ""), actor_user_id=filters.get("person"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {"form": form, "page": page, "filter_query": query.urlencode()},
    )
