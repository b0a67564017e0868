"""Faults the app must survive: a statement that runs too long answers 503 quickly instead of
hanging or failing with a 500, and the connection is not reused in its broken state."""

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are a PostgreSQL feature")
def test_a_statement_timeout_answers_503_with_retry_after(client):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 1")  # every statement from here on is cancelled

        response = client.get(reverse("catalog:technology_list"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are a PostgreSQL feature")
def test_a_statement_timeout_in_the_api_answers_503_in_the_api_error_shape(client):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 1")

        response = client.get("/api/v1/technologies/")

    assert response.status_code == 503
    assert response.json()["status"] == 503
    assert response.json()["code"] == "service_unavailable"


def test_the_configured_statement_timeout_reaches_postgresql(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("PostgreSQL only")

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (value,) = cursor.fetchone()

    assert value == "5s"
