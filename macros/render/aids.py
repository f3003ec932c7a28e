"""aids.yml → the decision-aid pages: triage, compensation and deadline calculators, penalty ladder.

Each calculator page embeds its rules (with legal numbers resolved from laws.yml and citations
linked) for aids.js; the penalty ladder is a static table.
"""

from __future__ import annotations

from typing import Any

from ..model import Playbook
from .html import Linker, heading, html, join, json_data
from .laws import status


def _cite(pb: Playbook, link: Linker, lid: str) -> dict[str, Any]:
    prov = pb.provisions[lid]
    return {"id": lid, "label": pb.acts[prov["act"]]["name"] + prov["article"], "url": link("law", lid),
            "verify": status(pb, lid) != "full"}


def rules(pb: Playbook, link: Linker, kind: str) -> dict[str, Any]:
    """The data aids.js needs for one calculator."""
    a = pb.aids
    if kind == "triage":
        return {"kind": kind, **a["triage"], "severities": [
            {"id": s["id"], "name": s["name"], "rank": s["rank"], "acknowledge": s["acknowledge"], "resolve": s["resolve"]}
            for s in pb.taxonomy["severities"]], "rule": pb.taxonomy["severity_rule"]}
    if kind == "compensation":
        c = a["compensation"]
        n = pb.number
        return {"kind": kind,
                "fraud": {"multiplier": n(c["fraud"]["multiplier"]), "minimum": n(c["fraud"]["minimum"]),
                          "law": _cite(pb, link, c["fraud"]["multiplier"]["law"]),
                          "exclusions": [_cite(pb, link, x) for x in c["fraud"]["exclusions"]]},
                "food": {"priceMultiplier": n(c["food"]["price_multiplier"]), "lossMultiplier": n(c["food"]["loss_multiplier"]),
                         "minimum": n(c["food"]["minimum"]), "law": _cite(pb, link, c["food"]["price_multiplier"]["law"]),
                         "exclusions": [_cite(pb, link, x) for x in c["food"]["exclusions"]]},
                "remedies": [_cite(pb, link, x) for x in c["remedy_laws"]]}
    if kind == "deadlines":
        d = a["deadlines"]
        return {"kind": kind, **{k: pb.number(d[k]) for k in d if k != "sections"},
                "laws": {k: _cite(pb, link, d[k]["law"]) for k in d if k != "sections"}}
    raise ValueError(f"unknown aid {kind!r}")


def render(pb: Playbook, kind: str, link: Linker) -> str:
    if kind == "penalties":
        levels = pb.aids["penalties"]["levels"]
        return html("aid_penalties.html.j2", levels=levels, cite=lambda lid: _cite(pb, link, lid))
    return html(f"aid_{kind}.html.j2", data=json_data(rules(pb, link, kind)), aids=pb.aids, pb=pb)
