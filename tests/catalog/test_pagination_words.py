"""Pagination and the wizard say "next" in their own words: 下一页 for a list's pages, 下一步 for a step."""

import pytest
from django.urls import reverse

from decisions.models import Evaluation

pytestmark = pytest.mark.django_db


def test_the_chinese_technology_list_pages_with_next_page_and_previous_page(client):
    first = client.get(reverse("catalog:technology_list"), HTTP_ACCEPT_LANGUAGE="zh-hans").text
    second = client.get(reverse("catalog:technology_list"), {"page": 2}, HTTP_ACCEPT_LANGUAGE="zh-hans").text

    assert 'rel="next">下一页</a>' in first
    assert 'rel="prev">上一页</a>' in second
    assert "下一步" not in first


def test_the_chinese_wizard_still_says_next_step(client):
    client.post(reverse("decisions:start"), {"title": "词语"})
    evaluation = Evaluation.objects.latest("created_at")

    step = client.get(reverse("decisions:step", args=[evaluation.public_id, "context"]), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "下一步" in step.text
    assert "下一页" not in step.text


def test_english_pagination_keeps_next_and_previous(client):
    second = client.get(reverse("catalog:technology_list"), {"page": 2}, HTTP_ACCEPT_LANGUAGE="en").text

    assert 'rel="next">Next</a>' in second
    assert 'rel="prev">Previous</a>' in second
