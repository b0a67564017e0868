"""Property-based tests: whatever the (valid) answers and catalog, the result keeps its promises."""

import json
import os
import pathlib
import pickle
import subprocess
import sys

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisions import contract
from decisions.engine.rules import TIE_MARGIN
from decisions.rendering import evaluate, validate_answers

from .conftest import EXTRA_CAPABILITIES, case, pitfall, related, requires, snapshot, tech

REQUIREMENT_KEYS = sorted({**contract.REQUIREMENTS, **EXTRA_CAPABILITIES})
LEVELS = ("yes", "partial", "no", "unknown")
SLUGS = [f"tech-{letter}" for letter in "abcdefghijkl"]
CATEGORIES = ("orchestration", "network", "registry", "discovery", "scheduled_jobs", "runtime")
SPECIAL_SLUGS = ["macvlan", "sr-iov", "open-vswitch", "openstack", "vlan", "alibaba-cloud"]
# Marked as the catalog marks them (the rules read the marks, not the names); the other records
# draw the layer-2 mark at random.
LAYER_2 = {"macvlan", "sr-iov", "vlan"}
PUBLIC_CLOUD = {"alibaba-cloud": {"categories": ("iaas",), "delivery": "managed", "providers": ("alibaba",)}}
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the site's default language is Chinese)."""
    with translation.override("en"):
        yield


@st.composite
def answers(draw):
    result = {}
    for key, (values, multiple) in contract.CONTEXT_QUESTIONS.items():
        if not draw(st.booleans()):
            continue
        if key == "include_legacy":
            result[key] = draw(st.sampled_from([True, False, "true", "false"]))
        elif multiple:
            chosen = draw(st.lists(st.sampled_from([v for v in values if v != "none"]), unique=True))
            result[key] = chosen or (["none"] if "none" in values else [])
        else:
            result[key] = draw(st.sampled_from(values))
    for key in draw(st.lists(st.sampled_from(REQUIREMENT_KEYS), unique=True, max_size=len(REQUIREMENT_KEYS))):
        result[key] = draw(st.sampled_from(contract.IMPORTANCES))
    return result


@st.composite
def snapshots(draw):
    slugs = SLUGS + SPECIAL_SLUGS
    technologies = []
    for slug in slugs:
        drawn = tuple(draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=2, unique=True)))
        cloud = PUBLIC_CLOUD.get(slug, {})
        needs_l2 = slug in LAYER_2 or (slug in SLUGS and draw(st.sampled_from([False, False, False, True])))
        technologies.append(
            tech(
                slug,
                categories=cloud.get("categories", drawn),
                delivery=cloud.get("delivery", "self_hosted"),
                providers=cloud.get("providers", ()),
                needs_l2_adjacency=needs_l2,
                kind=draw(st.sampled_from(["product", "product", "pattern", "protocol", "component", "in_house"])),
                status=draw(st.sampled_from(["active", "active", "maintenance", "dormant", "deprecated", "retired"])),
                language=draw(st.sampled_from(["go", "scala", "java", "rust", "none", "other"])),
                levels=draw(st.dictionaries(st.sampled_from(REQUIREMENT_KEYS), st.sampled_from(LEVELS), max_size=12)),
                stale=tuple(draw(st.lists(st.sampled_from(REQUIREMENT_KEYS), max_size=4))),
                owner="someone",
            )
        )
    relations = draw(
        st.lists(
            st.tuples(
                st.sampled_from(slugs),
                st.sampled_from(slugs),
                st.sampled_from(["requires", "alternative", "integrates_with"]),
            ),
            max_size=12,
            unique=True,
        )
    )
    relations = [(requires if kind == "requires" else related)(a, b, *(() if kind == "requires" else (kind,)))
                 for a, b, kind in relations if a != b]  # fmt: skip
    case_studies = [
        case(
            f"case-{n}",
            *draw(st.lists(st.lists(st.sampled_from(slugs), max_size=4), min_size=1, max_size=3)),
            scale=draw(st.sampled_from([*contract.HOSTS, "unknown"])),
        )
        for n in range(draw(st.integers(0, 6)))
    ]
    pitfalls = [
        pitfall(
            f"pitfall-{n}",
            *draw(st.lists(st.sampled_from(slugs), min_size=1, max_size=3, unique=True)),
            severity=draw(st.sampled_from(["low", "medium", "high", "critical"])),
            triggers=draw(
                st.lists(
                    st.one_of(
                        st.builds(lambda v: {"key": "hosts", "in": [v]}, st.sampled_from(contract.HOSTS)),
                        st.builds(
                            lambda v: {"key": "network_policy", "in": [v]}, st.sampled_from(contract.IMPORTANCES)
                        ),
                    ),
                    max_size=2,
                )
            ),
        )
        for n in range(draw(st.integers(0, 5)))
    ]
    return snapshot(*technologies, relations=relations, case_studies=case_studies, pitfalls=pitfalls)


