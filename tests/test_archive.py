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


def ev(n: int, type_: str, minute: int, log: str = "run:00000000-0000-4000-8000-000000009101", **fields) -> dict:
    e = {"v": 1, "id": f"00000000-0000-4000-8000-{n:012d}", "log": log, "type": type_,
         "at": f"2026-11-29T10:{minute:02d}:00.000+08:00", "actor": {"name": "王五", "role": "handler"},
         "device": "00000000-0000-4000-8000-000000008009"}
    return {**e, **fields}


START = {**EVENTS[0]["value"], "case": "2026009", "version": "1.2.0", "severity": "minor", "category": "quality",
         "start": "2026-11-29T10:00:00.000+08:00"}  # the fixture's checklist: greet, evidence, refund
LIFE = [
    ev(201, "start", 0, value=START),
    ev(202, "tick", 1, step="greet"),
    ev(203, "note", 2, step="greet", value="客户在外地"),
    ev(204, "note", 3, step="greet", value=""),           # clears the note
    ev(205, "tick", 4, step="evidence"),
    ev(206, "untick", 5, step="evidence"),
    ev(207, "skip", 6, step="extra", value="不适用"),      # a step the checklist does not list
    ev(208, "severity", 7, value="major"),
    ev(209, "category", 8, value="food"),
    ev(210, "sign-for", 9, value="2026-11-20"),
    ev(211, "outcome", 10, field="resolved", value=True),
    ev(212, "close", 11),
    ev(213, "reopen", 12),
    ev(214, "start", 13, value={**START, "case": "2026010"}),   # a second start: listed, ignored
    ev(215, "undo", 14, target="00000000-0000-4000-8000-000000000201"),  # a start cannot be undone
    ev(216, "tick", 15, step="evidence", log="run:00000000-0000-4000-8000-000000009102"),
    ev(217, "close", 16),
]


def test_every_kind_of_event_folds_and_is_told():
    run = archive.fold_run(LIFE)
    assert {k: run[k] for k in FIELDS} == {
        "log": "run:00000000-0000-4000-8000-000000009101", "case": "2026009", "procedure": "intake",
        "severity": "major", "category": "food", "startedAt": "2026-11-29T10:00:00.000+08:00",
        "closedAt": "2026-11-29T10:16:00.000+08:00", "discarded": False, "signedFor": "2026-11-20",
        "steps": {"greet": {"status": "done", "by": archive.who(LIFE[1])},
                  "extra": {"status": "skipped", "reason": "不适用", "by": archive.who(LIFE[6])}},
        "notes": {}, "outcome": {"resolved": True, "satisfaction": None, "compensation": None, "improvements": None}}
    assert run["problems"] == [
        {"id": LIFE[13]["id"], "problem": "duplicate start event, ignored"},
        {"id": LIFE[15]["id"], "problem": "log: belongs to run:00000000-0000-4000-8000-000000009102"}]
    assert archive.cancelled(LIFE) == set()
    summary = archive.run_summary(run)
    assert (summary["title"], summary["version"], summary["case"]) == ("投诉接收", "1.2.0", "2026009")
    assert summary["steps"] == [
        {"id": "greet", "text": "问候并记录诉求", "status": "done", "reason": None, "by": archive.who(LIFE[1]), "note": None},
        {"id": "evidence", "text": "收集照片和订单", "status": None, "reason": None, "by": None, "note": None},
        {"id": "refund", "text": "确定赔偿方案", "status": None, "reason": None, "by": None, "note": None},
        {"id": "extra", "text": "", "status": "skipped", "reason": "不适用", "by": archive.who(LIFE[6]), "note": None}]
    md = archive.case_markdown("2026009", [run], "2026-11-30T00:00:00.000+00:00")
    assert md.splitlines()[:14] == [
        "# 投诉 2026009 归档", "", "- 导出时间：2026-11-30 08:00 UTC+8", "- 检查单：1 份", "",
        "## 投诉接收（intake）", "", "- 记录：run:00000000-0000-4000-8000-000000009101",
        "- 开始：2026-11-29 10:00 UTC+8", "- 关闭：2026-11-29 10:16 UTC+8", "- 严重程度：major；类别：food",
        "- 结果：resolved：true", "", "### 步骤"]
    assert md.splitlines()[14:] == [
        "", "- 已完成 · 问候并记录诉求 · 王五 2026-11-29 10:01 UTC+8", "- 未完成 · 收集照片和订单", "- 未完成 · 确定赔偿方案",
        "- 已跳过 · extra（原因：不适用） · 王五 2026-11-29 10:06 UTC+8", "", "### 时间线（谁、何时、做了什么）", "",
        "- 2026-11-29 10:00 UTC+8 · 王五（handler） · 开始",
        "- 2026-11-29 10:01 UTC+8 · 王五（handler） · 完成 步骤 greet",
        "- 2026-11-29 10:02 UTC+8 · 王五（handler） · 备注 步骤 greet 「客户在外地」",
        "- 2026-11-29 10:03 UTC+8 · 王五（handler） · 备注 步骤 greet 「」",
        "- 2026-11-29 10:04 UTC+8 · 王五（handler） · 完成 步骤 evidence",
        "- 2026-11-29 10:05 UTC+8 · 王五（handler） · 取消完成 步骤 evidence",
        "- 2026-11-29 10:06 UTC+8 · 王五（handler） · 跳过 步骤 extra 「不适用」",
        "- 2026-11-29 10:07 UTC+8 · 王五（handler） · 调整严重程度 「major」",
        "- 2026-11-29 10:08 UTC+8 · 王五（handler） · 调整类别 「food」",
        "- 2026-11-29 10:09 UTC+8 · 王五（handler） · 记录签收日期 「2026\\-11\\-20」",
        "- 2026-11-29 10:10 UTC+8 · 王五（handler） · 结果 resolved 「true」",
        "- 2026-11-29 10:11 UTC+8 · 王五（handler） · 关闭",
        "- 2026-11-29 10:12 UTC+8 · 王五（handler） · 重新打开",
        "- 2026-11-29 10:13 UTC+8 · 王五（handler） · 开始",
        "- 2026-11-29 10:14 UTC+8 · 王五（handler） · 撤销 事件 00000000-0000-4000-8000-000000000201",
        "- 2026-11-29 10:16 UTC+8 · 王五（handler） · 关闭",
        "", "### 未计入的事件", "",
        "- 00000000-0000-4000-8000-000000000214：duplicate start event\\, ignored",
        "- 00000000-0000-4000-8000-000000000216：log\\: belongs to run\\:00000000\\-0000\\-4000\\-8000\\-000000009102"]
    assert md.endswith("\n") and not md.endswith("\n\n\n")


