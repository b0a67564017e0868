"""What each section of a fixture file may contain, and how it maps onto the models.

A fixture file is a mapping of section names to lists of records, e.g.::

    technologies:
      - slug: flannel
        name: Flannel
        ...
        assessments:
          - {capability: network_policy, level: "no", source: ..., as_of: 2026-11-01}

Sections load in the order of ``SECTIONS`` (dependencies first), whatever file they sit in.
References are by natural key (slug). Nested lists (``children``) are owned by their parent: a
child the fixture no longer lists is deleted when the parent loads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models

from casestudies import models as cs
from catalog import models as cat
from decisions import models as dec


@dataclass(frozen=True)
class Ref:
    """A reference to another record by one field (its slug, usually)."""

    model: type[models.Model]
    lookup: str = "slug"
    attr: str | None = None  # the model field, when its name differs from the record's

    def field_name(self, record_name: str) -> str:
        return self.attr or record_name


# How long a claim stays trustworthy depends on what it is about (issue 11, point 5). The class's
# period fixes the review-by date: as_of + months, unless the record says an earlier review_by.
VOLATILITY_MONTHS = {
    "release": 6,  # release lines, versions, lifecycle status, prices, managed-service offerings
    "capability": 18,  # what a technology can do
    "architecture": 36,  # how something is built, protocol facts, design patterns, history
}
# Claims as of this date or later were checked against the 2026 facts: their review_by may not be
# later than their class allows. Older claims (the 2017 survey, a case study's write-up) keep the
# review date they were given.
CHECKED_SINCE = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class Dated:
    """One claim's dates inside a record: its as-of and review-by fields and its volatility class.

    ``volatility`` names the optional record key stating the class (it is not stored); ``default`` is
    the class of this kind of claim when the record leaves the key out.
    """

    default: str
    as_of: str = "as_of"
    review_by: str = "review_by"
    volatility: str = "volatility"


@dataclass(frozen=True)
class Spec:
    section: str
    model: type[models.Model]
    key: tuple[str, ...]  # fields in the record that identify it (besides the parent link)
    fields: frozenset[str]  # plain fields copied as they are
    required: frozenset[str]
    fks: dict[str, Ref] = field(default_factory=dict)
    m2m: dict[str, Ref] = field(default_factory=dict)
    children: tuple[Child, ...] = ()
    # Fields filled from the record's position (1-based) when the record leaves them out.
    positional: str | None = None
    # A nested mapping written as one field, flattened onto prefixed fields before anything else:
    # {"scale_evidence": "scale_"} turns scale_evidence: {hosts: gt5000} into scale_hosts: gt5000.
    nested: dict[str, str] = field(default_factory=dict)
    # The claims the record makes, each with its dates: review_by is derived from as_of and the class.
    claims: tuple[Dated, ...] = ()
    # Pairs of m2m lists that may not share a slug (a pitfall's subjects and its remedies).
    disjoint: tuple[tuple[str, str], ...] = ()

    @property
    def allowed(self) -> frozenset[str]:
        return (
            self.fields
            | frozenset(self.fks)
            | frozenset(self.m2m)
            | frozenset(c.name for c in self.children)
            | frozenset(d.volatility for d in self.claims)
        )


@dataclass(frozen=True)
class Child:
    name: str  # the list's name inside the parent record
    parent_field: str  # the child model's FK to the parent
    spec: Spec


def _bilingual(*names: str) -> set[str]:
    return {f"{name}_{lang}" for name in names for lang in ("zh", "en")}


CLAIM = {"as_of", "review_by"}
# review_by may be left out: the loader derives it from as_of and the volatility class.
CLAIM_REQUIRED = {"as_of"}
SOURCE = {"source": Ref(cat.Source)}

SOURCES = Spec(
    section="sources",
    model=cat.Source,
    key=("slug",),
    fields=frozenset({"slug", "kind", "url", "section", "published_on", "retrieved_on"} | _bilingual("title")),
    required=frozenset({"slug", "kind"}),
)

CATEGORIES = Spec(
    section="categories",
    model=cat.Category,
    key=("slug",),
    fields=frozenset({"slug", "survey_label", "order"} | _bilingual("name", "description")),
    required=frozenset({"slug", "name_zh", "name_en"}),
)

COMPANIES = Spec(
    section="companies",
    model=cat.Company,
    key=("slug",),
    fields=frozenset({"slug", "industry", "homepage"} | _bilingual("name", "description")),
    required=frozenset({"slug", "name_zh", "name_en", "industry"}),
)

ROLES = Spec(
    section="roles",
    model=cat.Role,
    key=("slug",),
    fields=frozenset({"slug", "order", "bound_to_platform"} | _bilingual("name", "description")),
    required=frozenset({"slug", "category", "name_zh", "name_en"}),
    fks={"category": Ref(cat.Category)},
)

CAPABILITIES = Spec(
    section="capabilities",
    model=cat.Capability,
    key=("slug",),
    fields=frozenset({"slug", "order", "baseline"} | _bilingual("name", "description")),
    required=frozenset({"slug", "category", "name_zh", "name_en"}),
    fks={"category": Ref(cat.Category)},
    m2m={"roles": Ref(cat.Role)},
)

RELATIONS = Spec(
    section="relations",
    model=cat.TechnologyRelation,
    key=("to", "kind"),
    fields=frozenset({"kind"} | _bilingual("note")),
    required=frozenset({"to", "kind", "source"}),
    fks={"to": Ref(cat.Technology, attr="to_technology"), **SOURCE},
)

ASSESSMENTS = Spec(
    section="assessments",
    model=cat.Assessment,
    key=("capability",),
    fields=frozenset({"level"} | CLAIM | _bilingual("note")),
    required=frozenset({"capability", "level", "source"} | CLAIM_REQUIRED),
    fks={"capability": Ref(cat.Capability), **SOURCE},
    claims=(Dated("capability"),),
)

TECHNOLOGIES = Spec(
    section="technologies",
    model=cat.Technology,
    key=("slug",),
    fields=frozenset(
        {
            "slug",
            "name",
            "name_zh",
            "aliases",
            "kind",
            "language",
            "language_detail",
            "license",
            "license_family",
            "homepage",
            "in_survey",
            "status",
            "status_since",
            "status_as_of",
            "status_review_by",
            "delivery",
            "providers",
            "maturity",
            "needs_l2_adjacency",
            "scale_hosts",
            "scale_as_of",
            "scale_review_by",
        }
        | _bilingual("summary", "license_note", "status_note", "survey_note")
    ),
    required=frozenset(
        {
            "slug",
            "name",
            "kind",
            "categories",
            "summary_zh",
            "summary_en",
            "language",
            "license_family",
            "status",
            "status_source",
            "status_as_of",
        }
    ),
    fks={
        "owner": Ref(cat.Company),
        "survey_source": Ref(cat.Source),
        "status_source": Ref(cat.Source),
        "maturity_source": Ref(cat.Source),
        "scale_source": Ref(cat.Source),
    },
    m2m={
        "categories": Ref(cat.Category),
        "successors": Ref(cat.Technology),
        "references": Ref(cat.Source),
        "roles": Ref(cat.Role),
    },
    nested={"scale_evidence": "scale_"},
    children=(
        Child("relations", "from_technology", RELATIONS),
        Child("assessments", "technology", ASSESSMENTS),
    ),
    claims=(
        Dated("release", "status_as_of", "status_review_by", "status_volatility"),
        Dated("capability", "scale_as_of", "scale_review_by", "scale_volatility"),
    ),
)

PITFALLS = Spec(
    section="pitfalls",
    model=cat.Pitfall,
    key=("slug",),
    fields=frozenset(
        {"slug", "severity", "triggers", "mitigation_as_of", "mitigation_review_by"}
        | CLAIM
        | _bilingual("title", "explanation", "mitigation", "trigger_note")
    ),
    required=frozenset(
        {"slug", "severity", "categories", "source"} | CLAIM_REQUIRED | _bilingual("title", "explanation", "mitigation")
    ),
    fks={**SOURCE, "mitigation_source": Ref(cat.Source)},
    # technologies: the subjects (the problem happens with them); remedies: what the mitigation recommends.
    m2m={
        "categories": Ref(cat.Category),
        "technologies": Ref(cat.Technology),
        "remedies": Ref(cat.Technology),
        "reported_by": Ref(cat.Company),
    },
    disjoint=(("technologies", "remedies"),),
    claims=(
        Dated("capability"),
        Dated("capability", "mitigation_as_of", "mitigation_review_by", "mitigation_volatility"),
    ),
)

TECHNOLOGY_ADOPTERS = Spec(
    section="technology_adopters",
    model=cat.TechnologyAdopter,
    key=("technology", "name_en"),
    fields=frozenset({"name_en", "name_zh", "order"} | CLAIM),
    required=frozenset({"technology", "name_en", "source"} | CLAIM_REQUIRED),
    fks={"technology": Ref(cat.Technology), **SOURCE},
    positional="order",
    claims=(Dated("capability"),),
)

CORRECTIONS = Spec(
    section="corrections",
    model=cat.Correction,
    key=("slug",),
    fields=frozenset({"slug", "claim_as_of"} | CLAIM | _bilingual("claim", "correction")),
    required=frozenset({"slug", "claim_source", "source"} | CLAIM_REQUIRED | _bilingual("claim", "correction")),
    fks={"claim_source": Ref(cat.Source), **SOURCE},
    m2m={"technologies": Ref(cat.Technology)},
    claims=(Dated("architecture"),),
)

APPROACH_MEMBERS = Spec(
    section="members",
    model=cat.ApproachMember,
    key=("technology",),
    fields=frozenset({"order"} | _bilingual("note")),
    required=frozenset({"technology"}),
    fks={"technology": Ref(cat.Technology)},
    positional="order",
)

NETWORK_APPROACHES = Spec(
    section="network_approaches",
    model=cat.NetworkApproach,
    key=("slug",),
    fields=frozenset({"slug", "order"} | _bilingual("name", "summary", "strengths", "weaknesses")),
    required=frozenset({"slug", "source"} | _bilingual("name", "summary")),
    fks=dict(SOURCE),
    children=(Child("members", "approach", APPROACH_MEMBERS),),
)

CAMP_MEMBERS = Spec(
    section="members",
    model=cat.CampMember,
    key=("technology",),
    fields=frozenset({"order", "listed_in_survey"} | _bilingual("note")),
    required=frozenset({"technology"}),
    fks={"technology": Ref(cat.Technology)},
    positional="order",
)

NETWORK_CAMPS = Spec(
    section="network_camps",
    model=cat.NetworkCamp,
    key=("slug",),
    fields=frozenset({"slug", "order"} | _bilingual("name", "then", "now")),
    required=frozenset({"slug", "source", "now_source"} | _bilingual("name", "then", "now")),
    fks={"now_source": Ref(cat.Source), **SOURCE},
    children=(Child("members", "camp", CAMP_MEMBERS),),
)

PERFORMANCE_ENTRIES = Spec(
    section="entries",
    model=cat.PerformanceEntry,
    key=("label_en",),
    fields=frozenset({"rank", "value", "unit"} | _bilingual("label")),
    required=frozenset({"rank", "label_zh", "label_en"}),
    fks={"technology": Ref(cat.Technology)},
)

PERFORMANCE_REPORTS = Spec(
    section="performance_reports",
    model=cat.PerformanceReport,
    key=("slug",),
    fields=frozenset({"slug", "higher_is_better", "order"} | CLAIM | _bilingual("title", "metric", "note")),
    required=frozenset({"slug", "source"} | CLAIM_REQUIRED | _bilingual("title", "metric")),
    fks={"reported_by": Ref(cat.Company), **SOURCE},
    children=(Child("entries", "report", PERFORMANCE_ENTRIES),),
    claims=(Dated("capability"),),
)

STACK_ENTRIES = Spec(
    section="stack",
    model=cs.StackEntry,
    key=("technology", "layer"),
    fields=frozenset({"order"} | _bilingual("note")),
    required=frozenset({"technology", "layer"}),
    fks={"technology": Ref(cat.Technology), "layer": Ref(cat.Category)},
    positional="order",
)

STAGES = Spec(
    section="stages",
    model=cs.Stage,
    key=("order",),
    fields=frozenset({"order", "period", "as_of", "review_by"} | _bilingual("name", "summary")),
    required=frozenset({"name_zh", "name_en"}),
    fks=dict(SOURCE),
    children=(Child("stack", "stage", STACK_ENTRIES),),
    positional="order",
    claims=(Dated("architecture"),),
)

METRICS = Spec(
    section="metrics",
    model=cs.Metric,
    key=("slug",),
    fields=frozenset({"slug", "value", "baseline", "unit", "qualifier", "order"} | CLAIM | _bilingual("label", "note")),
    required=frozenset({"slug", "value", "unit", "source", "label_zh", "label_en"} | CLAIM_REQUIRED),
    fks=dict(SOURCE),
    positional="order",
    claims=(Dated("architecture"),),
)

LESSONS = Spec(
    section="lessons",
    model=cs.Lesson,
    key=("slug",),
    fields=frozenset({"slug", "kind", "order"} | _bilingual("title", "body")),
    required=frozenset({"slug", "kind", "source"} | _bilingual("title", "body")),
    fks=dict(SOURCE),
    m2m={"technologies": Ref(cat.Technology), "pitfalls": Ref(cat.Pitfall)},
    positional="order",
)

CASE_STUDIES = Spec(
    section="case_studies",
    model=cs.CaseStudy,
    key=("slug",),
    fields=frozenset({"slug", "period", "scale", "coverage"} | CLAIM | _bilingual("title", "summary", "coverage_note")),
    required=frozenset({"slug", "company", "coverage", "source"} | CLAIM_REQUIRED | _bilingual("title", "summary")),
    fks={"company": Ref(cat.Company), **SOURCE},
    children=(
        Child("stages", "case_study", STAGES),
        Child("metrics", "case_study", METRICS),
        Child("lessons", "case_study", LESSONS),
    ),
    claims=(Dated("architecture"),),
)

# Dependency order: a section may refer (by FK) only to sections above it. Many-to-many links are
# set after every section has loaded, so they may point anywhere (successors, say).
SECTIONS: list[Spec] = [
    SOURCES,
    CATEGORIES,
    ROLES,
    COMPANIES,
    CAPABILITIES,
    TECHNOLOGIES,
    PITFALLS,
    TECHNOLOGY_ADOPTERS,
    CORRECTIONS,
    NETWORK_APPROACHES,
    NETWORK_CAMPS,
    PERFORMANCE_REPORTS,
    CASE_STUDIES,
]


# --- decisions: the questionnaire is versioned data too, loaded last (its questions link to
# technologies, pitfalls and case studies).

OPTIONS = Spec(
    section="options",
    model=dec.Option,
    key=("value",),
    fields=frozenset({"value", "order"} | _bilingual("label")),
    required=frozenset({"value", "label_zh", "label_en"}),
    positional="order",
)

QUESTIONS = Spec(
    section="questions",
    model=dec.Question,
    key=("key",),
    fields=frozenset({"key", "order", "kind"} | _bilingual("prompt", "help")),
    required=frozenset({"key", "kind"} | _bilingual("prompt", "help")),
    fks={"capability": Ref(cat.Capability)},
    m2m={"technologies": Ref(cat.Technology), "pitfalls": Ref(cat.Pitfall), "case_studies": Ref(cs.CaseStudy)},
    children=(Child("options", "question", OPTIONS),),
    positional="order",
)

SECTIONS_OF_QUESTIONNAIRE = Spec(
    section="sections",
    model=dec.Section,
    key=("slug",),
    fields=frozenset({"slug", "order"} | _bilingual("title", "intro")),
    required=frozenset({"slug", "source"} | _bilingual("title")),
    fks=dict(SOURCE),
    children=(Child("questions", "section", QUESTIONS),),
    positional="order",
)

QUESTIONNAIRES = Spec(
    section="questionnaires",
    model=dec.Questionnaire,
    key=("version",),
    fields=frozenset({"version", "is_current", "published_on"} | _bilingual("title", "intro")),
    required=frozenset({"version", "published_on"} | _bilingual("title")),
    children=(Child("sections", "questionnaire", SECTIONS_OF_QUESTIONNAIRE),),
)

SECTIONS.append(QUESTIONNAIRES)
