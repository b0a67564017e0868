"""The loader reads a pitfall's remedies apart from its subjects (issue 13), and rejects a remedy that
is not a technology or that is also a subject, naming the file and record."""

from pathlib import Path

import pytest

from catalog.models import Pitfall
from knowledge_base.loader import load_knowledge_base

from .test_loader import MINI_BASE, MINI_REST, MINI_TECH, assert_fails_cleanly, write

SUBJECT_LINE = "    technologies: [t-alpha]\n    reported_by: [t-co]\n"
assert SUBJECT_LINE in MINI_REST


@pytest.fixture
def mini(tmp_path) -> Path:
    """test_loader's mini knowledge base: two technologies and a pitfall about the first."""
    write(tmp_path, "base.yaml", MINI_BASE)
    write(tmp_path, "tech.yaml", MINI_TECH)
    write(tmp_path, "rest.yaml", MINI_REST)
    return tmp_path


def with_remedies(remedies: str) -> str:
    return MINI_REST.replace(
        SUBJECT_LINE, f"    technologies: [t-alpha]\n    remedies: {remedies}\n    reported_by: [t-co]\n"
    )


@pytest.mark.django_db
def test_loader_reads_remedies_apart_from_subjects(mini):
    write(mini, "rest.yaml", with_remedies("[t-beta]"))

    load_knowledge_base(mini)

    pitfall = Pitfall.objects.get(slug="t-pit")
    assert list(pitfall.technologies.values_list("slug", flat=True)) == ["t-alpha"]
    assert list(pitfall.remedies.values_list("slug", flat=True)) == ["t-beta"]


@pytest.mark.django_db
def test_a_pitfall_without_remedies_loads_with_none(mini):
    load_knowledge_base(mini)

    assert Pitfall.objects.get(slug="t-pit").remedies.count() == 0


@pytest.mark.django_db
def test_a_remedy_dropped_from_the_fixture_is_removed_on_reload(mini):
    write(mini, "rest.yaml", with_remedies("[t-beta]"))
    load_knowledge_base(mini)
    write(mini, "rest.yaml", with_remedies("[]"))

    report = load_knowledge_base(mini)

    assert Pitfall.objects.get(slug="t-pit").remedies.count() == 0
    assert report.changed


@pytest.mark.django_db
def test_an_unknown_remedy_names_file_record_field_and_slug(mini):
    write(mini, "rest.yaml", with_remedies("[t-beta, t-ghost]"))

    assert_fails_cleanly(mini, "rest.yaml: pitfalls[0] (slug 't-pit'): field 'remedies': unknown technology 't-ghost'")


@pytest.mark.django_db
def test_a_remedy_that_is_also_a_subject_is_rejected(mini):
    write(mini, "rest.yaml", with_remedies("[t-beta, t-alpha]"))

    assert_fails_cleanly(mini, "pitfalls[0] (slug 't-pit'): field 'remedies': 't-alpha' also listed in 'technologies'")


@pytest.mark.django_db
def test_remedies_must_be_a_list_of_slugs(mini):
    write(mini, "rest.yaml", with_remedies("t-beta"))

    assert_fails_cleanly(mini, "pitfalls[0] (slug 't-pit'): field 'remedies': must be a list of slugs")
