"""taxonomy.yml → the classification page: severity table, categories, sources, statuses, case numbers."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join
from ..rulebook import target_text
from .organisation import render_case_number


def render(pb: Playbook, link: Linker) -> str:
    t = pb.taxonomy
    ctx = dict(t=t, pb=pb, link=link, target_text=target_text)
    return join(
        heading(2, "严重程度分级", "severity"),
        html("taxonomy_severity.html.j2", **ctx),
        heading(2, "投诉类别", "categories"),
        html("taxonomy_list.html.j2", items=t["categories"]),
        heading(2, "投诉来源", "sources"),
        html("taxonomy_list.html.j2", items=t["sources"]),
        heading(2, "处理状态", "statuses"),
        html("taxonomy_list.html.j2", items=t["statuses"]),
        heading(2, "投诉编号", "case-number"),
        render_case_number(pb),
    )
