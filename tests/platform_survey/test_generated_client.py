"""Schema = reality, as an API client sees it (issue 14, point 7): a client generated with
openapi-python-client from the schema a live server publishes, used as generated — no edits — for
the catalog reads and an evaluation's whole life. The generated code parses every response
strictly (required fields, types, nested models), so a response the schema misdescribes crashes it.

The server is pytest-django's ``live_server``, which makes the test transactional: the flush after
it empties the test database, so ``_knowledge_base_reloaded`` loads the knowledge base again once
this module is done, for the tests that run after it.
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import subprocess
import sys
import urllib.request
import warnings
from pathlib import Path

import pytest
from django.core.management import call_command

from knowledge_base.loader import load_knowledge_base

PACKAGE = "platform_survey_generated_client"
ANSWERS = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["stateless", "databases"],
    "autoscaling": "must",
    "network_policy": "must",
    "registry_ha": "should",
}


@pytest.fixture(scope="module")
def _knowledge_base_reloaded(django_db_blocker):
    yield
    # Collect the live server's leftover sqlite3.Connection (see the test) here, where its
    # ResourceWarning cannot land in another test.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    # Module teardown runs after the last test's flush.
    with django_db_blocker.unblock():
        load_knowledge_base()


@pytest.fixture
def generated(live_server, tmp_path: Path, _knowledge_base_reloaded):
    """The generated package, imported, and the live server's URL."""
    with urllib.request.urlopen(f"{live_server.url}/api/schema/", timeout=60) as response:  # noqa: S310 (local)
        schema = response.read()
    (tmp_path / "schema.yaml").write_bytes(schema)
    (tmp_path / "config.json").write_text(
        json.dumps({"package_name_override": PACKAGE, "project_name_override": PACKAGE, "post_hooks": []})
    )
    generator = Path(sys.executable).with_name("openapi-python-client")
    run = subprocess.run(  # noqa: S603 (our own virtualenv's tool, fixed arguments)
        [
            str(generator),
            "generate",
            "--path",
            str(tmp_path / "schema.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
            "--config",
            str(tmp_path / "config.json"),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield live_server.url
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def module(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


def token_for(username: str) -> str:
    out = io.StringIO()
    call_command("issue_api_token", username, "--replace", stdout=out)
    return out.getvalue().strip()


# On SQLite, the live server leaves an sqlite3.Connection to the in-memory test database behind
# (its request threads; not found in the app's code), and the garbage collector may finalise it
# at any point of this test; its ResourceWarning is not this test's subject.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_client_generated_from_the_live_schema_reads_the_catalog_and_runs_an_evaluation_unedited(
    generated, django_user_model
):
    django_user_model.objects.create_user("generated-client", password="a-long-client-password-1")
    client_module = module("client")
    models = module("models")
    api = f"{PACKAGE}.api"
    technologies_list = importlib.import_module(f"{api}.technologies.technologies_list")
    technologies_retrieve = importlib.import_module(f"{api}.technologies.technologies_retrieve")
    compare_list = importlib.import_module(f"{api}.compare.compare_list")
    evaluations = {
        name: importlib.import_module(f"{api}.evaluations.evaluations_{name}")
        for name in (
            "create", "retrieve", "partial_update", "destroy", "list", "results_list", "results_retrieve",
            "why_not_retrieve", "adr_retrieve",
        )
    }  # fmt: skip
    client = client_module.AuthenticatedClient(
        base_url=generated,
        token=token_for("generated-client"),
        prefix="Token",
        headers={"Accept-Language": "en"},
        raise_on_unexpected_status=True,
    )

    # A filtered list, and one technology.
    page = technologies_list.sync(client=client, category="orchestration", search="kube")
    assert isinstance(page, models.PaginatedTechnologyListList), page
    assert page.count >= 1
    assert "kubernetes" in [technology.slug for technology in page.results]
    kubernetes = technologies_retrieve.sync("kubernetes", client=client)
    assert isinstance(kubernetes, models.TechnologyDetail), kubernetes
    assert (kubernetes.slug, kubernetes.name) == ("kubernetes", "Kubernetes")
    assert kubernetes.assessments

    # Compare three. openapi-python-client ignores `explode: false` and would repeat the parameter
    # (openapi-generators/openapi-python-client#197), so the comma-joined value is passed as the one
    # list item: the request is then exactly what the schema describes, `technologies=a,b,c`.
    three = ["kubernetes", "docker-swarm-mode", "mesos"]
    compared = compare_list.sync(client=client, technologies=[",".join(three)])
    assert isinstance(compared, models.Compare), compared
    assert [technology.slug for technology in compared.technologies] == three
    assert compared.rows
    assert all(len(row.cells) == 3 for row in compared.rows)

    # Create, read, patch, read the results, export, delete.
    created = evaluations["create"].sync(
        client=client,
        body=models.EvaluationWriteRequest(title="Generated", answers=models.Answers.from_dict(ANSWERS)),
    )
    assert isinstance(created, models.Evaluation), created
    assert isinstance(created.result, models.EvaluationResult)
    assert created.result.revision == 1
    stack = {entry.category: entry.technology.slug for entry in created.result.stack}
    assert "orchestration" in stack
    categories = {category.category: category for category in created.result.categories}
    leader = categories["orchestration"].candidates[0]
    assert isinstance(leader, models.Candidate)
    assert leader.rank == 1
    assert leader.explanation
    assert isinstance(leader.explanation[0], models.ExplanationLine)
    evaluation_id = str(created.id)

    read = evaluations["retrieve"].sync(evaluation_id, client=client)
    assert isinstance(read, models.Evaluation)
    assert read.title == "Generated"
    listed = evaluations["list"].sync(client=client)
    assert evaluation_id in [str(item.id) for item in listed.results]

    patched = evaluations["partial_update"].sync(
        evaluation_id,
        client=client,
        body=models.PatchedEvaluationWriteRequest(
            title="Generated, patched", answers=models.Answers.from_dict({"stateful_workloads": "must"})
        ),
    )
    assert isinstance(patched, models.Evaluation), patched
    assert patched.title == "Generated, patched"
    assert patched.result.revision == 2

    revisions = evaluations["results_list"].sync(evaluation_id, client=client)
    assert [revision.revision for revision in revisions] == [2, 1]
    first = evaluations["results_retrieve"].sync(evaluation_id, 1, client=client)
    assert isinstance(first, models.EvaluationResult), first
    assert first.revision == 1
    assert [entry.technology.slug for entry in first.stack if entry.category == "orchestration"] == [
        stack["orchestration"]
    ]

    why_not = evaluations["why_not_retrieve"].sync(evaluation_id, client=client, technology="mesos")
    assert isinstance(why_not, models.WhyNotAnswer), why_not
    assert why_not.technology.slug == "mesos"
    assert why_not.verdict in ("eliminated", "outranked", "picked", "not_evaluated")

    markdown = evaluations["adr_retrieve"].sync_detailed(evaluation_id, client=client)
    assert markdown.status_code == 200
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.parsed.startswith("# Generated, patched")
    as_json = evaluations["adr_retrieve"].sync_detailed(
        evaluation_id, client=client, format_=module("models").EvaluationsAdrRetrieveFormat("json")
    )
    assert as_json.status_code == 200
    assert as_json.headers["content-type"] == "application/json"
    assert json.loads(as_json.content) == markdown.parsed
    missing_revision = evaluations["adr_retrieve"].sync(evaluation_id, client=client, revision=9)
    assert isinstance(missing_revision, models.Error), missing_revision
    assert (missing_revision.status, missing_revision.code) == (404, "not_found")

    deleted = evaluations["destroy"].sync_detailed(evaluation_id, client=client)
    assert deleted.status_code == 204
    gone = evaluations["retrieve"].sync(evaluation_id, client=client)
    assert isinstance(gone, models.Error)
    assert gone.status == 404
