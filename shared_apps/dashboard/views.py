"""The federation dashboard's pages, on the platform host, for the federation's own staff.

Every page works on one federation the person is a member of (`?federation=<slug>`, else
their first); any other federation is a 404. The exports rebuild the very table the page
shows, from the same parameters, so a file holds the figures on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import FEDERATION_MANAGERS, FEDERATION_STAFF
from shared_apps.dashboard import tables
from shared_apps.dashboard.exports import table_file
from shared_apps.dashboard.forms import HourValueForm
from shared_apps.dashboard.selectors import (
    FederationChoice,
    federation_centres,
    federation_choices,
    years_with_figures,
)
from shared_apps.dashboard.services import hour_value_update
from shared_apps.statistics import selectors as figures
from shared_apps.statistics.labels import key_label
from toolkit.errors import ApplicationError, form_add_error
from toolkit.exports import CSV, EXCEL


@dataclass(frozen=True)
class Scope:
    """The federation a page is about, among those the person works for."""

    choices: list[FederationChoice]
    current: FederationChoice

    @property
    def federation(self):
        return self.current.federation


def _scope(request: HttpRequest, slug: str | None = None) -> Scope:
    choices = federation_choices(user=request.user)
    if not choices:
        raise PermissionDenied
    slug = request.GET.get("federation", "") if slug is None else slug
    if not slug:
        return Scope(choices, choices[0])
    for choice in choices:
        if choice.federation.slug == slug:
            return Scope(choices, choice)
    raise Http404


def _requested_year(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if 1900 <= year <= 2999 else None


@dataclass
class Page:
    """What a page shows: its tables (by slug, for the exports) and the rest of its context."""

    template: str
    context: dict = field(default_factory=dict)
    tables: dict[str, tables.Table] = field(default_factory=dict)
    query: dict = field(default_factory=dict)  # the page's resolved parameters


def _key_choice(request: HttpRequest, keys: tuple[str, ...]) -> str:
    key = request.GET.get("key", "")
    return key if key in keys else keys[0]


def _year_choice(request: HttpRequest, years: tuple[int, ...]) -> int | None:
    year = _requested_year(request)
    if not years:
        return None
    return year if year in years else years[-1]


# --- Pages (each also builds what its exports download) -------------------------------------


def _overview_page(request: HttpRequest, scope: Scope) -> Page:
    result = tables.overview(
        federation=scope.federation,
        year=_requested_year(request),
        hour_value=scope.current.hour_value,
    )
    query = {"federation": scope.federation.slug}
    if result.year is not None:
        query["year"] = result.year
    return Page(
        template="dashboard/home.html",
        context={
            "overview": result,
            "years": result.years,
            "year": result.year,
            "last_run": result.last_run,
            "key_figures": result.tables.get("key-figures"),
            "monthly_hours": result.tables.get("monthly-hours"),
            "monthly_volunteers": result.tables.get("monthly-volunteers"),
            "yearly": result.tables.get("yearly"),
        },
        tables=result.tables,
        query=query,
    )


def _with_years(request, scope, template, build: Callable[[int], tuple[dict, dict]]) -> Page:
    years = years_with_figures(federation_id=scope.federation.pk)
    year = _year_choice(request, years)
    query = {"federation": scope.federation.slug}
    context = {"years": years, "year": year, "last_run": figures.last_run()}
    if year is None:
        return Page(template, context, {}, query)
    query["year"] = year
    extra_context, page_tables = build(year)
    query.update(extra_context.pop("query", {}))
    context.update(extra_context)
    return Page(template, context, page_tables, query)


def _geography_page(request: HttpRequest, scope: Scope, level: str) -> Page:
    key = _key_choice(request, tables.SUMMARY_KEYS)
    county = request.GET.get("county", "")
    try:
        municipality_id = int(request.GET.get("municipality", ""))
    except ValueError:
        municipality_id = None
    if level == tables.MUNICIPALITIES and not county:
        raise Http404
    if level == tables.CENTRES and municipality_id is None:
        raise Http404

    def build(year: int):
        try:
            table, place = tables.geography_table(
                federation=scope.federation,
                key=key,
                year=year,
                level=level,
                county=county,
                municipality_id=municipality_id,
            )
        except tables.NotFound:
            raise Http404 from None
        query = {"key": key}
        if level == tables.MUNICIPALITIES:
            query["county"] = county
        if level == tables.CENTRES:
            query["municipality"] = municipality_id
        return {
            "breadcrumbs": _breadcrumbs(scope, key, year, level, place),
            "query": query,
            "key": key,
            "keys": _key_options(tables.SUMMARY_KEYS),
            "place": place,
            "level": level,
            "table": table,
        }, {level: table}

    return _with_years(request, scope, "dashboard/breakdown.html", build)


def _breadcrumbs(scope: Scope, key: str, year: int, level: str, place) -> list[dict]:
    if level == tables.REGIONS:
        return []
    query = {"federation": scope.federation.slug, "key": key, "year": year}
    crumbs = [
        {
            "label": _("All counties and regions"),
            "href": f"{reverse('dashboard:regions')}?{urlencode(query)}",
        }
    ]
    if level == tables.MUNICIPALITIES:
        crumbs.append({"label": place.county, "href": ""})
    else:
        crumbs.append(
            {
                "label": place.county,
                "href": f"{reverse('dashboard:municipalities')}?"
                f"{urlencode({**query, 'county': place.county})}",
            }
        )
        crumbs.append({"label": place.municipality_label, "href": ""})
    return crumbs


def _key_options(keys) -> list[tuple[str, str]]:
    return [(key, key_label(key)) for key in keys]


def _ownership_page(request: HttpRequest, scope: Scope) -> Page:
    key = _key_choice(request, tables.SUMMARY_KEYS)

    def build(year: int):
        table = tables.ownership_table(federation=scope.federation, key=key, year=year)
        return {
            "query": {"key": key},
            "key": key,
            "keys": _key_options(tables.SUMMARY_KEYS),
            "table": table,
        }, {table.slug: table}

    return _with_years(request, scope, "dashboard/breakdown.html", build)


def _dimension_page(request: HttpRequest, scope: Scope, keys: tuple[str, ...]) -> Page:
    key = _key_choice(request, keys)

    def build(year: int):
        table = tables.dimension_table(federation=scope.federation, key=key, year=year)
        return {
            "query": {"key": key},
            "key": key,
            "keys": _key_options(keys),
            "table": table,
        }, {table.slug: table}

    return _with_years(request, scope, "dashboard/breakdown.html", build)


def _comparison_page(request: HttpRequest, scope: Scope) -> Page:
    centres = federation_centres(federation_id=scope.federation.pk)
    try:
        centre_id = int(request.GET.get("centre", ""))
    except ValueError:
        centre_id = None
    if centre_id is not None and centre_id not in {c.id for c in centres}:
        raise Http404

    def build(year: int):
        if centre_id is None:
            return {"centres": centres}, {}
        result = tables.comparison(
            federation=scope.federation,
            centre_id=centre_id,
            year=year,
            hour_value=scope.current.hour_value,
        )
        return {
            "query": {"centre": centre_id},
            "centres": centres,
            "centre_id": centre_id,
            "comparison": result,
            "table": result.table,
        }, {result.table.slug: result.table}

    page = _with_years(request, scope, "dashboard/comparison.html", build)
    page.context.setdefault("centres", centres)
    return page


PAGES: dict[str, Callable[[HttpRequest, Scope], Page]] = {
    "home": _overview_page,
    "regions": lambda request, scope: _geography_page(request, scope, tables.REGIONS),
    "municipalities": lambda request, scope: _geography_page(request, scope, tables.MUNICIPALITIES),
    "centres": lambda request, scope: _geography_page(request, scope, tables.CENTRES),
    "ownership_forms": _ownership_page,
    "categories": lambda request, scope: _dimension_page(request, scope, tables.CATEGORY_KEYS),
    "groups": lambda request, scope: _dimension_page(request, scope, tables.GROUP_KEYS),
    "comparison": _comparison_page,
}
# Which page builds each exportable table.
TABLE_PAGES = {
    "key-figures": "home",
    "monthly-hours": "home",
    "monthly-volunteers": "home",
    "yearly": "home",
    "regions": "regions",
    "municipalities": "municipalities",
    "centres": "centres",
    "ownership-forms": "ownership_forms",
    "categories": "categories",
    "groups": "groups",
    "comparison": "comparison",
}
NAVIGATION = (
    ("home", "dashboard:home"),
    ("regions", "dashboard:regions"),
    ("ownership_forms", "dashboard:ownership_forms"),
    ("categories", "dashboard:categories"),
    ("groups", "dashboard:groups"),
    ("comparison", "dashboard:comparison"),
)


def _navigation(scope: Scope, year: int | None, current: str) -> list[dict]:
    labels = {
        "home": _("Overview"),
        "regions": _("Counties and municipalities"),
        "ownership_forms": _("Ownership forms"),
        "categories": _("Activity categories"),
        "groups": _("Target groups and age"),
        "comparison": _("Compare a centre"),
        "hour_value": _("Value of an hour"),
    }
    query = {"federation": scope.federation.slug}
    if year is not None:
        query["year"] = year
    items = list(NAVIGATION)
    if scope.current.is_admin:
        items.append(("hour_value", "dashboard:hour_value"))
    current = {"municipalities": "regions", "centres": "regions"}.get(current, current)
    return [
        {
            "label": labels[name],
            "href": f"{reverse(url_name)}?{urlencode(query)}",
            "is_current": name == current,
        }
        for name, url_name in items
    ]


def _render_page(request: HttpRequest, name: str) -> HttpResponse:
    scope = _scope(request)
    page = PAGES[name](request, scope)
    context = {
        **page.context,
        "scope": scope,
        "federation": scope.federation,
        "page_name": name,
        "navigation": _navigation(scope, page.context.get("year"), name),
        "export_query": urlencode(page.query),
        "page_query": page.query,
    }
    return render(request, page.template, context)


@allow(FEDERATION_STAFF)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """National totals of a year beside the year before, trends per month and per year."""
    return _render_page(request, "home")


@allow(FEDERATION_STAFF)
@require_safe
def regions(request: HttpRequest) -> HttpResponse:
    """A figure by county or region."""
    return _render_page(request, "regions")


@allow(FEDERATION_STAFF)
@require_safe
def municipalities(request: HttpRequest) -> HttpResponse:
    """A figure by municipality, within one county or region."""
    return _render_page(request, "municipalities")


@allow(FEDERATION_STAFF)
@require_safe
def centres(request: HttpRequest) -> HttpResponse:
    """A figure by centre, within one municipality."""
    return _render_page(request, "centres")


@allow(FEDERATION_STAFF)
@require_safe
def ownership_forms(request: HttpRequest) -> HttpResponse:
    """A figure by the centres' ownership form."""
    return _render_page(request, "ownership_forms")


