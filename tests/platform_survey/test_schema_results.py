"""The schema names what the evaluation endpoints answer (issue 14, point 7): typed result
components instead of untyped objects, and the ADR export's media types as sent."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker) -> dict:
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/schema/?format=json").json()


def operation(schema: dict, path: str, method: str = "get") -> dict:
    return schema["paths"][path][method]


def body_ref(response: dict, media_type: str = "application/json") -> str:
    schema = response["content"][media_type]["schema"]
    if "allOf" in schema:
        schema = schema["allOf"][0]
    return schema.get("$ref", "")


def test_an_evaluations_result_and_a_revision_are_the_typed_evaluation_result(schema):
    components = schema["components"]["schemas"]
    result = components["Evaluation"]["properties"]["result"]
    assert result.get("nullable") is True
    assert result["allOf"][0]["$ref"] == "#/components/schemas/EvaluationResult"
    revision = operation(schema, "/api/v1/evaluations/{id}/results/{revision}/")["responses"]["200"]
    assert body_ref(revision) == "#/components/schemas/EvaluationResult"

    evaluation_result = components["EvaluationResult"]
    assert {"revision", "catalog_fingerprint", "categories", "stack", "conflicts"} <= set(evaluation_result["required"])
    for field, component in {
        "categories": "CategoryResult", "stack": "StackPick", "conflicts": "Conflict", "risks": "Risk",
        "trade_offs": "TradeOff", "messages": "ResultMessage", "similar_case_studies": "SimilarCaseStudy",
        "pitfalls": "ResultPitfall", "sensitivity": "SensitivityEntry", "adjustments": "Adjustment",
    }.items():  # fmt: skip
        assert evaluation_result["properties"][field]["items"]["$ref"] == f"#/components/schemas/{component}"
    candidate = components["Candidate"]["properties"]
    assert candidate["score_range"]["$ref"] == "#/components/schemas/ScoreRange"
    assert candidate["explanation"]["items"]["$ref"] == "#/components/schemas/ExplanationLine"
    assert components["RoleResult"]["properties"]["pick"]["nullable"] is True
    # Fields v2 added are optional: results stored before them still match.
    assert "risks" not in evaluation_result["required"]
    assert "score_range" not in components["Candidate"]["required"]


def test_why_not_answers_the_typed_why_not_component(schema):
    why_not = operation(schema, "/api/v1/evaluations/{id}/why-not/")["responses"]["200"]
    assert body_ref(why_not) == "#/components/schemas/WhyNotAnswer"
    roles = schema["components"]["schemas"]["WhyNotAnswer"]["properties"]["roles"]
    assert roles["items"]["$ref"] == "#/components/schemas/WhyNotRole"


def test_the_adr_export_documents_markdown_and_json_and_errors_only_as_json(schema):
    responses = operation(schema, "/api/v1/evaluations/{id}/adr/")["responses"]
    assert set(responses["200"]["content"]) == {"text/markdown", "application/json"}
    assert responses["200"]["content"]["application/json"]["schema"] == {"type": "string"}
    errors = {code: response for code, response in responses.items() if code[0] in "45"}
    assert {"400", "401", "404"} <= set(errors)
    for response in errors.values():
        assert list(response["content"]) == ["application/json"]
        assert body_ref(response) == "#/components/schemas/Error"


def test_no_error_response_anywhere_is_documented_in_another_media_type(schema):
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            for code, response in spec["responses"].items():
                if code[0] in "45":
                    assert list(response.get("content", {"application/json": None})) == ["application/json"], (
                        path,
                        method,
                        code,
                    )


def _nullable_to_json_schema(node):
    """OpenAPI 3.0's ``nullable: true`` as JSON Schema (what the jsonschema validator reads)."""
    if isinstance(node, dict):
        node = {key: _nullable_to_json_schema(value) for key, value in node.items()}
        if node.pop("nullable", False):
            return {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [_nullable_to_json_schema(value) for value in node]
    return node


def test_real_results_match_the_evaluation_result_component_for_every_requirement_alone(schema):
    import jsonschema

    from catalog.models import Capability
    from decisions.rendering import evaluate
    from decisions.snapshots import current_snapshot

    validator = jsonschema.Draft202012Validator(
        {
            "$ref": "#/components/schemas/EvaluationResult",
            "components": _nullable_to_json_schema(schema["components"]),
        }
    )
    snapshot = current_snapshot()
    answer_sets = [{slug: "must"} for slug in Capability.objects.values_list("slug", flat=True)]
    # A context answer that takes several values makes list-valued sensitivity entries.
    answer_sets.append({"existing_infra": ["openstack"], "api_provisioning": "must", "fixed_ip": "should"})
    mismatches = []
    for answers in answer_sets:
        output = evaluate(answers, snapshot, language="en") | {"revision": 1}
        first = next(validator.iter_errors(output), None)
        if first is not None:
            mismatches.append(f"{answers}: {list(first.path)[:6]} {first.message[:120]}")

    assert len(answer_sets) > 60
    assert not mismatches, "\n".join(mismatches)


def _documented(schema: dict, component: str, field: str) -> set[str]:
    """The codes a field's description lists ("One of (more may be added): `a`, `b`.")."""
    import re

    description = schema["components"]["schemas"][component]["properties"][field].get("description", "")
    return set(re.findall(r"`([^`]+)`", description))


def test_the_codes_the_schema_lists_are_the_codes_results_carry(schema):
    """Each coded field's documented values cover what the engine writes, on the full catalog: a
    vocabulary the schema spelled on its own drifted before (no `dormant`, `weak` for `missing`)."""
    from catalog.choices import Level, Severity, Status
    from decisions.engine import evaluate
    from decisions.engine.explain import STRENGTHS
    from decisions.engine.rules import TIE_BREAKS
    from decisions.snapshots import current_snapshot

    assert _documented(schema, "ExplanationLine", "strength") == set(STRENGTHS)
    assert _documented(schema, "ExplanationLine", "level") == set(Level.values)
    assert _documented(schema, "TieBreak", "by") == set(TIE_BREAKS)
    assert _documented(schema, "Candidate", "status") == set(Status.values)
    assert _documented(schema, "Risk", "level") == set(Severity.values)
    snapshot = current_snapshot()
    answers = {key: "should" for key in snapshot.capabilities} | {"include_legacy": "true", "hosts": "gt5000"}
    output = evaluate(answers, snapshot)
    candidates = [c for layer in output["categories"] for role in layer["roles"] for c in role["candidates"]]
    lines = [line for candidate in candidates for line in candidate["explanation"]]

    assert {line["strength"] for line in lines} <= set(STRENGTHS)
    assert {line["level"] for line in lines} <= set(Level.values)
    assert {c["tie_break"]["by"] for c in candidates if c["tie_break"]} <= set(TIE_BREAKS)
    assert {c["status"] for c in candidates} <= set(Status.values)
    assert {risk["level"] for risk in output["risks"]} <= set(Severity.values)
    assert len({c["tie_break"]["by"] for c in candidates if c["tie_break"]}) > 1
