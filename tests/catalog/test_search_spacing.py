"""Search finds Chinese mixed with Latin letters whether or not a space separates them (catalog/search.py)."""

import pytest
from django.urls import reverse

from catalog.search import search, terms_of


def found(query: str) -> dict[str, list]:
    return {group: [hit.obj.pk for hit in hits] for group, hits in search(query).groups().items()}


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("固定IP", ["固定", "IP"]),
        ("固定 IP", ["固定", "IP"]),
        ("k8s集群", ["k8s", "集群"]),
        ("容器，IP池（固定）", ["容器", "IP", "池", "固定"]),
        ("Kubernetes 1.8", ["Kubernetes", "1.8"]),
        ("有状态服务", ["有状态服务"]),
    ],
)
def test_a_query_splits_where_chinese_meets_latin_and_at_chinese_punctuation(query, terms):
    assert terms_of(query) == terms


@pytest.mark.django_db
@pytest.mark.parametrize(("joined", "spaced"), [("固定IP", "固定 IP"), ("Docker网络", "Docker 网络")])
def test_joined_and_spaced_spellings_find_the_same_records(joined, spaced):
    with_space = found(spaced)

    assert sum(len(pks) for pks in with_space.values()) > 0
    assert found(joined) == with_space


@pytest.mark.django_db
def test_the_search_page_answers_the_joined_spelling_with_the_spaced_ones_results(client):
    joined = client.get(reverse("catalog:search"), {"q": "固定IP"})
    spaced = client.get(reverse("catalog:search"), {"q": "固定 IP"})

    assert joined.status_code == spaced.status_code == 200
    assert joined.context["results"].total == spaced.context["results"].total > 0
    assert "<mark>" in joined.content.decode()
