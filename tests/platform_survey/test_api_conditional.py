"""Conditional GET: ETag / Last-Modified on every read, 304 on a repeat request while nothing changed."""

import pytest
from django.utils.http import http_date

from platform_survey.api.conditional import catalog_version
from platform_survey.models import CatalogState
from tests.factories import CategoryFactory, TechnologyFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/technologies/kubernetes/"


def test_a_read_has_a_weak_etag_last_modified_and_no_cache(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"] == http_date(int(catalog_version().last_modified.timestamp()) + 1)
    assert response["Cache-Control"] == "no-cache"


def test_a_repeat_request_with_the_etag_is_a_304_without_a_body(client):
    first = client.get(URL)

    repeat = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])

    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == first["ETag"]


def test_a_repeat_request_with_last_modified_is_a_304(client):
    first = client.get(URL)

    repeat = client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert repeat.status_code == 304


def test_the_etag_differs_by_language_and_by_query_string(client):
    chinese = client.get("/api/v1/technologies/?status=active", HTTP_ACCEPT_LANGUAGE="zh-hans")["ETag"]
    english = client.get("/api/v1/technologies/?status=active", HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    other_query = client.get("/api/v1/technologies/?status=retired", HTTP_ACCEPT_LANGUAGE="en")["ETag"]

    assert len({chinese, english, other_query}) == 3
    assert client.get("/api/v1/technologies/?status=active", HTTP_ACCEPT_LANGUAGE="en",
                      HTTP_IF_NONE_MATCH=chinese).status_code == 200  # fmt: skip


def test_the_etag_changes_when_curated_data_changes(client):
    technology = TechnologyFactory()
    before = client.get(URL)["ETag"]

    technology.summary_en = "Changed."
    technology.save()
    after = client.get(URL, HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200
    assert after["ETag"] != before


def test_the_etag_changes_when_only_a_many_to_many_link_changes(client):
    technology = TechnologyFactory()
    before = client.get(URL)["ETag"]

    technology.categories.add(CategoryFactory())  # no history row for a link

    assert client.get(URL)["ETag"] != before


def test_the_etag_changes_when_something_is_deleted(client):
    TechnologyFactory().delete()  # the deletion itself is a history row; compare against a fresh one
    technology = TechnologyFactory()
    before = client.get(URL)["ETag"]

    technology.delete()

    assert client.get(URL)["ETag"] != before


def test_if_none_match_star_still_validates_the_request_first(client):
    invalid = client.get("/api/v1/technologies/?status=bogus", HTTP_IF_NONE_MATCH="*")
    valid = client.get("/api/v1/technologies/?status=active", HTTP_IF_NONE_MATCH="*")

    assert (invalid.status_code, valid.status_code) == (400, 304)


def test_an_old_if_modified_since_gets_the_full_response(client):
    response = client.get(URL, HTTP_IF_MODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT")

    assert response.status_code == 200


def test_errors_carry_no_etag(client):
    response = client.get("/api/v1/technologies/nope/")

    assert response.status_code == 404
    assert "ETag" not in response


def test_the_catalog_version_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        catalog_version()


def test_head_has_the_same_validators_and_no_body(client):
    get = client.get(URL)
    head = client.head(URL)

    assert (head.status_code, head.content) == (200, b"")
    assert head["ETag"] == get["ETag"]


def test_the_catalog_version_moves_with_saves_deletes_and_many_to_many_changes():
    technology = TechnologyFactory()
    versions = [catalog_version()]

    technology.categories.add(CategoryFactory())
    versions.append(catalog_version())
    technology.summary_en = "Again."
    technology.save()
    versions.append(catalog_version())
    technology.delete()
    versions.append(catalog_version())

    assert len({version.fingerprint for version in versions}) == 4


def test_the_version_is_read_once_per_request_and_follows_catalog_state(rf, django_assert_num_queries):
    technology = TechnologyFactory()
    before = catalog_version()
    technology.summary_en = "Changed."
    technology.save()
    request = rf.get("/")

    with django_assert_num_queries(1):
        after = catalog_version(request)
        again = catalog_version(request)

    assert again is after
    assert after.fingerprint != before.fingerprint
    state = CatalogState.objects.get(pk=1)
    assert (after.fingerprint, after.last_modified) == (str(state.version), state.changed_at)
    assert CatalogState._meta.db_table == "platform_survey_catalogstate"  # the table its SQL names


def test_a_new_release_changes_the_etag_and_a_stale_one_is_answered_in_full(client, settings):
    settings.RELEASE_ID = "release-a"
    before = client.get(URL)["ETag"]

    settings.RELEASE_ID = "release-b"
    after = client.get(URL, HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200
    assert after["ETag"] != before


def test_an_anonymous_read_cached_under_one_release_is_not_replayed_under_the_next(client, settings):
    settings.RELEASE_ID = "release-a"
    first = client.get(URL)  # the fast lane stores this representation, headers and all

    settings.RELEASE_ID = "release-b"
    response = client.get(URL)

    # A replay would carry the stored release-a ETag; a fresh answer carries release-b's.
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
