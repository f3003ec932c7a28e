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

test("describe: one line per event kind, step texts and level names from stepTexts, undo names what it undid", () => {
  const checklist = {
    severities: [{ id: "low", name: "一般", rank: 1 }, { id: "high", name: "重大", rank: 2 }],
    blocks: [],
    steps: [{ id: "record", text: "登记投诉" }, { id: "confirm", text: "确认受理" }],
  };
  const texts = E.stepTexts(checklist);
  assert.deepEqual(texts, { record: "登记投诉", confirm: "确认受理", "severity:low": "一般", "severity:high": "重大" });
  assert.deepEqual(E.stepTexts(null), {});
  assert.deepEqual(E.stepTexts({}), {});
  const tick = ev("tick", { step: "record" });
  const table = [
    [ev("start", { value: START }), "开始记录"],
    [tick, "完成“登记投诉”"],
    [ev("untick", { step: "confirm" }), "取消勾选“确认受理”"],
    [ev("tick", { step: "retired" }), "完成“retired”"], // a step the checklist no longer has: its id
    [ev("skip", { step: "record", value: "客户撤诉" }), "跳过“登记投诉”：客户撤诉"],
    [ev("note", { step: "record", value: "电话 1" }), "备注“登记投诉”：电话 1"],
    [ev("note", { step: "record", value: "" }), "备注“登记投诉”（删除）"],
    [ev("outcome", { field: "compensation", value: 1260 }), "结果 compensation = 1260"],
    [ev("outcome", { field: "resolved", value: null }), "结果 resolved = （空）"],
    [ev("severity", { value: "high" }), "严重程度改为 重大"],
    [ev("severity", { value: "urgent" }), "严重程度改为 urgent"],
    [ev("category", { value: "food" }), "类别改为 food"],
    [ev("category", { value: null }), "类别改为 （空）"],
    [ev("sign-for", { value: "2026-11-27" }), "签收日期 2026-11-27"],
    [ev("sign-for", { value: null }), "签收日期 （空）"],
    [ev("close"), "结案"],
    [ev("reopen"), "重新打开"],
    [ev("discard"), "清除记录"],
    [ev("undo", { target: tick.id }), "撤销 " + tick.id], // the undone event not at hand
    [{ type: "teleport" }, "teleport"],
  ];
  for (const [e, want] of table) assert.equal(E.describe(e, texts), want, e.type);
  const undo = ev("undo", { target: tick.id });
  assert.equal(E.describe(undo, texts, { [tick.id]: tick }), "撤销：完成“登记投诉”");
  assert.equal(E.describe(ev("undo", { target: undo.id }), texts, { [undo.id]: undo, [tick.id]: tick }), "撤销：撤销 " + tick.id);
});

test("check: each invalid case of the shared table gets its whole message (field, then what is right)", () => {
  const messages = {
    "v missing": "v：事件格式版本应为 1",
    "id not a uuid": "id：应为小写 UUID",
    "unknown log kind": "log：应为 run:<UUID>、drill:<演练>:<UUID>、quiz:<路径> 或 draft:<模板>:<投诉编号>",
    "drill type in a run log": "type：“reveal”不是 run 日志的事件类型",
    "prototype key as type": "type：“constructor”不是 run 日志的事件类型",
    "time without zone": "at：应为带时区的 ISO 时间，例如 2026-11-29T20:30:00.000+08:00",
    "actor missing": "actor：应为 {name, role}",
    "blank actor name": "actor.name：应为 1–40 字的姓名",
    "extra field": "extra：未知字段",
    "tick without step": "step：应为步骤标识符",
    "close with a step": "step：此类事件不带 step",
    "skip without reason": "value：应为 1–10000 字的文字",
    "note too long": "value：应为不超过 10000 字的文字",
    "outcome unknown field": "field：应为 resolved、satisfaction、compensation、improvements 之一",
    "satisfaction 500": "value：应为 1–5 的整数或 null",
    "negative compensation": "value：应为 0–1000000000 的数或 null",
    "resolved as string": "value：应为 true、false 或 null",
    "severity not an id": "value：应为标识符（小写字母、数字和连字符）",
    "sign-for impossible date": "value：应为 YYYY-MM-DD 日期或 null",
    "undo without target": "target：应为被撤销事件的 id",
    "start without case": "value：case：投诉编号只能含字母、数字和连字符（1–40 位）",
    "start time lenient": "value：start：应为带时区的 ISO 时间",
    "start unknown field": "value：steps：未知字段",
    "quiz answer as string": "value：应为选项序号或 null",
    "drill observe as string": "value：应为 true 或 false",
    "not an object": "不是 JSON 对象",
  };
  const byName = Object.fromEntries(cases.map((c) => [c.name, c.event]));
  for (const [name, want] of Object.entries(messages)) assert.equal(E.check(byName[name]), want, name);
});

