"""The engine is language-free and words nothing; decisions/rendering.py words its stored output in
the reader's language when it is read. Old results, stored rendered once per language, still show."""

import ast
import json
import pathlib
import re

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from decisions import engine, rendering, services
from decisions.models import Evaluation, Result
from decisions.snapshot_builder import build_snapshot

ENGINE = pathlib.Path(__file__).resolve().parents[2] / "decisions" / "engine"
FORBIDDEN = ("django", "catalog", "casestudies", "platform_survey", "rest_framework")
ANSWERS = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["databases", "stateless"],
    "existing_infra": ["openstack"],
    "licence_policy": "osi_only",
    "include_legacy": "false",
    "autoscaling": "must",
    "network_policy": "must",
    "registry_ha": "should",
    "operational_simplicity": "should",
    "extensibility": "should",
    "centralized_logging": "could",
}


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_no_module_of_the_engine_imports_django_or_another_app():
    offending = []
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            offending += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
            offending += [f"{path.name}: {name}" for name in names if name.startswith("decisions.") and name not in (
                "decisions.contract", "decisions.engine") and not name.startswith("decisions.engine.")]  # fmt: skip
    assert offending == []


@pytest.mark.django_db
def test_the_engine_output_is_the_same_whatever_language_is_active():
    snap = build_snapshot()
    with translation.override("zh-hans"):
        chinese = json.dumps(engine.evaluate(ANSWERS, snap), sort_keys=True, ensure_ascii=False)
    with translation.override("en"):
        english = json.dumps(engine.evaluate(ANSWERS, snap), sort_keys=True, ensure_ascii=False)

    assert chinese == english
    assert json.loads(english)["language"] is None
    assert "$m" in english, "messages are stored as codes"


@pytest.mark.django_db
def test_rendering_in_chinese_leaves_no_code_and_no_english_template():
    output = engine.evaluate(ANSWERS, build_snapshot())

    chinese = rendering.render_output(output, "zh-hans")

    strings = list(_strings(chinese))
    assert not [text for text in strings if text.startswith("$")], "no language-free marker is left"
    codes = set(rendering.MESSAGES)
    assert not [text for text in strings if text in codes], "no raw message code is shown"
    english_templates = {
        re.sub(r"%\([a-z_]+\)s", "", str(template)).strip()
        for template in rendering.MESSAGES.values()
        if len(re.findall(r"[A-Za-z]{3,}", re.sub(r"%\([a-z_]+\)s", "", template))) >= 3
    }
    untranslated = [text for text in strings if any(template and template in text for template in english_templates)]
    assert untranslated == []
    assert chinese["language"] == "zh-hans"
    assert chinese["stack"]
    assert chinese["categories"][0]["name"] != rendering.render_output(output, "en")["categories"][0]["name"]


def test_every_message_and_label_has_a_chinese_translation():
    words = re.compile(r"[A-Za-z]{3,}")
    with translation.override("zh-hans"):
        missing = [
            code
            for code, template in rendering.MESSAGES.items()
            if words.search(re.sub(r"%\([a-z_]+\)s", "", template)) and translation.gettext(template) == template
        ]
    tables = {
        "status": rendering.STATUS_LABELS, "rule_name": rendering.RULE_NAMES,
        "importance": rendering.IMPORTANCE_LABELS, "maturity": rendering.MATURITY_LABELS,
        "license_family": rendering.LICENSE_FAMILY_LABELS, "level": rendering.LEVEL_LABELS,
        "context_key": rendering.CONTEXT_KEY_LABELS,
    }  # fmt: skip
    for name, table in tables.items():
        for key, label in table.items():
            with translation.override("en"):
                english = str(label)
            with translation.override("zh-hans"):
                chinese = str(label)
            if words.search(english) and chinese == english:
                missing.append(f"{name}:{key}")

    assert missing == []


@pytest.mark.django_db
def test_the_services_run_the_engine_once_and_store_one_language_free_output(monkeypatch):
    calls = []
    real = engine.evaluate

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "evaluate", counted)
    evaluation = services.start_evaluation(owner=None, title="Once", answers=ANSWERS)

    result, created = services.run_evaluation(evaluation)

    assert created
    assert len(calls) == 1
    assert result.output_zh is None
    assert result.output_en is None
    stored = Result.objects.get(pk=result.pk)
    assert stored.engine_output["engine_version"] == engine.ENGINE_VERSION
    english, chinese = stored.output("en"), stored.output("zh-hans")
    assert english["language"] == "en"
    assert chinese["language"] == "zh-hans"
    assert english["stack"][0]["technology"]["slug"] == chinese["stack"][0]["technology"]["slug"]


