"""CSRF: every form POST and htmx POST in the app is refused without its token and changes nothing,
and is accepted with the token its own page carries — so the refusal is the CSRF check, not
something else.

The forms are found by reading the templates (every <form method="post"> and every hx-post): a new
one fails test_every_post_in_the_templates_is_covered until it is added to POSTS below. Django's
admin and the session-authenticated API are covered too; token-authenticated API calls carry no
cookie, so they cannot be forged from another site and need no CSRF token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from decisions import services
from decisions.models import Evaluation, Result
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PASSWORD = "correct-horse-battery-staple"


@dataclass(frozen=True)
class Post:
    """A form (or htmx element) that posts: the page it is on, where it posts, what it sends."""

    label: str
    url_name: str
    kind: str  # "form" or "htmx" — how the template sends it
    page: str  # URL name of the page holding it; "{id}" marks the evaluation's id
    data: dict = field(default_factory=dict)
    signed_in: bool = True
    accepted: int = 302  # status with the right token
    args: tuple = ()
    page_args: tuple = ()


EVALUATION = "{id}"
POSTS = [
    Post("sign in", "login", "form", "login", {"username": "carol", "password": PASSWORD}, signed_in=False),
    Post("sign up", "signup", "form", "signup",
         {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD}, signed_in=False),
    Post("create an API token", "token_create", "form", "account", accepted=201),
    # Accepted past CSRF, the revoke finds no token: none is named (the form's hidden digest is not sent).
    Post("revoke an API token", "token_revoke", "form", "account", accepted=404),
    Post("sign out", "logout", "form", "account"),
    Post("language switch", "set_language", "form", "decisions:list", {"language": "en", "next": "/"}),
    Post("start an evaluation", "decisions:start", "form", "decisions:start", {"title": "Forged"}),
    Post("wizard step", "decisions:step", "form", "decisions:step", {"hosts": "gt5000", "action": "next"},
         args=(EVALUATION, "context"), page_args=(EVALUATION, "context")),
    Post("wizard step (htmx swap)", "decisions:step", "htmx", "decisions:step", {"hosts": "gt5000", "action": "next"},
         accepted=200, args=(EVALUATION, "context"), page_args=(EVALUATION, "context")),
    Post("wizard autosave (htmx)", "decisions:step", "htmx", "decisions:step",
         {"hosts": "gt5000", "action": "autosave"}, accepted=200, args=(EVALUATION, "context"),
         page_args=(EVALUATION, "context")),
    Post("run", "decisions:run", "form", "decisions:review", args=(EVALUATION,), page_args=(EVALUATION,)),
    Post("title and notes", "decisions:details", "form", "decisions:review", {"title": "Forged", "notes": "forged"},
         args=(EVALUATION,), page_args=(EVALUATION,)),
    Post("delete", "decisions:delete", "form", "decisions:review", args=(EVALUATION,), page_args=(EVALUATION,)),
]  # fmt: skip
# Outside templates/: Django's admin sign-in (behind our lockout) and the API with a browser session.
EXTRA_POSTS = [
    Post("admin sign in", "admin:login", "form", "admin:login",
         {"username": "curator", "password": PASSWORD, "next": "/admin/"}, signed_in=False),
    Post("API write with a session", "evaluation-list", "api", "account",
         {"title": "Forged", "answers": {"autoscaling": "must"}}, accepted=201),
]  # fmt: skip


def template_posts() -> list[tuple[str, str, str]]:
    """(template, URL name, kind) for every POST form and hx-post/put/patch/delete in templates/."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        aliases = dict(re.findall(r"{%\s*url\s+'([^']+)'\s+as\s+(\w+)\s*%}", text))
        aliases = {variable: name for name, variable in aliases.items()}
        for tag in re.findall(r"<[a-z]+\b[^>]*>", text, re.DOTALL):
            kinds = []
            if tag.startswith("<form") and re.search(r'method="post"', tag, re.IGNORECASE):
                kinds.append(("form", re.search(r'action="([^"]*)"', tag).group(1)))
            for verb_target in re.findall(r'hx-(?:post|put|patch|delete)="([^"]*)"', tag):
                kinds.append(("htmx", verb_target))
            for kind, target in kinds:
                named = re.search(r"{%\s*url\s+'([^']+)'", target)
                variable = re.search(r"{{\s*(\w+)\s*}}", target)
                name = named.group(1) if named else aliases[variable.group(1)]
                found.append((str(path.relative_to(TEMPLATES)), name, kind))
    return found


def test_every_post_in_the_templates_is_covered():
    found = template_posts()

    assert {(name, kind) for _template, name, kind in found} == {(post.url_name, post.kind) for post in POSTS}
    # 12 <form method="post"> and 2 hx-post elements, in 8 templates (the page shell's language and
    # log-out forms live in includes/hole_*.html, filled per visitor on cached pages).
    assert (len(found), len({template for template, _name, _kind in found})) == (14, 8)


