"""The wizard's "n/m answered" count in the step list follows an autosave (issue 13: it changed only
after "Save draft" or "Next", which re-render the whole step)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from decisions.models import Evaluation

pytestmark = pytest.mark.django_db


def count_in(html: str, slug: str) -> str:
    match = re.search(rf'<span class="count" id="count-{slug}"([^>]*)>([^<]*)</span>', html)
    assert match, html
    return match.group(1), match.group(2)


def test_an_autosave_answers_with_the_steps_new_count_out_of_band():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post(reverse("decisions:start"), {"title": "Counts"})
    evaluation = Evaluation.objects.latest("created_at")
    url = reverse("decisions:step", args=[evaluation.public_id, "context"])
    total = evaluation.questionnaire.sections.get(slug="context").questions.count()

    page = client.get(url).content.decode()
    attributes, shown = count_in(page, "context")
    assert shown == f"0/{total} answered"
    assert "hx-swap-oob" not in attributes  # the full page carries the plain count

    response = client.post(
        url, {"hosts": "50_500", "environment": "public_cloud", "action": "autosave"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "Draft saved." in html
    attributes, shown = count_in(html, "context")
    assert 'hx-swap-oob="true"' in attributes
    assert shown == f"2/{total} answered"


def test_an_autosave_that_saves_nothing_counts_what_is_stored():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post(reverse("decisions:start"), {"title": "Counts"})
    evaluation = Evaluation.objects.latest("created_at")
    url = reverse("decisions:step", args=[evaluation.public_id, "context"])

    response = client.post(url, {"hosts": "no-such-size", "action": "autosave"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "Not saved:" in html
    assert count_in(html, "context")[1].startswith("0/")
