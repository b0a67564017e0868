"""One schema whatever the language (issue 14, point 7): the schema a zh-hans visitor gets is byte
for byte the English one, so clients generated from it have the same class names for everyone."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/schema/", "/api/schema/?format=json"])
def test_the_schema_is_the_same_in_every_language(client, path):
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.cookies["django_language"] = "zh-hans"
    cookie = client.get(path)

    assert english.status_code == chinese.status_code == cookie.status_code == 200
    assert chinese.content == english.content
    assert cookie.content == english.content
    # No component name carries Chinese characters.
    names = re.findall(rb"#/components/schemas/([^'\"\s]+)", english.content)
    assert names
    assert not [name for name in names if re.search(rb"[^\x00-\x7f]", name)]


def test_the_compare_parameter_is_one_comma_separated_value(client):
    schema = client.get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/compare/"]["get"]["parameters"]
    technologies = next(parameter for parameter in parameters if parameter["name"] == "technologies")
    assert (technologies["style"], technologies["explode"]) == ("form", False)
    assert technologies["schema"]["type"] == "array"
