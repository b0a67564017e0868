"""Trade-offs (decision model v2, point 7): tensions in the answers, and which way the picks went.

A requirement trade-off (rules.TRADE_OFFS) is reported when both of its sides are must or should.
Its resolution names, for each role scored on those requirements, the pick and its level on each
side. Context trade-offs come from answers that pull apart: layer-2 designs in a cloud, a team of
fewer than three that wants to run everything itself, an open-source-only policy with managed
services (a cloud's managed service is not open source, whatever the software inside it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from . import rules, text
from .answers import Context
from .scoring import Ranking
from .snapshot import Snapshot


def trade_offs(
    snapshot: Snapshot,
    effective: Mapping[str, rules.Effective],
    context: Context,
    rankings: list[Ranking],
    roles: list[dict],
    lang: str,
) -> list[dict[str, Any]]:
    found = []
    for code, left, right in rules.TRADE_OFFS:
        keys = (*left, *right)
        if not all(key in effective and effective[key].importance in rules.STRONG for key in keys):
            continue
        names = {
            "left": text.join(text.capability_name(snapshot, key, lang) for key in left),
            "right": text.join(text.capability_name(snapshot, key, lang) for key in right),
        }
        found.append(
            {
                "code": code,
                "requirements": list(keys),
                "message": gettext(
                    "“%(left)s” and “%(right)s” pull against each other: few options are strong at both."
                )
                % names,
                "resolution": _resolution(snapshot, keys, rankings, roles, lang),
            }
        )
    if rules.is_cloud(context) and (
        "vlan" in context.existing_infra
        or ("fixed_ip" in effective and effective["fixed_ip"].importance in rules.STRONG)
    ):
        found.append(
            _context_trade_off(
                "l2_vs_cloud", ["environment", "fixed_ip"],
                gettext("Fixed IPs and VLAN designs rely on layer-2 adjacency, which public and hybrid clouds do not "
                        "give containers."),
                gettext("Options that need layer 2 were eliminated; fixed IPs come from the CNI's IP management "
                        "instead (see the IP management role)."),
            )
        )  # fmt: skip
    if context.delivery == "self_hosted" and context.platform_team == "lt3":
        found.append(
            _context_trade_off(
                "self_hosted_small_team", ["delivery", "platform_team"],
                gettext("Running every layer yourselves with fewer than three people leaves nobody spare for "
                        "upgrades and on-call."),
                gettext("Operational simplicity was raised to should; consider managed services for the layers you "
                        "do not differentiate on."),
            )
        )  # fmt: skip
    if context.licence_policy == "osi_only" and context.delivery == "managed":
        found.append(
            _context_trade_off(
                "licence_vs_managed", ["licence_policy", "delivery"],
                gettext("A cloud's managed service is proprietary even when the software inside it is open source."),
                gettext("The licence policy was applied to software you run; managed services were judged by the "
                        "delivery answer."),
            )
        )  # fmt: skip
    return found


def _context_trade_off(code: str, keys: list[str], message: str, resolution: str) -> dict[str, Any]:
    return {"code": code, "requirements": keys, "message": message, "resolution": resolution}


def _resolution(snapshot: Snapshot, keys: tuple[str, ...], rankings, roles, lang: str) -> str:
    parts = []
    for ranking, role in zip(rankings, roles, strict=True):
        if role["pick"] is None or not any(key in ranking.table.keys for key in keys):
            continue
        technology = snapshot.technologies[role["pick"]["slug"]]
        levels = []
        for key in keys:
            if key in ranking.table.keys:
                assessment = technology.assessments.get(key)
                level = assessment.level if assessment is not None else "unknown"
                levels.append(f"{text.capability_name(snapshot, key, lang)}: {text.level_label(level)}")
        parts.append(
            gettext("%(technology)s (%(role)s) — %(levels)s.")
            % {
                "technology": role["pick"]["name"],
                "role": text.role_name(snapshot, ranking.table.role, lang)
                if ranking.table.role
                else text.category_name(snapshot, ranking.table.category, lang),
                "levels": text.join(levels),
            }
        )
    return text.sentences(*parts) if parts else gettext("No pick is scored on both sides.")
