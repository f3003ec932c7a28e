"""metrics.yml → the statistics page: where records are loaded and each metric is defined."""

from __future__ import annotations

from ..model import Playbook, duration_delta
from .html import Linker, html, json_data
from .procedure import case_number_rule, run_data


def _hours(iso: str) -> float:
    return duration_delta(iso).total_seconds() / 3600


def page_data(pb: Playbook) -> dict:
    """What stats.js needs: metric definitions, the ids records may use, the case-number rule and
    practice range, and each checklist's timed steps (for runs read from event logs)."""
    case = case_number_rule(pb)
    return {
        "version": pb.plan["version"],
        "metrics": pb.metrics,
        "severities": [{"id": s["id"], "name": s["name"], "rank": s["rank"], "resolveHours": _hours(s["resolve"])}
                       for s in pb.taxonomy["severities"]],
        "categories": {c["id"]: c["name"] for c in pb.taxonomy["categories"]},
        "sources": {c["id"]: c["name"] for c in pb.taxonomy["sources"]},
        "casePattern": case["pattern"],
        "practicePattern": case.get("practice", {}).get("pattern"),
        "procedures": {pid: {"title": p["title"], "steps": [{k: s[k] for k in ("id", "text", "due", "dueBySeverity", "dueFrom")}
                                                            for s in run_data(pb, p)["steps"] if s["due"] or s["dueBySeverity"]]}
                       for pid, p in pb.procedures.items()},
    }


def render(pb: Playbook, link: Linker) -> str:
    return html("stats.html.j2", data=json_data(page_data(pb)), metrics=pb.metrics,
                sample=link.asset("assets/samples/sample-runs.json"))
