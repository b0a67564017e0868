"""GET forms for the case-study pages (lenient, like the catalog's: see catalog/forms.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_lazy as _

from catalog.forms import LenientChoiceField, LenientForm, LenientMultipleChoiceField
from catalog.models import Industry, Technology

from .models import CaseStudy, Scale


class CaseStudyFilterForm(LenientForm):
    technology = LenientChoiceField(label=_("Uses technology"), required=False)
    industry = LenientMultipleChoiceField(label=_("Industry"), choices=Industry.choices, required=False)
    scale = LenientMultipleChoiceField(label=_("Scale"), choices=Scale.choices, required=False)
    coverage = LenientMultipleChoiceField(
        label=_("Coverage in the survey"), choices=CaseStudy.Coverage.choices, required=False
    )

    def __init__(self, data: Mapping | None, *, technologies: Iterable[Technology]) -> None:
        super().__init__(data)
        self.fields["technology"].choices = [("", _("Any technology"))] + [
            (t.slug, str(t.name_local)) for t in technologies
        ]

    def filters(self) -> dict:
        """The kept values as ``CaseStudyFilter`` parameters."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("technology", "industry", "scale", "coverage")}


class AdoptionForm(LenientForm):
    """Which stages the adoption matrix reads, and which layer it shows."""

    STAGES = (("latest", _("Current stage only")), ("any", _("Any stage")))

    stages = LenientChoiceField(label=_("Stages"), choices=STAGES, required=False)
    layer = LenientChoiceField(label=_("Layer"), required=False)

    def __init__(self, data: Mapping | None, *, layers: Iterable) -> None:
        super().__init__(data)
        self.fields["layer"].choices = [("", _("All layers"))] + [(c.slug, str(c.name_local)) for c in layers]
