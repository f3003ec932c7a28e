// The pure event model (docs/assets/javascripts/core/events.js): validation, fold, undo, merge,
// deadlines and time formatting, table-driven.
const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../docs/assets/javascripts/core/events.js");
const cases = require("../fixtures/events/cases.json");

const RUN = "run:0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a";
const DEV = "9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
let n = 0;
// A valid run event; ids increase with n so ties on time are ordered by creation.
function ev(type, fields = {}, minute = n) {
  n += 1;
  const id = "00000000-0000-4000-8000-" + String(n).padStart(12, "0");
  const at = E.isoAt(Date.UTC(2026, 10, 29, 12, 0) + minute * 60000, 480);
  return { v: 1, id, log: RUN, type, at, actor: { name: "张三", role: "agent" }, device: DEV, ...fields };
}
const START = { case: "2026001", procedure: "alpha", version: "1.0.0", severity: "low", category: null, start: "2026-11-29T20:00:00.000+08:00" };

test("validation table (shared with the JSON Schema test)", async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const problem = E.check(c.event);
      if (c.verdict === "ok") assert.equal(problem, "");
      else if (c.verdict === "future") assert.equal(problem, "future");
      else {
        assert.notEqual(problem, "");
        assert.notEqual(problem, "future");
        assert.ok(problem.startsWith(c.field), `${problem} should name ${c.field}`);
      }
    });
  }
});

test("strict instants", () => {
  const table = [
    ["2026-11-29T20:30:00.000+08:00", Date.UTC(2026, 10, 29, 12, 30)],
    ["2026-11-29T12:30:00Z", Date.UTC(2026, 10, 29, 12, 30)],
    ["2026-02-29T00:00:00Z", NaN], // 2026 is not a leap year
    ["2028-02-29T00:00:00Z", Date.UTC(2028, 1, 29)],
    ["2026-11-29T24:00:00Z", NaN],
    ["2026-11-29T20:30:00+08:60", NaN],
    ["1", NaN],
    [0, NaN],
  ];
  for (const [at, ms] of table) assert.deepEqual(E.instant(at), ms, String(at));
});

test("fold: ticks, skips, notes, outcome fields, severity, sign-for, close and reopen", () => {
  const events = [
    ev("start", { value: START }),
    ev("tick", { step: "record" }),
    ev("skip", { step: "confirm", value: "客户已说明" }),
    ev("note", { step: "record", value: "电话 1" }),
    ev("outcome", { field: "compensation", value: 1260 }),
    ev("outcome", { field: "satisfaction", value: 4 }),
    ev("severity", { value: "high" }),
    ev("sign-for", { value: "2026-11-27" }),
    ev("close"),
  ];
  const run = E.foldRun(events);
  assert.equal(run.case, "2026001");
  assert.equal(run.steps.record.status, "done");
  assert.equal(run.steps.record.by.name, "张三");
  assert.deepEqual([run.steps.confirm.status, run.steps.confirm.reason], ["skipped", "客户已说明"]);
  assert.equal(run.notes.record.text, "电话 1");
  assert.deepEqual(run.outcome, { resolved: null, satisfaction: 4, compensation: 1260, improvements: null });
  assert.equal(run.severity, "high");
  assert.equal(run.signedFor, "2026-11-27");
  assert.equal(run.closedAt, events[8].at);
  assert.equal(E.foldRun(events.concat([ev("reopen")])).closedAt, null);
  assert.deepEqual(run.problems, []);
});