class FormReader(HTMLParser):
    """The CSRF token inside each POST form (by action) and each hx-post element, and the page's meta token."""

    def __init__(self) -> None:
        super().__init__()
        self.form_tokens: dict[str, str | None] = {}
        self.htmx_targets: set[str] = set()
        self.meta_token: str | None = None
        self._form: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._form = attributes.get("action")
            self.form_tokens.setdefault(self._form, None)
        if attributes.get("hx-post"):
            self.htmx_targets.add(attributes["hx-post"])
        if tag == "input" and attributes.get("name") == "csrfmiddlewaretoken" and self._form is not None:
            self.form_tokens[self._form] = attributes.get("value")
        if tag == "meta" and attributes.get("name") == "csrf-token":
            self.meta_token = attributes.get("content")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user("carol", password=PASSWORD)


@pytest.fixture
def world(carol, django_user_model):
    """Carol's token and evaluation (with a revision), a curator; returns the evaluation."""
    django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True, is_superuser=True)
    issue_token(carol)
    evaluation = services.start_evaluation(owner=carol, title="Carol's", answers={"autoscaling": "must"})
    services.run_evaluation(evaluation)
    return evaluation


def fill(args: tuple, evaluation: Evaluation) -> list:
    return [evaluation.public_id if arg == EVALUATION else arg for arg in args]


def database_state() -> tuple:
    return (
        sorted(get_user_model().objects.values_list("username", "last_login")),
        sorted(AuthToken.objects.values_list("user__username", "digest")),
        sorted(Evaluation.objects.values_list("public_id", "title", "notes", "answers", "updated_at")),
        Result.objects.count(),
    )


def client_state(client: Client) -> tuple:
    return client.session.get("_auth_user_id"), client.cookies.get("django_language")


def send(client: Client, post: Post, url: str, *, token: str | None):
    if post.kind == "api":
        import json

        headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
        return client.post(url, json.dumps(post.data), content_type="application/json", **headers)
    if post.kind == "htmx":
        # htmx sends the page's <meta name="csrf-token"> in X-CSRFToken (static/js/site.js).
        headers = {"HTTP_HX_REQUEST": "true", **({"HTTP_X_CSRFTOKEN": token} if token else {})}
        return client.post(url, post.data, **headers)
    data = {**post.data, **({"csrfmiddlewaretoken": token} if token else {})}
    return client.post(url, data)


@pytest.mark.parametrize("post", POSTS + EXTRA_POSTS, ids=[post.label for post in POSTS + EXTRA_POSTS])
def test_a_post_without_its_csrf_token_is_refused_and_with_it_accepted(post, world, carol):
    client = Client(enforce_csrf_checks=True)
    if post.signed_in:
        client.force_login(carol)
    url = reverse(post.url_name, args=fill(post.args, world))
    # The victim's browser has visited the site: it holds the CSRF cookie, which a forged request sends.
    page = client.get(reverse(post.page, args=fill(post.page_args, world)))
    assert page.status_code == 200
    assert "csrftoken" in client.cookies
    reader = FormReader()
    reader.feed(page.content.decode())
    before = (database_state(), client_state(client))

    missing = send(client, post, url, token=None)
    wrong = send(client, post, url, token="x" * 32)

    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert (database_state(), client_state(client)) == before

    if post.kind == "form":
        token = reader.form_tokens[url]  # the token inside that very form
    elif post.kind == "htmx":
        assert url in reader.htmx_targets
        token = reader.meta_token
    else:
        token = client.cookies["csrftoken"].value  # what a script on the page would read
    assert token

    accepted = send(client, post, url, token=token)

    assert accepted.status_code == post.accepted


def test_a_post_from_another_origin_is_refused_even_with_a_token(world, carol):
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    page = client.get(reverse("decisions:review", args=[world.public_id]))
    reader = FormReader()
    reader.feed(page.content.decode())
    url = reverse("decisions:details", args=[world.public_id])

    response = client.post(
        url, {"title": "Forged", "csrfmiddlewaretoken": reader.form_tokens[url]}, HTTP_ORIGIN="https://evil.example"
    )

    assert response.status_code == 403
    world.refresh_from_db()
    assert world.title == "Carol's"


def test_token_authenticated_api_writes_need_no_csrf_token(carol):
    """A token travels in a header a foreign page cannot set, so there is nothing to forge."""
    client = Client(enforce_csrf_checks=True)
    key = issue_token(carol).key

    response = client.post(
        "/api/v1/evaluations/",
        {"title": "Scripted", "answers": {"autoscaling": "must"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )

    assert response.status_code == 201