def dump(result) -> str:
    return json.dumps(result, sort_keys=True, ensure_ascii=False)


@PROPERTY_SETTINGS
@given(snap=snapshots(), raw=answers())
def test_any_valid_answers_give_a_well_formed_result(snap, raw):
    result = evaluate(raw, snap)

    dump(result)  # JSON-serialisable
    touched = [entry["category"] for entry in result["categories"]]
    assert len(touched) == len(set(touched))
    for entry in result["categories"]:
        candidates = entry["candidates"]
        assert [c["rank"] for c in candidates] == list(range(1, len(candidates) + 1))
        # Best first; inside a tie (scores, or their verified parts, within the margin) named
        # considerations may reorder them: no candidate is placed behind one it beats on both.
        for index, candidate in enumerate(candidates):
            for later in candidates[index + 1 :]:
                assert not (
                    later["score"] > candidate["score"] + TIE_MARGIN
                    and later["score_range"]["low"] > candidate["score_range"]["low"] + TIE_MARGIN
                )
        for candidate in candidates:
            assert 0 <= candidate["score"] <= 100
            assert 0 <= candidate["confidence"] <= 1
            assert 0 <= candidate["points"] <= candidate["max_points"]
            assert candidate["score"] == round(100 * candidate["points"] / candidate["max_points"], 1)
            assert sum(line["weight"] for line in candidate["explanation"]) == candidate["max_points"]
            assert sum(line["points"] for line in candidate["explanation"]) == candidate["points"]
        for candidate, following in zip(candidates, [*candidates[1:], None], strict=False):
            # A tie note exactly when the next candidate is within the margin (on the score or on its
            # verified part), naming that candidate.
            tied = following is not None and (
                abs(following["score"] - candidate["score"]) <= TIE_MARGIN
                or abs(following["score_range"]["low"] - candidate["score_range"]["low"]) <= TIE_MARGIN
            )
            assert (candidate["tie_break"] is not None) == tied
            if tied:
                assert candidate["tie_break"]["over"] == following["technology"]
                assert candidate["tie_break"]["by"] != "name"
        ranked = {c["technology"]["slug"] for c in candidates}
        eliminated = {e["technology"]["slug"] for e in entry["eliminated"]}
        assert not ranked & eliminated, "an eliminated candidate is never ranked"
        assert all(e["reasons"] for e in entry["eliminated"])
    leaders = {entry["category"]: entry["candidates"][0]["technology"]["slug"]
               for entry in result["categories"] if entry["candidates"]}  # fmt: skip
    for pick in result["stack"]:
        category = next(entry for entry in result["categories"] if entry["category"] == pick["category"])
        assert pick["technology"] == category["candidates"][pick["rank"] - 1]["technology"]
    for entry in result["sensitivity"]:
        assert entry["leader"]["slug"] == leaders[entry["category"]]
        assert entry["new_leader"] is None or entry["new_leader"]["slug"] != entry["leader"]["slug"]
    severities = [pitfall["severity"] for pitfall in result["pitfalls"]]
    order = ["critical", "high", "medium", "low"]
    assert severities == sorted(severities, key=order.index)
    assert len(result["similar_case_studies"]) <= 5