test("undo table: restores what was before, can be undone, reverts any kind (U1–U3)", async (t) => {
  const table = [
    // name, events after start (functions of the earlier events), expected record state
    ["undo of an untick restores the tick (U1)", (a) => [a.t = ev("tick", { step: "record" }), a.u = ev("untick", { step: "record" }), ev("undo", { target: a.u.id })], "done"],
    ["undo of a tick leaves the step open", (a) => [a.t = ev("tick", { step: "record" }), ev("undo", { target: a.t.id })], undefined],
    ["an undo undone is a redo (U2: no double undo)", (a) => [a.t = ev("tick", { step: "record" }), a.u = ev("undo", { target: a.t.id }), ev("undo", { target: a.u.id })], "done"],
    ["two undos of one event are one undo", (a) => [a.t = ev("tick", { step: "record" }), ev("undo", { target: a.t.id }), ev("undo", { target: a.t.id })], undefined],
    ["undo of a skip", (a) => [a.s = ev("skip", { step: "record", value: "理由" }), ev("undo", { target: a.s.id })], undefined],
    ["undo of a skip over a tick restores the tick", (a) => [ev("tick", { step: "record" }), a.s = ev("skip", { step: "record", value: "理由" }), ev("undo", { target: a.s.id })], "done"],
  ];
  for (const [name, build, expected] of table) {
    await t.test(name, () => {
      const events = [ev("start", { value: START })].concat(build({}));
      const run = E.foldRun(events);
      assert.equal(run.steps.record && run.steps.record.status, expected);
    });
  }
  await t.test("undo of a close reopens (U3)", () => {
    const c = ev("close");
    assert.equal(E.foldRun([ev("start", { value: START }), c, ev("undo", { target: c.id })]).closedAt, null);
  });
  await t.test("undo of a discard restores the run", () => {
    const d = ev("discard");
    assert.equal(E.foldRun([ev("start", { value: START }), d, ev("undo", { target: d.id })]).discarded, false);
  });
  await t.test("the start cannot be undone", () => {
    const s = ev("start", { value: START });
    assert.equal(E.foldRun([s, ev("undo", { target: s.id })]).case, "2026001");
  });
  await t.test("undo of an outcome field restores the earlier value", () => {
    const second = ev("outcome", { field: "compensation", value: 99 });
    const run = E.foldRun([ev("start", { value: START }), ev("outcome", { field: "compensation", value: 10 }), second, ev("undo", { target: second.id })]);
    assert.equal(run.outcome.compensation, 10);
  });
});

test("lastUndoable: the acting tab's own last event in force, never the start", () => {
  const s = ev("start", { value: START });
  const mine = ev("tick", { step: "record" });
  const theirs = ev("tick", { step: "confirm" });
  const events = [s, mine, theirs];
  assert.equal(E.lastUndoable(events, { [mine.id]: true }).id, mine.id);
  assert.equal(E.lastUndoable(events).id, theirs.id);
  const u = ev("undo", { target: mine.id });
  assert.equal(E.lastUndoable(events.concat([u]), { [mine.id]: true, [u.id]: true }).id, u.id);
  assert.equal(E.lastUndoable([s], null), null);
});

test("order and merge: deterministic, idempotent, commutative", () => {
  const a = [ev("start", { value: START }, 0), ev("tick", { step: "record" }, 5)];
  const b = [ev("tick", { step: "confirm" }, 5), ev("note", { step: "record", value: "x" }, 1)];
  const ab = E.merge(a, b);
  assert.deepEqual(ab, E.merge(b, a));
  assert.deepEqual(ab, E.merge(ab, a));
  assert.deepEqual(ab.map((e) => e.type), ["start", "note", "tick", "tick"]);
  // same instant, different offsets: ordered by instant then id, not by the text of `at`
  const x = ev("close", { at: "2026-11-29T21:00:00.000+08:00", id: "ffffffff-0000-4000-8000-000000000000" });
  const y = ev("reopen", { at: "2026-11-29T13:00:00.000Z", id: "00000000-0000-4000-8000-ffffffffffff" });
  assert.deepEqual(E.order([x, y]).map((e) => e.type), ["reopen", "close"]);
});

test("fold flags bad and future events without dropping the rest", () => {
  const future = { ...ev("teleport"), v: 2 };
  const broken = { ...ev("tick"), step: undefined };
  const run = E.foldRun([ev("start", { value: START }), future, broken, ev("tick", { step: "record" })]);
  assert.equal(run.future.length, 1);
  assert.equal(run.problems.length, 1);
  assert.equal(run.steps.record.status, "done");
  assert.ok(E.foldRun([ev("tick", { step: "record" })]).problems.some((p) => p.problem.includes("start")));
});

test("addDuration in China time, clamped to month end like the Python add_duration (5.5)", () => {
  const cn = (y, mo, d, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) - 480 * 60000;
  const table = [
    [cn(2026, 8, 31, 10), "P6M", cn(2027, 2, 28, 10)],
    [cn(2028, 2, 29, 10), "P1Y", cn(2029, 2, 28, 10)],
    [cn(2026, 1, 31, 10), "P1M", cn(2026, 2, 28, 10)],
    [cn(2026, 3, 2, 9), "PT30M", cn(2026, 3, 2, 9, 30)],
    [cn(2026, 3, 2, 23), "PT2H", cn(2026, 3, 3, 1)],
    [cn(2026, 3, 2, 9), "P1W2D", cn(2026, 3, 11, 9)],
    [cn(2026, 12, 31, 9), "P1D", cn(2027, 1, 1, 9)],
    [cn(2026, 3, 2, 9), "P1DT1H", cn(2026, 3, 3, 10)],
    [cn(2026, 3, 2, 9), "bogus", null],
  ];
  for (const [from, iso, want] of table) assert.equal(E.addDuration(from, iso), want, iso);
});