@allow(FEDERATION_STAFF)
@require_safe
def categories(request: HttpRequest) -> HttpResponse:
    """Hours, activities and sessions by the federation's activity categories."""
    return _render_page(request, "categories")


@allow(FEDERATION_STAFF)
@require_safe
def groups(request: HttpRequest) -> HttpResponse:
    """Participants by target group and age, active volunteers by age."""
    return _render_page(request, "groups")


@allow(FEDERATION_STAFF)
@require_safe
def comparison(request: HttpRequest) -> HttpResponse:
    """One centre's key figures beside the median of similar centres."""
    return _render_page(request, "comparison")


@allow(FEDERATION_STAFF)
@require_safe
def export(request: HttpRequest, table: str, file_format: str) -> HttpResponse:
    """One table of a page as CSV or Excel, with the page's parameters."""
    if table not in TABLE_PAGES or file_format not in (CSV, EXCEL):
        raise Http404
    scope = _scope(request)
    page = PAGES[TABLE_PAGES[table]](request, scope)
    if table not in page.tables:
        raise Http404
    return table_file(page.tables[table], file_format).response()


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "HEAD", "POST"])
def hour_value(request: HttpRequest) -> HttpResponse:
    """What an hour of volunteer work is worth: shown, and changed by the federation's
    administrators."""
    scope = _scope(request, request.POST.get("federation") if request.method == "POST" else None)
    if not scope.current.is_admin:
        raise PermissionDenied
    federation = scope.federation
    status = 200
    if request.method == "POST":
        form = HourValueForm(request.POST, currency=federation.currency)
        if form.is_valid():
            try:
                hour_value_update(
                    federation=federation,
                    hour_value=form.cleaned_data["hour_value"],
                    changed_by=request.user,
                )
            except ApplicationError as error:
                form_add_error(form, error)
            else:
                messages.success(request, _("The value of an hour is saved."))
                query = urlencode({"federation": federation.slug})
                return redirect(f"{reverse('dashboard:hour_value')}?{query}")
        status = 400
    else:
        form = HourValueForm(
            initial={"hour_value": scope.current.hour_value}, currency=federation.currency
        )
    return render(
        request,
        "dashboard/hour_value.html",
        {
            "scope": scope,
            "federation": federation,
            "form": form,
            "page_name": "hour_value",
            "navigation": _navigation(scope, None, "hour_value"),
            "current_value": tables.money_text(scope.current.hour_value, federation.currency),
        },
        status=status,
    )
