"""Statistics in a real browser: sample records plus bad files, figures checked against Python."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from collections import Counter

import pytest

from macros.model import duration_parts

from ..conftest import ROOT
from .conftest import serious_violations

pytestmark = pytest.mark.browser
SAMPLE = ROOT / "docs" / "assets" / "samples" / "sample-runs.json"


def t(iso):
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))


def js_round(n, d=1):
    f = 10 ** d
    return math.floor(n * f + 0.5) / f


def expected(records, pb):
    """The metrics of playbook/metrics.yml, computed independently of stats.js."""
    rank = {s["id"]: s["rank"] for s in pb.taxonomy["severities"]}
    resolve = {}
    for s in pb.taxonomy["severities"]:
        p = duration_parts(s["resolve"])
        resolve[s["id"]] = p.get("D", 0) * 24 + p.get("H", 0) + p.get("MI", 0) / 60
    cases = {}
    for r in sorted(records, key=lambda r: t(r["startedAt"])):
        c = cases.setdefault(r["case"], {"runs": [], "sev": None, "cat": None, "src": None, "out": {}})
        c["runs"].append(r)
        if r["severity"] and (c["sev"] is None or rank[r["severity"]] > rank[c["sev"]]):
            c["sev"] = r["severity"]
        c["cat"] = c["cat"] or r["category"]
        c["src"] = c["src"] or r["source"]
        c["out"].update({k: v for k, v in r["outcome"].items() if v is not None})
    closed = [c for c in cases.values() if all(r["closedAt"] for r in c["runs"])]
    start = lambda c: min(t(r["startedAt"]) for r in c["runs"])  # noqa: E731
    end = lambda c: max(t(r["closedAt"]) for r in c["runs"])  # noqa: E731
    hours = [(end(c) - start(c)).total_seconds() / 3600 for c in closed]
    on_time = [c for c in closed if (end(c) - start(c)).total_seconds() / 3600 <= resolve[c["sev"]]]
    resolved = [c for c in closed if "resolved" in c["out"]]
    sats = [c["out"]["satisfaction"] for c in cases.values() if c["out"].get("satisfaction")]
    overdue = 0
    for r in records:
        done = {k: t(v["at"]) for k, v in r["state"].items() if v["status"] == "done"}
        for s in r["steps"]:
            if not s["due"] or s["id"] not in done:
                continue
            base = done.get(s["dueFrom"]) if s["dueFrom"] else t(r["startedAt"])
            if base is None:
                continue
            p = duration_parts(s["due"])
            due = base + dt.timedelta(days=p.get("D", 0) + 7 * p.get("W", 0), hours=p.get("H", 0), minutes=p.get("MI", 0))
            overdue += done[s["id"]] > due
    return {
        "cases": len(cases), "closed": len(closed),
        "byMonth": dict(Counter(start(c).strftime("%Y-%m") for c in cases.values())),
        "byCategory": dict(Counter(c["cat"] or "" for c in cases.values())),
        "bySeverity": dict(Counter(c["sev"] or "" for c in cases.values())),
        "bySource": dict(Counter(c["src"] or "" for c in cases.values())),
        "handlingHours": js_round(sum(hours) / len(hours)),
        "onTimeRate": js_round(100 * len(on_time) / len(closed)),
        "resolutionRate": js_round(100 * sum(1 for c in resolved if c["out"]["resolved"]) / len(resolved)),
        "satisfaction": js_round(sum(sats) / len(sats), 2),
        "compensationCases": sum(1 for c in cases.values() if c["out"].get("compensation", 0) > 0),
        "compensationTotal": js_round(sum(c["out"].get("compensation", 0) for c in cases.values()), 2),
        "improvements": sum(c["out"].get("improvements", 0) for c in cases.values()),
        "overdueTotal": overdue,
    }


def test_sample_and_bad_files(page, real_url, pb, tmp_path):
    """Sample records give the same figures as Python; bad files are named and skipped."""
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    old = copy.deepcopy(sample[0])
    old["case"] = "2025999"
    old["procedure"]["version"] = "0.9.0"
    files = {"sample-runs.json": SAMPLE.read_text(encoding="utf-8"),
             "notes.json": '{"hello": 1}', "broken.json": "{oops",
             "old.json": json.dumps(old, ensure_ascii=False), "dup.json": json.dumps(sample[0], ensure_ascii=False)}
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    page.goto(real_url + "reference/statistics/")
    page.set_input_files("#pb-stats-files", paths)
    page.wait_for_selector("[data-pb-stats][data-pb-result]")
    problems = page.inner_text(".pb-problems")
    for name in ("notes.json", "broken.json", "old.json", "dup.json"):
        assert name in problems
    # Every shipped sample record is a valid run record.
    assert [] == [p for p in problems.splitlines() if p.startswith("sample-runs.json")]
    assert str(len(sample) + 1) == page.get_attribute("[data-pb-loaded]", "data-pb-loaded")
    got = json.loads(page.get_attribute("[data-pb-stats]", "data-pb-result"))
    want = expected(sample + [old], pb)
    assert want == {k: got[k] for k in want}
    # Every chart has its numbers as a table.
    assert page.locator("[data-pb-chart]").count() >= 7
    assert page.locator("[data-pb-chart='count-by-month'] td[data-pb-cell]").count() == len(want["byMonth"])
    with page.expect_download() as csv:
        page.click("[data-pb-chart='count-by-month'] summary")
        page.click("[data-pb-chart='count-by-month'] button:has-text('CSV')")
    assert "件数" in open(csv.value.path(), encoding="utf-8-sig").read()


def test_axe_statistics_page(page, real_url):
    """No serious or critical WCAG A/AA violation on the statistics page with results shown."""
    page.goto(real_url + "reference/statistics/")
    page.set_input_files("#pb-stats-files", str(SAMPLE))
    page.wait_for_selector("[data-pb-stats][data-pb-result]")
    assert [] == serious_violations(page)
