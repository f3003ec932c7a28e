"""The archive of closed cases: JSON + Markdown per case, with every event's who and when.

`playbook team export` writes it from a team database. The fold follows
docs/assets/javascripts/core/events.js (foldRun: order by instant then id, undo cancels what it
names unless itself undone, later events win); tests/test_archive.py runs both on one fixture and
requires the same states. Events are checked against playbook/schemas/event.schema.json; an
event that fails is listed under "problems" and left out of the fold, never dropped silently.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache

import jsonschema

from .loader import SCHEMA_DIR

CHINA = timezone(timedelta(hours=8), "UTC+8")  # exports use China time (no daylight saving)
FORMAT = "playbook-case-archive"
TYPE_LABELS = {
    "start": "开始", "tick": "完成", "untick": "取消完成", "skip": "跳过", "note": "备注", "outcome": "结果",
    "severity": "调整严重程度", "category": "调整类别", "sign-for": "记录签收日期", "close": "关闭",
    "reopen": "重新打开", "discard": "作废", "undo": "撤销",
}
STATUS_LABELS = {"done": "已完成", "skipped": "已跳过", None: "未完成"}


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "event.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def instant(at: str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "+00:00"))


def order(events: list[dict]) -> list[dict]:
    """Deduplicated by id (first copy wins) and sorted by (instant, id), as core/events.js order()."""
    seen: dict[str, dict] = {}
    for e in events:
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            seen.setdefault(e["id"], e)
    valid = [e for e in seen.values() if _parses(e.get("at"))]
    return sorted(valid, key=lambda e: (instant(e["at"]), e["id"]))


def _parses(at) -> bool:
    try:
        instant(at)
        return True
    except (TypeError, ValueError):
        return False


def cancelled(events: list[dict]) -> set[str]:
    """Ids cancelled by an undo that is itself in force; a start cannot be undone."""
    starts = {e["id"] for e in events if e.get("type") == "start"}
    undos: dict[str, list[dict]] = {}
    for e in events:
        if e.get("type") == "undo" and e.get("target") not in starts:
            undos.setdefault(e["target"], []).append(e)
    memo: dict[str, bool] = {}

    def off(event_id: str, depth: int) -> bool:
        if event_id in memo:
            return memo[event_id]
        if depth > len(events):  # a cycle, only possible with forged ids
            return False
        memo[event_id] = any(not off(u["id"], depth + 1) for u in undos.get(event_id, []))
        return memo[event_id]

    return {e["id"] for e in events if off(e["id"], 0)}


def who(e: dict) -> dict:
    return {"name": e["actor"]["name"], "role": e["actor"]["role"], "at": e["at"], "event": e["id"]}


def fold_run(events: list[dict]) -> dict:
    """The state of one run (the fields core/events.js foldRun returns, minus `future`)."""
    ordered = order(events)
    off = cancelled(ordered)
    run = {"log": None, "start": None, "case": None, "procedure": None, "severity": None, "category": None,
           "startedAt": None, "closedAt": None, "discarded": False, "signedFor": None, "steps": {}, "notes": {},
           "outcome": {"resolved": None, "satisfaction": None, "compensation": None, "improvements": None},
           "history": [], "problems": []}
    for e in ordered:
        errors = sorted(_validator().iter_errors(e), key=lambda err: list(err.path))
        if errors:
            run["problems"].append({"id": e["id"], "problem": errors[0].message})
            continue
        if run["log"] and e["log"] != run["log"]:
            run["problems"].append({"id": e["id"], "problem": f"log: belongs to {e['log']}"})
            continue
        run["log"] = e["log"]
        undone = e["id"] in off
        run["history"].append({"event": e, "undone": undone})
        if not undone:
            _apply(run, e)
    return run


def _apply(run: dict, e: dict) -> None:
    t, v = e["type"], e.get("value")
    if t == "start":
        if run["start"]:
            run["problems"].append({"id": e["id"], "problem": "duplicate start event, ignored"})
            return
        run.update(start=v, case=v["case"], procedure=v["procedure"], severity=v.get("severity"),
                   category=v.get("category"), startedAt=v["start"])
    elif t == "tick":
        run["steps"][e["step"]] = {"status": "done", "by": who(e)}
    elif t == "skip":
        run["steps"][e["step"]] = {"status": "skipped", "reason": v, "by": who(e)}
    elif t == "untick":
        run["steps"].pop(e["step"], None)
    elif t == "note":
        if v:
            run["notes"][e["step"]] = {"text": v, "by": who(e)}
        else:
            run["notes"].pop(e["step"], None)
    elif t == "outcome":
        run["outcome"][e["field"]] = v
    elif t in ("severity", "category"):
        run[t] = v
    elif t == "sign-for":
        run["signedFor"] = v
    elif t == "close":
        run["closedAt"] = e["at"]
    elif t == "reopen":
        run["closedAt"] = None
    elif t == "discard":
        run["discarded"] = True


def runs_by_log(events: list[dict]) -> dict[str, list[dict]]:
    logs: dict[str, list[dict]] = {}
    for e in events:
        if isinstance(e, dict) and isinstance(e.get("log"), str) and e["log"].startswith("run:"):
            logs.setdefault(e["log"], []).append(e)
    return logs


def closed_cases(events: list[dict]) -> dict[str, list[dict]]:
    """Case number → its folded runs, for cases whose every kept (not discarded) run is closed."""
    cases: dict[str, list[dict]] = {}
    for log_events in runs_by_log(events).values():
        run = fold_run(log_events)
        if run["case"] and not run["discarded"]:
            cases.setdefault(run["case"], []).append(run)
    return {case: sorted(runs, key=lambda r: (instant(r["startedAt"]), r["log"]))
            for case, runs in sorted(cases.items()) if all(r["closedAt"] for r in runs)}


# ---- Rendering -------------------------------------------------------------------------------

def china(at: str | None) -> str:
    """"2026-11-29 20:30 UTC+8": the instant in China time, zone shown."""
    return instant(at).astimezone(CHINA).strftime("%Y-%m-%d %H:%M UTC+8") if at else ""


# Every ASCII punctuation character may be backslash-escaped in CommonMark: escaping them all
# turns user text into literal text (no links, emphasis, headings, HTML or table cells).
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md_text(text) -> str:
    """User text as literal Markdown on one line (line breaks become ' / ')."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return " / ".join(_MD_PUNCT.sub(r"\\\1", line) for line in lines)


