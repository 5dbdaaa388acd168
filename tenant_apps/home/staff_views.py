"""The staff pages that write the public site: the profile and opening hours, the centre's
settings (managers), news and pages (coordinators and managers)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MANAGERS, CENTRE_STAFF
from tenant_apps.activities.selectors import centre_today
from tenant_apps.home import selectors, services
from tenant_apps.home.forms import (
    CentreSettingsForm,
    OpeningExceptionForm,
    OpeningHoursForm,
    PostForm,
    ProfileForm,
)
from tenant_apps.home.models import Post
from tenant_apps.home.palette import PALETTE
from tenant_apps.people.selectors import centre_settings
from tenant_apps.people.services.settings import centre_settings_update
from toolkit.errors import ApplicationError, form_add_error


@allow(CENTRE_STAFF)
def site_overview(request):
    """The public site for staff: where its parts are edited, and how to embed its calendar."""
    embed_url = request.build_absolute_uri(reverse("site:calendar_embed"))
    snippet = (
        f'<iframe src="{embed_url}" title="{request.centre.name}" '
        'width="100%" height="600" style="border:0" loading="lazy"></iframe>'
    )
    return render(
        request,
        "home/staff/overview.html",
        {
            "snippet": snippet,
            "feed_url": request.build_absolute_uri(reverse("site:calendar_feed")),
            "site_url": request.build_absolute_uri("/"),
        },
    )


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    """The centre's address, contact, description, activity profiles, logo and colours."""
    profile = selectors.centre_profile()
    initial = {field: getattr(profile, field) for field in services.PROFILE_FIELDS}
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.PROFILE_FIELDS}
        try:
            services.centre_profile_update(data=data)
            if form.cleaned_data["remove_logo"]:
                services.centre_logo_remove()
            elif form.cleaned_data.get("logo"):
                services.centre_logo_set(upload=form.cleaned_data["logo"])
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The centre's profile is saved."))
            return redirect("sitestaff:profile")
    return render(
        request,
        "home/staff/profile.html",
        {"form": form, "profile": profile, "palette": PALETTE},
    )


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def opening_hours(request):
    """Regular and periodic opening hours, and the days that differ."""
    hours_form = OpeningHoursForm(prefix="hours")
    exception_form = OpeningExceptionForm(prefix="exception")
    if request.method == "POST":
        if "hours-weekday" in request.POST:
            hours_form = OpeningHoursForm(request.POST, prefix="hours")
            form, add = hours_form, services.opening_hours_add
        else:
            exception_form = OpeningExceptionForm(request.POST, prefix="exception")
            form, add = exception_form, services.opening_exception_add
        if form.is_valid():
            try:
                add(**form.cleaned_data)
            except ApplicationError as error:
                form_add_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("sitestaff:opening_hours")
    today = centre_today()
    return render(
        request,
        "home/staff/opening_hours.html",
        {
            "hours_form": hours_form,
            "exception_form": exception_form,
            "regular": selectors.opening_hours_regular(),
            "periodic": selectors.opening_hours_periodic(since=today),
            "exceptions": selectors.opening_exceptions(since=today),
        },
    )


@allow(CENTRE_MANAGERS)
@require_POST
def opening_hours_delete(request, hours_id: int):
    services.opening_hours_delete(hours_id=hours_id)
    messages.success(request, _("The opening hours are removed."))
    return redirect("sitestaff:opening_hours")


@allow(CENTRE_MANAGERS)
@require_POST
def opening_exception_delete(request, exception_id: int):
    services.opening_exception_delete(exception_id=exception_id)
    messages.success(request, _("The exception is removed."))
    return redirect("sitestaff:opening_hours")


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    """The centre's own rules: certificate validity, declaration version, reminder time."""
    current = centre_settings()
    form = CentreSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            centre_settings_update(
                actor=request.user,
                data={name: form.cleaned_data[name] for name in CentreSettingsForm.Meta.fields},
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The centre's settings are saved."))
            return redirect("sitestaff:settings")
    return render(request, "home/staff/settings.html", {"form": form})


# --- News and pages -------------------------------------------------------------------------


@allow(CENTRE_STAFF)
def post_list(request):
    """News and pages, drafts and published."""
    return render(request, "home/staff/post_list.html", {"posts": selectors.posts_for_staff()})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def post_create(request, kind: str):
    if kind not in Post.Kind.values:
        kind = Post.Kind.NEWS
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_save(kind=kind, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Saved as a draft: publish it when it is ready."))
            return redirect("sitestaff:post_edit", post_id=post.pk)
    return render(request, "home/staff/post_form.html", {"form": form, "kind": kind, "post": None})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    post = get_object_or_404(Post, pk=post_id)
    initial = {"title": post.title, "summary": post.summary, "body": post.body, "slug": post.slug}
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_save(post=post, kind=post.kind, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("sitestaff:post_edit", post_id=post.pk)
    return render(
        request, "home/staff/post_form.html", {"form": form, "kind": post.kind, "post": post}
    )


@allow(CENTRE_STAFF)
@require_POST
def post_publish(request, post_id: int):
    post = services.post_publish(post=get_object_or_404(Post, pk=post_id))
    messages.success(request, _("“%(title)s” is on the public site.") % {"title": post.title})
    return redirect("sitestaff:posts")


@allow(CENTRE_STAFF)
@require_POST
def post_unpublish(request, post_id: int):
    post = services.post_unpublish(post=get_object_or_404(Post, pk=post_id))
    messages.success(
        request,
        _("“%(title)s” is off the public site; it is kept as a draft.") % {"title": post.title},
    )
    return redirect("sitestaff:posts")


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def post_delete(request, post_id: int):
    """Delete a news item or page, after asking."""
    post = get_object_or_404(Post, pk=post_id)
    if request.method == "POST":
        services.post_delete(post=post)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": post.title})
        return redirect("sitestaff:posts")
    return render(request, "home/staff/post_delete.html", {"post": post})
