"""Production settings pass Django's deployment checks; health endpoints tell liveness from readiness."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_under_production_settings():
    # The browser tests' fixture allows async-unsafe calls in this process; the child must not inherit it.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": "k" * 30 + "-production-like-secret-key-for-the-check-" + "z" * 20,
        "ALLOWED_HOSTS": "survey.example.com",
        "SECURE_SSL": "true",
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


def test_the_app_refuses_to_start_in_production_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env["DEBUG"] = "false"

    completed = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert completed.returncode != 0
    assert "SECRET_KEY is not set" in completed.stderr


@pytest.mark.django_db
def test_liveness_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_checks_the_database(client):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
