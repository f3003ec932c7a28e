"""plan.yml → the governance page (version, owner, review, change log)."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join


def render(pb: Playbook, link: Linker) -> str:
    return join(
        html("plan_facts.html.j2", plan=pb.plan, pb=pb, link=link, due=pb.review_due().isoformat()),
        heading(2, "修订记录", "changes"),
        html("plan_changes.html.j2", plan=pb.plan),
    )
