"""Bump the catalog version whenever a versioned model changes (see platform_survey/models.py)."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# What "the catalog" is: whole apps, or single models from other apps (the questionnaire, which the
# API serves and the engine's snapshot does not depend on, but pages and ETags do).
VERSIONED = ("catalog", "casestudies", "decisions.Questionnaire", "decisions.Section", "decisions.Question",
             "decisions.Option")  # fmt: skip
M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}


def is_versioned(model) -> bool:
    if hasattr(model, "instance_type"):  # a django-simple-history model: its base is what counts
        return False
    return model._meta.app_label in VERSIONED or model._meta.label in VERSIONED


def _on_change(sender, **kwargs) -> None:
    from .models import bump_catalog_version

    if kwargs.get("raw"):  # loaddata: fixtures are not the catalog's editing path
        return
    bump_catalog_version()


def _on_m2m(sender, action: str, **kwargs) -> None:
    if action in M2M_ACTIONS:
        _on_change(sender, **kwargs)


def connect() -> None:
    for model in apps.get_models():
        if is_versioned(model):
            uid = f"catalog-version-{model._meta.label_lower}"
            post_save.connect(_on_change, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
