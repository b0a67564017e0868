"""Settings come from the environment and fail loudly on bad values."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE = str(Path(__file__).resolve().parents[2] / "platform_survey" / "settings.py")


def load_settings(monkeypatch, **env) -> dict:
    for name in ["DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DB_CONN_MAX_AGE", "SECURE_SSL"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_FILE)


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        load_settings(monkeypatch, DEBUG="false")


def test_settings_start_without_secret_key_in_debug(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="true")

    assert settings["DEBUG"] is True
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_settings_reject_an_unclear_boolean(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false, not 'maybe'"):
        load_settings(monkeypatch, DEBUG="maybe")


def test_settings_reject_a_non_postgres_database_url(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="must start with postgres://"):
        load_settings(monkeypatch, DEBUG="true", DATABASE_URL="mysql://root@localhost/db")


def test_settings_reject_a_database_url_without_a_name(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="must name a database"):
        load_settings(monkeypatch, DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/")


def test_settings_reject_a_non_numeric_connection_age(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE must be a whole number, not 'soon'"):
        load_settings(monkeypatch, DEBUG="true", DATABASE_URL="postgres://u@h/db", DB_CONN_MAX_AGE="soon")


def test_settings_reject_an_empty_allowed_hosts_list(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS is set but lists nothing"):
        load_settings(monkeypatch, DEBUG="true", ALLOWED_HOSTS=" , ")


def test_database_url_selects_postgresql_with_health_checks_and_persistent_connections(monkeypatch):
    settings = load_settings(
        monkeypatch, DEBUG="true", DATABASE_URL="postgres://alice:s%40cret@db.internal:6543/survey"
    )

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("survey", "alice", "s@cret")
    assert (database["HOST"], database["PORT"]) == ("db.internal", "6543")
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] == 60


def test_production_settings_turn_on_https_protections(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="false", SECRET_KEY="x" * 60, ALLOWED_HOSTS="survey.example.com")

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["ALLOWED_HOSTS"] == ["survey.example.com"]


def test_languages_are_simplified_chinese_and_english(settings):
    assert [code for code, _name in settings.LANGUAGES] == ["zh-hans", "en"]
