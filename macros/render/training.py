"""training/<id>.yml → a training path: ordered modules, case studies and a self-check quiz."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join, json_data


def render(pb: Playbook, tid: str, link: Linker) -> str:
    t = pb.training[tid]
    quiz = [{"id": q["id"], "answer": q["answer"], "explanation": q["explanation"],
             "procedure": {"title": pb.procedures[q["procedure"]]["title"], "url": link("procedure", q["procedure"])}}
            for q in t.get("quiz", [])]
    ctx = dict(t=t, pb=pb, link=link)
    parts = [heading(1, t["title"], "top"),
             html("training_head.html.j2", **ctx, data=json_data({"id": t["id"], "quiz": quiz})),
             heading(2, "学习模块", "modules"),
             html("training_modules.html.j2", **ctx)]
    if t.get("cases"):
        parts += [heading(2, "案例研讨", "cases"), html("training_cases.html.j2", **ctx)]
    if t.get("quiz"):
        parts += [heading(2, "自测题", "quiz"), html("training_quiz.html.j2", **ctx)]
    return join(*parts)


def render_index(pb: Playbook, link: Linker) -> str:
    return html("training_index.html.j2", pb=pb, link=link)
