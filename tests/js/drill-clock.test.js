// core/drill-clock.js: the drill session fold, the clock, due injects and the report, table-driven.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../docs/assets/javascripts/core/drill-clock.js");
const E = require("../../docs/assets/javascripts/core/events.js");

const T0 = Date.parse("2026-11-29T09:00:00+08:00");
const at = (min) => E.isoAt(T0 + min * 60000, 480);
const LOG = "drill:d:00000000-0000-4000-8000-000000000000";
let n = 0;
const uid = () => "00000000-0000-4000-8000-" + String(++n).padStart(12, "0");
const ev = (min, type, extra = {}) => ({ v: 1, id: uid(), log: LOG, type, at: at(min),
  actor: { name: "张导调", role: "facilitator" }, device: "00000000-0000-4000-8000-00000000d0d0", ...extra });
const DATA = {
  id: "d", title: "演练", duration: 120,
  injects: [{ id: "a", at: 0, from: "甲", expected: ["x", "y"] }, { id: "b", at: 20, from: "乙", expected: ["z"] }, { id: "c", at: 95, from: "丙", expected: [] }],
  tasks: [{ id: "t1", text: "停售", objective: "o" }, { id: "t2", text: "回应", objective: "o" }],
  scale: [{ value: "p", label: "P 顺利完成" }, { value: "s", label: "S 有一些困难" }, { value: "m", label: "M 困难较大" }, { value: "u", label: "U 未能完成" }],
};

test("every fixture event is valid for core/events.js", () => {
  for (const e of [ev(0, "clock", { value: "start" }), ev(1, "reveal", { step: "a" }), ev(2, "observe", { step: C.observeStep("customer-call", 0), value: true }),
    ev(3, "rate", { field: "t1", value: 4 }), ev(4, "note", { field: C.GENERAL, value: "x" }), ev(5, "note", { field: C.PARTICIPANT, value: "王客服（受理客服）" })]) {
    assert.equal(E.check(e), "", JSON.stringify(e));
  }
});

test("clock text keeps hours past 60 minutes", () => {
  for (const [ms, text] of [[0, "00:00:00"], [59999, "00:00:59"], [75 * 60000, "01:15:00"], [3 * 3600000 + 5000, "03:00:05"], [-5, "00:00:00"]]) {
    assert.equal(C.clock(ms), text);
  }
});

test("elapsed time adds up every pause, in any delivery order", () => {
  const events = [ev(0, "clock", { value: "start" }), ev(10, "clock", { value: "pause" }), ev(15, "clock", { value: "resume" }),
    ev(30, "clock", { value: "pause" }), ev(50, "clock", { value: "resume" })];
  const rows = [
    // [now in minutes, elapsed minutes]
    [5, 5], [12, 10], [20, 15], [40, 25], [60, 35], [125, 100],
  ];
  for (const order of [events, events.slice().reverse(), events.concat(events)]) {
    for (const [now, want] of rows) {
      const st = C.fold(order.filter((e) => Date.parse(e.at) <= T0 + now * 60000));
      assert.equal(C.elapsed(st, T0 + now * 60000), want * 60000, `now ${now}`);
    }
    assert.equal(C.status(C.fold(order)), "running");
  }
  assert.equal(C.status(C.fold(events.slice(0, 2))), "paused");
  assert.equal(C.status(C.fold([])), "idle");
  const st = C.fold(events);
  assert.equal(C.dueAt(st, DATA.injects[2]), T0 + (95 + 25) * 60000); // 95 clock minutes after 25 paused
});

