"""drills/<id>.yml → the facilitator page (full package) and the participant handout.

The handout is a separate renderer on purpose: it is built only from the fields players may
see, so facilitator notes, injects and expected actions cannot leak into it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..model import Playbook, duration_delta
from .html import Linker, heading, html, join, json_data


def _minutes(iso: str) -> int:
    return duration_delta(iso) // timedelta(minutes=1)


def console_data(d: dict[str, Any]) -> dict[str, Any]:
    """What drills.js needs: injects with offsets in minutes, tasks and the rating scale."""
    return {
        "id": d["id"], "title": d["title"], "duration": _minutes(d["duration"]),
        "injects": [{"id": i["id"], "at": _minutes(i["at"]), "from": i["from"], "message": i["message"],
                     "expected": [e["action"] for e in i["expected"]]} for i in d["injects"]],
        "objectives": d["objectives"],
        "tasks": [{"id": t["id"], "text": t["text"], "objective": ev["objective"]} for ev in d["evaluation"] for t in ev["tasks"]],
        "scale": d["rating_scale"],
    }


def render(pb: Playbook, did: str, link: Linker) -> str:
    d = pb.drills[did]
    steps = {f"{p['id']}.{s['id']}": (p, s) for p in pb.procedures.values() for _, s in pb.steps(p)}
    ctx = dict(d=d, pb=pb, link=link, steps=steps, minutes=_minutes, severities=pb.severities)
    objectives = {o["id"]: o["text"] for o in d["objectives"]}
    return join(
        heading(1, d["title"], "top"),
        html("drill_head.html.j2", **ctx, data=json_data(console_data(d)), handout=link("handout", did)),
        heading(2, "情景", "scenario"),
        html("drill_text.html.j2", text=d["scenario"]),
        heading(2, "目标", "objectives"),
        html("drill_list.html.j2", items=[o["text"] for o in d["objectives"]], ordered=True),
        heading(2, "参演人员", "participants"),
        html("drill_participants.html.j2", **ctx),
        heading(2, "导调须知（仅限导调人员）", "facilitator"),
        html("drill_notes.html.j2", notes=d["facilitator_notes"]),
        heading(2, "主事件清单（MSEL）", "msel"),
        html("drill_msel.html.j2", **ctx),
        heading(2, "评估指南", "evaluation"),
        html("drill_evaluation.html.j2", **ctx, objectives=objectives),
        heading(2, "讨论问题", "discussion"),
        html("drill_list.html.j2", items=d["discussion"], ordered=True),
        heading(2, "复盘问题（hot wash）", "hot-wash"),
        html("drill_list.html.j2", items=d["hot_wash"], ordered=True),
        heading(2, "总结报告与改进计划", "report"),
        html("drill_report.html.j2", **ctx),
    )


def handout_title(d: dict[str, Any]) -> str:
    return f"{d['title']}：参演人员手册"


def render_handout(pb: Playbook, did: str, link: Linker) -> str:
    d = pb.drills[did]
    return join(
        heading(1, handout_title(d), "top"),
        html("drill_handout.html.j2", d=d, severities=pb.severities),
        heading(2, "情景", "scenario"),
        html("drill_text.html.j2", text=d["scenario"]),
        heading(2, "目标", "objectives"),
        html("drill_list.html.j2", items=[o["text"] for o in d["objectives"]], ordered=True),
        heading(2, "参演人员", "participants"),
        html("drill_participants.html.j2", d=d, pb=pb, link=link),
        heading(2, "讨论问题", "discussion"),
        html("drill_list.html.j2", items=d["discussion"], ordered=True),
    )


def render_index(pb: Playbook, link: Linker) -> str:
    return html("drill_index.html.j2", pb=pb, link=link, severities=pb.severities)
