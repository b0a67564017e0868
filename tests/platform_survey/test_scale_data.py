"""The synthetic scale-data generator creates what it says and removes it again."""

import io

import pytest
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy, StackEntry
from catalog.models import Assessment, Technology
from decisions.models import Evaluation

pytestmark = pytest.mark.django_db


def test_generates_technologies_with_full_assessments_case_studies_and_evaluations():
    before = Technology.objects.count()

    call_command(
        "generate_scale_data",
        technologies=30,
        case_studies=4,
        evaluations=7,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    scale = Technology.objects.filter(slug__startswith="scale-")
    assert scale.count() == 30
    assert Technology.objects.count() == before + 30
    for technology in scale.prefetch_related("categories__capabilities"):
        capabilities = {c.pk for category in technology.categories.all() for c in category.capabilities.all()}
        assert (
            set(Assessment.objects.filter(technology=technology).values_list("capability", flat=True)) == capabilities
        )
    assert CaseStudy.objects.filter(slug__startswith="scale-").count() == 4
    assert StackEntry.objects.filter(stage__case_study__slug__startswith="scale-").count() == 4 * 2 * 6
    assert Evaluation.objects.filter(title__startswith="scale-").count() == 7


def test_refuses_to_generate_twice_and_deletes_cleanly():
    call_command(
        "generate_scale_data", technologies=5, case_studies=1, evaluations=1, stdout=io.StringIO(), stderr=io.StringIO()
    )
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_scale_data", technologies=5, case_studies=1, evaluations=1, stdout=io.StringIO())

    call_command("generate_scale_data", delete=True, stdout=io.StringIO())

    assert not Technology.objects.filter(slug__startswith="scale-").exists()
    assert not CaseStudy.objects.filter(slug__startswith="scale-").exists()
    assert not Evaluation.objects.filter(title__startswith="scale-").exists()
