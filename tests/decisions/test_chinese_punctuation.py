"""Chinese pages and exports put full-width colons between a label and its value (状态：提议),
never the English ": " (the "label separator" message)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from decisions import services
from decisions.models import Evaluation

ANSWERS = {"hosts": "500_5000", "environment": "private_cloud", "autoscaling": "must", "network_policy": "must"}
# A label in Chinese followed by an ASCII colon and a space.
ASCII_COLON_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff]\*{0,2}: ")


def _run(client: Client, answers: dict) -> Evaluation:
    client.post(reverse("decisions:start"), {"title": "标点"})
    evaluation = Evaluation.objects.latest("created_at")
    services.save_answers(evaluation, answers)
    client.post(reverse("decisions:run", args=[evaluation.public_id]))
    return evaluation


@pytest.mark.django_db
def test_the_chinese_adr_puts_full_width_colons_after_its_labels():
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    evaluation = _run(client, ANSWERS)

    markdown = client.get(reverse("decisions:adr", args=[evaluation.public_id, 1])).content.decode()

    assert "* 状态：提议中" in markdown.splitlines()
    assert [line for line in markdown.splitlines() if ASCII_COLON_AFTER_CHINESE.search(line)] == []


@pytest.mark.django_db
def test_the_english_adr_keeps_its_colons():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    evaluation = _run(client, ANSWERS)

    markdown = client.get(reverse("decisions:adr", args=[evaluation.public_id, 1])).content.decode()

    assert "* Status: proposed" in markdown.splitlines()


@pytest.mark.django_db
def test_the_chinese_diff_puts_a_full_width_colon_between_a_requirement_and_its_change():
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    evaluation = _run(client, ANSWERS)
    services.save_answers(evaluation, {**ANSWERS, "autoscaling": "could"})
    client.post(reverse("decisions:run", args=[evaluation.public_id]))

    html = client.get(reverse("decisions:diff", args=[evaluation.public_id]), {"from": 1, "to": 2}).content.decode()

    assert re.search(r"：[^<→]+ → ", html), "no requirement change shown"
    assert not re.search(r"[\u4e00-\u9fff]: [^<→]+ → ", html)
