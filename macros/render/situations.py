"""situations.yml → the start page: situations to procedures, severities and escalation on one screen."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join


def escalation_lines(pb: Playbook) -> list[tuple[list[dict], dict]]:
    """(roles, the role they escalate to), grouped by target and ordered up the chain."""
    targets: dict[str, list[dict]] = {}
    for role in pb.roles.values():
        if role["escalates_to"]:
            targets.setdefault(role["escalates_to"], []).append(role)

    def depth(rid: str) -> int:
        n = 0
        while pb.roles[rid]["escalates_to"]:
            rid, n = pb.roles[rid]["escalates_to"], n + 1
        return n

    order = sorted(targets, key=depth, reverse=True)
    return [(targets[t], pb.roles[t]) for t in order]


def render(pb: Playbook, link: Linker) -> str:
    ctx = dict(pb=pb, link=link, severities=pb.severities)
    return join(
        html("situations.html.j2", **ctx),
        heading(2, "分级与时限", "severity"),
        html("severity_summary.html.j2", **ctx),
        heading(2, "找谁升级", "escalation"),
        html("escalation.html.j2", **ctx, lines=escalation_lines(pb)),
        heading(2, "进行中的投诉", "open-runs"),
        '<div data-pb-open-runs="cases"></div>',
    )
