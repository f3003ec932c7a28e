"""aids.yml → the decision-aid pages: triage, compensation and deadline calculators, penalty ladder.

Each calculator page embeds its rules (with legal numbers resolved from laws.yml and citations
linked) for aids.js; the penalty ladder is a static table.
"""

from __future__ import annotations

from typing import Any

from ..model import Playbook
from .html import Linker, heading, html, join, json_data
from ..aids import data as rules_data
from .laws import status


def _cite(pb: Playbook, link: Linker, lid: str) -> dict[str, Any]:
    prov = pb.provisions[lid]
    return {"id": lid, "label": pb.acts[prov["act"]]["name"] + prov["article"], "url": link("law", lid),
            "verify": status(pb, lid) != "full"}


def rules(pb: Playbook, link: Linker, kind: str) -> dict[str, Any]:
    """The data core/aids.js needs for one calculator (macros/aids.py data()), with citations linked."""
    if kind not in ("triage", "compensation", "deadlines"):
        raise ValueError(f"unknown aid {kind!r}")
    d = rules_data(pb)
    if kind != "deadlines":
        d = {k: v for k, v in d.items() if k != "calendar"}
    cited = set(d["compensation"]["remedy_laws"]) | {x for e in d["compensation"]["exclusions"] for x in e["laws"]}
    cited |= {d["compensation"][k]["law"] for k in ("fraud", "food", "defect")} | set(d["deadlines"]["laws"].values())
    return {"kind": kind, **d, "cites": {lid: _cite(pb, link, lid) for lid in sorted(cited) if lid in pb.provisions}}


def render(pb: Playbook, kind: str, link: Linker) -> str:
    if kind == "penalties":
        levels = pb.aids["penalties"]["levels"]
        return html("aid_penalties.html.j2", levels=levels, cite=lambda lid: _cite(pb, link, lid))
    return html(f"aid_{kind}.html.j2", data=json_data(rules(pb, link, kind)), aids=pb.aids)
