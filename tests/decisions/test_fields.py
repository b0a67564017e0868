"""decisions/fields.py: the engine's output stored as compressed JSON bytes, and the migration
that moved the stored outputs into it."""

import json

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from decisions import fields, services
from decisions.models import Result

pytestmark = pytest.mark.django_db

OUTPUT = {
    "engine_version": 3,
    "categories": [{"category": "network", "score": 93.8, "name": {"zh": "网络", "en": "Network"}}],
}


def _result(django_user_model, output=OUTPUT) -> Result:
    owner = django_user_model.objects.create_user(username="fields")
    evaluation = services.start_evaluation(owner=owner, title="Fields")
    return Result.objects.create(
        evaluation=evaluation, revision=1, catalog_fingerprint="f", questionnaire_version="v", answers={},
        engine_output=output,
    )  # fmt: skip


def test_an_output_reads_back_as_the_values_written(django_user_model):
    result = _result(django_user_model)
    assert Result.objects.get(pk=result.pk).engine_output == OUTPUT


def test_the_column_holds_compressed_bytes_not_json(django_user_model):
    big = {**OUTPUT, "lines": [{"note": {"zh": "同一句说明", "en": "The same note"}} for _ in range(500)]}
    result = _result(django_user_model, big)
    with connection.cursor() as cursor:
        cursor.execute("SELECT engine_output FROM decisions_result WHERE id = %s", [result.pk])
        stored = bytes(cursor.fetchone()[0])
    assert fields.decode(stored) == big
    assert len(stored) * 5 < len(json.dumps(big))  # a result repeats itself: it shrinks many-fold


def test_a_result_without_an_output_stays_null(django_user_model):
    result = _result(django_user_model, None)
    assert Result.objects.get(pk=result.pk).engine_output is None


def test_dumpdata_writes_the_json_and_loaddata_reads_it_back(django_user_model):
    result = _result(django_user_model)
    dumped = serializers.serialize("json", [result])
    assert json.loads(dumped)[0]["fields"]["engine_output"] == json.dumps(OUTPUT, ensure_ascii=False)
    (restored,) = serializers.deserialize("json", dumped)
    assert restored.object.engine_output == OUTPUT


def test_the_migration_moves_every_stored_output_into_the_compressed_column(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite cannot rebuild a table inside the test's transaction; the PostgreSQL pass runs this")
    owner = django_user_model.objects.create_user(username="migrated")
    evaluation = services.start_evaluation(owner=owner, title="Migrated")
    before, after = (
        [("decisions", "0003_result_engine_output")],
        [("decisions", "0004_result_engine_output_compressed")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    OldResult = executor.loader.project_state(before).apps.get_model("decisions", "Result")
    kept = OldResult.objects.create(
        evaluation_id=evaluation.pk, revision=1, catalog_fingerprint="f", questionnaire_version="v", answers={},
        engine_output=OUTPUT,
    )  # fmt: skip
    legacy = OldResult.objects.create(
        evaluation_id=evaluation.pk, revision=2, catalog_fingerprint="f", questionnaire_version="v", answers={},
        output_en={"language": "en"}, output_zh={"language": "zh-hans"},
    )  # fmt: skip
    with connection.cursor() as cursor:  # check the new rows' keys now: PostgreSQL alters no table with checks pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)  # a fresh graph, as manage.py migrate builds it
    executor.migrate(after)
    assert Result.objects.get(pk=kept.pk).engine_output == OUTPUT
    moved = Result.objects.get(pk=legacy.pk)
    assert moved.engine_output is None
    assert moved.output_en == {"language": "en"}
