"""The archive renderer (macros/archive.py): its fold agrees with the browser's (core/events.js foldRun)
on a shared fixture, closed cases only, full who/when timeline, user text stays literal text."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from macros import archive

from .conftest import FIXTURES, ROOT

EVENTS = json.loads((FIXTURES / "team" / "case-events.json").read_text(encoding="utf-8"))
FIELDS = ["log", "case", "procedure", "severity", "category", "startedAt", "closedAt", "discarded", "signedFor",
          "steps", "notes", "outcome"]

NODE_FOLD = """
const events = require(process.argv[1] + "/docs/assets/javascripts/core/events.js");
const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
const logs = {};
all.forEach((e) => (logs[e.log] = logs[e.log] || []).push(e));
const out = {};
for (const log of Object.keys(logs)) {
  const run = events.foldRun(logs[log]);
  out[log] = Object.assign({}, run, {history: run.history.map((h) => [h.event.id, h.undone]), problems: run.problems.length});
}
process.stdout.write(JSON.stringify(out));
"""


def js_folds() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed (Node 20 is on the machines; make test runs node --test first)")
    result = subprocess.run([node, "-e", NODE_FOLD, str(ROOT)], input=json.dumps(EVENTS), capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def test_python_fold_equals_browser_fold():
    browser = js_folds()
    for log, log_events in archive.runs_by_log(EVENTS).items():
        run = archive.fold_run(log_events)
        for field in FIELDS:
            assert run[field] == browser[log][field], (log, field)
        assert [[h["event"]["id"], h["undone"]] for h in run["history"]] == browser[log]["history"]
        assert len(run["problems"]) == browser[log]["problems"]


def test_fold_semantics_on_the_fixture():
    run = archive.fold_run(archive.runs_by_log(EVENTS)["run:00000000-0000-4000-8000-000000009001"])
    assert run["steps"]["evidence"]["by"]["name"] == "李四"  # ticked again after the undo
    assert run["outcome"]["satisfaction"] == 4  # the undo of it was itself undone
    assert run["severity"] == "minor" and run["closedAt"] == "2026-11-29T10:00:00.000+08:00"
    assert len(run["history"]) == 13  # the duplicate delivery counted once


def test_only_cases_whose_runs_are_all_closed():
    cases = archive.closed_cases(EVENTS)
    assert list(cases) == ["2026001"]  # 2026002 is still open
    assert [r["procedure"] for r in cases["2026001"]] == ["intake", "preliminary-review"]


def test_json_carries_every_event_and_the_summary():
    runs = archive.closed_cases(EVENTS)["2026001"]
    data = archive.case_json("2026001", runs, "2026-11-30T08:00:00.000+00:00")
    assert data["format"] == "playbook-case-archive" and data["case"] == "2026001"
    assert sum(len(r["events"]) for r in data["runs"]) == 18
    steps = {s["id"]: s for s in data["runs"][0]["summary"]["steps"]}
    assert steps["refund"] == {"id": "refund", "text": "确定赔偿方案", "status": "skipped", "reason": "商家已直接退款",
                               "by": {"name": "李四", "role": "handler", "at": "2026-11-29T09:14:00.000+08:00",
                                      "event": "00000000-0000-4000-8000-000000000006"}, "note": None}


def test_markdown_timeline_says_who_and_when_in_china_time():
    runs = archive.closed_cases(EVENTS)["2026001"]
    md = archive.case_markdown("2026001", runs, "2026-11-30T00:00:00.000+00:00")
    assert "- 导出时间：2026-11-30 08:00 UTC+8" in md
    assert "- 2026-11-29 09:10 UTC+8 · 李四（handler） · 完成 步骤 evidence（已被撤销）" in md
    assert "- 2026-11-29 10:00 UTC+8 · 李四（handler） · 关闭" in md
    assert "- 已跳过 · 确定赔偿方案（原因：商家已直接退款） · 李四 2026-11-29 09:14 UTC+8" in md


def test_markdown_keeps_user_text_literal():
    runs = archive.closed_cases(EVENTS)["2026001"]
    md = archive.case_markdown("2026001", runs, "2026-11-30T00:00:00.000+00:00")
    note_lines = [line for line in md.splitlines() if "客户说" in line]
    assert note_lines and all("\n" not in line for line in note_lines)
    for line in note_lines:
        assert "\\[点击\\]\\(javascript\\:alert\\(1\\)\\)" in line
        assert " / \\# 不是标题 \\| 表格 \\<b\\>x\\<\\/b\\>" in line
    import markdown

    html = markdown.markdown(md)
    assert "<a " not in html and "<b>" not in html and html.count("<h1>") == 1


def test_bad_events_are_listed_not_folded():
    bad = dict(EVENTS[1], id="00000000-0000-4000-8000-000000000099", step="NOT AN ID")
    run = archive.fold_run([EVENTS[0], bad])
    assert run["problems"] and run["problems"][0]["id"] == bad["id"]
    assert run["steps"] == {}
