"""The loader's summary reads as one load: a first load reports what it created, not "updated"."""

import pytest

from knowledge_base.loader import load_knowledge_base
from tests.platform_survey.test_loader import MINI_BASE, MINI_REST, MINI_TECH, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini(tmp_path):
    write(tmp_path, "base.yaml", MINI_BASE)
    write(tmp_path, "tech.yaml", MINI_TECH)
    write(tmp_path, "rest.yaml", MINI_REST)
    return tmp_path


def test_a_first_load_reports_its_records_as_created_and_none_as_updated(mini):
    report = load_knowledge_base(mini)

    assert sum(report.created.values()) > 0
    assert report.created["catalog.Technology"] == 2
    assert sum(report.updated.values()) == 0, report.updated
    assert " 0 updated" in report.summary()


def test_changing_an_existing_records_links_still_counts_as_an_update(mini):
    load_knowledge_base(mini)
    layer = "  - {slug: t-layer, name_zh: 测试层, name_en: Test layer}\n"
    other = "  - {slug: t-other, name_zh: 另一层, name_en: Other layer}\n"
    write(mini, "base.yaml", MINI_BASE.replace(layer, layer + other))
    write(mini, "tech.yaml", MINI_TECH.replace("categories: [t-layer]", "categories: [t-layer, t-other]", 1))

    report = load_knowledge_base(mini)

    assert report.updated == {"catalog.Technology.categories": 1}
    assert report.created == {"catalog.Category": 1}
