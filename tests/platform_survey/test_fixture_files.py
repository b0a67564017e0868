"""Every fixture file has the shape the loader expects (checked without a database)."""

from pathlib import Path

import pytest

from knowledge_base.loader import default_fixtures_dir, fixture_files, read_sections

FIXTURE_FILES = fixture_files(Path(__file__).resolve().parents[2] / "fixtures")


def test_there_are_fixture_files():
    assert len(FIXTURE_FILES) >= 4


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name)
def test_fixture_file_has_a_valid_shape(path):
    grouped, problems = read_sections([path])

    assert [str(problem) for problem in problems] == []
    assert sum(len(records) for records in grouped.values()) > 0, f"{path.name} holds no records"


def test_default_fixture_directory_is_the_projects():
    assert default_fixtures_dir().name == "fixtures"
