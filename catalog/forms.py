"""GET forms that parse the catalog pages' filters.

Filters come from URLs people share, bookmark and edit by hand, so a bad value never fails the
page: the lenient fields keep the values they understand, and ``ignored()`` lists the rest so the
page can say what it left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .choices import Level, Severity
from .filters import TechnologyFilter, apply
from .models import Capability, Category, Technology

FACET_FIELDS = ("status", "kind", "language", "license_family")


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """A multiple choice that drops unknown values instead of rejecting the whole field."""

    widget = forms.CheckboxSelectMultiple

    def validate(self, value: list[str]) -> None:
        return None  # unknown values were dropped in clean(); "none chosen" means "any"

    def clean(self, value: object) -> list[str]:
        return [item for item in self.to_python(value) if self.valid_value(item)]


class LenientChoiceField(forms.ChoiceField):
    """A single choice where an unknown value counts as no choice."""

    def validate(self, value: str) -> None:
        return None

    def clean(self, value: object) -> str:
        value = self.to_python(value)
        return value if value and self.valid_value(value) else ""


class LenientForm(forms.Form):
    """A GET filter form whose fields never fail; ``ignored()`` names the values it dropped."""

    def ignored(self) -> list[tuple[str, str]]:
        """``[(field label, raw value)]`` for every submitted value the form did not understand."""
        if not self.is_bound or not self.is_valid():
            return []
        dropped = []
        for name, field in self.fields.items():
            raw = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
            kept = self.cleaned_data.get(name)
            kept_values = set(kept) if isinstance(kept, list) else {kept}
            dropped += [(str(field.label), value) for value in raw if value and value not in kept_values]
        return dropped

    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


def _facet_count_id(name: str, value: str) -> str:
    return f"facet-count-{name}-{value}"


def _facet_label(name: str, value: str, label: str, count: int):
    """The choice's label and its count, the count in an element an htmx answer can replace."""
    return format_html('{} <span class="facet-count" id="{}">({})</span>', label, _facet_count_id(name, value), count)


def capability_choices(capabilities: Iterable[Capability], grouped: bool) -> list:
    """``capability=<slug>:<level>`` options, grouped by capability (and by layer on the all-layers list)."""
    levels = Level.choices
    options: list = [("", _("Any capability"))]
    for capability in capabilities:
        name = str(capability.name_local)
        group = [(f"{capability.slug}:{value}", f"{name}: {label}") for value, label in levels]
        options.append((f"{capability.category.name_local} · {name}" if grouped else name, group))
    return options


class TechnologyFilterForm(LenientForm):
    """Facet filters for a technology list: ``?status=active&capability=network_policy:yes``."""

    layer = LenientChoiceField(label=_("Layer"), required=False)
    status = LenientMultipleChoiceField(label=_("Status today"), choices=Technology.Status.choices, required=False)
    kind = LenientMultipleChoiceField(label=_("Kind"), choices=Technology.Kind.choices, required=False)
    capability = LenientChoiceField(label=_("Capability level"), required=False)
    language = LenientMultipleChoiceField(
        label=_("Primary language"), choices=Technology.Language.choices, required=False
    )
    license_family = LenientMultipleChoiceField(
        label=_("License"), choices=Technology.LicenseFamily.choices, required=False
    )

    def __init__(
        self,
        data: Mapping | None,
        *,
        capabilities: Iterable[Capability],
        categories: Iterable[Category] | None = None,
    ) -> None:
        super().__init__(data)
        self._facet_labels = {name: list(self.fields[name].choices) for name in FACET_FIELDS}
        capabilities = list(capabilities)
        self.fields["capability"].choices = capability_choices(capabilities, grouped=categories is not None)
        if categories is None:
            del self.fields["layer"]
        else:
            self.fields["layer"].choices = [("", _("All layers"))] + [
                (category.slug, str(category.name_local)) for category in categories
            ]

    def count_facets(self, technologies, *, layer: Category | None = None) -> None:
        """Label each facet's choices with the number of technologies it would list, the other
        filters kept: with 「Kind: in-house」 ticked, 「Status: active」 counts the active in-house
        ones. ``technologies`` is the page's set before any filter (one layer's, or all); ``layer``
        the layer chosen in the all-technologies list's select. Which choices appear stays fixed by
        that set (a choice does not vanish because another filter leaves it none: it shows 0), so
        the checkboxes do not move under the reader while the page updates in place. One query
        per facet: each counts the whole set and the narrowed one together."""
        from django.db.models import Count, Q

        filters = self.filters()
        self.facet_counts: dict[str, dict[str, int]] = {}
        for name in FACET_FIELDS:
            others = {key: value for key, value in filters.items() if key != name and value}
            field = self.fields[name]
            if others or layer is not None:
                narrowed = apply(TechnologyFilter, technologies, {**others, "category": layer.slug if layer else ""})
                narrowed = narrowed.values("pk")
                counted = Count("pk", filter=Q(pk__in=narrowed), distinct=True)
            else:
                counted = Count("pk", distinct=True)
            rows = technologies.order_by().values_list(name).annotate(total=Count("pk", distinct=True), n=counted)
            present = {value: n for value, total, n in rows if total}
            selected = set(self.cleaned_data.get(name, [])) if self.is_bound and self.is_valid() else set()
            self.facet_counts[name] = present
            field.choices = [
                (value, _facet_label(name, value, label, present.get(value, 0)))
                for value, label in self._facet_labels[name]
                if value in present or value in selected
            ]

    @property
    def facet_count_updates(self) -> list[tuple[str, int]]:
        """``[(element id, count)]`` for every facet choice shown: an htmx answer swaps them in."""
        return [
            (_facet_count_id(name, value), count)
            for name, counts in getattr(self, "facet_counts", {}).items()
            for value, count in counts.items()
        ]

    def filters(self) -> dict:
        """The kept values as ``TechnologyFilter`` parameters (the view adds the layer as ``category``)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in (*FACET_FIELDS, "capability")}


class PitfallFilterForm(LenientForm):
    layer = LenientChoiceField(label=_("Layer"), required=False)
    technology = LenientChoiceField(label=_("Technology"), required=False)
    severity = LenientMultipleChoiceField(label=_("Severity"), choices=Severity.choices, required=False)

    def __init__(self, data: Mapping | None, *, categories: Iterable[Category], technologies: Iterable[Technology]):
        super().__init__(data)
        self.fields["layer"].choices = [("", _("All layers"))] + [(c.slug, str(c.name_local)) for c in categories]
        self.fields["technology"].choices = [("", _("All technologies"))] + [
            (t.slug, str(t.name_local)) for t in technologies
        ]
        # Critical first, as the list is ordered.
        self.fields["severity"].choices = list(reversed(Severity.choices))

    def filters(self) -> dict:
        """The kept values as ``PitfallFilter`` parameters."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("layer", "technology", "severity")}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False, strip=True)
