"""API tokens stored hashed (knox): shown once, revocable, expiring; `manage.py issue_api_token`;
the account page; the move of DRF's plaintext tokens."""

import importlib
import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from platform_survey import tokens

pytestmark = pytest.mark.django_db

EVALUATIONS = "/api/v1/evaluations/"


def issue(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("issue_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def status_with(key: str) -> int:
    return APIClient().get(EVALUATIONS, HTTP_AUTHORIZATION=f"Token {key}").status_code


def stored_values() -> list[str]:
    """Every column of every token row, as text."""
    return [str(value) for row in AuthToken.objects.values_list() for value in row]


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user("carol")


@pytest.fixture
def dave(django_user_model):
    return django_user_model.objects.create_user("dave")


def test_a_token_is_stored_hashed_and_its_key_is_in_no_column(carol):
    issued = tokens.issue_token(carol)

    row = AuthToken.objects.get(user=carol)
    assert len(issued.key) == 64
    assert not any(issued.key in value for value in stored_values())
    assert row.token_key == issued.key[:15]
    assert row.digest != issued.key
    assert len(row.digest) == 128  # SHA-512, hex


def test_a_token_authenticates_the_api_with_the_token_header(carol):
    key = tokens.issue_token(carol).key

    response = APIClient().get(EVALUATIONS, HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 200


def test_a_token_authenticates_api_writes_for_a_curator_with_the_permission(django_user_model):
    curator = django_user_model.objects.create_user(username="curator-token", is_staff=True)
    curator.user_permissions.set(Permission.objects.filter(codename="change_technology"))  # as the admin needs
    key = tokens.issue_token(curator).key

    response = APIClient().patch(
        "/api/v1/technologies/kubernetes/", {"aliases": "k8s"}, format="json", HTTP_AUTHORIZATION=f"Token {key}"
    )

    assert response.status_code == 200


def test_a_revoked_token_is_refused_with_401(carol):
    issued = tokens.issue_token(carol)

    revoked = tokens.revoke_token(carol, issued.token.digest)

    assert revoked is True
    assert status_with(issued.key) == 401


def test_a_wrong_key_with_a_real_prefix_is_refused_with_401(carol):
    key = tokens.issue_token(carol).key
    wrong = key[:15] + ("0" if key[15] != "0" else "1") + key[16:]

    assert status_with(wrong) == 401


def test_a_token_header_that_is_not_utf8_is_refused_with_401_not_500(carol):
    response = APIClient().get(EVALUATIONS, HTTP_AUTHORIZATION="Token caf\xe9")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


@pytest.mark.parametrize(("days", "still_works"), [(364, 200), (366, 401)])
def test_a_token_expires_after_api_token_ttl_days(carol, settings, days, still_works):
    assert settings.API_TOKEN_TTL_DAYS == 365  # the default
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        key = tokens.issue_token(carol).key

        traveller.shift(timedelta(days=days))

        assert status_with(key) == still_works


def test_an_expired_token_is_deleted_when_it_is_presented(carol):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        key = tokens.issue_token(carol).key
        traveller.shift(timedelta(days=366))

        status_with(key)

    assert not AuthToken.objects.filter(user=carol).exists()


def test_api_token_ttl_days_zero_issues_tokens_that_never_expire(carol, settings):
    settings.API_TOKEN_TTL_DAYS = 0

    issued = tokens.issue_token(carol)

    assert issued.token.expiry is None


def test_a_user_can_hold_at_most_ten_tokens_unless_replacing(carol):
    for _ in range(tokens.MAX_TOKENS_PER_USER):
        tokens.issue_token(carol)

    with pytest.raises(tokens.TooManyTokens):
        tokens.issue_token(carol)
    tokens.issue_token(carol, replace=True)

    assert AuthToken.objects.filter(user=carol).count() == 1


# manage.py issue_api_token


def test_issue_api_token_replace_prints_one_line_that_authenticates_and_revokes_the_previous(carol):
    old_out, _ = issue("carol")

    out, err = issue("carol", "--replace")

    assert re.fullmatch(r"[0-9a-f]{64}\n", out)
    new = out.strip()
    assert (status_with(new), status_with(old_out.strip())) == (200, 401)
    assert "shown only now" in err
    assert AuthToken.objects.filter(user=carol).count() == 1


def test_issue_api_token_without_replace_adds_a_key_and_keeps_the_others(carol):
    first, _ = issue("carol")
    second, _ = issue("carol")

    assert first != second
    assert (status_with(first.strip()), status_with(second.strip())) == (200, 200)


def test_issue_api_token_revoke_deletes_every_key(carol):
    key, _ = issue("carol")
    issue("carol")

    out, message = issue("carol", "--revoke")

    assert (out, message.strip()) == ("", "Revoked 2 token(s) of carol.")
    assert status_with(key.strip()) == 401
    assert not AuthToken.objects.filter(user=carol).exists()


def test_issue_api_token_for_an_unknown_user_fails_clearly():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        issue("ghost")


def test_issue_api_token_at_the_limit_fails_clearly_and_prints_nothing(carol):
    for _ in range(tokens.MAX_TOKENS_PER_USER):
        tokens.issue_token(carol)
    out = StringIO()

    with pytest.raises(CommandError, match="use --replace"):
        call_command("issue_api_token", "carol", stdout=out, stderr=StringIO())

    assert out.getvalue() == ""


# The account page


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_account_page_shows_a_new_key_once_and_never_again(carol):
    client = signed_in(carol)

    created = client.post(reverse("token_create"))
    key = created.context["new_key"]
    later = client.get(reverse("account"))

    assert created.status_code == 201
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert key in created.content.decode()
    assert status_with(key) == 200
    assert later.status_code == 200
    assert key not in later.content.decode()
    assert key[:8] in later.content.decode()  # listed by its first characters
    assert "no-store" in created["Cache-Control"]


def test_the_account_page_lists_tokens_with_created_and_expiry_and_a_revoke_form(carol):
    with time_machine.travel("2026-03-01 12:00 +00:00", tick=False):
        issued = tokens.issue_token(carol)

    page = signed_in(carol).get(reverse("account")).content.decode()

    assert f"<code>{issued.key[:8]}…</code>" in page
    assert "2026-03-01 20:00" in page  # in TIME_ZONE, Asia/Shanghai
    assert "2027-03-01" in page  # 365 days later
    assert f'name="digest" value="{issued.token.digest}"' in page


def test_a_user_revokes_their_token_on_the_account_page(carol):
    issued = tokens.issue_token(carol)
    client = signed_in(carol)

    response = client.post(reverse("token_revoke"), {"digest": issued.token.digest})

    assert (response.status_code, response["Location"]) == (302, reverse("account"))
    assert status_with(issued.key) == 401
    assert "The API token was revoked" in client.get(reverse("account")).content.decode()


def test_another_user_cannot_revoke_your_token(carol, dave):
    issued = tokens.issue_token(carol)

    response = signed_in(dave).post(reverse("token_revoke"), {"digest": issued.token.digest})

    assert response.status_code == 404
    assert status_with(issued.key) == 200


def test_the_account_page_refuses_an_eleventh_token_with_a_message(carol):
    for _ in range(tokens.MAX_TOKENS_PER_USER):
        tokens.issue_token(carol)
    client = signed_in(carol)

    response = client.post(reverse("token_create"), follow=True)

    assert response.status_code == 200
    assert "You already have 10 API tokens" in response.content.decode()
    assert AuthToken.objects.filter(user=carol).count() == tokens.MAX_TOKENS_PER_USER


def test_the_account_page_in_chinese_translates_the_token_section(carol):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(carol)

    page = client.post(reverse("token_create")).content.decode()

    assert "API tokens" not in page
    assert "Copy it now" not in page


# The admin


def test_the_admin_lists_tokens_by_their_first_characters_and_cannot_create_them(carol, django_user_model):
    issued = tokens.issue_token(carol)
    admin = django_user_model.objects.create_superuser("root", password=None)
    client = Client()
    client.force_login(admin)

    listing = client.get(reverse("admin:knox_authtoken_changelist")).content.decode()
    detail = client.get(reverse("admin:knox_authtoken_change", args=[issued.token.digest])).content.decode()
    add = client.get(reverse("admin:knox_authtoken_add"))

    assert issued.key[:8] in listing
    assert issued.key not in listing + detail
    assert add.status_code == 403


# DRF's plaintext tokens, moved by platform_survey/migrations/0003_hashed_api_tokens.py


def test_the_migration_hashes_old_plaintext_tokens_which_keep_working_and_drops_their_table(carol):
    migration = importlib.import_module("platform_survey.migrations.0003_hashed_api_tokens")
    old_key = "0123456789abcdef0123456789abcdef01234567"  # DRF's format: 40 hex characters
    with connection.cursor() as cursor:
        created_type = connection.data_types["DateTimeField"]  # datetime on SQLite, timestamptz on PostgreSQL
        cursor.execute(
            "CREATE TABLE authtoken_token"
            f" (key varchar(40) PRIMARY KEY, created {created_type} NOT NULL, user_id integer)"
        )
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [old_key, "2025-01-02 03:04:05", carol.pk])

    from django.apps import apps

    moved = migration.move_plain_tokens(apps, connection)

    row = AuthToken.objects.get(user=carol)
    assert moved == 1
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not any(old_key in value for value in stored_values())
    assert row.created.isoformat() == "2025-01-02T03:04:05+00:00"
    assert status_with(old_key) == 200
