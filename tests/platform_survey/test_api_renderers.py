"""platform_survey/api/renderers.py: the API's JSON goes through orjson, and what orjson refuses
goes through DRF's own encoder instead of failing."""

import json

import pytest

from platform_survey.api.renderers import JSONRenderer


def test_a_result_shaped_body_is_compact_utf8_json():
    body = {"name": {"zh": "容器编排", "en": "Orchestration"}, "score": 93.8, "ranked": [1, None, True]}
    rendered = JSONRenderer().render(body)
    assert rendered == '{"name":{"zh":"容器编排","en":"Orchestration"},"score":93.8,"ranked":[1,null,true]}'.encode()


def test_an_integer_beyond_64_bits_falls_back_to_the_standard_encoder():
    # orjson raises on it; the standard encoder writes it out.
    assert json.loads(JSONRenderer().render({"n": 2**70})) == {"n": 2**70}


@pytest.mark.django_db
def test_an_api_response_is_served_through_it(client, monkeypatch):
    calls = []
    original = JSONRenderer.render
    monkeypatch.setattr(
        JSONRenderer, "render", lambda self, *args, **kwargs: calls.append(1) or original(self, *args, **kwargs)
    )
    # Not a cached read: a request with a token that does not exist is refused, in JSON.
    response = client.get("/api/v1/categories/", HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION="Token nope")
    assert response.status_code == 401
    assert calls
    assert response.json()
    assert response["Content-Type"] == "application/json"
