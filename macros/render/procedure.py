"""procedures/<id>.yml → the procedure page: when to use, roles, pause-point blocks of checkboxes, hand-off."""

from __future__ import annotations

from typing import Any

from ..model import Playbook
from .html import Linker, heading, html, join, json_data
from .laws import status

AID_NAMES = {"triage": "严重程度判定", "compensation": "赔偿计算", "deadlines": "期限计算", "penalties": "商家处罚阶梯"}

MODES = {
    "read-do": ("READ-DO", "逐条阅读，读一条做一条。适合不常做或出错代价高的流程。"),
    "do-confirm": ("DO-CONFIRM", "凭经验先做，到每个检查点再逐条核对是否都已完成。"),
}


def run_data(pb: Playbook, p: dict[str, Any]) -> dict[str, Any]:
    """What the checklist-run script needs, embedded in the page so runs work offline."""
    ranks = {s["id"]: s["rank"] for s in pb.taxonomy["severities"]}
    return {
        "id": p["id"],
        "title": p["title"],
        "mode": p["mode"],
        "hash": pb.procedure_hash(p),
        "version": pb.plan["version"],
        "steps": [
            {
                "id": s["id"],
                "block": b["id"],
                "text": s["text"],
                "owner": pb.roles[s["owner"]]["name"],
                # A fixed due, or the rulebook's target per severity (the run's severity picks one).
                "due": s["due"] if isinstance(s.get("due"), str) else None,
                "dueBySeverity": pb.due_by_severity(s),
                "dueFrom": s.get("due_from"),
                "required": s.get("required", True),
                "minRank": ranks.get(s.get("condition", {}).get("min_severity"), 0),
                "categories": s.get("condition", {}).get("categories", []),
            }
            for b, s in pb.steps(p)
        ],
        "blocks": [{"id": b["id"], "title": b["title"]} for b in p["blocks"]],
        "severities": [{"id": s["id"], "name": s["name"], "rank": s["rank"]} for s in pb.taxonomy["severities"]],
        "categories": [{"id": c["id"], "name": c["name"]} for c in pb.taxonomy["categories"]],
        "sources": [{"id": c["id"], "name": c["name"]} for c in pb.taxonomy["sources"]],
        "caseNumber": case_number_rule(pb),
    }


def case_number_rule(pb: Playbook) -> dict[str, Any]:
    """The case-number rule for the start form (organisation.yml): pattern, example, description,
    and the practice range that drills and training use."""
    rule = pb.organisation["case_number"]
    out = {"pattern": rule["pattern"], "example": rule["examples"][0], "description": rule["description"]}
    if rule.get("practice"):
        p = rule["practice"]
        out["practice"] = {"pattern": p["pattern"], "example": p["examples"][0], "description": p["description"]}
    return out


def render(pb: Playbook, pid: str, link: Linker) -> str:
    """The whole procedure page body (the page's H1 comes from the same data)."""
    p = pb.procedures[pid]
    steps = {s["id"]: s for _, s in pb.steps(p)}
    owners = list(dict.fromkeys(s["owner"] for s in steps.values()))
    sections = pb.seed_sections()
    ctx = dict(p=p, pb=pb, link=link, steps=steps, sections=sections, severities=pb.severities, aid_names=AID_NAMES,
               law_status=lambda lid: status(pb, lid))
    parts = [
        heading(1, p["title"], "top"),
        html("procedure_head.html.j2", **ctx, mode=MODES[p["mode"]], owners=owners,
             cited=pb.procedure_sections(p), data=json_data(run_data(pb, p))),
    ]
    for n, block in enumerate(p["blocks"], 1):
        parts.append(heading(2, f"{n}. {block['title']}", f"block-{block['id']}"))
        parts.append(html("procedure_block.html.j2", **ctx, block=block))
    parts.append(heading(2, "结束与交接", "end"))
    parts.append(html("procedure_end.html.j2", **ctx))
    return join(*parts)


def chapter_of(p: dict[str, Any]) -> int:
    """The seed chapter a procedure belongs to: that of its first section."""
    return int(p["sections"][0].split(".")[0])


def render_index(pb: Playbook, link: Linker) -> str:
    """All procedures by chapter, each with its summary and when to use it."""
    chapters = [(ch, [p for p in pb.procedures.values() if chapter_of(p) == ch["number"]]) for ch in pb.plan["chapters"]]
    return html("procedure_index.html.j2", link=link, chapters=chapters)
