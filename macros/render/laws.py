"""laws.yml → the legal-reference page, grouped by act, each provision linked from what cites it."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join


def status(pb: Playbook, lid: str) -> str:
    """A provision's own status, else its act's: full, secondary or unconfirmed."""
    prov = pb.provisions[lid]
    return prov.get("status") or pb.acts[prov["act"]]["status"]


def cited_by(pb: Playbook, lid: str) -> list[tuple[str, str, str, str]]:
    """(kind, id, anchor, label) of every element citing the provision."""
    out = []
    for p in pb.procedures.values():
        for _, s in pb.steps(p):
            if lid in s.get("laws", []):
                out.append(("procedure", p["id"], f"step-{s['id']}", f"{p['title']}:{s['text'][:24]}…"))
    for t in pb.templates.values():
        if lid in t.get("laws", []):
            out.append(("template", t["id"], "", t["title"]))
    for t in pb.training.values():
        for q in t.get("quiz", []):
            if lid in q.get("laws", []):
                out.append(("training", t["id"], f"quiz-{q['id']}", f"{t['title']}:自测题"))
    return out


def render(pb: Playbook, link: Linker) -> str:
    parts = []
    for act in pb.acts.values():
        provisions = [p for p in pb.provisions.values() if p["act"] == act["id"]]
        parts.append(heading(2, act["name"], f"act-{act['id']}"))
        parts.append(html("laws_act.html.j2", link=link, act=act, provisions=provisions,
                          status=lambda lid: status(pb, lid), cited_by=lambda lid: cited_by(pb, lid)))
    return join(*parts)
