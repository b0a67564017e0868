"""catalog/querysets.py: orderings and counts the pages and the API share."""

import pytest

from catalog.models import Category, Pitfall
from tests.factories import CapabilityFactory, CategoryFactory, PitfallFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def test_by_severity_puts_critical_first_then_slug_within_a_severity():
    for slug, severity in (("qs-b", "low"), ("qs-a", "critical"), ("qs-d", "high"), ("qs-c", "critical")):
        PitfallFactory(slug=slug, severity=severity)

    ordered = Pitfall.objects.filter(slug__startswith="qs-").by_severity().values_list("slug", flat=True)

    assert list(ordered) == ["qs-a", "qs-c", "qs-d", "qs-b"]


def test_with_counts_counts_each_layers_technologies_and_capabilities_once(django_assert_num_queries):
    layer = CategoryFactory(slug="qs-layer")
    CapabilityFactory.create_batch(3, category=layer)
    TechnologyFactory.create_batch(2, categories=[layer])

    with django_assert_num_queries(1):
        counted = {category.slug: category for category in Category.objects.with_counts()}

    assert (counted["qs-layer"].technology_count, counted["qs-layer"].capability_count) == (2, 3)
