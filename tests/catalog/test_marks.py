"""Technology marks: the simple-icons logos vendored in static/icons/ and the monogram fallback."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from catalog.marks import MARKS, icon_for, monogram, tint

ICONS = Path(__file__).resolve().parents[2] / "static" / "icons"


def test_every_mapped_mark_is_vendored_with_its_licence():
    missing = sorted({icon for icon in MARKS.values() if not (ICONS / f"{icon}.svg").exists()})
    assert missing == [], "run scripts/vendor-icons"
    licence = (ICONS / "LICENSE.md").read_text()
    assert "CC0" in licence
    assert all(f"`{icon}.svg`" in licence for icon in set(MARKS.values()))


def test_vendored_marks_are_coloured_single_svgs_without_script():
    for path in ICONS.glob("*.svg"):
        svg = path.read_text()
        assert svg.startswith("<svg"), path.name
        assert re.search(r'<path fill="#[0-9A-Fa-f]{6}"', svg), path.name
        assert "<script" not in svg, path.name
        assert "href=" not in svg, path.name


def test_no_stray_files_beside_the_marks():
    assert {p.stem for p in ICONS.glob("*.svg")} == set(MARKS.values())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amazon EKS", "AE"),
        ("Calico", "Ca"),
        ("AUFS (Docker storage driver)", "Au"),
        ("cri-o", "CO"),
        ("k3s", "K3"),
        ("长", "长"),
    ],
)
def test_monogram(name, expected):
    assert monogram(name) == expected


def test_tint_is_stable_and_in_range():
    assert tint("calico") == tint("calico")
    assert {tint(slug) for slug in ("calico", "flannel", "weave-net", "antrea", "cri-o", "kube-ovn")} <= set(range(8))


def test_the_tag_draws_the_mark_or_a_monogram():
    template = Template('{% load tech_marks %}{% tech_mark technology "lg" %}')
    with_mark = SimpleNamespace(slug="kubernetes", name="Kubernetes")
    without = SimpleNamespace(slug="calico", name="Calico")
    assert icon_for("kubernetes") == "kubernetes"
    assert icon_for("calico") is None

    drawn = template.render(Context({"technology": with_mark}))
    assert 'src="/static/icons/kubernetes.svg"' in drawn
    assert 'alt=""' in drawn
    assert "tech-mark-lg" in drawn

    badge = template.render(Context({"technology": without}))
    assert "<img" not in badge
    assert ">Ca</span>" in badge
    assert 'aria-hidden="true"' in badge
