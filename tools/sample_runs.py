"""Generate a realistic, fictitious set of exported run records for training and tests.

    python tools/sample_runs.py [OUT.json]

Deterministic (fixed seed), built from the real procedures, so the records have exactly the
shape the browser exports. No real personal data: case numbers only.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

from macros.loader import load
from macros.model import Playbook, duration_delta
from macros.render.procedure import run_data

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "samples" / "sample-runs.json"
UTC = dt.timezone.utc


def _iso(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def make_run(pb: Playbook, pid: str, case: str, start: dt.datetime, rng: random.Random, *,
             severity: str, category: str, source: str, close: bool, outcome: dict | None) -> dict:
    data = run_data(pb, pb.procedures[pid])
    rank = {s["id"]: s["rank"] for s in pb.taxonomy["severities"]}[severity]
    run = {
        "format": "pb-run", "schema": 1,
        "procedure": {k: data[k] for k in ("id", "title", "hash", "version", "mode")},
        "case": case, "severity": severity, "category": category, "source": source,
        "startedAt": _iso(start), "closedAt": None,
        "outcome": {"resolved": None, "satisfaction": None, "compensation": None, "improvements": None},
        "severities": data["severities"], "blocks": data["blocks"], "steps": data["steps"],
        "state": {}, "notes": {}, "log": [{"at": _iso(start), "action": "start"}],
    }
    t = start
    done_at: dict[str, dt.datetime] = {}
    steps = [s for s in data["steps"] if s["minRank"] <= rank and (not s["categories"] or category in s["categories"])]
    last = len(steps) if close else rng.randint(1, max(1, len(steps) - 1))
    for s in steps[:last]:
        base = done_at.get(s["dueFrom"], start) if s["dueFrom"] else start
        if s["due"]:
            allowed = (base + duration_delta(s["due"])) - t
            # Most steps land inside their time limit; about one in eight runs late.
            late = rng.random() < 0.12
            t = t + (allowed * rng.uniform(1.05, 1.6) if late else max(allowed, dt.timedelta(0)) * rng.uniform(0.2, 0.9)) \
                if allowed > dt.timedelta(0) else t + dt.timedelta(minutes=rng.randint(5, 90))
        else:
            t = t + dt.timedelta(minutes=rng.randint(5, 240))
        if not s["required"] and rng.random() < 0.3:
            run["state"][s["id"]] = {"status": "skipped", "at": _iso(t), "reason": "本案不需要"}
            run["log"].append({"at": _iso(t), "step": s["id"], "action": "skip", "prev": None, "reason": "本案不需要"})
        else:
            run["state"][s["id"]] = {"status": "done", "at": _iso(t)}
            run["log"].append({"at": _iso(t), "step": s["id"], "action": "done", "prev": None})
            done_at[s["id"]] = t
    if close:
        t += dt.timedelta(minutes=rng.randint(10, 120))
        run["closedAt"] = _iso(t)
        run["log"].append({"at": _iso(t), "action": "close"})
        if outcome:
            run["outcome"] = outcome
            run["log"].append({"at": _iso(t), "action": "outcome"})
    return run, t


def generate(pb: Playbook, cases: int = 36, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    cats = [c["id"] for c in pb.taxonomy["categories"]]
    srcs = [s["id"] for s in pb.taxonomy["sources"]]
    records = []
    for n in range(cases):
        case = f"2026{n + 101:03d}"
        start = dt.datetime(2026, 9, 1, 9, tzinfo=UTC) + dt.timedelta(days=rng.randint(0, 80), hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        severity = rng.choices(["minor", "general", "serious", "major"], weights=[3, 6, 3, 1])[0]
        category = rng.choices(cats, weights=[8, 3, 2, 2, 4, 1, 1, 2][: len(cats)])[0]
        source = rng.choices(srcs, weights=[5, 8, 1, 1, 1, 1, 1][: len(srcs)])[0]
        closed = rng.random() < 0.85
        chain = ["intake", "classify"] + (["decision"] if severity != "minor" else []) + (["goods-disposition"] if rng.random() < 0.4 else [])
        t = start
        for i, pid in enumerate(chain):
            last = i == len(chain) - 1
            outcome = None
            if last and closed:
                comp = rng.choice([0, 0, 0, 50, 120, 500, 1260, 894])
                outcome = {"resolved": rng.random() < 0.88, "satisfaction": rng.choice([5, 5, 4, 4, 4, 3, 2]),
                           "compensation": comp, "improvements": rng.choice([0, 0, 1, 1, 2])}
            run, t = make_run(pb, pid, case, t + dt.timedelta(minutes=rng.randint(0, 30)), rng, severity=severity,
                              category=category, source=source, close=closed or not last, outcome=outcome)
            records.append(run)
    return records


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    records = generate(load())
    # One record per line: compact, yet diffs stay readable.
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    out.write_text("[\n" + lines + "\n]\n", encoding="utf-8")
    print(f"{out}: {len(records)} records", file=sys.stderr)
