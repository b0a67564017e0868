"""Who may see and change what: two users (alice, bob) and an anonymous visitor against every URL that
shows or changes owned data — the evaluation pages and exports, the account page and its token
forms, and the evaluations API.

The rule (decisions/views.py, decisions/api.py, docs/SECURITY.md):
- an evaluation with an owner is its owner's alone: on the web anyone else gets a 404 (not a 403,
  which would confirm that it exists); through the API another user gets a 404 and an anonymous
  client a 401 (the API needs an account for every evaluation endpoint);
- a refused request changes nothing in the database, and its answer is the same as for an
  evaluation that does not exist, so it cannot be used to probe for ids;
- an anonymous evaluation is a capability: whoever holds its link (an unguessable UUID4) may use
  it; it is listed only in the browser session that made it and never appears in the API.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from decisions import services
from decisions.models import Evaluation, Result
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

OWNER, OTHER, ANONYMOUS = "alice", "bob", "anonymous"
ACTORS = [OWNER, OTHER, ANONYMOUS]
LOGIN_REDIRECT = "login"  # an anonymous visitor is sent to sign in (302 to the login page)


@dataclass(frozen=True)
class Endpoint:
    """One URL (with method) and what each actor gets for alice's evaluation."""

    label: str
    method: str
    url: str  # URL name; the evaluation's id (and ``args``) fill it in
    expect: dict[str, int | str]
    args: tuple = ()
    data: dict = field(default_factory=dict)
    htmx: bool = False
    api: bool = False
    takes_id: bool = True
    #: For actors who get a 200 without alice's data: the body must not mention her evaluation/token.
    shows_own_data_only: bool = False

    def path(self, public_id) -> str:
        return reverse(self.url, args=[public_id, *self.args] if self.takes_id else list(self.args))


WEB_REFUSED = {OWNER: 0, OTHER: 404, ANONYMOUS: 404}  # OWNER filled in per endpoint


def web(label, method, url, owner_status, *args, data=None, htmx=False) -> Endpoint:
    return Endpoint(label, method, url, {**WEB_REFUSED, OWNER: owner_status}, args, data or {}, htmx)


def api(label, method, url, owner_status, *args, data=None) -> Endpoint:
    return Endpoint(label, method, url, {OWNER: owner_status, OTHER: 404, ANONYMOUS: 401}, args, data or {}, api=True)


ENDPOINTS = [
    # The web pages of one evaluation (decisions/urls.py; "start" makes a new one and owns nothing).
    Endpoint("my evaluations", "GET", "decisions:list", {OWNER: 200, OTHER: 200, ANONYMOUS: 200},
             takes_id=False, shows_own_data_only=True),
    web("result page", "GET", "decisions:detail", 200),
    web("review page", "GET", "decisions:review", 200),
    web("wizard step (every section)", "GET", "decisions:step", 200, "*"),
    web("wizard step: save and next", "POST", "decisions:step", 302, "context",
        data={"hosts": "gt5000", "action": "next"}),
    web("wizard step: htmx next", "POST", "decisions:step", 200, "context",
        data={"hosts": "gt5000", "action": "next"}, htmx=True),
    web("wizard step: htmx autosave", "POST", "decisions:step", 200, "context",
        data={"hosts": "gt5000", "action": "autosave"}, htmx=True),
    web("run", "POST", "decisions:run", 302),
    web("title and notes", "POST", "decisions:details", 302, data={"title": "Changed", "notes": "changed"}),
    web("delete", "POST", "decisions:delete", 302),
    web("revision diff", "GET", "decisions:diff", 200),
    web("revision page", "GET", "decisions:revision", 200, 1),
    web("ADR export", "GET", "decisions:adr", 200, 1),
    web("JSON export", "GET", "decisions:json", 200, 1),
    # The account page lists the API tokens (by their first characters: a key is shown only in the
    # answer that creates it); the token forms change them. Revoking names a token by its digest:
    # none is sent here, so both get a 404 (another user's digest: test_tokens.py, also a 404).
    Endpoint("account page", "GET", "account", {OWNER: 200, OTHER: 200, ANONYMOUS: LOGIN_REDIRECT},
             takes_id=False, shows_own_data_only=True),
    Endpoint("create token", "POST", "token_create", {OWNER: 201, OTHER: 201, ANONYMOUS: LOGIN_REDIRECT},
             takes_id=False),
    Endpoint("revoke token", "POST", "token_revoke", {OWNER: 404, OTHER: 404, ANONYMOUS: LOGIN_REDIRECT},
             takes_id=False),
    # The evaluations API (decisions/api.py). Token authentication, as internal tools use it.
    Endpoint("API: list", "GET", "evaluation-list", {OWNER: 200, OTHER: 200, ANONYMOUS: 401}, api=True,
             takes_id=False, shows_own_data_only=True),
    Endpoint("API: create", "POST", "evaluation-list", {OWNER: 201, OTHER: 201, ANONYMOUS: 401}, api=True,
             takes_id=False, data={"title": "New", "answers": {"autoscaling": "must"}}),
    api("API: retrieve", "GET", "evaluation-detail", 200),
    api("API: change", "PATCH", "evaluation-detail", 200, data={"title": "Changed", "answers": {"hosts": "gt5000"}}),
    api("API: delete", "DELETE", "evaluation-detail", 204),
    api("API: revisions", "GET", "evaluation-results", 200),
    api("API: one revision", "GET", "evaluation-result", 200, 1),
    api("API: ADR export", "GET", "evaluation-adr", 200),
    api("API: why not (no technology given: a 400 for the owner)", "GET", "evaluation-why-not", 400),
]  # fmt: skip


