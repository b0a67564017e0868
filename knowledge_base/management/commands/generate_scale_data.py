"""manage.py generate_scale_data — a synthetic catalog for measuring speed at scale.

Creates technologies (with categories and a full set of assessments), case studies (with stages,
stacks and metrics) and evaluations, all with slugs starting ``scale-`` so they never collide with
the knowledge base, and ``--delete`` removes them again. Rows are written with bulk_create in
batches, with a progress bar on stderr.

    manage.py generate_scale_data --technologies 10000 --case-studies 2000 --evaluations 100000
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casestudies.models import CaseStudy, Metric, StackEntry, Stage
from catalog.models import Assessment, Capability, Category, Company, Source, Technology
from decisions.models import Evaluation, Questionnaire
from platform_survey.models import bump_catalog_version

PREFIX = "scale-"
BATCH = 2000
AS_OF = dt.date(2026, 11, 1)
REVIEW_BY = dt.date(2027, 11, 1)
ASSESSED = ["orchestration", "network", "storage", "discovery", "logging", "monitoring", "registry"]


class Progress:
    """A minimal progress bar: label, bar, count, rate. Quiet when stderr is not a terminal."""

    def __init__(self, label: str, total: int, stream=sys.stderr):
        self.label, self.total, self.stream = label, total, stream
        self.done = 0
        self.started = time.monotonic()
        self.interactive = stream.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        line = f"\r{self.label:<16} [{'#' * filled}{'.' * (width - filled)}] {self.done:>7}/{self.total} {rate:,.0f}/s"
        if self.interactive or self.done >= self.total:
            self.stream.write(line + ("\n" if self.done >= self.total else ""))
            self.stream.flush()


class Command(BaseCommand):
    help = "Generate (or --delete) a synthetic catalog for benchmarks. Slugs start with 'scale-'."

    def add_arguments(self, parser):
        parser.add_argument("--technologies", type=int, default=10_000)
        parser.add_argument("--case-studies", type=int, default=2_000)
        parser.add_argument("--evaluations", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument("--delete", action="store_true", help="Remove the generated rows and stop.")

    def handle(self, *args, technologies, case_studies, evaluations, seed, delete, **options):
        if delete:
            self.delete()
            return
        if min(technologies, case_studies, evaluations) < 0:
            raise CommandError("Counts cannot be negative.")
        if Technology.objects.filter(slug__startswith=PREFIX).exists():
            raise CommandError("Scale data already exists; run with --delete first.")
        rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
        with transaction.atomic():
            source = Source.objects.create(
                slug=f"{PREFIX}source",
                kind="web",
                title_en="Synthetic scale data",
                title_zh="合成的规模测试数据",
                url="https://example.org/scale",
                retrieved_on=AS_OF,
            )
            techs = self.make_technologies(technologies, source, rng)
            self.make_case_studies(case_studies, techs, source, rng)
            bump_catalog_version()  # bulk_create sends no signals
        self.make_evaluations(evaluations, rng)
        self.stdout.write(self.style.SUCCESS("Scale data generated."))

    def make_technologies(self, count: int, source: Source, rng: random.Random) -> list[Technology]:
        categories = list(Category.objects.filter(slug__in=ASSESSED))
        capabilities: dict[int, list[Capability]] = {}
        for capability in Capability.objects.filter(category__in=categories):
            capabilities.setdefault(capability.category_id, []).append(capability)
        statuses = ["active"] * 6 + ["maintenance", "dormant", "deprecated", "retired"]
        progress = Progress("technologies", count)
        created: list[Technology] = []
        for start in range(0, count, BATCH):
            batch = [
                Technology(
                    slug=f"{PREFIX}tech-{n}",
                    name=f"Scale Tech {n}",
                    name_zh=f"规模技术 {n}",
                    kind="product",
                    summary_zh="合成数据。",
                    summary_en="Synthetic data.",
                    language=rng.choice(["go", "java", "python"]),
                    license="Apache-2.0",
                    license_family="permissive",
                    status=rng.choice(statuses),
                    status_source=source,
                    status_as_of=AS_OF,
                    status_review_by=REVIEW_BY,
                    in_survey=False,
                )
                for n in range(start, min(start + BATCH, count))
            ]
            batch = Technology.objects.bulk_create(batch)
            through = Technology.categories.through
            assignments, assessments = [], []
            for technology in batch:
                category = rng.choice(categories)
                assignments.append(through(technology_id=technology.pk, category_id=category.pk))
                for capability in capabilities.get(category.pk, []):
                    assessments.append(
                        Assessment(
                            technology=technology,
                            capability=capability,
                            source=source,
                            as_of=AS_OF,
                            review_by=REVIEW_BY,
                            level=rng.choice(["yes", "yes", "partial", "no", "unknown"]),
                            note_en="Synthetic.",
                            note_zh="合成。",
                        )
                    )
            through.objects.bulk_create(assignments)
            Assessment.objects.bulk_create(assessments, batch_size=BATCH)
            created.extend(batch)
            progress.advance(len(batch))
        return created

    def make_case_studies(self, count: int, techs: list[Technology], source: Source, rng: random.Random) -> None:
        if not count:
            return
        layers = list(Category.objects.filter(slug__in=ASSESSED))
        companies = Company.objects.bulk_create(
            Company(slug=f"{PREFIX}company-{n}", name_zh=f"规模公司 {n}", name_en=f"Scale Co {n}", industry="cloud")
            for n in range(count)
        )
        progress = Progress("case studies", count)
        scales = ["lt50", "50_500", "500_5000", "gt5000", "unknown"]
        for start in range(0, count, BATCH):
            cases = CaseStudy.objects.bulk_create(
                CaseStudy(
                    slug=f"{PREFIX}case-{n}",
                    company=companies[n],
                    title_zh=f"规模案例 {n}",
                    title_en=f"Scale case {n}",
                    summary_zh="合成。",
                    summary_en="Synthetic.",
                    coverage="outline",
                    scale=rng.choice(scales),
                    source=source,
                    as_of=AS_OF,
                    review_by=REVIEW_BY,
                )
                for n in range(start, min(start + BATCH, count))
            )
            stages = Stage.objects.bulk_create(
                Stage(case_study=case, order=order, name_zh=f"第{order}代", name_en=f"Generation {order}")
                for case in cases
                for order in (1, 2)
            )
            entries, metrics = [], []
            for stage in stages:
                for position, technology in enumerate(rng.sample(techs, k=min(6, len(techs)))):
                    entries.append(
                        StackEntry(stage=stage, technology=technology, layer=rng.choice(layers), order=position)
                    )
            for case in cases:
                metrics.append(
                    Metric(
                        case_study=case,
                        slug="containers",
                        label_zh="容器数",
                        label_en="Containers",
                        value=rng.randint(100, 100_000),
                        unit="containers",
                        source=source,
                        as_of=AS_OF,
                        review_by=REVIEW_BY,
                    )
                )
            StackEntry.objects.bulk_create(entries, batch_size=BATCH, ignore_conflicts=True)
            Metric.objects.bulk_create(metrics)
            progress.advance(len(cases))

    def make_evaluations(self, count: int, rng: random.Random) -> None:
        if not count:
            return
        questionnaire = Questionnaire.objects.filter(is_current=True).first()
        if questionnaire is None:
            raise CommandError("Load the knowledge base first (manage.py load_knowledge_base).")
        owner, _ = get_user_model().objects.get_or_create(username=f"{PREFIX}owner")
        importances = ["must", "should", "could", "wont"]
        keys = ["autoscaling", "network_policy", "rolling_update", "persistent_volumes", "registry_ha"]
        progress = Progress("evaluations", count)
        for start in range(0, count, BATCH):
            with transaction.atomic():
                Evaluation.objects.bulk_create(
                    Evaluation(
                        owner=owner if n % 2 else None,
                        title=f"{PREFIX}evaluation {n}",
                        questionnaire=questionnaire,
                        answers={"hosts": "50_500", **{key: rng.choice(importances) for key in keys}},
                    )
                    for n in range(start, min(start + BATCH, count))
                )
            progress.advance(min(BATCH, count - start))

    def delete(self) -> None:
        with transaction.atomic():
            Evaluation.objects.filter(title__startswith=f"{PREFIX}evaluation").delete()
            get_user_model().objects.filter(username=f"{PREFIX}owner").delete()
            CaseStudy.objects.filter(slug__startswith=PREFIX).delete()
            Company.objects.filter(slug__startswith=PREFIX).delete()
            Technology.objects.filter(slug__startswith=PREFIX).delete()
            Source.objects.filter(slug__startswith=PREFIX).delete()
            bump_catalog_version()
        self.stdout.write(self.style.SUCCESS("Scale data removed."))
