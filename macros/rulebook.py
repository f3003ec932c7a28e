"""The rulebook: every rule, target, threshold, legal number and organisation setting by one id.

Prose in the playbook cites a value as ``{rule:<id>}`` (expanded when the playbook loads, so pages,
checklists, exports and search all read the same text) and Markdown pages as
``{{ rule("<id>") }}``. Ids:

    severity.<id>                      the level's name (重大)
    severity.<id>.<acknowledge|grade|resolve>   its time targets (30 分钟)
    threshold.<id>                     an internal money threshold from taxonomy.yml (5000 元)
    target.<id>                        an internal time target from taxonomy.yml (5 个工作日)
    law.<provision>.<key>              a legal number from laws.yml (7 天)
    step.<procedure>.<step>.due        a step's time target (14 天)
    org.<path>                         an organisation setting; list items by their id or role
                                       (org.authority.team-lead.max_amount)

An unfilled organisation setting (null) reads 「待本单位填写」.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from .model import Playbook, duration_zh

UNFILLED = "待本单位填写"
TOKEN = re.compile(r"\{rule:([a-z0-9_.-]+)\}")


class UnknownRule(KeyError):
    """A rule id that names nothing; str() is the fix hint."""


@dataclass(frozen=True)
class Rule:
    """One resolved value: what it is (for tests and scripts) and how a page says it."""

    id: str
    value: Any  # number, ISO duration, text, or None when an organisation setting is unfilled
    text: str

    @property
    def filled(self) -> bool:
        return self.value is not None


def _amount(v: float) -> str:
    return f"{v:g} 元"


def _item(items: list[Any], key: str) -> dict[str, Any] | None:
    """The item of a list of settings named key (by id or role); a list of plain values has none."""
    return next((i for i in items if isinstance(i, dict) and key in (i.get("id"), i.get("role"))), None)


def _org(pb: Playbook, parts: list[str], rid: str) -> Rule:
    node: Any = pb.organisation
    for part in parts:
        if isinstance(node, list):
            node = _item(node, part)
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            node = None
        if node is None and part != parts[-1]:
            raise UnknownRule(f"organisation.yml has no {'.'.join(parts)}")
    if isinstance(node, list) and node and all(isinstance(x, str) for x in node):
        return Rule(rid, node, "、".join(node))
    if isinstance(node, (dict, list)):
        raise UnknownRule(f"{rid} is a group of settings in organisation.yml; name one value inside it")
    if node is None:
        return Rule(rid, None, f"「{UNFILLED}」")
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        return Rule(rid, node, _amount(node) if parts[-1].endswith("amount") else f"{node:g}")
    return Rule(rid, node, str(node))


def resolve(pb: Playbook, rid: str) -> Rule:
    """The rule named rid; raises UnknownRule with a hint when it names nothing."""
    kind, _, rest = rid.partition(".")
    parts = rest.split(".") if rest else []
    if kind == "severity" and parts and parts[0] in pb.severities:
        sev = pb.severities[parts[0]]
        if len(parts) == 1:
            return Rule(rid, sev["id"], sev["name"])
        if len(parts) == 2 and parts[1] in ("acknowledge", "grade", "resolve") and parts[1] in sev:
            return Rule(rid, sev[parts[1]], duration_zh(sev[parts[1]]))
    elif kind == "threshold" and len(parts) == 1:
        t = _item(pb.taxonomy.get("thresholds", []), parts[0])
        if t:
            return Rule(rid, t["min"], _amount(t["min"]))
    elif kind == "target" and len(parts) == 1:
        t = _item(pb.taxonomy.get("targets", []), parts[0])
        if t:
            return Rule(rid, t["within"], target_text(t["within"]))
    elif kind == "law" and len(parts) == 2 and parts[0] in pb.provisions:
        n = next((n for n in pb.provisions[parts[0]].get("numbers", []) if n["key"] == parts[1]), None)
        if n:
            return Rule(rid, n["value"], f"{n['value']:g} {n['unit']}")
    elif kind == "step" and len(parts) == 3 and parts[2] == "due" and parts[0] in pb.procedures:
        step = next((st for _, st in pb.steps(pb.procedures[parts[0]]) if st["id"] == parts[1]), None)
        if step and "due" in step:
            return Rule(rid, step["due"], pb.due_text(step))
    elif kind == "org" and parts:
        return _org(pb, parts, rid)
    raise UnknownRule(f"no rule {rid!r}; ids look like severity.major.acknowledge, threshold.<id>, target.<id>, "
                      "law.<provision>.<key>, org.<path> (playbook/README.md)")


def target_text(within: dict[str, int] | str) -> str:
    """An internal target: an ISO duration, or {working_days: n}."""
    if isinstance(within, str):
        return duration_zh(within)
    return f"{within['working_days']} 个工作日"


def expand(pb: Playbook, text: str) -> str:
    """text with every {rule:id} replaced by the rule's wording (raises UnknownRule)."""
    return TOKEN.sub(lambda m: resolve(pb, m.group(1)).text, text)


def strings(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every string leaf of a parsed YAML document."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from strings(v, path + (i,))


def unfilled(node: Any, path: tuple = ()) -> Iterator[tuple]:
    """Paths of the null values in organisation.yml: the settings still to fill in."""
    if node is None:
        yield path
    elif isinstance(node, dict):
        for k, v in node.items():
            if k != "approver":  # null approver = the top of the chain, a real answer
                yield from unfilled(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from unfilled(v, path + (i,))
