"""The result page reads the decision (decisions/presentation.py): why each pick beat the runner-up,
and what each similar company shares and where it differs."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from casestudies.models import CaseStudy, Scale
from catalog.choices import Importance
from decisions import services
from decisions.models import Evaluation
from decisions.presentation import compare_with_case_studies, lead_over_runner_up

ANSWERS = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["stateless", "databases"],
    "autoscaling": "must",
    "rolling_update": "should",
    "stateful_workloads": "should",
    "network_policy": "must",
    "cross_host_networking": "must",
}


def candidate(slug, rank, points, tied_with=()):
    return {
        "technology": {"slug": slug, "name": slug.title()},
        "rank": rank,
        "score": sum(points.values()) * 10,
        "tied_with": [{"slug": other} for other in tied_with],
        "explanation": [
            {"requirement": key, "name": key.title(), "points": value, "level": "yes" if value >= 3 else "partial"}
            for key, value in points.items()
        ],
    }


def test_the_lead_names_the_requirements_where_the_pick_earned_more_biggest_gap_first():
    unit = {
        "candidates": [
            candidate("alpha", 1, {"a": 3.0, "b": 5.0, "c": 3.0, "d": 3.0, "e": 2.0}),
            candidate("beta", 2, {"a": 1.5, "b": 1.0, "c": 3.0, "d": 2.0, "e": 3.0}),
        ]
    }

    lead = lead_over_runner_up(unit, "alpha")

    assert lead["runner_up"]["slug"] == "beta"
    assert [(line["name"], line["gap"]) for line in lead["lines"]] == [("B", 4.0), ("A", 1.5), ("D", 1.0)]


def test_no_lead_when_the_pick_is_not_first_is_tied_or_alone():
    first, second = candidate("alpha", 1, {"a": 3.0}), candidate("beta", 2, {"a": 1.0})

    assert lead_over_runner_up({"candidates": [first, second]}, "beta") is None
    assert lead_over_runner_up({"candidates": [first]}, "alpha") is None
    tied = candidate("alpha", 1, {"a": 3.0}, tied_with=["beta"])
    assert lead_over_runner_up({"candidates": [tied, second]}, "alpha") is None
    assert lead_over_runner_up({"candidates": [first, candidate("beta", 1, {"a": 3.0})]}, "alpha") is None


@pytest.mark.django_db
def test_similar_companies_show_what_they_share_and_what_their_current_stage_runs_instead():
    _evaluation, result = services.create_and_run(owner=None, title="Similar", answers=ANSWERS)
    output = result.output("en")
    assert output["similar_case_studies"]

    rows = compare_with_case_studies(output)

    assert [row["slug"] for row in rows] == [case["slug"] for case in output["similar_case_studies"]]
    stack = {entry["category"]: {entry["technology"]["slug"]} for entry in output["stack"]}
    for row in rows:
        study = CaseStudy.objects.get(slug=row["slug"])
        current = study.stages.order_by("-order").first()
        for difference in row["differs"]:
            layer = next(c["category"] for c in output["categories"] if c.get("name") == difference["layer"])
            theirs = set(current.stack.filter(layer__slug=layer).values_list("technology__slug", flat=True))
            assert theirs - stack[layer], (row["slug"], difference)
    assert any(row["differs"] for row in rows)
    assert all(row["your_scale_label"] == Scale.H500_5000.label for row in rows)


@pytest.mark.django_db
def test_the_result_page_says_why_the_pick_won_and_how_each_company_differs():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post(reverse("decisions:start"), {"title": "Reads"})
    evaluation = Evaluation.objects.latest("created_at")
    services.save_answers(evaluation, ANSWERS)
    client.post(reverse("decisions:run", args=[evaluation.public_id]))

    html = client.get(reverse("decisions:detail", args=[evaluation.public_id])).content.decode()

    assert "Ahead of" in html
    assert "Shares:" in html
    assert "Differs:" in html
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get(reverse("decisions:detail", args=[evaluation.public_id]))
    text = chinese.content.decode()
    assert "领先" in text
    assert "共用：" in text
    assert "差异：" in text


def _result_stored_before_sensitivity_messages(evaluation):
    """A result stored rendered once per language by an engine whose sensitivity entries held only
    codes (no "message"): one change that would put Nomad first, one layer that no change moves."""
    from decisions import rendering
    from decisions.models import Result
    from decisions.snapshot_builder import build_snapshot

    snap = build_snapshot()
    outputs = {}
    for language in ("en", "zh-hans"):
        output = rendering.evaluate(ANSWERS, snap, language)
        output["sensitivity"] = [
            {
                "category": "orchestration",
                "leader": {"slug": "kubernetes", "name": "Kubernetes"},
                "requirement": "autoscaling",
                "from": "must",
                "to": "could",
                "new_leader": {"slug": "nomad", "name": "Nomad"},
            },
            {
                "category": "network",
                "leader": {"slug": "calico", "name": "Calico"},
                "requirement": None,
                "from": None,
                "to": None,
                "new_leader": None,
            },
        ]
        outputs[language] = output
    return Result.objects.create(
        evaluation=evaluation,
        revision=1,
        catalog_fingerprint=snap.fingerprint,
        questionnaire_version=evaluation.questionnaire.version,
        answers=evaluation.answers,
        output_zh=outputs["zh-hans"],
        output_en=outputs["en"],
    )


def _sensitivity_section(html: str) -> str:
    start = html.index('id="sensitivity-heading"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_old_result_names_the_sensitivity_change_in_words_not_codes(language):
    from catalog.models import Capability
    from platform_survey.i18n import localized

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.post(reverse("decisions:start"), {"title": "Stored before messages"})
    evaluation = Evaluation.objects.latest("created_at")
    services.save_answers(evaluation, ANSWERS)
    _result_stored_before_sensitivity_messages(evaluation)
    capability = Capability.objects.get(slug="autoscaling")

    html = client.get(reverse("decisions:revision", args=[evaluation.public_id, 1])).content.decode()
    section = _sensitivity_section(html)

    with translation.override(language):
        name = str(localized(capability, "name"))
        before, after = str(Importance.MUST.label), str(Importance.COULD.label)
    assert "<code>" not in section
    assert ">autoscaling<" not in section
    assert "“must”" not in section
    if language == "en":
        assert f"If “{name}” were {after} instead of {before}, Nomad would lead." in section
        assert "No single change of one answer makes another candidate lead" in section
    else:
        assert f"如果“{name}”从“{before}”改为“{after}”，Nomad 将排名第一。" in section
        assert "只改动任何一个答案，都不会让" in section
