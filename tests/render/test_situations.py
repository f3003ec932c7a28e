"""The start page."""

from __future__ import annotations

import dataclasses
import re

from macros.render import situations
from macros.render.html import Linker


def _role(rid: str, name: str, escalates_to: str | None) -> dict:
    return {"id": rid, "name": name, "what": "。", "why": "。", "responsibilities": ["。"], "escalates_to": escalates_to}


def test_escalation_lines_go_up_the_chain(fixture_pb):
    """找谁升级 lists one line per role escalated to, lowest first: 客服 → 组长, then 组长 and 质检 →
    经理. The ids sort the other way round (in reverse alphabetical order "manager" comes first), so the order
    can only come from each target's place in the chain."""
    roles = {
        "agent": _role("agent", "客服", "lead"),
        "lead": _role("lead", "组长", "manager"),
        "qa": _role("qa", "质检", "manager"),
        "manager": _role("manager", "经理", None),
    }
    out = situations.render(dataclasses.replace(fixture_pb, roles=roles), Linker("index.md"))
    lines = re.findall(r"<li>(.*?)</li>", out[out.index('<ul class="pb-escalation">'):])
    assert [
        '<a href="roles/agent/">客服</a> → <a href="roles/lead/"><strong>组长</strong></a>',
        '<a href="roles/lead/">组长</a>、<a href="roles/qa/">质检</a> → <a href="roles/manager/"><strong>经理</strong></a>',
    ] == lines
