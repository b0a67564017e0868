"""Company moves from casestudies into the catalog, table and history table unchanged.

Companies are reference data that catalog records point at (a technology's owner, a pitfall's or a
performance report's reporter), so they belong below the case studies (docs/ARCHITECTURE.md). Only
Django's state changes: the model keeps ``db_table = "casestudies_company"`` and its history
``casestudies_historicalcompany``; no table, column or constraint is created, renamed or dropped.
casestudies/0004 removes the old state and moves the content types (so curators' permissions and
the admin's log entries stay attached).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import platform_survey.i18n


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_capability_baseline"),
        ("casestudies", "0003_historicalstage_as_of_historicalstage_review_by_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Company",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("slug", models.SlugField(max_length=60, unique=True)),
                        ("name_zh", models.CharField(max_length=100)),
                        ("name_en", models.CharField(max_length=100)),
                        (
                            "industry",
                            models.CharField(
                                choices=[
                                    ("ecommerce", "E-commerce"),
                                    ("online_travel", "Online travel"),
                                    ("social_content", "Social and content"),
                                    ("cloud", "Cloud services"),
                                    ("gaming", "Games and internet services"),
                                    ("mobility", "Ride-hailing and mobility"),
                                    ("devices", "Consumer devices and services"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("description_zh", models.TextField(blank=True)),
                        ("description_en", models.TextField(blank=True)),
                        ("homepage", models.URLField(blank=True, max_length=300)),
                    ],
                    options={
                        "verbose_name_plural": "companies",
                        "db_table": "casestudies_company",
                        "ordering": ["name_en"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "industry__in",
                                        [
                                            "ecommerce",
                                            "online_travel",
                                            "social_content",
                                            "cloud",
                                            "gaming",
                                            "mobility",
                                            "devices",
                                        ],
                                    )
                                ),
                                name="company_industry_valid",
                            )
                        ],
                    },
                    bases=(platform_survey.i18n.BilingualMixin, models.Model),
                ),
                migrations.AlterField(
                    model_name="historicalperformancereport",
                    name="reported_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.company",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicaltechnology",
                    name="owner",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="For in-house systems: the company that built it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.company",
                    ),
                ),
                migrations.AlterField(
                    model_name="performancereport",
                    name="reported_by",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="performance_reports",
                        to="catalog.company",
                    ),
                ),
                migrations.AlterField(
                    model_name="technology",
                    name="owner",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="For in-house systems: the company that built it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="in_house_systems",
                        to="catalog.company",
                    ),
                ),
                migrations.CreateModel(
                    name="HistoricalCompany",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("slug", models.SlugField(max_length=60)),
                        ("name_zh", models.CharField(max_length=100)),
                        ("name_en", models.CharField(max_length=100)),
                        (
                            "industry",
                            models.CharField(
                                choices=[
                                    ("ecommerce", "E-commerce"),
                                    ("online_travel", "Online travel"),
                                    ("social_content", "Social and content"),
                                    ("cloud", "Cloud services"),
                                    ("gaming", "Games and internet services"),
                                    ("mobility", "Ride-hailing and mobility"),
                                    ("devices", "Consumer devices and services"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("description_zh", models.TextField(blank=True)),
                        ("description_en", models.TextField(blank=True)),
                        ("homepage", models.URLField(blank=True, max_length=300)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical company",
                        "verbose_name_plural": "historical companies",
                        "db_table": "casestudies_historicalcompany",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AlterField(
                    model_name="pitfall",
                    name="reported_by",
                    field=models.ManyToManyField(blank=True, related_name="reported_pitfalls", to="catalog.company"),
                ),
            ],
        ),
    ]
