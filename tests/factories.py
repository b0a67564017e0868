"""factory_boy factories: small, valid objects for tests that build their own data."""

import datetime as dt

import factory

from casestudies import models as cs
from catalog import models as cat

SURVEY_AS_OF = dt.date(2017, 6, 1)
SURVEY_REVIEW_BY = dt.date(2018, 6, 1)
FRESH_AS_OF = dt.date(2026, 11, 1)
FRESH_REVIEW_BY = dt.date(2027, 11, 1)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Source

    slug = factory.Sequence(lambda n: f"test-source-{n}")
    kind = "web"
    title_zh = factory.Sequence(lambda n: f"测试来源 {n}")
    title_en = factory.Sequence(lambda n: f"Test source {n}")
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    retrieved_on = FRESH_AS_OF


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Category

    slug = factory.Sequence(lambda n: f"test-layer-{n}")
    name_zh = factory.Sequence(lambda n: f"测试层 {n}")
    name_en = factory.Sequence(lambda n: f"Test layer {n}")
    order = 100


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Capability

    slug = factory.Sequence(lambda n: f"test_capability_{n}")
    category = factory.SubFactory(CategoryFactory)
    name_zh = factory.Sequence(lambda n: f"测试能力 {n}")
    name_en = factory.Sequence(lambda n: f"Test capability {n}")


class TechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Technology
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-tech-{n}")
    name = factory.Sequence(lambda n: f"Test Tech {n}")
    kind = "product"
    summary_zh = "一个测试用的技术。"
    summary_en = "A technology for tests."
    language = "go"
    license = "Apache-2.0"
    license_family = "permissive"
    status = "active"
    status_source = factory.SubFactory(SourceFactory)
    status_as_of = FRESH_AS_OF
    status_review_by = FRESH_REVIEW_BY

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Assessment

    technology = factory.SubFactory(TechnologyFactory)
    capability = factory.SubFactory(CapabilityFactory)
    level = "yes"
    note_zh = "支持。"
    note_en = "Supported."
    source = factory.SubFactory(SourceFactory)
    as_of = FRESH_AS_OF
    review_by = FRESH_REVIEW_BY


class PitfallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Pitfall

    slug = factory.Sequence(lambda n: f"test-pitfall-{n}")
    title_zh = factory.Sequence(lambda n: f"测试问题 {n}")
    title_en = factory.Sequence(lambda n: f"Test pitfall {n}")
    explanation_zh = "说明。"
    explanation_en = "Explanation."
    mitigation_zh = "对策。"
    mitigation_en = "Mitigation."
    severity = "medium"
    source = factory.SubFactory(SourceFactory)
    as_of = FRESH_AS_OF
    review_by = FRESH_REVIEW_BY


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cs.Company

    slug = factory.Sequence(lambda n: f"test-company-{n}")
    name_zh = factory.Sequence(lambda n: f"测试公司 {n}")
    name_en = factory.Sequence(lambda n: f"Test Company {n}")
    industry = "ecommerce"


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cs.CaseStudy

    slug = factory.Sequence(lambda n: f"test-case-{n}")
    company = factory.SubFactory(CompanyFactory)
    title_zh = factory.Sequence(lambda n: f"测试案例 {n}")
    title_en = factory.Sequence(lambda n: f"Test case {n}")
    summary_zh = "摘要。"
    summary_en = "Summary."
    coverage = "detailed"
    source = factory.SubFactory(SourceFactory)
    as_of = SURVEY_AS_OF
    review_by = SURVEY_REVIEW_BY


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cs.Stage

    case_study = factory.SubFactory(CaseStudyFactory)
    order = factory.Sequence(lambda n: n + 1)
    name_zh = "阶段"
    name_en = "Stage"


class StackEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cs.StackEntry

    stage = factory.SubFactory(StageFactory)
    technology = factory.SubFactory(TechnologyFactory)
    layer = factory.SubFactory(CategoryFactory)


class TechnologyRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.TechnologyRelation

    from_technology = factory.SubFactory(TechnologyFactory)
    to_technology = factory.SubFactory(TechnologyFactory)
    kind = "alternative"
    source = factory.SubFactory(SourceFactory)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cat.Correction

    slug = factory.Sequence(lambda n: f"test-correction-{n}")
    claim_zh = "调查说的。"
    claim_en = "What the survey said."
    claim_source = factory.SubFactory(SourceFactory, kind="survey", url="", retrieved_on=None, section="测试")
    correction_zh = "今天的情况。"
    correction_en = "What holds today."
    source = factory.SubFactory(SourceFactory)
    as_of = FRESH_AS_OF
    review_by = FRESH_REVIEW_BY


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cs.Metric

    case_study = factory.SubFactory(CaseStudyFactory)
    slug = factory.Sequence(lambda n: f"test-metric-{n}")
    label_zh = "容器数"
    label_en = "Containers"
    value = 5000
    unit = "containers"
    source = factory.SubFactory(SourceFactory)
    as_of = SURVEY_AS_OF
    review_by = SURVEY_REVIEW_BY


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cs.Lesson

    case_study = factory.SubFactory(CaseStudyFactory)
    slug = factory.Sequence(lambda n: f"test-lesson-{n}")
    kind = "practice"
    title_zh = factory.Sequence(lambda n: f"测试经验 {n}")
    title_en = factory.Sequence(lambda n: f"Test lesson {n}")
    body_zh = "经验。"
    body_en = "A lesson."
    source = factory.SubFactory(SourceFactory)