@PROPERTY_SETTINGS
@given(snap=snapshots(), raw=answers())
def test_the_same_answers_and_snapshot_give_byte_identical_results(snap, raw):
    first = dump(evaluate(raw, snap))
    copy = pickle.loads(pickle.dumps(snap))  # noqa: S301 - our own data, pickled a line above
    shuffled_answers = dict(reversed(list(raw.items())))

    assert dump(evaluate(raw, snap)) == first
    assert copy.fingerprint == snap.fingerprint
    assert dump(evaluate(shuffled_answers, copy)) == first


@PROPERTY_SETTINGS
@given(raw=answers())
def test_clean_answers_validate_to_themselves(raw):
    clean, errors = validate_answers(raw, requirement_keys=EXTRA_CAPABILITIES)

    assert errors == {}
    assert validate_answers(clean, requirement_keys=EXTRA_CAPABILITIES) == (clean, {})


@PROPERTY_SETTINGS
@given(
    raw=answers(),
    key=st.sampled_from(sorted(contract.ALL_KEYS)),
    bad=st.text(min_size=1, max_size=12).filter(lambda value: value not in {"true", "false"}),
)
def test_an_invalid_value_gives_an_error_naming_the_key_and_the_value(raw, key, bad):
    allowed = contract.allowed_values(key)
    if bad in allowed:
        return
    value = [bad] if contract.is_multiple(key) else bad

    _clean, errors = validate_answers({**raw, key: value}, requirement_keys=EXTRA_CAPABILITIES)

    assert list(errors) == [key]
    assert f"“{bad}”" in errors[key][0]
    assert f"“{key}”" in errors[key][0]


@PROPERTY_SETTINGS
@given(raw=answers(), key=st.text(min_size=1, max_size=20).filter(lambda key: key not in contract.ALL_KEYS))
def test_an_unknown_key_gives_an_error_naming_it(raw, key):
    _clean, errors = validate_answers({**raw, key: "must"}, requirement_keys=EXTRA_CAPABILITIES)

    if key in EXTRA_CAPABILITIES:
        assert errors == {}
    else:
        assert errors == {key: [f"Unknown question key “{key}”."]}


DETERMINISM_SCRIPT = """
import django, json
django.setup()
from decisions.rendering import evaluate
from tests.decisions.conftest import case, pitfall, related, requires, snapshot, tech
snap = snapshot(
    tech("kubernetes", levels={"rollback": "yes", "network_policy": "partial"},
         categories=("orchestration", "network")),
    tech("mesos", status="retired", levels={"rollback": "partial"}, successors=("kubernetes", "nomad")),
    tech("nomad", levels={"rollback": "yes"}),
    tech("calico", categories=("network",), levels={"network_policy": "yes"}),
    tech("macvlan", categories=("network",), levels={"network_policy": "no"}),
    relations=[requires("nomad", "calico"), related("calico", "openstack"),
               related("kubernetes", "mesos", "alternative")],
    case_studies=[case("jd", ("kubernetes", "calico"), scale="gt5000"), case("qunar", ("mesos", "calico"))],
    pitfalls=[pitfall("p1", "calico", "kubernetes"), pitfall("p2", "kubernetes", severity="high")],
)
answers = {"hosts": "gt5000", "existing_infra": ["openstack", "vlan"], "team_languages": ["go", "scala"],
           "workloads": ["databases", "stateless"], "rollback": "must", "network_policy": "should",
           "extensibility": "could"}
print(json.dumps(evaluate(answers, snap), sort_keys=True, ensure_ascii=False))
"""


def test_results_do_not_depend_on_the_processs_hash_seed():
    # Sets iterate in a per-process order; the output must never show it.
    outputs = set()
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "platform_survey.settings"}
        completed = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            capture_output=True,
            text=True,
            env=environment,
            cwd=settings_module_root(),
            check=True,
        )
        outputs.add(completed.stdout)

    assert len(outputs) == 1
    assert json.loads(outputs.pop())["categories"][0]["category"] == "orchestration"


def settings_module_root() -> str:
    return str(pathlib.Path(__file__).resolve().parents[2])
