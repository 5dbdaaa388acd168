"""`{% load privacy_tags %}`: a personal-data record in the reader's language, and the GDPR
links a manager sees on a volunteer's or participant's page."""

from __future__ import annotations

from django import template
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.access import may_open

register = template.Library()

# The export's keys (English, for programs) as the reader's words, for pages and the PDF.
FIELD_LABELS = {
    "action": _("action"),
    "activity": _("activity"),
    "address": _("address"),
    "age_band": _("age band"),
    "api_tokens": _("API tokens"),
    "area": _("area"),
    "areas": _("areas"),
    "availability": _("availability"),
    "by": _("by"),
    "category": _("category"),
    "changed": _("changed"),
    "closed": _("closed"),
    "code": _("event"),
    "created": _("created"),
    "date": _("date"),
    "date_of_birth": _("date of birth"),
    "email": _("e-mail address"),
    "emailed": _("sent by e-mail"),
    "first_name": _("first name"),
    "follow_up_notes": _("follow-up notes"),
    "from": _("from"),
    "full_name": _("full name"),
    "given_on": _("given on"),
    "has_calendar_feed": _("calendar feed"),
    "help_request": _("help request"),
    "helped_by": _("helped by"),
    "hours": _("hours"),
    "joined": _("joined"),
    "kind": _("kind"),
    "language": _("language"),
    "languages": _("languages"),
    "last_name": _("last name"),
    "last_sign_in": _("last sign-in"),
    "name": _("name"),
    "opened": _("opened"),
    "phone": _("phone"),
    "place": _("place"),
    "purpose": _("purpose"),
    "recorded_by": _("recorded by"),
    "registered": _("registered"),
    "renew_by": _("renew by"),
    "revoked": _("revoked"),
    "role": _("role"),
    "roles": _("roles"),
    "second_factors": _("second factors"),
    "seen_by": _("seen by"),
    "sent_at": _("sent"),
    "seen_on": _("seen on"),
    "signed_on": _("signed on"),
    "since": _("since"),
    "skills": _("skills and interests"),
    "start_date": _("start date"),
    "status": _("status"),
    "target_groups": _("target groups"),
    "text": _("text"),
    "to": _("to"),
    "type": _("type of help"),
    "version": _("version"),
    "volunteer": _("volunteer"),
    "what": _("what"),
    "what_is_needed": _("what is needed"),
    "what_was_done": _("what was done"),
    "when": _("when"),
    "who": _("who"),
    "why_this_volunteer": _("why this volunteer"),
    "withdrawn_on": _("withdrawn on"),
    "written": _("written"),
}


@register.filter
def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ")))


@register.filter
def value_kind(value) -> str:
    """ "records" for a list of records, "list" for a list of words, else "value"."""
    if isinstance(value, list):
        return "records" if value and isinstance(value[0], dict) else "list"
    return "value"


@register.inclusion_tag("privacy/_manager_links.html", takes_context=True)
def personal_data_links(context, kind: str, person_id: int):
    """Export and erase links for a manager (nothing for anyone who may not use them)."""
    request = context["request"]
    export_url = reverse(f"privacy:{kind}_export", args=[person_id])
    erase_url = reverse(f"privacy:{kind}_erase", args=[person_id])
    allowed = may_open(request, resolve(export_url).func)
    return {"allowed": allowed, "export_url": export_url, "erase_url": erase_url}