def run_summary(run: dict) -> dict:
    """What the run was and how it ended; steps in checklist order with who closed each."""
    start = run["start"] or {}
    checklist = start.get("checklist") or {"steps": []}
    steps = []
    for s in checklist["steps"]:
        state = run["steps"].get(s["id"], {})
        steps.append({"id": s["id"], "text": s.get("text", ""), "status": state.get("status"),
                      "reason": state.get("reason"), "by": state.get("by"),
                      "note": run["notes"].get(s["id"], {}).get("text")})
    known = {s["id"] for s in checklist["steps"]}
    steps += [{"id": sid, "text": "", "status": st["status"], "reason": st.get("reason"), "by": st["by"],
               "note": run["notes"].get(sid, {}).get("text")} for sid, st in run["steps"].items() if sid not in known]
    return {"log": run["log"], "case": run["case"], "procedure": run["procedure"], "title": start.get("title"),
            "version": start.get("version"), "severity": run["severity"], "category": run["category"],
            "startedAt": run["startedAt"], "closedAt": run["closedAt"], "signedFor": run["signedFor"],
            "outcome": run["outcome"], "steps": steps, "problems": run["problems"]}


def case_json(case: str, runs: list[dict], exported_at: str) -> dict:
    return {"format": FORMAT, "version": 1, "case": case, "exportedAt": exported_at,
            "runs": [{"summary": run_summary(r), "events": [h["event"] for h in r["history"]]} for r in runs]}


def _event_line(e: dict, undone: bool) -> str:
    what = TYPE_LABELS.get(e["type"], e["type"])
    detail = [f"步骤 {md_text(e['step'])}" if e.get("step") else "", md_text(e["field"]) if e.get("field") else ""]
    if e.get("value") is not None and e["type"] != "start":
        detail.append("「" + md_text(e["value"] if isinstance(e["value"], str) else json.dumps(e["value"], ensure_ascii=False)) + "」")
    if e.get("target"):
        detail.append(f"事件 {e['target']}")
    text = " ".join(d for d in detail if d)
    actor = f"{md_text(e['actor']['name'])}（{md_text(e['actor']['role'])}）"
    line = f"- {china(e['at'])} · {actor} · {what}{' ' + text if text else ''}"
    return line + ("（已被撤销）" if undone else "")


def case_markdown(case: str, runs: list[dict], exported_at: str) -> str:
    out = [f"# 投诉 {md_text(case)} 归档", "", f"- 导出时间：{china(exported_at)}", f"- 检查单：{len(runs)} 份", ""]
    for r in runs:
        s = run_summary(r)
        out += [f"## {md_text(s['title'] or s['procedure'])}（{md_text(s['procedure'])}）", "",
                f"- 记录：{s['log']}", f"- 开始：{china(s['startedAt'])}", f"- 关闭：{china(s['closedAt'])}",
                f"- 严重程度：{md_text(s['severity'] or '—')}；类别：{md_text(s['category'] or '—')}"]
        outcome = "；".join(f"{k}：{md_text(json.dumps(v, ensure_ascii=False))}" for k, v in s["outcome"].items() if v is not None)
        out += [f"- 结果：{outcome or '—'}", "", "### 步骤", ""]
        for st in s["steps"]:
            by = f"{md_text(st['by']['name'])} {china(st['by']['at'])}" if st["by"] else ""
            reason = f"（原因：{md_text(st['reason'])}）" if st["reason"] else ""
            note = f"；备注：{md_text(st['note'])}" if st["note"] else ""
            out.append(f"- {STATUS_LABELS[st['status']]} · {md_text(st['text'] or st['id'])}{reason}{' · ' + by if by else ''}{note}")
        out += ["", "### 时间线（谁、何时、做了什么）", ""]
        out += [_event_line(h["event"], h["undone"]) for h in r["history"]]
        if s["problems"]:
            out += ["", "### 未计入的事件", ""] + [f"- {p['id']}：{md_text(p['problem'])}" for p in s["problems"]]
        out.append("")
    return "\n".join(out)


def file_stem(case: str) -> str:
    """Case numbers are [0-9A-Za-z-] by the event schema: safe as file names."""
    return re.sub(r"[^0-9A-Za-z-]", "_", case)