def test_a_run_without_title_severity_or_outcome_says_so():
    start = {k: v for k, v in START.items() if k not in ("title", "severity", "category", "checklist")}
    run = archive.fold_run([ev(301, "start", 0, value=start), ev(302, "close", 1)])
    md = archive.case_markdown("2026009", [run], "2026-11-30T00:00:00.000+00:00").splitlines()
    assert "## intake（intake）" in md and "- 严重程度：—；类别：—" in md and "- 结果：—" in md
    assert "### 未计入的事件" not in md
    assert archive.run_summary(run)["steps"] == []


def test_discarded_runs_are_left_out_and_case_json_is_version_1():
    other = "run:00000000-0000-4000-8000-000000009103"
    events = [*LIFE, ev(401, "start", 0, log=other, value={**START, "case": "2026011"}), ev(402, "discard", 1, log=other)]
    cases = archive.closed_cases(events)
    assert list(cases) == ["2026009"]
    data = archive.case_json("2026009", cases["2026009"], "2026-11-30T00:00:00.000+00:00")
    assert (data["format"], data["version"], data["exportedAt"]) == ("playbook-case-archive", 1, "2026-11-30T00:00:00.000+00:00")
    assert archive.fold_run(events[-2:])["discarded"] is True


def test_an_undone_undo_and_an_undo_of_nothing():
    tick = ev(501, "tick", 1, step="greet")
    undo = ev(502, "undo", 2, target=tick["id"])
    events = [ev(500, "start", 0, value=START), tick, undo, ev(503, "undo", 3, target=undo["id"]),
              ev(504, "undo", 4, target="00000000-0000-4000-8000-000000000999")]
    assert archive.cancelled(events) == {undo["id"]}
    assert archive.fold_run(events)["steps"]["greet"]["status"] == "done"


@pytest.mark.parametrize("case, stem", [("2026001", "2026001"), ("LX-2026-01", "LX-2026-01"), ("a/b c", "a_b_c")])
def test_file_stem(case, stem):
    assert archive.file_stem(case) == stem


def test_markdown_text_keeps_line_breaks_of_every_kind_as_one_line():
    assert archive.md_text("a\r\nb\rc\nd") == archive.md_text("a\nb\nc\nd")
    assert "\n" not in archive.md_text("a\rb")
