"""Drift tests: what prose states is recomputed from the one rulebook and must agree.

- each start-page situation's severity is what the triage rules give for its facts;
- each drill's money figures and deadlines are what the calculators compute, and its text states no
  other amount;
- each quiz answer stating a time, an amount or a severity declares the rule it tests, and only the
  keyed choice states that rule's current value; training-case debriefs name the triage's severity;
- internal time targets sit inside the legal limits they serve;
- a step's deadline per severity is the rulebook's target for that severity, in the page data and in
  the browser's deadline computation (review T5).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from macros import aids, rulebook

from macros.model import duration_delta
from macros.render.procedure import run_data

from .conftest import FIXTURES, ROOT

DEFAULTS = {"goods": "other", "seller": "third", "party": "seller", "knew": "unsure", "excluded": "", "promise": False, "loss": ""}
STATES_FACT = re.compile(r"\d+(\.\d+)? *(分钟|小时|天|日|个工作日|周|个月|年|元)|轻微|一般|严重|重大")
MONEY = re.compile(r"(\d+(?:\.\d+)?) *元")


def _strings(node):
    return [t for _, t in rulebook.strings(node)]


@pytest.fixture(scope="module")
def data(pb):
    return aids.data(pb)


def test_situation_severities_follow_the_triage(pb, data):
    for sit in pb.situations:
        assert sit.get("facts"), f"situation {sit['id']} lists no facts"
        got = aids.triage(data, {f: "yes" for f in sit["facts"]}, str(sit.get("amount", "")))["severity"]
        assert sit["severity"] == got, f"situation {sit['id']}: start page says {sit['severity']}, triage gives {got}"


def test_drill_severities_follow_the_triage(pb, data):
    for did, drill in pb.drills.items():
        assert drill.get("facts"), f"drill {did} lists no facts"
        got = aids.triage(data, {f: "yes" for f in drill["facts"]}, "")["severity"]
        assert drill["severity"] == got, f"drill {did}: says {drill['severity']}, triage gives {got}"


def _compute(data, calc):
    if calc["aid"] == "compensation":
        r = aids.compensation(data, {**DEFAULTS, **calc["inputs"]})
        assert "error" not in r, r
        return {k: aids.yuan(r[k]).removesuffix(" 元") for k in calc["expect"]}
    return {k: v.get("date") for k, v in aids.deadlines(data, calc["inputs"], {"years": []}).items() if k in calc["expect"]}


def test_drill_figures_are_what_the_calculators_give(pb, data):
    found = 0
    for did, drill in pb.drills.items():
        for calc in drill.get("calculations", []):
            found += 1
            want = {k: str(v) for k, v in calc["expect"].items()}
            got = _compute(data, calc)
            if calc["aid"] == "compensation":
                want = {k: aids.yuan(aids.cents(v)).removesuffix(" 元") for k, v in want.items()}
            assert want == got, f"drill {did} calculation {calc['id']}"
    assert found >= 2


def test_drill_text_states_only_calculated_amounts(pb, data):
    """A retyped figure in a drill (e.g. 1260 where the answer is 1719) must be one the calculation gives."""
    for did, drill in pb.drills.items():
        figures = {aids.cents(str(v)) for c in drill.get("calculations", []) for v in [*c["inputs"].values(), *c["expect"].values()]
                   if isinstance(v, str) and aids.cents(v) == aids.cents(v)}
        # Figures the calculator itself states (10 × 39 = 390 元) and legal minimums (500 元) count too.
        for c in drill.get("calculations", []):
            if c["aid"] == "compensation":
                lines = aids.compensation(data, {**DEFAULTS, **c["inputs"]})["lines"]
                figures |= {aids.cents(m.group(1)) for line in lines for m in MONEY.finditer(line)}
        # Legal minimums (500 元, 1000 元) are rulebook values, cited, not calculated.
        figures |= {int(n["value"] * 100) for p in pb.provisions.values() for n in p.get("numbers", []) if n["unit"] == "元"}
        text = [t for k, v in drill.items() if k != "calculations" for t in _strings(v)]
        for t in text:
            for m in MONEY.finditer(t):
                assert aids.cents(m.group(1)) in figures, f"drill {did}: {m.group(0)} in {t!r} is not a calculated figure"


def test_drill_calculations_are_worked_cases(pb):
    """Every drill calculation is also a row of tests/fixtures/aids-cases.yml (Python, Node, browser)."""
    rows = yaml.safe_load((FIXTURES / "aids-cases.yml").read_text(encoding="utf-8"))["compensation"]
    for did, drill in pb.drills.items():
        for calc in drill.get("calculations", []):
            if calc["aid"] != "compensation":
                continue
            match = [r for r in rows if {**DEFAULTS, **r["inputs"]} == {**DEFAULTS, **calc["inputs"]}
                     and all(str(r[k]) == str(v) for k, v in calc["expect"].items())]
            assert match, f"add drill {did} calculation {calc['id']} to tests/fixtures/aids-cases.yml"


def _stated(pb, data, checks):
    """The wording the keyed answer must contain, or a predicate over a choice."""
    if "rule" in checks:
        return rulebook.resolve(pb, checks["rule"]).text
    if "compensation" in checks:
        r = aids.compensation(data, {**DEFAULTS, **checks["compensation"]})
        return aids.yuan(r[checks["field"]])
    if "severity" in checks:
        sev = aids.triage(data, {f: "yes" for f in checks["severity"]["facts"]}, "")["severity"]
        return pb.severities[sev]["name"]
    raise AssertionError(f"unknown check {checks}")




def test_quiz_answers_follow_the_rulebook(pb, data):
    checked = 0
    for tid, path in pb.training.items():
        for q in path.get("quiz", []):
            keyed = q["choices"][q["answer"]]
            checks = q.get("checks")
            if STATES_FACT.search(keyed):
                assert checks, f"training {tid} {q['id']}: the answer {keyed!r} states a time, amount or severity; declare checks"
            if not checks:
                continue
            checked += 1
            if checks.get("case_number"):
                rx = re.compile(pb.organisation["case_number"]["pattern"])
                assert [bool(rx.fullmatch(c)) for c in q["choices"]] == [i == q["answer"] for i in range(len(q["choices"]))], q["id"]
                continue
            stated = _stated(pb, data, checks)
            norm = lambda s: s.replace(" ", "")  # noqa: E731  "12 小时" and "12小时" say the same
            holders = [i for i, c in enumerate(q["choices"]) if norm(stated) in norm(c)]
            assert holders == [q["answer"]], f"training {tid} {q['id']}: {stated!r} should be in exactly the keyed choice {keyed!r}"
    assert checked >= 5


def test_case_debriefs_name_the_triage_severity(pb, data):
    for tid, path in pb.training.items():
        for case in path.get("cases", []):
            if "facts" not in case:
                continue
            sev = aids.triage(data, {f: "yes" for f in case["facts"]}, "")["severity"]
            others = [s["name"] for s in pb.taxonomy["severities"] if s["id"] != sev]
            assert pb.severities[sev]["name"] in case["debrief"], f"training {tid} case {case['id']}"
            assert not any(f"按{o}" in case["debrief"] or f"定为{o}" in case["debrief"] for o in others), f"training {tid} case {case['id']}"


def test_internal_targets_sit_inside_their_legal_limits(pb):
    for t in pb.taxonomy["targets"]:
        if "limit" not in t or not isinstance(t["within"], str):
            continue
        limit = rulebook.resolve(pb, t["limit"])
        days = int(t["within"].strip("PD"))
        assert days < limit.value, f"target {t['id']} ({days} 天) is not inside {t['limit']} ({limit.text})"


def test_severity_targets_tighten_with_rank(pb):
    """A higher severity never gets a slower first contact, grading or resolution target than a lower one."""
    from macros.model import duration_delta

    sevs = sorted(pb.taxonomy["severities"], key=lambda s: s["rank"])
    for key in ("acknowledge", "grade"):
        vals = [duration_delta(s[key]) for s in sevs]
        assert vals == sorted(vals, reverse=True), key
    for s in sevs:
        assert duration_delta(s["grade"]) <= duration_delta(s["acknowledge"]) or s["id"] in ("minor", "general"), s["id"]


# The browser's deadlines (core/events.js dueTimes) for each step of a checklist at each severity,
# in minutes after the run start.
NODE_DUES = r"""
const E = require(process.argv[1] + "/docs/assets/javascripts/core/events.js");
const lists = JSON.parse(require("fs").readFileSync(0, "utf8"));
const start = "2026-11-02T09:00:00.000+08:00";
const out = {};
for (const [pid, checklist] of Object.entries(lists)) {
  for (const sev of checklist.severities) {
    const run = { startedAt: start, severity: sev.id, steps: {} };
    const due = E.dueTimes(run, checklist);
    for (const [id, ms] of Object.entries(due)) out[[pid, id, sev.id].join("/")] = (ms - E.instant(start)) / 60000;
  }
}
process.stdout.write(JSON.stringify(out));
"""


def test_step_deadlines_per_severity_are_the_rulebook_targets(pb):
    """A due written as {severity: <target>} is that severity's target from taxonomy.yml in the page
    data and in the browser's deadline computation; the steps the review named use it (T5)."""
    def step(pid, sid):
        return next(s for _, s in pb.steps(pb.procedures[pid]) if s["id"] == sid)

    assert {"severity": "acknowledge"} == step("intake", "acknowledge")["due"]
    assert {"severity": "grade"} == step("classify", "set-severity")["due"]
    lists = {pid: {k: run_data(pb, p)[k] for k in ("steps", "blocks", "severities")} for pid, p in pb.procedures.items()}
    node = shutil.which("node")
    assert node, "node is needed (make test runs node --test first)"
    browser = json.loads(subprocess.run([node, "-e", NODE_DUES, str(ROOT)], input=json.dumps(lists), capture_output=True,
                                        text=True, check=True).stdout)
    checked = 0
    for pid, p in pb.procedures.items():
        for _, step in pb.steps(p):
            if not isinstance(step.get("due"), dict) or step.get("due_from"):
                continue
            target = step["due"]["severity"]
            for sev in pb.taxonomy["severities"]:
                want = duration_delta(sev[target]).total_seconds() / 60
                assert want == browser[f"{pid}/{step['id']}/{sev['id']}"], (pid, step["id"], sev["id"])
                checked += 1
    assert checked >= 8
