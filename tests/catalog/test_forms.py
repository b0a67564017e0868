"""catalog/forms.py: the lenient GET forms of the catalog pages and their facet counts."""

import pytest
from django.http import QueryDict
from django.utils import translation

from catalog.forms import PitfallFilterForm, TechnologyFilterForm, capability_choices
from catalog.models import Capability, Technology
from tests.factories import CapabilityFactory, CategoryFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def _form(query: str, **kwargs) -> TechnologyFilterForm:
    return TechnologyFilterForm(QueryDict(query), capabilities=Capability.objects.none(), **kwargs)


def test_unknown_values_are_dropped_and_named_while_the_known_ones_are_kept():
    form = _form("status=active&status=zombie&kind=product&language=cobol")

    assert form.is_valid()
    with translation.override("en"):
        ignored = [(str(label), value) for label, value in form.ignored()]
    assert (form.cleaned_data["status"], form.cleaned_data["kind"], form.cleaned_data["language"]) == (
        ["active"],
        ["product"],
        [],
    )
    assert ignored == [
        ("Status today", "zombie"),
        ("Primary language", "cobol"),
    ]


def test_the_filters_are_the_technology_filtersets_parameters():
    form = _form("status=dormant&license_family=copyleft&page=2")

    assert form.filters() == {
        "status": ["dormant"],
        "kind": [],
        "language": [],
        "license_family": ["copyleft"],
        "capability": "",
    }
    assert form.is_filtered()
    assert TechnologyFilterForm(None, capabilities=[]).filters() == {}


def test_each_facet_counts_what_it_would_list_with_the_other_filters_kept():
    layer = CategoryFactory(slug="frm-layer")
    TechnologyFactory(categories=[layer], kind="protocol", status="active")
    TechnologyFactory(categories=[layer], kind="protocol", status="retired")
    TechnologyFactory(categories=[layer], kind="product", status="active")
    TechnologyFactory(categories=[layer], kind="product", status="active")
    form = _form("kind=protocol&status=active")

    form.count_facets(Technology.objects.filter(categories=layer))

    # Status counts the protocol ones (kind kept); kind counts the active ones (status kept).
    assert form.facet_counts["status"] == {"active": 1, "retired": 1}
    assert form.facet_counts["kind"] == {"protocol": 1, "product": 2}
    assert [value for value, _label in form.fields["status"].choices] == ["active", "retired"]


def test_a_choice_absent_from_the_set_is_not_offered_unless_it_was_chosen():
    layer = CategoryFactory(slug="frm-only-active")
    TechnologyFactory(categories=[layer], status="active")
    form = _form("status=deprecated")

    form.count_facets(Technology.objects.filter(categories=layer))

    assert [value for value, _label in form.fields["status"].choices] == ["active", "deprecated"]
    assert form.facet_counts["status"] == {"active": 1}


def test_capability_choices_offer_every_level_and_group_by_layer_on_the_all_layers_list():
    capability = CapabilityFactory(slug="frm_cap", name_en="Frm cap", category=CategoryFactory(name_en="Frm layer"))

    with translation.override("en"):
        [any_option, (group_label, options)] = capability_choices([capability], grouped=True)

    assert any_option[0] == ""
    assert group_label == "Frm layer · Frm cap"
    assert [value for value, _label in options] == ["frm_cap:yes", "frm_cap:partial", "frm_cap:no", "frm_cap:unknown"]


def test_the_pitfall_form_offers_severities_critical_first_and_keeps_only_known_slugs():
    layer = CategoryFactory(slug="frm-pit-layer")
    form = PitfallFilterForm(
        QueryDict("layer=frm-pit-layer&technology=nope&severity=high"), categories=[layer], technologies=[]
    )

    assert [value for value, _label in form.fields["severity"].choices] == ["critical", "high", "medium", "low"]
    assert form.filters() == {"layer": "frm-pit-layer", "technology": "", "severity": ["high"]}
