"""Catalog pages: home, technology lists and pages, compare, pitfalls, network guide, radar,
search and sources. Thin function views: parse the GET with a form, read with a QuerySet method,
render. A list that htmx updates in place renders only its ``results`` partial for htmx requests."""

from __future__ import annotations

from collections import OrderedDict
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from platform_survey.page_cache import cached_page
from platform_survey.pages import render_page

from . import compare as comparing
from . import filters, network
from . import radar as tech_radar
from .changes import latest_changes
from .evidence import evidence
from .forms import PitfallFilterForm, SearchForm, TechnologyFilterForm
from .models import Capability, Category, Pitfall, Source, Technology, TechnologyRelation
from .search import search as run_search


@require_GET
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "categories": Category.objects.with_counts(),
        "technology_count": Technology.objects.count(),
        "case_study_count": evidence().case_studies().count(),
        "pitfall_count": Pitfall.objects.count(),
        "changes": latest_changes(),
    }
    return render(request, "catalog/home.html", context)


TECHNOLOGIES_PER_PAGE = 50


def _technology_list(request: HttpRequest, category: Category | None) -> HttpResponse:
    base = Technology.objects.all() if category is None else Technology.objects.filter(categories=category)
    capabilities = Capability.objects.select_related("category")
    categories = None
    if category is None:
        categories = list(Category.objects.all())
    else:
        capabilities = capabilities.filter(category=category)
    form = TechnologyFilterForm(
        request.GET or None,
        capabilities=capabilities,
        categories=categories,
    )
    layer = category
    if category is None and form.is_bound and form.is_valid() and form.cleaned_data["layer"]:
        layer = next(c for c in categories if c.slug == form.cleaned_data["layer"])
    # Each facet counts what it would list with the other filters kept (4 queries, one per facet).
    form.count_facets(base, layer=layer if category is None else None)
    params = {**form.filters(), "category": layer.slug if layer else ""}
    technologies = filters.apply(filters.TechnologyFilter, Technology.objects.all(), params).for_list()
    # Pages keep a layer with thousands of technologies as quick as one with ten.
    page = Paginator(technologies, TECHNOLOGIES_PER_PAGE).get_page(request.GET.get("page"))
    other_params = request.GET.copy()
    other_params.pop("page", None)
    context = {
        "category": category,
        "form": form,
        "technologies": page.object_list,
        "page_obj": page,
        "total": page.paginator.count,
        "page_query": other_params.urlencode(),
        "ignored": form.ignored(),
        "filtered": form.is_filtered(),
    }
    return render_page(request, "catalog/technology_list.html", context)


@require_GET
@cached_page
def technology_list(request: HttpRequest) -> HttpResponse:
    return _technology_list(request, None)


@require_GET
@cached_page
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    return _technology_list(request, category)


@require_GET
@cached_page
def technology_detail(request: HttpRequest, slug: str) -> HttpResponse:
    technology = get_object_or_404(Technology.objects.for_detail(), slug=slug)
    categories = list(technology.categories.all())
    assessments = {a.capability_id: a for a in technology.assessments.all()}
    capability_tables = [
        (category, [(capability, assessments.pop(capability.pk, None)) for capability in category.capabilities.all()])
        for category in categories
    ]
    other_assessments = sorted(assessments.values(), key=lambda a: (a.capability.category_id, a.capability.order))

    used_by: OrderedDict = OrderedDict()
    for entry in technology.stack_entries.all():
        used_by.setdefault(entry.stage.case_study, []).append(entry)

    relations = _relations(technology)
    compare_with = (
        Technology.objects.filter(categories__in=categories).exclude(pk=technology.pk).distinct().for_picker()
        if categories
        else Technology.objects.none()
    )
    context = {
        "technology": technology,
        "categories": categories,
        "capability_tables": capability_tables,
        "other_assessments": other_assessments,
        "used_by": used_by,
        "relations": relations,
        "compare_with": compare_with,
        "sources": _sources_cited(technology),
    }
    return render(request, "catalog/technology_detail.html", context)


# Where a relation goes on the technology page: read from this technology (relations out) or from
# the other one (relations in). "Alternative" and "works with" read the same both ways.
RELATION_LISTS = {
    TechnologyRelation.Kind.ALTERNATIVE: ("alternatives", "alternatives"),
    TechnologyRelation.Kind.REQUIRES: ("requires", "required_by"),
    TechnologyRelation.Kind.INTEGRATES_WITH: ("integrates_with", "integrates_with"),
    TechnologyRelation.Kind.PROVIDES: ("provides", "provided_by"),
}


def _relations(technology: Technology) -> dict[str, list]:
    """Alternatives read both ways; requires / required by; provides / provided by; works with (both ways)."""
    relations: dict[str, list] = {key: [] for pair in RELATION_LISTS.values() for key in pair}
    seen: set[tuple[str, int]] = set()
    directions = (
        (technology.relations_out.all(), 0, "to_technology"),
        (technology.relations_in.all(), 1, "from_technology"),
    )
    for found, direction, other_end in directions:
        for relation in found:
            key, other = RELATION_LISTS[relation.kind][direction], getattr(relation, other_end)
            if (key, other.pk) not in seen:
                seen.add((key, other.pk))
                relations[key].append((other, relation))
    return relations


