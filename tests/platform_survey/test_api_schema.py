"""The OpenAPI schema is valid and documents every operation's errors; the docs pages are local."""

import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker, tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_errors_in_the_shared_shape(schema):
    undocumented = []
    for path, method, operation in operations(schema):
        errors = {code: body for code, body in operation["responses"].items() if code >= "400"}
        if not {"401", "429"} <= set(errors):
            undocumented.append((method, path))
        for body in errors.values():
            assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}

    assert undocumented == []
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "errors", "message", "status"]


def test_writes_document_their_request_body_and_validation_errors(schema):
    for path, method, operation in operations(schema):
        if method in ("post", "put", "patch"):
            assert "application/json" in operation["requestBody"]["content"], (method, path)
            assert {"400", "403", "415"} <= set(operation["responses"]), (method, path)


# Evaluations are private: every method needs credentials, and they are per user, so they carry
# no catalog-wide ETag.
PRIVATE_PREFIX = "/api/v1/evaluations/"


def test_reads_are_public_and_writes_need_credentials(schema):
    for path, method, operation in operations(schema):
        public = {} in operation["security"]
        assert public == (method == "get" and not path.startswith(PRIVATE_PREFIX)), (method, path)


def test_evaluations_need_credentials_for_every_method(schema):
    private = [(path, method) for path, method, _ in operations(schema) if path.startswith(PRIVATE_PREFIX)]

    assert len(private) >= 7
    for path, method, operation in operations(schema):
        if path.startswith(PRIVATE_PREFIX):
            assert {} not in operation["security"], (method, path)
            assert "401" in operation["responses"], (method, path)


def test_reads_document_the_language_and_conditional_headers(schema):
    for path, method, operation in operations(schema):
        if method == "get" and not path.startswith(PRIVATE_PREFIX):
            headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
            assert headers == {"Accept-Language", "If-None-Match", "If-Modified-Since"}, path
            assert set(operation["responses"]["200"]["headers"]) == {"ETag", "Last-Modified"}, path


def test_the_schema_states_what_the_api_accepts_and_answers(schema, client):
    """The cases a fuzzer found where the schema and the API disagreed."""
    questionnaire = schema["paths"]["/api/v1/questionnaire/"]["get"]["responses"]["200"]
    answers = schema["components"]["schemas"]["Answers"]["properties"]
    adr = {p["name"]: p for p in schema["paths"]["/api/v1/evaluations/{id}/adr/"]["get"]["parameters"]}

    assert questionnaire["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Questionnaire"}
    assert isinstance(client.get("/api/v1/questionnaire/").json(), dict)
    assert all(answer["nullable"] for answer in answers.values())
    assert all(None in answer["enum"] for answer in answers.values() if "enum" in answer)
    assert (adr["revision"]["schema"]["minimum"], adr["revision"]["schema"]["maximum"]) == (1, 999_999_999)


def test_the_live_schema_is_served(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.0.3")


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_only_local_files_and_no_inline_script(client, path):
    html = client.get(path).text

    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources
    assert re.search(r"<script>|<script [^>]*>[^<]", html) is None
    assert "<style" not in html
    assert "style=" not in html


def test_redoc_allows_only_its_own_nonce_for_injected_styles(client):
    response = client.get("/api/redoc/")

    policy = response["Content-Security-Policy"]
    nonce = re.search(r'nonce="([^"]+)"', response.text).group(1)
    assert f"style-src 'self' 'nonce-{nonce}'" in policy
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