@pytest.fixture
def users(django_user_model) -> dict:
    # No passwords: the clients sign in with force_login or a token, and hashing would cost 0.3 s each.
    return {name: django_user_model.objects.create_user(name) for name in (OWNER, OTHER)}


@pytest.fixture
def tokens(users) -> dict[str, str]:
    return {name: issue_token(user).key for name, user in users.items()}


@pytest.fixture
def alices(users) -> Evaluation:
    """Alice's evaluation with two revisions (so the diff page has something to compare)."""
    evaluation = services.start_evaluation(
        owner=users[OWNER], title="Alice's secret platform", answers={"hosts": "500_5000", "autoscaling": "must"}
    )
    services.update_details(evaluation, title=evaluation.title, notes="Alice's private notes")
    services.run_evaluation(evaluation)
    services.save_answers(evaluation, {"autoscaling": "should"})
    services.run_evaluation(evaluation)
    return evaluation


def client_for(actor: str, endpoint: Endpoint, users, tokens) -> Client:
    if endpoint.api:
        client = APIClient()
        if actor != ANONYMOUS:
            client.credentials(HTTP_AUTHORIZATION=f"Token {tokens[actor]}")
        return client
    client = Client()
    if actor != ANONYMOUS:
        client.force_login(users[actor])
    return client


def send(client, endpoint: Endpoint, path: str):
    headers = {"HTTP_HX_REQUEST": "true"} if endpoint.htmx else {}
    if endpoint.api:
        body = json.dumps(endpoint.data) if endpoint.data else ""
        return client.generic(endpoint.method, path, body, content_type="application/json")
    if endpoint.method == "GET":
        return client.get(path, **headers)
    return client.post(path, endpoint.data, **headers)


def state_of(evaluation: Evaluation, owner) -> tuple:
    """Everything about alice's data that a request could change."""
    row = Evaluation.objects.filter(pk=evaluation.pk).values().first()
    results = list(Result.objects.filter(evaluation_id=evaluation.pk).order_by("revision").values())
    token = list(AuthToken.objects.filter(user=owner).order_by("digest").values_list("digest", "created", "expiry"))
    others = sorted(Evaluation.objects.filter(owner=owner).values_list("public_id", "title", "updated_at"))
    return row, results, token, others


def paths_for(endpoint: Endpoint, public_id, section_slugs: list[str]) -> list[str]:
    if endpoint.args == ("*",):
        return [reverse(endpoint.url, args=[public_id, slug]) for slug in section_slugs]
    return [endpoint.path(public_id)]


def normalized(response, public_id) -> tuple[int, str]:
    """Status and body with the id and the per-request CSRF tokens and CSP nonces blanked, to compare
    two answers."""
    body = response.content.decode()
    body = re.sub(r'(name="csrf-token" content="|name="csrfmiddlewaretoken" value="| nonce=")[^"]*', r"\1", body)
    return response.status_code, body.replace(str(public_id), "<id>")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.label for e in ENDPOINTS])