@pytest.mark.django_db
def test_the_why_not_answer_is_worded_for_the_reader():
    evaluation = services.start_evaluation(owner=None, title="Why not", answers=ANSWERS)
    result, _created = services.run_evaluation(evaluation)
    output = result.output("en")
    role = next(
        role
        for layer in output["categories"]
        for role in layer["roles"]
        if len(role["candidates"]) > 1 and role["pick"] == role["candidates"][0]["technology"]
    )
    runner_up = role["candidates"][1]["technology"]["slug"]

    english = result.why_not(runner_up, "en")
    chinese = result.why_not(runner_up, "zh-hans")

    assert english["verdict"] == chinese["verdict"] == "outranked"
    assert english["roles"][0]["message"] != chinese["roles"][0]["message"]
    assert english["technology"]["name"] == role["candidates"][1]["technology"]["name"]
    assert not [text for text in _strings(chinese) if text.startswith("$")]


def _old_style_result(django_user_model):
    """A result as stored before outputs were language-free: rendered once per language, no engine_output."""
    alice = django_user_model.objects.create_user("alice", password="alice-long-password-1")
    evaluation = services.start_evaluation(owner=alice, title="Stored in 2026-11", answers=ANSWERS)
    snap = build_snapshot()
    english = rendering.evaluate(ANSWERS, snap, "en")
    chinese = rendering.evaluate(ANSWERS, snap, "zh-hans")
    english["stack"][0]["message"] = "Stored long ago, in English."
    chinese["stack"][0]["message"] = "很久以前存下的中文。"
    Result.objects.create(
        evaluation=Evaluation.objects.get(pk=evaluation.pk),
        revision=1,
        catalog_fingerprint=snap.fingerprint,
        questionnaire_version=evaluation.questionnaire.version,
        answers=evaluation.answers,
        output_zh=chinese,
        output_en=english,
    )
    return alice, evaluation


@pytest.mark.django_db
def test_an_old_result_with_only_the_two_rendered_outputs_still_shows_on_its_page(client, django_user_model):
    alice, evaluation = _old_style_result(django_user_model)
    client.force_login(alice)

    english = client.get(reverse("decisions:revision", args=[evaluation.public_id, 1]), HTTP_ACCEPT_LANGUAGE="en")
    client.cookies.load({"django_language": "zh-hans"})
    chinese = client.get(reverse("decisions:revision", args=[evaluation.public_id, 1]), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.status_code == 200
    assert chinese.status_code == 200
    assert english.context["output"]["stack"][0]["message"] == "Stored long ago, in English."
    assert chinese.context["output"]["stack"][0]["message"] == "很久以前存下的中文。"


@pytest.mark.django_db
def test_an_old_result_with_only_the_two_rendered_outputs_still_shows_in_the_api(django_user_model):
    alice, evaluation = _old_style_result(django_user_model)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(user=alice)

    response = api.get(f"/api/v1/evaluations/{evaluation.public_id}/results/1/")

    assert response.status_code == 200
    assert response.json()["stack"][0]["message"] == "Stored long ago, in English."


def test_the_engine_separators_in_a_concatenation_are_full_width_in_chinese():
    """A requirement with its importance and level ("$cat" of the name and the engine's separators)
    reads 固定 IP（必须：否） in Chinese and "Fixed IP (must: no)" in English."""
    value = {"$cat": ["固定 IP", " (", {"$l": "importance", "k": "must"}, ": ", {"$l": "level", "k": "no"}, ")"]}

    assert rendering.render(value, "zh-hans") == "固定 IP（必须：否）"
    assert rendering.render({**value, "$cat": ["Fixed IP", *value["$cat"][1:]]}, "en") == "Fixed IP (must: no)"


def test_a_stored_replacement_reason_reads_with_full_width_punctuation_in_chinese():
    """The "comes with the stack but does not fully meet" reason, as the engine stores it."""
    gap = {"$cat": ["固定 IP", " (", {"$l": "importance", "k": "must"}, ": ", {"$l": "level", "k": "partial"}, ")"]}
    reason = {"$m": "stack.comes_with_stack_but_does", "p": {"technology": "Calico", "requirements": gap}}

    text = rendering.render(reason, "zh-hans")

    assert "固定 IP（必须：部分）" in text
    assert not re.search(r"[\u4e00-\u9fff] ?[(:]|: ", text), text


def test_a_label_that_recurs_is_translated_once_per_render(monkeypatch):
    """A result repeats the same few labels (levels, importances) thousands of times: the renderer
    words each once per render, and each render in its own language."""
    calls = []
    real = rendering.LABELS["level"]
    monkeypatch.setitem(rendering.LABELS, "level", lambda key: calls.append(key) or real(key))
    value = [{"$l": "level", "k": "yes"}, {"$l": "level", "k": "yes"}, {"$l": "level", "k": "no"}]

    english = rendering.render(value, "en")
    chinese = rendering.render(value, "zh-hans")

    assert calls == ["yes", "no", "yes", "no"]
    assert english[0] == english[1] != english[2]
    assert chinese[0] != english[0]
