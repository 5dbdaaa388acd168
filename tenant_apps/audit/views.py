from django.shortcuts import render

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MANAGERS
from tenant_apps.audit.forms import AuditFilterForm
from tenant_apps.audit.selectors import audit_actors, audit_events
from toolkit.pagination import paginate

PAGE_SIZE = 50


@allow(CENTRE_MANAGERS)
def audit_list(request):
    """The centre's audit log, newest first, for its managers only."""
    form = AuditFilterForm(request.GET or None, actors=audit_actors())
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(action=filters.get("action", ""), actor_user_id=filters.get("person"))
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": paginate(request, events, per_page=PAGE_SIZE),
            "is_filtered": any(key != "page" for key in request.GET),
        },
    )
