"""roles.yml → the roles index and one page per role, each listing every step the role owns."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join


def owned_steps(pb: Playbook, rid: str) -> list[tuple[dict, dict, dict]]:
    """(procedure, block, step) for every step owned by the role, in procedure order."""
    return [(p, b, s) for p in pb.procedures.values() for b, s in pb.steps(p) if s["owner"] == rid]


def render_index(pb: Playbook, link: Linker) -> str:
    counts = {rid: len(owned_steps(pb, rid)) for rid in pb.roles}
    return html("roles_index.html.j2", pb=pb, link=link, counts=counts)


def render_role(pb: Playbook, rid: str, link: Linker) -> str:
    role = pb.roles[rid]
    owned = owned_steps(pb, rid)
    by_proc: dict[str, list] = {}
    for p, b, s in owned:
        by_proc.setdefault(p["id"], []).append((b, s))
    reports = [r for r in pb.roles.values() if r["escalates_to"] == rid]
    return join(
        heading(1, role["name"], "top"),
        heading(2, "这是什么角色", "what"),
        html("role_about.html.j2", role=role, pb=pb, link=link, reports=reports),
        heading(2, f"负责的检查单步骤（{len(owned)}）", "steps"),
        html("role_steps.html.j2", pb=pb, link=link, by_proc=by_proc),
    )
