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

from . import rules, text
from .answers import Context
from .scoring import Ranking
from .snapshot import Snapshot
from .words import Words, msg


def trade_offs(
    snapshot: Snapshot,
    effective: Mapping[str, rules.Effective],
    context: Context,
    rankings: list[Ranking],
    roles: list[dict],
) -> list[dict[str, Any]]:
    found = []
    for code, left, right in rules.TRADE_OFFS:
        keys = (*left, *right)
        if not all(key in effective and effective[key].importance in rules.STRONG for key in keys):
            continue
        names = {
            "left": text.join(text.capability_name(snapshot, key) for key in left),
            "right": text.join(text.capability_name(snapshot, key) for key in right),
        }
        found.append(
            {
                "code": code,
                "requirements": list(keys),
                "message": msg("trade_off.pull_against_each_other_few") % names,
                "resolution": _resolution(snapshot, keys, rankings, roles),
            }
        )
    if rules.is_cloud(context) and (
        "vlan" in context.existing_infra
        or ("fixed_ip" in effective and effective["fixed_ip"].importance in rules.STRONG)
    ):
        found.append(
            _context_trade_off(
                "l2_vs_cloud", ["environment", "fixed_ip"],
                msg("trade_off.fixed_ips_vlan_designs_rely"),
                msg("trade_off.options_that_need_layer_2"),
            )
        )  # fmt: skip
    if context.delivery == "self_hosted" and context.platform_team == "lt3":
        found.append(
            _context_trade_off(
                "self_hosted_small_team", ["delivery", "platform_team"],
                msg("trade_off.running_every_layer_yourselves_with"),
                msg("trade_off.operational_simplicity_was_raised_should"),
            )
        )  # fmt: skip
    if context.licence_policy == "osi_only" and context.delivery == "managed":
        found.append(
            _context_trade_off(
                "licence_vs_managed", ["licence_policy", "delivery"],
                msg("trade_off.cloud_managed_service_proprietary_even"),
                msg("trade_off.licence_policy_was_applied_software"),
            )
        )  # fmt: skip
    return found


def _context_trade_off(code: str, keys: list[str], message: Words, resolution: Words) -> dict[str, Any]:
    return {"code": code, "requirements": keys, "message": message, "resolution": resolution}


def _resolution(snapshot: Snapshot, keys: tuple[str, ...], rankings, roles) -> Words:
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
                levels.append(text.cat(text.capability_name(snapshot, key), ": ", text.level_label(level)))
        parts.append(
            msg("trade_off.resolution_pick")
            % {
                "technology": role["pick"]["name"],
                "role": text.role_name(snapshot, ranking.table.role)
                if ranking.table.role
                else text.category_name(snapshot, ranking.table.category),
                "levels": text.join(levels),
            }
        )
    return text.sentences(*parts) if parts else msg("trade_off.no_pick_scored_both_sides")
