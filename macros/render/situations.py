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


def parts(pb: Playbook, link: Linker) -> list[tuple[str, str, str]]:
    """The handbook's parts as (title, URL, what it is for): the home page's tiles, so the start
    page reaches every part without search (review: walkthrough 2.1)."""
    return [
        ("进行中", link.to("runs.md"), "本浏览器中的全部检查单记录，按投诉编号分组"),
        ("检查单", link.to("procedures/index.md"), f"{len(pb.procedures)} 张，按预案章节排列"),
        ("文书模板", link.to("forms/index.md"), "回执、通知、声明：填空生成，可打印"),
        ("决策工具", link("aid", next(iter(pb.aids))), "定级、赔偿金额、期限计算"),
        ("演练", link.to("drills/index.md"), "情景、注入和评估（主持人用）"),
        ("培训", link.to("training/index.md"), "按岗位的学习路径与测验"),
        ("角色", link.to("roles/index.md"), "每个岗位负责的步骤和升级对象"),
        ("统计", link.to("reference/statistics.md"), "载入导出的记录，查看时效与结果"),
        ("参考", link.to("reference/severity.md"), "分级标准、组织设置、法规条文"),
    ]


def render(pb: Playbook, link: Linker) -> str:
    ctx = dict(pb=pb, link=link, severities=pb.severities)
    return join(
        html("situations.html.j2", **ctx),
        heading(2, "进行中的投诉", "open-runs"),
        '<div data-pb-open-runs="cases"></div>',
        heading(2, "手册各部分", "parts"),
        html("handbook_parts.html.j2", parts=parts(pb, link)),
        heading(2, "分级与时限", "severity"),
        html("severity_summary.html.j2", **ctx),
        heading(2, "找谁升级", "escalation"),
        html("escalation.html.j2", **ctx, lines=escalation_lines(pb)),
    )
