"""Catalog pages are cached per catalog version, with the per-visitor parts (CSRF token, account
links, messages) filled in for each visitor, and a curator's change shows on the next request."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Technology
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

PAGE = "/technologies/kubernetes/"


def test_a_repeated_page_is_served_from_the_cache_in_one_query(client, django_assert_num_queries):
    first = client.get(PAGE)

    # only the catalog-version query that keys the cache
    with django_assert_num_queries(1):
        second = client.get(PAGE)

    assert second.status_code == 200
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|content="[^"]{20,}"', "", html)  # noqa: E731
    assert strip(second.content.decode()) == strip(first.content.decode())


def test_a_curators_change_is_visible_on_the_very_next_request(client):
    client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    kubernetes = Technology.objects.get(slug="kubernetes")
    kubernetes.summary_en = "A summary a curator changed a moment ago."
    kubernetes.save()  # as the admin does: a history row, a new catalog version

    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "A summary a curator changed a moment ago." in page


def test_each_visitor_sees_their_own_account_links(django_user_model):
    django_user_model.objects.create_user("erin", password="erin-long-password-1")
    anonymous, erin = Client(), Client()
    erin.login(username="erin", password="erin-long-password-1")

    anonymous.get(PAGE)  # cached by an anonymous visitor
    erins_page = erin.get(PAGE).content.decode()
    anonymous_again = anonymous.get(PAGE).content.decode()

    assert ">erin</a>" in erins_page
    assert "erin" not in anonymous_again
    assert "<!--hole:" not in erins_page + anonymous_again


def test_a_cached_page_carries_the_visitors_own_csrf_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(PAGE)  # cached with the first visitor's session

    page = second.get(PAGE)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = second.post(reverse("set_language"), {"language": "en", "next": PAGE, "csrfmiddlewaretoken": token})

    assert response.status_code == 302


def test_flash_messages_show_once_on_a_cached_page(client, django_user_model):
    message = "The API token was revoked; requests using it are now refused."
    client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")  # cached without any message
    fay = django_user_model.objects.create_user("fay", password="fay-long-password-11")
    client.force_login(fay)
    digest = issue_token(fay).token.digest
    client.post(reverse("token_revoke"), {"digest": digest}, HTTP_ACCEPT_LANGUAGE="en")  # flashes a message

    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    again = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert message in page
    assert message not in again


def test_languages_and_htmx_partials_are_cached_apart(client):
    english = client.get("/layers/network/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get("/layers/network/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    partial = client.get("/layers/network/", HTTP_ACCEPT_LANGUAGE="en", HTTP_HX_REQUEST="true").content.decode()

    assert 'lang="en"' in english
    assert 'lang="zh-Hans"' in chinese
    assert "<html" not in partial


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    return len(captured)


def test_a_new_release_and_another_query_string_render_afresh(client, settings):
    queries(client, "/layers/network/")  # cached now
    settings.RELEASE_ID = "a-later-release"

    after_release = queries(client, "/layers/network/")
    other_query = queries(client, "/layers/network/?page=1")
    repeat = queries(client, "/layers/network/?page=1")

    assert after_release > 1
    assert other_query > 1
    assert repeat == 1  # only the catalog version