test("summary: progress, next, late, closed runs are never late, empty checklist never complete", () => {
  const checklist = {
    severities: [{ id: "low", name: "低", rank: 1 }, { id: "high", name: "高", rank: 2 }],
    blocks: [{ id: "b", title: "B" }],
    steps: [
      { id: "record", block: "b", text: "登记", due: "PT30M" },
      { id: "confirm", block: "b", text: "确认", due: "PT1H", dueFrom: "record" },
      { id: "escalate", block: "b", text: "升级", minRank: 2 },
      { id: "food", block: "b", text: "食品", categories: ["food"], required: false },
    ],
  };
  const start = ev("start", { value: START });
  const startMs = E.instant(START.start);
  let s = E.summary(E.foldRun([start]), checklist, startMs + 31 * 60000);
  assert.deepEqual([s.total, s.done, s.complete, s.next.id], [2, 0, false, "record"]);
  assert.deepEqual(s.late.map((x) => x.id), ["record"]);
  assert.equal(s.due.confirm, null);
  const tick = ev("tick", { step: "record", at: E.isoAt(startMs + 40 * 60000, 480) });
  s = E.summary(E.foldRun([start, tick]), checklist, startMs + 41 * 60000);
  assert.equal(s.due.confirm, startMs + 100 * 60000);
  assert.deepEqual(s.late, []);
  const closed = E.foldRun([start, ev("close")]);
  assert.deepEqual(E.summary(closed, checklist, startMs + 1e9).late, []);
  assert.equal(E.summary(E.foldRun([start]), { ...checklist, steps: [] }, startMs).complete, false);
  const high = E.foldRun([start, ev("severity", { value: "high" })]);
  assert.equal(E.summary(high, checklist, startMs).total, 3);
  assert.deepEqual(E.gone(E.foldRun([start, ev("tick", { step: "retired" })]), checklist), ["retired"]);
});

test("summary.soonest: the open step due first, not the next in order; none when nothing open has a due time", () => {
  const checklist = {
    severities: [],
    blocks: [{ id: "b", title: "B" }],
    steps: [
      { id: "listen", block: "b", text: "倾听" },
      { id: "slow", block: "b", text: "慢", due: "PT2H" },
      { id: "fast", block: "b", text: "快", due: "PT30M" },
      { id: "later", block: "b", text: "后", due: "PT10M", dueFrom: "listen" },
    ],
  };
  const startMs = E.instant(START.start);
  const start = ev("start", { value: START });
  let s = E.summary(E.foldRun([start]), checklist, startMs);
  assert.deepEqual([s.next.id, s.soonest.id, s.nextDue], ["listen", "fast", null]);
  const listened = ev("tick", { step: "listen", at: E.isoAt(startMs + 25 * 60000, 480) });
  s = E.summary(E.foldRun([start, listened]), checklist, startMs + 26 * 60000);
  assert.equal(s.soonest.id, "fast"); // due at start + 30 min, before "later" (ticked at 25 min, + 10 min)
  const fastDone = ev("tick", { step: "fast", at: E.isoAt(startMs + 26 * 60000, 480) });
  s = E.summary(E.foldRun([start, listened, fastDone]), checklist, startMs + 27 * 60000);
  assert.equal(s.soonest.id, "later");
  s = E.summary(E.foldRun([start]), { ...checklist, steps: checklist.steps.slice(0, 1) }, startMs);
  assert.equal(s.soonest, null);
});

test("fmt shows the zone; China time by default", () => {
  const ms = Date.UTC(2026, 10, 29, 2, 0);
  assert.equal(E.fmt(ms), "2026-11-29 10:00 UTC+8");
  assert.equal(E.fmt(ms, -300), "2026-11-28 21:00 UTC−5");
  assert.equal(E.fmt(ms, 330), "2026-11-29 07:30 UTC+5:30");
  assert.equal(E.fmt("2026-11-29T10:00:00.000+08:00", () => 0), "2026-11-29 02:00 UTC+0");
  assert.equal(E.isoAt(ms, 480), "2026-11-29T10:00:00.000+08:00");
  assert.equal(E.isoAt(ms, -300), "2026-11-28T21:00:00.000-05:00");
});