def _sources_cited(technology: Technology) -> list[Source]:
    """Every source the technology page cites, survey sections first."""
    sources: dict[int, Source] = {}
    candidates = [technology.status_source, technology.survey_source]
    candidates += [a.source for a in technology.assessments.all()]
    candidates += [p.source for p in technology.pitfalls.all()]
    for correction in technology.corrections.all():
        candidates += [correction.claim_source, correction.source]
    candidates += [r.source for r in technology.relations_out.all()]
    candidates += [r.source for r in technology.relations_in.all()]
    candidates += list(technology.references.all())
    for source in candidates:
        if source is not None:
            sources.setdefault(source.pk, source)
    return sorted(sources.values(), key=lambda s: (s.kind != "survey", s.slug))


@require_GET
@cached_page
def compare(request: HttpRequest) -> HttpResponse:
    values = request.GET.getlist("technologies")
    slugs = comparing.parse_slugs(values)
    canonical = ",".join(slugs)
    if values and values != [canonical]:
        # The picker sends repeated values; the shareable form is one comma-separated list.
        query = {"technologies": canonical} if canonical else {}
        if request.GET.get("only") == "differences":
            query["only"] = "differences"
        return redirect(reverse("catalog:compare") + ("?" + urlencode(query, safe=",") if query else ""))
    found = list(Technology.objects.for_compare(slugs)) if slugs else []
    selection = comparing.select(slugs, found)
    only_differences = request.GET.get("only") == "differences"
    groups = comparing.matrix(selection.technologies) if selection.comparable else []
    if only_differences:
        groups = [
            comparing.Group(group.category, [row for row in group.rows if row.differs])
            for group in groups
            if group.difference_count
        ]
    picker_slots = selection.requested[: comparing.MAX_COMPARE] if selection.comparable else selection.requested
    slots = [*picker_slots, *[""] * max(0, comparing.MAX_COMPARE - len(picker_slots))]
    context = {
        "selection": selection,
        "groups": groups,
        "only_differences": only_differences,
        "difference_count": sum(g.difference_count for g in groups),
        "picker": _picker_groups(Technology.objects.for_picker()),
        "slots": slots,
        "max_compare": comparing.MAX_COMPARE,
        "share_query": urlencode({"technologies": ",".join(t.slug for t in selection.technologies)}, safe=","),
        "suggestions": _suggestions() if not slugs else [],
    }
    return render(request, "catalog/compare.html", context)


def _suggestions() -> list[TechnologyRelation]:
    """A few pairs the catalog calls alternatives, offered on an empty compare page."""
    return list(
        TechnologyRelation.objects.filter(kind="alternative")
        .select_related("from_technology", "to_technology")
        .order_by("from_technology__name", "to_technology__name")[:8]
    )


def _picker_groups(technologies) -> list[tuple[Category, list[Technology]]]:
    """Technologies grouped by their first layer, for the picker's <optgroup>s."""
    groups: dict[int, tuple[Category, list[Technology]]] = {}
    for technology in technologies:
        layers = sorted(technology.categories.all(), key=lambda c: (c.order, c.slug))
        if layers:
            groups.setdefault(layers[0].pk, (layers[0], []))[1].append(technology)
    return sorted(groups.values(), key=lambda group: (group[0].order, group[0].slug))


@require_GET
@cached_page
def pitfall_list(request: HttpRequest) -> HttpResponse:
    categories = list(Category.objects.filter(pitfalls__isnull=False).distinct())
    technologies = list(
        Technology.objects.filter(pitfalls__isnull=False).distinct().only("slug", "name", "name_zh").order_by("name")
    )
    form = PitfallFilterForm(request.GET or None, categories=categories, technologies=technologies)
    pitfalls = filters.apply(filters.PitfallFilter, Pitfall.objects.all(), form.filters()).for_list()
    context = {"form": form, "pitfalls": pitfalls, "ignored": form.ignored(), "filtered": form.is_filtered()}
    return render_page(request, "catalog/pitfall_list.html", context)


@require_GET
@cached_page
def pitfall_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pitfall = get_object_or_404(Pitfall.objects.for_detail(), slug=slug)
    return render(request, "catalog/pitfall_detail.html", {"pitfall": pitfall})


@require_GET
@cached_page
def network_guide(request: HttpRequest) -> HttpResponse:
    reports = [(report, network.bars(report), network.has_values(report)) for report in network.reports()]
    context = {"approaches": network.approaches(), "camps": network.camps(), "reports": reports}
    return render(request, "catalog/network_guide.html", context)


@require_GET
@cached_page
def radar(request: HttpRequest) -> HttpResponse:
    rows = (
        evidence().stack_entries().values_list("technology_id", "stage__case_study_id", "stage__order", "latest_order")
    )
    blips = tech_radar.place(Technology.objects.for_radar(), tech_radar.adoption_counts(rows))
    by_ring = {ring: [b for b in blips if b.ring == ring] for ring in tech_radar.RINGS}
    context = {
        "blips": blips,
        "rings": tech_radar.rings(),
        "by_ring": [(ring, by_ring[ring.key]) for ring in tech_radar.rings()],
        "quadrants": tech_radar.quadrant_labels(),
        "size": tech_radar.SIZE,
        "center": tech_radar.CENTER,
        "blip_radius": tech_radar.BLIP_RADIUS,
    }
    return render(request, "catalog/radar.html", context)


@require_GET
@cached_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    results = run_search(query) if query else None
    return render(request, "catalog/search.html", {"form": form, "query": query, "results": results})


@require_GET
@cached_page
def source_list(request: HttpRequest) -> HttpResponse:
    sources = list(Source.objects.order_by("slug"))
    context = {
        "survey_sources": [s for s in sources if s.kind == Source.Kind.SURVEY],
        "external_sources": sorted(
            (s for s in sources if s.kind != Source.Kind.SURVEY), key=lambda s: (str(s.title_local).lower(), s.slug)
        ),
    }
    return render(request, "catalog/source_list.html", context)
