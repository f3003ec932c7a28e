"""The validated playbook, indexed for renderers.

The JSON Schemas are the one definition of each kind's shape, so the model keeps the
validated dicts as they are and only adds indexes and derived values; a parallel set of
dataclasses would be a second copy of the schemas to keep in step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from .source import Document

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<Y>\d+)Y)?(?:(?P<MO>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<H>\d+)H)?(?:(?P<MI>\d+)M)?)?$"
)
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_UNITS = (("Y", "年"), ("MO", "个月"), ("W", "周"), ("D", "天"), ("H", "小时"), ("MI", "分钟"))


def duration_parts(value: str) -> dict[str, int]:
    """'P1DT2H' → {'D': 1, 'H': 2}; raises ValueError for anything else."""
    m = _DURATION.match(value)
    if not m:
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    return {k: int(v) for k, v in m.groupdict().items() if v}


def duration_zh(value: str) -> str:
    """'PT2H' → '2 小时'; 'P1DT12H' → '1 天 12 小时'."""
    parts = duration_parts(value)
    return " ".join(f"{parts[k]} {unit}" for k, unit in _UNITS if k in parts)


def duration_delta(value: str) -> dt.timedelta:
    """Fixed-length durations (weeks, days, hours, minutes) as a timedelta; months and years
    have no fixed length and are refused."""
    parts = duration_parts(value)
    if "Y" in parts or "MO" in parts:
        raise ValueError(f"calendar duration has no fixed length: {value!r}")
    return dt.timedelta(weeks=parts.get("W", 0), days=parts.get("D", 0), hours=parts.get("H", 0), minutes=parts.get("MI", 0))


def add_duration(start: dt.date, value: str) -> dt.date:
    """Calendar arithmetic for day-or-longer durations (used for review dates)."""
    parts = duration_parts(value)
    months = parts.get("Y", 0) * 12 + parts.get("MO", 0)
    year, month = divmod(start.month - 1 + months, 12)
    day = min(start.day, _days_in_month(start.year + year, month + 1))
    moved = start.replace(year=start.year + year, month=month + 1, day=day)
    return moved + dt.timedelta(weeks=parts.get("W", 0), days=parts.get("D", 0))


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


@dataclass
class Playbook:
    """Every playbook file, validated, with lookups by id."""

    root: Path
    plan: dict[str, Any]
    roles: dict[str, dict[str, Any]]
    taxonomy: dict[str, Any]
    acts: dict[str, dict[str, Any]]
    provisions: dict[str, dict[str, Any]]
    situations: list[dict[str, Any]] = field(default_factory=list)
    aids: dict[str, Any] = field(default_factory=dict)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    organisation: dict[str, Any] = field(default_factory=dict)
    holidays: dict[str, Any] = field(default_factory=lambda: {"years": []})
    synonyms: list[dict[str, Any]] = field(default_factory=list)
    procedures: dict[str, dict[str, Any]] = field(default_factory=dict)
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    drills: dict[str, dict[str, Any]] = field(default_factory=dict)
    training: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[Path, Document] = field(default_factory=dict, repr=False)
    # Unfilled organisation settings (errors.UnfilledSetting): listed by `playbook validate`, never fatal.
    warnings: list[Any] = field(default_factory=list, repr=False)

    # ---- Lookups --------------------------------------------------------------

    @property
    def severities(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.taxonomy["severities"]}

    @property
    def categories(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.taxonomy["categories"]}

    def seed_sections(self) -> dict[str, dict[str, Any]]:
        """Section id → section (with its chapter number), in document order."""
        return self._seed_sections

    @cached_property
    def _seed_sections(self) -> dict[str, dict[str, Any]]:
        # Asked for on every page render and in every check; the plan does not change after loading.
        return {s["id"]: {**s, "chapter": ch["number"]} for ch in self.plan["chapters"] for s in ch["sections"]}

    def steps(self, procedure: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(block, step) pairs in checklist order."""
        for block in procedure["blocks"]:
            for step in block["steps"]:
                yield block, step

    def browser_retention(self) -> str:
        """The ISO duration after which a browser removes its closed runs and drafts (taxonomy.yml
        target browser-copies; the check browser-retention-target guarantees it is there)."""
        return next(t["within"] for t in self.taxonomy.get("targets", []) if t["id"] == "browser-copies")

    def due_by_severity(self, step: dict[str, Any]) -> dict[str, str] | None:
        """Severity id → ISO duration for a step whose due is a rulebook target per severity
        ({severity: acknowledge}); None for a fixed due or none."""
        due = step.get("due")
        if not isinstance(due, dict):
            return None
        return {s["id"]: s[due["severity"]] for s in self.taxonomy["severities"]}

    def due_text(self, step: dict[str, Any], within: str = "") -> str:
        """A step's time allowed as a page states it: '2 小时内', or per severity
        '按严重程度：一般 12 小时内、重大 30 分钟内' (within: the word after each duration)."""
        by = self.due_by_severity(step)
        if by is None:
            return duration_zh(step["due"]) + within
        return "按严重程度：" + "、".join(f"{self.severities[k]['name']} {duration_zh(v)}{within}" for k, v in by.items())

    def procedure_sections(self, procedure: dict[str, Any]) -> list[str]:
        """The procedure's sections plus those its steps add, in seed order."""
        found = set(procedure["sections"])
        for _, step in self.steps(procedure):
            found.update(step.get("sections", []))
        return self.sort_sections(found)

    def sort_sections(self, ids: set[str] | list[str]) -> list[str]:
        return sorted(set(ids), key=lambda s: tuple(int(p) for p in s.split(".")))

    @cached_property
    def calendar(self) -> dict[str, Any]:
        """China's working-day table (macros/workdays.py): the package's years plus holidays.yml."""
        from .workdays import table

        return table(self.holidays)

    def number(self, ref: dict[str, str]) -> float:
        """The value of a legal number referenced as {law, key}."""
        return next(n["value"] for n in self.provisions[ref["law"]]["numbers"] if n["key"] == ref["key"])

    def review_due(self) -> dt.date:
        review = self.plan["review"]
        return add_duration(dt.date.fromisoformat(review["last"]), review["interval"])

    def procedure_hash(self, procedure: dict[str, Any]) -> str:
        """Fingerprint of a procedure's content: saved runs compare it to detect a changed checklist."""
        canonical = json.dumps(procedure, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def export(self) -> dict[str, Any]:
        """The whole validated plan as plain JSON-able data, for other systems."""
        return {
            "plan": self.plan,
            "roles": list(self.roles.values()),
            "taxonomy": self.taxonomy,
            "laws": {"acts": list(self.acts.values()), "provisions": list(self.provisions.values())},
            "situations": self.situations,
            "aids": self.aids,
            "metrics": self.metrics,
            "organisation": self.organisation,
            "synonyms": self.synonyms,
            "procedures": [{**p, "hash": self.procedure_hash(p)} for p in self.procedures.values()],
            "templates": list(self.templates.values()),
            "drills": list(self.drills.values()),
            "training": list(self.training.values()),
        }


def placeholders(body: str) -> list[str]:
    """Field names used as {name} in a template body, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(body)))
