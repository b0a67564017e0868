"""With DEBUG on, a missing page shows the site's own 404 page; a 500 keeps Django's debug page."""

import pytest
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SITE_404 = "We could not find that page"
TECHNICAL_404 = "Using the URLconf defined in"


def _boom(request):
    raise RuntimeError("deliberate failure for the debug page")


urlpatterns = [path("boom/", _boom)]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def test_an_address_no_pattern_matches_shows_the_sites_404_page_in_development(client, debug):
    response = client.get("/no-such-page/", **ENGLISH)

    assert response.status_code == 404
    assert SITE_404 in response.text
    assert TECHNICAL_404 not in response.text
    assert "/no-such-page/" in response.text


def test_a_view_raising_404_shows_the_sites_page_in_development_in_chinese_too(client, debug):
    response = client.get("/technologies/no-such-technology/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert "Http404" not in response.text
    assert 'lang="zh-hans"' in response.text.lower() or 'lang="zh-Hans"' in response.text


def test_a_missing_slash_still_redirects_in_development(client, debug):
    response = client.get("/technologies")

    assert response.status_code == 301
    assert response["Location"] == "/technologies/"


def test_without_debug_the_404_page_is_the_same_site_page(client):
    response = client.get("/no-such-page/", **ENGLISH)

    assert response.status_code == 404
    assert SITE_404 in response.text


@pytest.mark.urls(__name__)
def test_an_error_in_development_still_shows_djangos_debug_page_with_the_traceback(debug):
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    assert "deliberate failure for the debug page" in response.text
    assert "Traceback" in response.text
