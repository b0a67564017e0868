"""The catalog's vocabularies, each spelled once: assessment levels, lifecycle statuses, pitfall
severities and requirement importances, as Django ``TextChoices``.

The models expose them where code expects them (``Assessment.Level``, ``Technology.Status``,
``Pitfall.Severity``); QuerySets, forms, filters and the decisions app's labels read them here, so
a value or its order is never written out again. The one other spelling is the plain-data contract
(``catalog/contract.py``) that the Django-free engine reads; a test holds the two together.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How well a technology meets a capability."""

    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partial")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


# The levels somebody has actually established. Everywhere (compare matrix, capability filter) a
# technology with no assessment for a capability counts as UNKNOWN: nobody has said it can.
KNOWN_LEVELS = (Level.YES, Level.PARTIAL, Level.NO)
# The same words inside a sentence (the results, the ADR), where a capitalised "Yes" reads wrong.
LEVEL_WORDS = {Level.YES: _("yes"), Level.PARTIAL: _("partial"), Level.NO: _("no"), Level.UNKNOWN: _("unknown")}


class Status(models.TextChoices):
    """A technology's lifecycle status today."""

    ACTIVE = "active", _("Active")
    MAINTENANCE = "maintenance", _("Maintenance")
    DORMANT = "dormant", _("Dormant")
    DEPRECATED = "deprecated", _("Deprecated")
    RETIRED = "retired", _("Retired")
    # No evidence newer than 2017 says what became of it: shown as such, a risk for the engine.
    UNVERIFIED = "unverified", _("Unverified since 2017")


# Statuses an evaluation leaves out unless the architect asks for legacy options.
LEGACY_STATUSES = frozenset({Status.DORMANT, Status.DEPRECATED, Status.RETIRED})


class Severity(models.TextChoices):
    """How badly a pitfall bites, mildest first (the order of the choices is the order of severity)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


# Critical first: 0 for critical ... 3 for low, derived from the order above.
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(reversed(Severity))}
SEVERITY_WORDS = {
    Severity.CRITICAL: _("critical"),
    Severity.HIGH: _("high"),
    Severity.MEDIUM: _("medium"),
    Severity.LOW: _("low"),
}


class Importance(models.TextChoices):
    """How much a requirement matters to the architect (the contract's IMPORTANCES), in words
    that sit inside a sentence; the questionnaire's radio buttons have their own capitalised labels
    (``decisions/forms.py``)."""

    MUST = "must", _("must")
    SHOULD = "should", _("should")
    COULD = "could", _("could")
    WONT = "wont", _("won't")
    UNSURE = "unsure", _("unsure")


# An unanswered requirement counts as WONT (the contract's rule).
UNANSWERED_IMPORTANCE = Importance.WONT