test("check: the edges of every limit, one field changed from a valid event", () => {
  const DRILL = "drill:food-illness:0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a";
  const drill = (type, fields) => ({ ...ev(type, fields), log: DRILL });
  const quiz = (type, fields) => ({ ...ev(type, fields), log: "quiz:frontline" });
  const draft = (type, fields) => ({ ...ev(type, fields), log: "draft:notice:2026001" });
  const start = (fields) => ev("start", { value: { ...START, ...fields } });
  const ok = "";
  const table = [
    ["satisfaction 1", ev("outcome", { field: "satisfaction", value: 1 }), ok],
    ["satisfaction 5", ev("outcome", { field: "satisfaction", value: 5 }), ok],
    ["satisfaction 0", ev("outcome", { field: "satisfaction", value: 0 }), "value：应为 1–5 的整数或 null"],
    ["satisfaction 6", ev("outcome", { field: "satisfaction", value: 6 }), "value：应为 1–5 的整数或 null"],
    ["satisfaction 2.5", ev("outcome", { field: "satisfaction", value: 2.5 }), "value：应为 1–5 的整数或 null"],
    ["satisfaction null", ev("outcome", { field: "satisfaction", value: null }), ok],
    ["compensation 0", ev("outcome", { field: "compensation", value: 0 }), ok],
    ["compensation 1e9", ev("outcome", { field: "compensation", value: 1e9 }), ok],
    ["compensation 12.5", ev("outcome", { field: "compensation", value: 12.5 }), ok],
    ["compensation over 1e9", ev("outcome", { field: "compensation", value: 1e9 + 1 }), "value：应为 0–1000000000 的数或 null"],
    ["compensation null", ev("outcome", { field: "compensation", value: null }), ok],
    ["improvements 0", ev("outcome", { field: "improvements", value: 0 }), ok],
    ["improvements 1000", ev("outcome", { field: "improvements", value: 1000 }), ok],
    ["improvements 1001", ev("outcome", { field: "improvements", value: 1001 }), "value：应为 0–1000 的整数或 null"],
    ["improvements -1", ev("outcome", { field: "improvements", value: -1 }), "value：应为 0–1000 的整数或 null"],
    ["improvements null", ev("outcome", { field: "improvements", value: null }), ok],
    ["resolved true", ev("outcome", { field: "resolved", value: true }), ok],
    ["outcome without field", ev("outcome", { value: 1 }), "field：应为 resolved、satisfaction、compensation、improvements 之一"],
    ["outcome without value", ev("outcome", { field: "resolved" }), "value：缺少"],
    ["field on a tick", ev("tick", { step: "record", field: "x" }), "field：此类事件不带 field"],
    ["value on a tick", ev("tick", { step: "record", value: 1 }), "value：此类事件不带 value"],
    ["target on a tick", ev("tick", { step: "record", target: DEV }), "target：此类事件不带 target"],
    ["undo of itself", (() => { const u = ev("undo", { target: DEV }); return { ...u, target: u.id }; })(), "target：应为被撤销事件的 id"],
    ["undo target not a uuid", ev("undo", { target: "x" }), "target：应为被撤销事件的 id"],
    ["step not an id", ev("tick", { step: "Record" }), "step：应为步骤标识符"],
    ["skip of 10000 characters", ev("skip", { step: "record", value: "长".repeat(10000) }), ok],
    ["skip of 10001 characters", ev("skip", { step: "record", value: "长".repeat(10001) }), "value：应为 1–10000 字的文字"],
    ["empty note", ev("note", { step: "record", value: "" }), ok],
    ["severity id", ev("severity", { value: "high" }), ok],
    ["severity as number", ev("severity", { value: 1 }), "value：应为标识符（小写字母、数字和连字符）"],
    ["sign-for null", ev("sign-for", { value: null }), ok],
    ["sign-for 31 Dec", ev("sign-for", { value: "2026-12-31" }), ok],
    ["sign-for month 0", ev("sign-for", { value: "2026-00-10" }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["sign-for day 0", ev("sign-for", { value: "2026-11-00" }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["sign-for as number", ev("sign-for", { value: 20261127 }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["actor name of 40", ev("close", { actor: { name: "名".repeat(40), role: "agent" } }), ok],
    ["actor name of 41", ev("close", { actor: { name: "名".repeat(41), role: "agent" } }), "actor.name：应为 1–40 字的姓名"],
    ["actor name not text", ev("close", { actor: { name: 1, role: "agent" } }), "actor.name：应为 1–40 字的姓名"],
    ["actor role of 40", ev("close", { actor: { name: "张三", role: "r".repeat(40) } }), ok],
    ["actor role of 41", ev("close", { actor: { name: "张三", role: "r".repeat(41) } }), "actor.role：应为 1–40 字的角色"],
    ["actor role empty", ev("close", { actor: { name: "张三", role: "" } }), "actor.role：应为 1–40 字的角色"],
    ["actor with another key", ev("close", { actor: { name: "张三", role: "agent", phone: "1" } }), "actor：应为 {name, role}"],
    ["actor as list", ev("close", { actor: ["张三"] }), "actor：应为 {name, role}"],
    ["device not a uuid", ev("close", { device: "phone" }), "device：应为小写 UUID"],
    ["log not text", ev("close", { log: 1 }), "log：应为 run:<UUID>、drill:<演练>:<UUID>、quiz:<路径> 或 draft:<模板>:<投诉编号>"],
    ["version 2 is future", { ...ev("close"), v: 2 }, "future"],
    ["version 1.5", { ...ev("close"), v: 1.5 }, "v：事件格式版本应为 1"],
    ["version 0", { ...ev("close"), v: 0 }, "v：事件格式版本应为 1"],
    ["a list", [], "不是 JSON 对象"],
    ["null", null, "不是 JSON 对象"],
    ["type not text", ev(42), "type：“42”不是 run 日志的事件类型"],
    ["long type cut at 40", ev("x".repeat(50)), "type：“" + "x".repeat(40) + "”不是 run 日志的事件类型"],
    ["drill clock start", drill("clock", { value: "start" }), ok],
    ["drill clock stop", drill("clock", { value: "stop" }), ok],
    ["drill clock rewind", drill("clock", { value: "rewind" }), "value：应为 start、pause、resume 或 stop"],
    ["drill rate 1", drill("rate", { field: "calm", value: 1 }), ok],
    ["drill rate 5", drill("rate", { field: "calm", value: 5 }), ok],
    ["drill rate 0", drill("rate", { field: "calm", value: 0 }), "value：应为 1–5 的整数或 null"],
    ["drill rate 6", drill("rate", { field: "calm", value: 6 }), "value：应为 1–5 的整数或 null"],
    ["drill rate null", drill("rate", { field: "calm", value: null }), ok],
    ["drill rate without field", drill("rate", { value: 3 }), "field：应为字段标识符"],
    ["drill observe true", drill("observe", { step: "s1", value: true }), ok],
    ["quiz answer 0", quiz("answer", { field: "q1", value: 0 }), ok],
    ["quiz answer 99", quiz("answer", { field: "q1", value: 99 }), ok],
    ["quiz answer 100", quiz("answer", { field: "q1", value: 100 }), "value：应为选项序号或 null"],
    ["quiz answer -1", quiz("answer", { field: "q1", value: -1 }), "value：应为选项序号或 null"],
    ["quiz answer null", quiz("answer", { field: "q1", value: null }), ok],
    ["quiz module false", quiz("module", { step: "m1", value: false }), ok],
    ["draft field", draft("field", { field: "name", value: "李先生" }), ok],
    ["draft clear", draft("clear"), ok],
    ["draft of a case with a space", { ...draft("clear"), log: "draft:notice:2026 001" }, "log：应为 run:<UUID>、drill:<演练>:<UUID>、quiz:<路径> 或 draft:<模板>:<投诉编号>"],
    ["start case of 40", start({ case: "A".repeat(40) }), ok],
    ["start case of 41", start({ case: "A".repeat(41) }), "value：case：投诉编号只能含字母、数字和连字符（1–40 位）"],
    ["start procedure not an id", start({ procedure: "Alpha" }), "value：procedure：应为检查单标识符"],
    ["start version empty", start({ version: "" }), "value：version：应为预案版本号"],
    ["start version of 40", start({ version: "1".repeat(40) }), ok],
    ["start version of 41", start({ version: "1".repeat(41) }), "value：version：应为预案版本号"],
    ["start severity null", start({ severity: null }), ok],
    ["start severity not an id", start({ severity: "High" }), "value：severity：应为标识符（小写字母、数字和连字符）"],
    ["start category not an id", start({ category: "Food" }), "value：category：应为标识符（小写字母、数字和连字符）"],
    ["start source not an id", start({ source: "Phone" }), "value：source：应为标识符（小写字母、数字和连字符）"],
    ["start title of 200", start({ title: "题".repeat(200) }), ok],
    ["start title of 201", start({ title: "题".repeat(201) }), "value：title：应为不超过 200 字的文字"],
    ["start title not text", start({ title: 1 }), "value：title：应为不超过 200 字的文字"],
    ["start hash of 64", start({ hash: "a".repeat(64) }), ok],
    ["start hash of 65", start({ hash: "a".repeat(65) }), "value：hash：应为检查单指纹"],
    ["start hash not text", start({ hash: 1 }), "value：hash：应为检查单指纹"],
    ["start value a list", ev("start", { value: [] }), "value：应为对象"],
    ["start value null", ev("start", { value: null }), "value：应为对象"],
    ["start value text", ev("start", { value: "2026001" }), "value：应为对象"],
  ];
  for (const [name, e, want] of table) assert.equal(E.check(e), want, name);
});

test("check: a start's checklist snapshot needs steps, blocks and severities, and valid steps", () => {
  const start = (checklist) => ev("start", { value: { ...START, checklist } });
  const steps = (list) => ({ steps: list, blocks: [], severities: [] });
  const table = [
    ["all three lists", steps([{ id: "a", text: "甲", due: "PT1H", dueBySeverity: null }]), ""],
    ["no steps", { blocks: [], severities: [] }, "value：checklist：应含 steps、blocks、severities 列表"],
    ["no blocks", { steps: [], severities: [] }, "value：checklist：应含 steps、blocks、severities 列表"],
    ["no severities", { steps: [], blocks: [] }, "value：checklist：应含 steps、blocks、severities 列表"],
    ["null", null, "value：checklist：应含 steps、blocks、severities 列表"],
    ["text", "steps", "value：checklist：应含 steps、blocks、severities 列表"],
    ["step without text", steps([{ id: "a", text: "甲" }, { id: "b" }]), "value：checklist.steps[1]：步骤缺少 id 或 text"],
    ["step id not an id", steps([{ id: "A", text: "甲" }]), "value：checklist.steps[0]：步骤缺少 id 或 text"],
    ["step id not text", steps([{ id: 1, text: "甲" }]), "value：checklist.steps[0]：步骤缺少 id 或 text"],
    ["null step", steps([null]), "value：checklist.steps[0]：步骤缺少 id 或 text"],
    ["due not a duration", steps([{ id: "a", text: "甲", due: "1 hour" }]), "value：checklist.steps[0].due：不是 ISO 8601 时长"],
    ["dueBySeverity a list", steps([{ id: "a", text: "甲", dueBySeverity: ["PT1H"] }]), "value：checklist.steps[0].dueBySeverity：应为严重程度到 ISO 8601 时长的对照"],
    ["dueBySeverity a text", steps([{ id: "a", text: "甲", dueBySeverity: "PT1H" }]), "value：checklist.steps[0].dueBySeverity：应为严重程度到 ISO 8601 时长的对照"],
    ["dueBySeverity a number inside", steps([{ id: "a", text: "甲", dueBySeverity: { low: 1 } }]), "value：checklist.steps[0].dueBySeverity：应为严重程度到 ISO 8601 时长的对照"],
    ["dueBySeverity durations", steps([{ id: "a", text: "甲", dueBySeverity: { low: "PT12H", high: "PT30M" } }]), ""],
  ];
  for (const [name, checklist, want] of table) assert.equal(E.check(start(checklist)), want, name);
});

test("fold: untick, deleted note, category, discard, who did it, history with undone flags, one log only", () => {
  const s = ev("start", { value: { ...START, severity: null, category: "food" } });
  const t = ev("tick", { step: "record" });
  const u = ev("untick", { step: "record" });
  const note = ev("note", { step: "confirm", value: "写错了" });
  const cleared = ev("note", { step: "confirm", value: "" });
  const kept = ev("note", { step: "record", value: "保留" });
  const cat = ev("category", { value: "quality" });
  const undone = ev("close");
  const undo = ev("undo", { target: undone.id });
  const other = { ...ev("tick", { step: "confirm" }), log: "run:11111111-2222-4333-8444-555555555555" };
  const again = ev("start", { value: { ...START, case: "2026002" } });
  const d = ev("discard");
  const run = E.foldRun([s, t, u, note, cleared, kept, cat, undone, undo, other, again, d]);
  assert.equal(run.log, RUN);
  assert.deepEqual([run.case, run.procedure, run.severity, run.category, run.startedAt], ["2026001", "alpha", null, "quality", START.start]);
  assert.equal(run.start.case, "2026001");
  assert.deepEqual(run.steps, {});
  assert.deepEqual(run.notes, { record: { text: "保留", by: { name: "张三", role: "agent", at: kept.at, event: kept.id } } });
  assert.equal(run.closedAt, null);
  assert.equal(run.discarded, true);
  assert.deepEqual(run.history.map((h) => [h.event.id, h.undone]),
    [s, t, u, note, cleared, kept, cat, undone, undo, again, d].map((e) => [e.id, e === undone]));
  assert.deepEqual(run.problems, [
    { id: other.id, problem: "log：属于另一条记录 " + other.log },
    { id: again.id, problem: "重复的开始事件，已忽略" },
  ]);
  const skipped = E.foldRun([s, ev("skip", { step: "record", value: "不适用" })]).steps.record;
  assert.deepEqual([skipped.status, skipped.reason, skipped.by.name, skipped.by.role], ["skipped", "不适用", "张三", "agent"]);
  const fresh = E.foldRun([]);
  assert.deepEqual([fresh.log, fresh.start, fresh.case, fresh.discarded, fresh.signedFor, fresh.problems, fresh.future], [null, null, null, false, null, [], []]);
  assert.deepEqual(E.foldRun([ev("tick", { step: "record" })]).problems, [{ id: null, problem: "缺少开始事件（start），无法确定投诉编号和检查单" }]);
});

test("cancelled: undo chains, a redo, and a forged cycle stay finite", () => {
  const t = ev("tick", { step: "record" });
  const u1 = ev("undo", { target: t.id });
  const u2 = ev("undo", { target: u1.id });
  const u3 = ev("undo", { target: u2.id });
  assert.deepEqual(Object.keys(E.cancelled([t, u1])), [t.id]);
  assert.deepEqual(Object.keys(E.cancelled([t, u1, u2])), [u1.id]);
  assert.deepEqual(Object.keys(E.cancelled([t, u1, u2, u3])).sort(), [t.id, u2.id].sort());
  // Two undos naming each other (only forged ids can): neither loops forever.
  const a = ev("undo", { target: "00000000-0000-4000-8000-00000000aaaa" });
  const b = { ...ev("undo", { target: a.id }), id: "00000000-0000-4000-8000-00000000aaaa" };
  const off = E.cancelled([a, b]);
  assert.equal(typeof off, "object");
  const s = ev("start", { value: START });
  assert.deepEqual(Object.keys(E.cancelled([s, ev("undo", { target: s.id })])), []); // a start is never undone
});

test("order drops non-events and later copies; lastUndoable skips invalid and cancelled events", () => {
  const a = ev("tick", { step: "record" }, 1);
  const copy = { ...a, step: "confirm" }; // same id: the first copy wins
  assert.deepEqual(E.order([null, "x", { id: 1 }, a, copy]), [a]);
  const s = ev("start", { value: START }, 0);
  const bad = { ...ev("tick", {}, 2) }; // no step: invalid
  assert.equal(E.lastUndoable([s, a, bad]).id, a.id);
  const undo = ev("undo", { target: a.id }, 3);
  assert.equal(E.lastUndoable([s, a, undo], { [a.id]: true }), null);
  assert.equal(E.lastUndoable([s, a, undo]).id, undo.id);
});

test("time texts: offsets and zone labels west and east, with minutes; no text for no time", () => {
  const ms = Date.UTC(2026, 0, 1, 0, 0, 0, 7);
  assert.equal(E.isoAt(ms, -330), "2025-12-31T18:30:00.007-05:30");
  assert.equal(E.isoAt(ms, 345), "2026-01-01T05:45:00.007+05:45");
  assert.equal(E.isoAt(ms, 0), "2026-01-01T00:00:00.007+00:00");
  assert.deepEqual([E.zoneLabel(-330), E.zoneLabel(0), E.zoneLabel(345), E.zoneLabel(-60)], ["UTC−5:30", "UTC+0", "UTC+5:45", "UTC−1"]);
  for (const none of [null, undefined, NaN, "bogus", "2026-11-29"]) assert.equal(E.fmt(none), "", String(none));
  assert.equal(E.fmt(0), "1970-01-01 08:00 UTC+8");
  assert.equal(E.fmt(Date.UTC(2026, 2, 5, 1, 2), 0), "2026-03-05 01:02 UTC+0");
  assert.deepEqual([E.addDuration(NaN, "P1D"), E.addDuration(0, null), E.addDuration(0, "")], [null, null, null]);
  const cn = (y, mo, d, h = 0) => Date.UTC(y, mo - 1, d, h) - 480 * 60000;
  assert.equal(E.addDuration(cn(2026, 11, 30, 9), "P2M"), cn(2027, 1, 30, 9)); // months past the year's end
  assert.equal(E.addDuration(cn(2026, 11, 30, 9), "P1Y2M3DT4H5M"), cn(2028, 2, 2, 13) + 5 * 60000);
  assert.deepEqual([E.kindOf("quiz:frontline"), E.kindOf(7)], ["quiz", ""]);
  assert.equal(E.CHINA, 480);
  assert.equal(E.VERSION, 1);
});

test("checklist rules: categories, ranks, deadlines from a skipped step, next due, soonest, clocks at the edge", () => {
  const severities = [{ id: "low", name: "一般", rank: 1 }, { id: "high", name: "重大", rank: 2 }];
  const checklist = {
    severities, blocks: [],
    steps: [
      { id: "record", text: "登记", due: "PT30M" },
      { id: "confirm", text: "确认", due: "PT1H", dueFrom: "record" },
      { id: "food", text: "食品", categories: ["food"] },
      { id: "any", text: "任何", categories: [] },
      { id: "major", text: "重大", minRank: 2 },
    ],
  };
  const start = ev("start", { value: START }); // severity low, no category
  const startMs = E.instant(START.start);
  assert.deepEqual(E.applicable(E.foldRun([start]), checklist).map((s) => s.id), ["record", "confirm", "any"]);
  const food = E.foldRun([start, ev("category", { value: "food" }), ev("severity", { value: "high" })]);
  assert.deepEqual(E.applicable(food, checklist).map((s) => s.id), ["record", "confirm", "food", "any", "major"]);
  assert.deepEqual(E.applicable(E.foldRun([start]), { ...checklist, severities: undefined }).map((s) => s.id), ["record", "confirm", "any"]);
  const skipped = E.foldRun([start, ev("skip", { step: "record", value: "不适用" })]);
  assert.equal(E.dueTimes(skipped, checklist).confirm, null); // a skipped step starts no clock
  let s = E.summary(E.foldRun([start]), checklist, startMs);
  assert.equal(s.nextDue, startMs + 30 * 60000);
  assert.deepEqual([s.total, s.done, s.next.id, s.soonest.id], [3, 0, "record", "record"]);
  s = E.summary(E.foldRun([start]), checklist, startMs + 30 * 60000);
  assert.deepEqual(s.late, []); // due at that very moment: not late yet
  s = E.summary(E.foldRun([start]), checklist, startMs + 30 * 60000 + 1);
  assert.deepEqual(s.late.map((x) => x.id), ["record"]);
  const done = E.foldRun([start, ev("tick", { step: "record" }), ev("tick", { step: "confirm" }), ev("tick", { step: "any" })]);
  s = E.summary(done, checklist, startMs);
  assert.deepEqual([s.done, s.complete, s.next, s.nextDue, s.soonest], [3, true, null, null, null]);
  assert.equal(E.isClosed(done, "record"), true);
  assert.equal(E.isClosed(done, "food"), false);
  assert.equal(E.stepDue({ id: "x", dueBySeverity: { urgent: "PT5M" } }, null, severities), null); // no listed level known
  assert.equal(E.stepDue({ id: "x", dueBySeverity: { low: "PT5M" } }, null, undefined), null);
  assert.equal(E.stepDue({ id: "x", dueBySeverity: { low: "PT1H", high: "PT5M" } }, null, [severities[1], severities[0]]), "PT5M");
  const t0 = E.instant(START.start);
  const at = (ms) => E.isoAt(ms, 480);
  const edge = E.foldRun([ev("start", { value: START, at: at(t0) }), ev("tick", { step: "record", at: at(t0 - 60000) }), ev("tick", { step: "confirm", at: at(t0 + 3600000) })]);
  assert.deepEqual(E.clockIssues(edge, t0 + 3600000 - 60000).map((i) => i.why), []); // a minute each way is leeway
  assert.deepEqual(E.clockIssues(edge, t0 + 3600000 - 60001).map((i) => i.why), ["晚于现在"]);
  const before = E.foldRun([ev("start", { value: START, at: at(t0) }), ev("tick", { step: "record", at: at(t0 - 60001) })]);
  assert.deepEqual(E.clockIssues(before, t0 + 3600000).map((i) => i.why), ["早于记录开始"]);
  const tk = ev("tick", { step: "record", at: at(t0 + 60000) });
  const sameTime = E.foldRun([ev("start", { value: START, at: at(t0) }), tk, ev("undo", { target: tk.id, at: at(t0 + 60000) })]);
  assert.deepEqual(E.clockIssues(sameTime, t0 + 3600000), []);
  const foreign = E.foldRun([ev("start", { value: START, at: at(t0) }), ev("undo", { target: DEV, at: at(t0 + 60000) })]);
  assert.deepEqual(E.clockIssues(foreign, t0 + 3600000), []); // the undone event is not in this copy
});

test("the patterns: instants, durations, ids, case numbers and log ids, each edge both ways", () => {
  const instants = [
    ["2026-11-29T20:30:00.5+08:00", Date.UTC(2026, 10, 29, 12, 30, 0, 500)],
    ["2026-11-29T20:30:00.12Z", Date.UTC(2026, 10, 29, 20, 30, 0, 120)],
    ["2026-11-29T20:30:00.1234+08:00", NaN],
    ["2026-11-29T20:30:00+08:00", Date.UTC(2026, 10, 29, 12, 30)],
    ["2026-11-29T20:30:00-05:00", Date.UTC(2026, 10, 30, 1, 30)],
    ["2026-11-29T20:30:00+14:00", Date.UTC(2026, 10, 29, 6, 30)],
    ["2026-11-29T20:30:00+15:00", NaN],
    ["2026-11-29T20:30:00+08:59", Date.UTC(2026, 10, 29, 11, 31)],
    ["2026-11-29T23:59:59Z", Date.UTC(2026, 10, 29, 23, 59, 59)],
    ["2026-11-29T20:60:00Z", NaN],
    ["2026-11-29T20:30:60Z", NaN],
    ["2026-12-31T00:00:00Z", Date.UTC(2026, 11, 31)],
    ["2026-12-32T00:00:00Z", NaN],
    ["2026-00-10T00:00:00Z", NaN],
    ["2026-11-00T00:00:00Z", NaN],
    ["2026-11-29T20:30:00z", NaN],
    ["2026-11-29 20:30:00Z", NaN],
    ["x2026-11-29T20:30:00Z", NaN],
    ["2026-11-29T20:30:00Zx", NaN],
    ["2099-12-31T00:00:00Z", Date.UTC(2099, 11, 31)],
    ["2100-01-01T00:00:00Z", NaN],
    ["1999-12-31T00:00:00Z", NaN],
  ];
  for (const [at, ms] of instants) assert.deepEqual(E.instant(at), ms, at);
  const base = Date.UTC(2026, 0, 1) - 480 * 60000; // midnight, China time
  const durations = [
    ["PT1H", base + 3600000], ["PT1M", base + 60000], ["P1M", Date.UTC(2026, 1, 1) - 480 * 60000],
    ["P1Y", Date.UTC(2027, 0, 1) - 480 * 60000], ["P2W", base + 14 * 86400000], ["P1DT2H30M", base + 86400000 + 2.5 * 3600000],
    ["P", null], ["PT", null], ["P1DT", null], ["P1H", null], ["p1d", null], ["P1.5D", null], [" P1D", null], ["P1D ", null],
  ];
  for (const [iso, want] of durations) assert.equal(E.addDuration(base, iso), want, iso);
  const ids = [["a", true], ["a-b2", true], ["a--b", false], ["-a", false], ["a-", false], ["A", false], ["a_b", false], ["", false]];
  for (const [id, valid] of ids) assert.equal(E.RE.id.test(id), valid, id);
  const uuid = "0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a";
  const logs = [
    ["run:" + uuid, true], ["run:" + uuid.toUpperCase(), false], ["run:" + uuid + "x", false], ["x-run:" + uuid, false],
    ["drill:food-illness:" + uuid, true], ["drill:food-illness", false], ["quiz:frontline", true], ["quiz:", false],
    ["draft:notice:-", true], ["draft:notice:2026-001", true], ["draft:notice:", false], ["draft:notice:-1", false],
    ["draft:notice:" + "A".repeat(40), true], ["draft:notice:" + "A".repeat(41), false], ["memo:x", false],
  ];
  for (const [log, valid] of logs) assert.equal(E.RE.log.test(log), valid, log);
  const numbers = [["A", true], ["2026-001", true], ["-2026", false], ["2026 001", false], ["2026001\n", false]];
  for (const [c, valid] of numbers) assert.equal(E.RE.case.test(c), valid, JSON.stringify(c));
  assert.equal(E.RE.uuid.test(uuid), true);
  assert.equal(E.RE.uuid.test(uuid + "0"), false);
  assert.equal(E.RE.uuid.test("x" + uuid), false);
});

test("check: values of the wrong type that would read as right ones when turned into text", () => {
  const uuid = "0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a";
  const DRILL = "drill:food-illness:" + uuid;
  const start = (fields) => ev("start", { value: { ...START, ...fields } });
  const table = [
    ["a text", "tick", "不是 JSON 对象"],
    ["a number", 5, "不是 JSON 对象"],
    ["id in a list", ev("close", { id: [uuid] }), "id：应为小写 UUID"],
    ["log in a list", ev("close", { log: [RUN] }), "log：应为 run:<UUID>、drill:<演练>:<UUID>、quiz:<路径> 或 draft:<模板>:<投诉编号>"],
    ["at in a list", ev("close", { at: ["2026-11-29T12:30:00Z"] }), "at：应为带时区的 ISO 时间，例如 2026-11-29T20:30:00.000+08:00"],
    ["actor a number", ev("close", { actor: 5 }), "actor：应为 {name, role}"],
    ["actor a text", ev("close", { actor: "张三" }), "actor：应为 {name, role}"],
    ["actor role a number", ev("close", { actor: { name: "张三", role: 5 } }), "actor.role：应为 1–40 字的角色"],
    ["device in a list", ev("close", { device: [DEV] }), "device：应为小写 UUID"],
    ["undo target in a list", ev("undo", { target: [DEV] }), "target：应为被撤销事件的 id"],
    ["sign-for in a list", ev("sign-for", { value: ["2026-11-27"] }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["sign-for month 13", ev("sign-for", { value: "2026-13-01" }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["sign-for 1 January", ev("sign-for", { value: "2026-01-01" }), ""],
    ["sign-for with a leading space", ev("sign-for", { value: " 2026-11-27" }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["sign-for with more after it", ev("sign-for", { value: "2026-11-27x" }), "value：应为 YYYY-MM-DD 日期或 null"],
    ["at on 1 January", ev("close", { at: "2026-01-01T00:00:00+08:00" }), ""],
    ["start procedure a number", start({ procedure: 1 }), "value：procedure：应为检查单标识符"],
    ["start version a number", start({ version: 1 }), "value：version：应为预案版本号"],
    ["drill clock pause", { ...ev("clock", { value: "pause" }), log: DRILL }, ""],
    ["drill clock resume", { ...ev("clock", { value: "resume" }), log: DRILL }, ""],
    ["drill undo", { ...ev("undo", { target: DEV }), log: DRILL }, ""],
    ["drill undo without target", { ...ev("undo"), log: DRILL }, "target：应为被撤销事件的 id"],
    ["quiz undo", { ...ev("undo", { target: DEV }), log: "quiz:frontline" }, ""],
    ["quiz undo without target", { ...ev("undo"), log: "quiz:frontline" }, "target：应为被撤销事件的 id"],
    ["draft undo", { ...ev("undo", { target: DEV }), log: "draft:notice:-" }, ""],
    ["draft undo without target", { ...ev("undo"), log: "draft:notice:-" }, "target：应为被撤销事件的 id"],
  ];
  for (const [name, e, want] of table) assert.equal(E.check(e), want, name);
  const snap = (dueBySeverity) => ev("start", { value: { ...START, checklist: { steps: [{ id: "a", text: "甲", dueBySeverity }], blocks: [], severities: [] } } });
  const wrong = "value：checklist.steps[0].dueBySeverity：应为严重程度到 ISO 8601 时长的对照";
  assert.equal(E.check(snap(5)), wrong);
  assert.equal(E.check(snap({ low: "PT12H", high: 1 })), wrong);
  assert.equal(E.check(snap({ low: ["PT12H"] })), wrong);
  const durations = [["P10D", 10 * 86400000], ["P10W", 70 * 86400000]];
  const base = Date.UTC(2026, 0, 1) - 480 * 60000;
  for (const [iso, ms] of durations) assert.equal(E.addDuration(base, iso), base + ms, iso);
  assert.equal(E.addDuration(base, "P12M"), Date.UTC(2027, 0, 1) - 480 * 60000);
  assert.equal(E.addDuration(base, "P10Y"), Date.UTC(2036, 0, 1) - 480 * 60000);
});

test("fold and rules: details a page shows", () => {
  const s = ev("start", { value: { ...START, category: "food" } });
  assert.equal(E.foldRun([s]).category, "food");
  const { category, ...noCategory } = START;
  assert.equal(E.foldRun([ev("start", { value: noCategory })]).category, null);
  const broken = { ...ev("tick"), step: undefined };
  assert.deepEqual(E.foldRun([s, broken]).problems, [{ id: broken.id, problem: "step：应为步骤标识符" }]);
  // A forged tick carrying a target is refused, and undoes nothing.
  const t = ev("tick", { step: "record" });
  const forged = { ...ev("tick", { step: "confirm" }), target: t.id };
  assert.equal(E.foldRun([s, t, forged]).steps.record.status, "done");
  // lastUndoable may return the very first event when the copy has no start.
  const first = ev("tick", { step: "record" });
  assert.equal(E.lastUndoable([first]).id, first.id);
  // A forged cycle of two undos: the depth bound breaks it the same way in every copy.
  const a = ev("undo", { target: "00000000-0000-4000-8000-00000000aaaa" });
  const b = { ...ev("undo", { target: a.id }), id: "00000000-0000-4000-8000-00000000aaaa" };
  assert.deepEqual(Object.keys(E.cancelled([a, b])), [a.id]);
  const checklist = {
    severities: [], blocks: [],
    steps: [{ id: "record", text: "登记", due: "PT30M" }, { id: "listen", text: "倾听" }, { id: "extra", text: "附加", required: false }],
  };
  const startMs = E.instant(START.start);
  const due = E.dueTimes(E.foldRun([s]), checklist);
  assert.deepEqual(Object.keys(due), ["record"]); // a step with no due has no entry (null means its clock has not started)
  const table = [
    ["required done, optional open", [s, ev("tick", { step: "record" }), ev("tick", { step: "listen" })], true],
    ["one required open, another done", [s, ev("tick", { step: "record" })], false],
  ];
  for (const [name, events, want] of table) assert.equal(E.summary(E.foldRun(events), checklist, startMs).complete, want, name);
  const run = E.foldRun([s, ev("tick", { step: "record" }), ev("tick", { step: "retired" })]);
  assert.deepEqual(E.gone(run, checklist), ["retired"]);
  // 受理时间 typed earlier than the start event: a tick before the start event is still early.
  const t0 = Date.UTC(2026, 10, 29, 2, 0);
  const at = (min) => E.isoAt(t0 + min * 60000, 480);
  const backdated = E.foldRun([ev("start", { value: { ...START, start: at(-120) }, at: at(0) }), ev("tick", { step: "record", at: at(-30) })]);
  assert.deepEqual(E.clockIssues(backdated, t0 + 3600000).map((i) => i.why), ["早于记录开始"]);
});