test("due injects: revealed at their planned time, never on a jump of the system clock", () => {
  const st = C.fold([ev(0, "clock", { value: "start" }), ev(0, "reveal", { step: "a" })]);
  const rows = [
    // [previous tick {wall, mono} or null, wall minutes, mono ms, injects revealed, jumped]
    [null, 25, 0, ["b"], false], // a reload: what fell due while closed
    [{ wall: T0 + 19.99 * 60000, mono: 1000 }, 20, 1000 + 600, ["b"], false],
    [{ wall: T0 + 10 * 60000, mono: 1000 }, 10 + 600, 1000 + 1000, [], true], // +10 h jump
    [{ wall: T0 + 10 * 60000, mono: 1000 }, 10 - 60, 1000 + 1000, [], true], // −1 h jump
    [{ wall: T0 + 100 * 60000, mono: 1000 }, 100 + 1 / 60, 1000 + 1000, ["b", "c"], false],
  ];
  for (const [prev, wallMin, mono, want, jumped] of rows) {
    const got = C.tick(DATA.injects, st, prev, T0 + wallMin * 60000, mono);
    assert.deepEqual(got.reveal.map((i) => i.id), want, JSON.stringify(prev) + " " + wallMin);
    assert.equal(got.jumped, jumped);
  }
  assert.equal(C.next(DATA.injects, st).id, "b");
});

test("observations, ratings, notes and undo: later events win, notes keep who and when", () => {
  const undone = ev(8.5, "note", { field: C.GENERAL, value: "写错了" });
  const events = [
    ev(1, "observe", { step: "a-0", value: true }), ev(2, "observe", { step: "a-1", value: true }), ev(3, "observe", { step: "a-1", value: false }),
    ev(4, "rate", { field: "t1", value: 1 }), ev(5, "rate", { field: "t1", value: 4, actor: { name: "李评估", role: "evaluator" } }),
    ev(6, "note", { field: "a", value: "发言人 10 分钟内就位" }), ev(7, "note", { field: C.GENERAL, value: "   " }), ev(8, "note", { field: C.GENERAL, value: "总体顺利" }),
    undone, ev(8.6, "undo", { target: undone.id }),
    ev(9, "note", { field: C.PARTICIPANT, value: "王客服（受理客服）" }),
  ];
  const st = C.fold(events);
  assert.deepEqual(Object.keys(st.observed), ["a-0"]);
  assert.equal(st.ratings.t1.value, 4);
  assert.equal(st.ratings.t1.actor.name, "李评估");
  assert.deepEqual(st.notes.map((x) => [x.text, x.actor.name, x.at, x.inject]), [["发言人 10 分钟内就位", "张导调", at(6), "a"], ["总体顺利", "张导调", at(8), null]]);
  assert.deepEqual(st.people.map((p) => p.name), ["张导调", "李评估"]);
  assert.deepEqual(st.participants.map((p) => p.name), ["王客服（受理客服）"]);
  assert.equal(st.date, at(1));
});

test("report: timeline at planned times, gaps by scale place, participants and evaluators", () => {
  const events = [ev(0, "clock", { value: "start" }), ev(0, "reveal", { step: "a" }), ev(20, "reveal", { step: "b" }),
    ev(22, "observe", { step: "a-0", value: true }), ev(23, "rate", { field: "t1", value: 4 }),
    ev(24, "note", { field: C.PARTICIPANT, value: "王客服" })];
  const r = C.report(DATA, C.fold(events), T0 + 30 * 60000);
  assert.deepEqual(r.timeline.map((t) => [t.inject, t.clock, t.onTime]), [["a", "00:00:00", true], ["b", "00:20:00", true]]);
  assert.deepEqual(r.timeline[0].observed, ["x"]);
  assert.deepEqual(r.timeline[0].missed, ["y"]);
  assert.deepEqual(r.ratings.map((x) => x.rating), ["u", null]);
  assert.deepEqual(r.gaps, ["停售（U 未能完成）", "未观察到：y", "未观察到：z"]);
  assert.equal(r.elapsed, "00:30:00");
  assert.deepEqual(r.participants.map((p) => p.name), ["王客服"]);
  assert.deepEqual(r.evaluators.map((p) => p.name), ["张导调"]);
});