test("deadlines per severity: a step's due follows the run's severity (rulebook targets, review T5)", () => {
  const severities = [{ id: "low", name: "一般", rank: 1 }, { id: "high", name: "重大", rank: 2 }];
  const ack = { id: "ack", text: "回执", dueBySeverity: { low: "PT12H", high: "PT30M" } };
  const fixed = { id: "fixed", text: "登记", due: "PT1H" };
  const rows = [
    // [step, severity, severities, expected ISO duration]
    [ack, "low", severities, "PT12H"],
    [ack, "high", severities, "PT30M"],
    [ack, null, severities, "PT30M"], // no severity yet: the highest level's target
    [ack, "unknown", severities, "PT30M"],
    [ack, "low", { low: severities[0], high: severities[1] }, "PT12H"], // severities by id (statistics)
    [ack, null, { low: severities[0], high: severities[1] }, "PT30M"],
    [fixed, "high", severities, "PT1H"],
    [{ id: "none", text: "无" }, "low", severities, null],
  ];
  for (const [step, sev, sevs, want] of rows) assert.equal(E.stepDue(step, sev, sevs), want, JSON.stringify([step.id, sev]));
  const checklist = { severities, blocks: [], steps: [ack, fixed] };
  const start = ev("start", { value: START });
  const startMs = E.instant(START.start);
  const low = E.foldRun([start]);
  assert.equal(E.dueTimes(low, checklist).ack, startMs + 12 * 3600000);
  const raised = E.foldRun([start, ev("severity", { value: "high" })]);
  assert.equal(E.dueTimes(raised, checklist).ack, startMs + 30 * 60000);
  assert.deepEqual(E.summary(raised, checklist, startMs + 31 * 60000).late.map((s) => s.id), ["ack"]);
  assert.equal(E.check(ev("start", { value: { ...START, checklist } })), "");
  const bad = { ...checklist, steps: [{ ...ack, dueBySeverity: { low: "12 hours" } }] };
  assert.match(E.check(ev("start", { value: { ...START, checklist: bad } })), /dueBySeverity/);
});

test("summary: a run with no step done is never complete, whatever its checklist (2.7, 3.7)", () => {
  const start = ev("start", { value: START });
  const optional = { severities: [], blocks: [], steps: [{ id: "a", block: "b", text: "甲", required: false }] };
  const required = { severities: [], blocks: [], steps: [{ id: "a", block: "b", text: "甲" }] };
  const table = [
    ["empty checklist (an old record with steps: [])", [start], { ...required, steps: [] }, false],
    ["only optional steps, nothing done", [start], optional, false],
    ["only optional steps, one done", [start, ev("tick", { step: "a" })], optional, true],
    ["required step skipped with a reason, nothing done", [start, ev("skip", { step: "a", value: "不适用" })], required, false],
    ["required step done", [start, ev("tick", { step: "a" })], required, true],
    ["tick undone", (() => { const t = ev("tick", { step: "a" }); return [start, t, ev("undo", { target: t.id })]; })(), required, false],
  ];
  for (const [name, events, checklist, want] of table) {
    assert.equal(E.summary(E.foldRun(events), checklist, Date.now()).complete, want, name);
  }
});

test("clockIssues: times before the start, before the undone event, or after now (5.1)", () => {
  const t0 = Date.UTC(2026, 10, 29, 2, 0); // 10:00 China time
  const at = (min) => E.isoAt(t0 + min * 60000, 480);
  const start = (value = { ...START, start: at(0) }) => ev("start", { value, at: at(0) });
  const tick = ev("tick", { step: "record", at: at(30) });
  const table = [
    ["all in order", () => [start(), tick], t0 + 3600000, []],
    ["clock moved back three days", () => [start(), ev("tick", { step: "confirm", at: at(-3 * 1440) })], t0 + 3600000, ["早于记录开始"]],
    ["within a minute's leeway", () => [start(), ev("tick", { step: "confirm", at: at(-0.5) })], t0 + 3600000, []],
    ["before a later 受理时间 (start typed ahead)", () => [start({ ...START, start: at(120) }), tick], t0 + 3 * 3600000, ["早于记录开始"]],
    ["backdated 受理时间, tick after the start event", () => [start({ ...START, start: at(-120) }), tick], t0 + 3600000, []],
    ["undo timed before the event it undoes", () => [start(), tick, ev("undo", { target: tick.id, at: at(20) })], t0 + 3600000, ["早于它撤销的操作"]],
    ["this clock is now behind an event already written", () => [start(), tick], t0 + 10 * 60000, ["晚于现在"]],
  ];
  for (const [name, events, now, want] of table) {
    assert.deepEqual(E.clockIssues(E.foldRun(events()), now).map((i) => i.why), want, name);
  }
  const moved = E.foldRun([start(), ev("tick", { step: "confirm", at: at(-3 * 1440) })]);
  assert.equal(E.clockIssues(moved, t0 + 3600000)[0].event.at, at(-3 * 1440)); // the time is kept as recorded
});