def test_owned_data_is_reachable_by_its_owner_only(endpoint, actor, users, tokens, alices):
    sections = list(alices.questionnaire.sections.order_by("order").values_list("slug", flat=True))
    expected = endpoint.expect[actor]
    before = state_of(alices, users[OWNER])

    for path in paths_for(endpoint, alices.public_id, sections):
        response = send(client_for(actor, endpoint, users, tokens), endpoint, path)

        if expected == LOGIN_REDIRECT:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login") + "?next=")
        else:
            assert response.status_code == expected, path
        body = response.content.decode()
        if actor == OWNER:
            if endpoint.shows_own_data_only:
                assert alices.title in body or str(alices.public_id) in body or tokens[OWNER][:8] in body
            continue
        # Nobody but alice sees anything of hers ...
        for secret in (alices.title, "Alice's private notes", tokens[OWNER][:8]):
            assert secret not in body
        if endpoint.shows_own_data_only and endpoint.url != "account":
            assert str(alices.public_id) not in body
        # ... nor changes it ...
        assert state_of(alices, users[OWNER]) == before
        # ... nor learns whether it exists: the answer is the one for an id nobody has.
        if endpoint.takes_id:
            nobody = uuid.uuid4()
            unknown = send(client_for(actor, endpoint, users, tokens), endpoint, path.replace(str(alices.public_id),
                                                                                            str(nobody)))  # fmt: skip
            assert normalized(unknown, nobody) == normalized(response, alices.public_id)


def test_the_matrix_covers_every_evaluation_url_and_api_route():
    """A new URL under /evaluations/ or a new evaluations API route must be added to the matrix."""
    decisions_names = {
        f"decisions:{pattern.name}"
        for pattern in get_resolver("decisions.urls").url_patterns
        if isinstance(pattern, URLPattern)
    }
    from platform_survey.api_router import router

    api_names = {
        route.name.format(basename=basename)
        for prefix, _viewset, basename in router.registry
        if basename == "evaluation"
        for route in router.get_routes(_viewset)
    }
    covered = {endpoint.url for endpoint in ENDPOINTS}

    assert decisions_names - covered == {"decisions:start"}  # starts a new evaluation; owns nothing yet
    assert api_names - covered == set()
    assert (len(ENDPOINTS), len(ACTORS)) == (26, 3)


# --- anonymous evaluations: a capability held by whoever has the link ------------------------------

LINK_ENDPOINTS = [e for e in ENDPOINTS if not e.api and e.takes_id]


@pytest.fixture
def anonymous_one(client) -> Evaluation:
    """An evaluation made without an account, in ``client``'s browser session."""
    client.post(reverse("decisions:start"), {"title": "Made without an account"})
    evaluation = Evaluation.objects.get(title="Made without an account")
    services.save_answers(evaluation, {"autoscaling": "must"})
    services.run_evaluation(evaluation)
    services.save_answers(evaluation, {"autoscaling": "should"})
    services.run_evaluation(evaluation)
    return evaluation


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", LINK_ENDPOINTS, ids=[e.label for e in LINK_ENDPOINTS])
def test_an_anonymous_evaluation_works_for_whoever_holds_its_link(endpoint, actor, users, tokens, anonymous_one):
    sections = list(anonymous_one.questionnaire.sections.order_by("order").values_list("slug", flat=True))

    for path in paths_for(endpoint, anonymous_one.public_id, sections):
        response = send(client_for(actor, endpoint, users, tokens), endpoint, path)

        assert response.status_code == endpoint.expect[OWNER], path


@pytest.mark.parametrize("actor", ACTORS)
def test_an_anonymous_evaluation_is_listed_only_in_the_session_that_made_it(client, anonymous_one, actor, users):
    other_browser = Client()
    if actor != ANONYMOUS:
        other_browser.force_login(users[actor])

    assert anonymous_one.title in client.get(reverse("decisions:list")).content.decode()
    assert anonymous_one.title not in other_browser.get(reverse("decisions:list")).content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_an_anonymous_evaluation_is_not_reachable_through_the_api(anonymous_one, actor, users, tokens):
    client = APIClient()
    if actor != ANONYMOUS:
        client.credentials(HTTP_AUTHORIZATION=f"Token {tokens[actor]}")

    detail = client.get(reverse("evaluation-detail", args=[anonymous_one.public_id]))
    listing = client.get(reverse("evaluation-list"))

    assert detail.status_code == (401 if actor == ANONYMOUS else 404)
    assert str(anonymous_one.public_id) not in listing.content.decode()


def test_evaluation_links_are_random_uuid4s_and_never_the_row_number(client, anonymous_one, alices):
    """The link is the only secret of an anonymous evaluation: 122 random bits, never a counter."""
    assert (anonymous_one.public_id.version, alices.public_id.version) == (4, 4)
    assert client.get(f"/evaluations/{anonymous_one.pk}/").status_code == 404
    assert APIClient().get(f"/api/v1/evaluations/{anonymous_one.pk}/").status_code == 404
