"""metrics.yml → the statistics page: where records are loaded and each metric is defined."""

from __future__ import annotations

from ..model import Playbook, duration_delta
from .html import Linker, html, json_data


def _hours(iso: str) -> float:
    return duration_delta(iso).total_seconds() / 3600


def render(pb: Playbook, link: Linker) -> str:
    data = {
        "version": pb.plan["version"],
        "metrics": pb.metrics,
        "severities": [{"id": s["id"], "name": s["name"], "rank": s["rank"], "resolveHours": _hours(s["resolve"])}
                       for s in pb.taxonomy["severities"]],
        "categories": {c["id"]: c["name"] for c in pb.taxonomy["categories"]},
        "sources": {c["id"]: c["name"] for c in pb.taxonomy["sources"]},
    }
    return html("stats.html.j2", data=json_data(data), metrics=pb.metrics, sample=link.asset("assets/samples/sample-runs.json"))
