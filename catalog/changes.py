"""The home page's "latest changes": the most recent edits to the knowledge base, from the history
that django-simple-history records for every curated model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_survey.i18n import localized

from .evidence import evidence
from .models import Assessment, Pitfall, Technology

ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    action: str  # "+", "~" or "-"
    kind: str  # what sort of record, for the reader
    label: str
    url: str
    user: str

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))


def _technology(record: models.Model) -> Change:
    return Change(
        record.history_date, record.history_type, str(_("Technology")), record.name,
        "" if record.history_type == "-" else Technology(slug=record.slug).get_absolute_url(),
        _user(record),
    )  # fmt: skip


def _assessment(record: models.Model) -> Change:
    technology, capability = record.technology, record.capability
    return Change(
        record.history_date, record.history_type, str(_("Assessment")),
        f"{technology.name} · {capability.name_local}",
        technology.get_absolute_url() + f"#capability-{capability.slug}", _user(record),
    )  # fmt: skip


def _pitfall(record: models.Model) -> Change:
    return Change(
        record.history_date, record.history_type, str(_("Pitfall")), str(localized(record, "title")),
        "" if record.history_type == "-" else Pitfall(slug=record.slug).get_absolute_url(),
        _user(record),
    )  # fmt: skip


def _case_study(record: models.Model) -> Change:
    case_study = evidence().case_studies().model(slug=record.slug)
    return Change(
        record.history_date, record.history_type, str(_("Case study")), str(localized(record, "title")),
        "" if record.history_type == "-" else case_study.get_absolute_url(),
        _user(record),
    )  # fmt: skip


def _user(record: models.Model) -> str:
    user = record.history_user
    return user.get_username() if user else ""


def latest_changes(limit: int = 8) -> list[Change]:
    """The ``limit`` most recent changes to technologies, assessments, pitfalls and case studies,
    newest first: four queries (one per history table), whatever the history's size."""
    sources = [
        (Technology.history.select_related("history_user"), _technology),
        (Assessment.history.select_related("history_user", "technology", "capability"), _assessment),
        (Pitfall.history.select_related("history_user"), _pitfall),
        (evidence().case_studies().model.history.select_related("history_user"), _case_study),
    ]
    changes = [
        describe(record)
        for queryset, describe in sources
        for record in queryset.order_by("-history_date", "-history_id")[:limit]
    ]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
