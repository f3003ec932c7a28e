"""Seed coverage: every seed section with the playbook elements that implement it."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Playbook
from .html import Linker, html


class Element(NamedTuple):
    kind: str  # procedure, template, drill, training, taxonomy
    ident: str
    title: str
    anchor: str = ""


def coverage(pb: Playbook) -> dict[str, list[Element]]:
    """Section id → implementing elements, for every seed section (empty list = uncovered)."""
    out: dict[str, list[Element]] = {sid: [] for sid in pb.seed_sections()}

    def add(sections: list[str], element: Element) -> None:
        for sid in sections:
            if element not in out[sid]:
                out[sid].append(element)

    add(pb.taxonomy["sections"], Element("taxonomy", "severity", "投诉分类与分级"))
    for p in pb.procedures.values():
        add(p["sections"], Element("procedure", p["id"], p["title"]))
        for _, s in pb.steps(p):
            add(s.get("sections", []), Element("procedure", p["id"], p["title"], f"step-{s['id']}"))
    for kind, items in (("template", pb.templates), ("drill", pb.drills), ("training", pb.training)):
        for item in items.values():
            add(item["sections"], Element(kind, item["id"], item["title"]))
    return out


def render(pb: Playbook, link: Linker) -> str:
    cov = coverage(pb)
    covered = sum(1 for v in cov.values() if v)

    def href(e: Element) -> str:
        if e.kind == "taxonomy":
            return link.to("reference/severity.md")
        return link(e.kind, e.ident) + (f"#{e.anchor}" if e.anchor else "")

    return html("coverage.html.j2", pb=pb, cov=cov, covered=covered, total=len(cov), href=href)
