"""plan.yml → the governance page (version, owner, review, emergency response levels, change log)."""

from __future__ import annotations

from ..model import Playbook
from .html import Linker, heading, html, join


def render(pb: Playbook, link: Linker) -> str:
    parts = [html("plan_facts.html.j2", plan=pb.plan, pb=pb, link=link, due=pb.review_due().isoformat())]
    if "emergency" in pb.plan:
        parts += [heading(2, "应急响应分级与值班", "emergency"),
                  html("plan_emergency.html.j2", emergency=pb.plan["emergency"], pb=pb, link=link)]
    parts += [heading(2, "修订记录", "changes"), html("plan_changes.html.j2", plan=pb.plan)]
    return join(*parts)
