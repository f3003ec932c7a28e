// core/legacy.js and core/draft.js: today's stored drill, training and draft state become valid
// events, the same ones every time; the folds of those events give back what was stored.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const L = require("../../docs/assets/javascripts/core/legacy.js");
const C = require("../../docs/assets/javascripts/core/drill-clock.js");
const Q = require("../../docs/assets/javascripts/core/quiz.js");
const D = require("../../docs/assets/javascripts/core/draft.js");
const E = require("../../docs/assets/javascripts/core/events.js");

const SCALE = [{ value: "p" }, { value: "s" }, { value: "m" }, { value: "u" }];
const ctx = (key) => ({ key, now: "2026-11-29T12:00:00.000Z", device: "00000000-0000-4000-8000-00000000d0d0", scale: SCALE });
const valid = (events) => events.forEach((e) => assert.equal(E.check(e), "", JSON.stringify(e)));

test("training progress of today's format folds back to the same modules, answers and score", () => {
  const old = { modules: { principles: "2026-11-20T02:00:00.000Z" }, answers: { "q-ack": 1, "q-unsure": 1 }, submitted: "2026-11-20T03:00:00.000Z", score: "1/3" };
  const got = L.training("frontline", old, { ...ctx("training:frontline"), questions: ["q-ack", "q-unsure", "q-media"] });
  assert.equal(got.problem, "");
  valid(got.events);
  const st = Q.fold(got.events, [{ id: "q-ack", answer: 2 }, { id: "q-unsure", answer: 1 }, { id: "q-media", answer: 2 }]);
  assert.deepEqual(Object.keys(st.modules), ["principles"]);
  assert.deepEqual(st.answers, { "q-ack": 1, "q-unsure": 1 });
  assert.equal(st.last.score.text, "1/3");
  assert.deepEqual(L.training("frontline", old, { ...ctx("training:frontline"), questions: ["q-ack", "q-unsure", "q-media"] }).events.map((e) => e.id), got.events.map((e) => e.id));
});

test("broken stored values are reported, never thrown", () => {
  const rows = [
    [() => L.training("p", { modules: null }, ctx("training:p")), "modules"],
    [() => L.training("p", "abc", ctx("training:p")), "不是培训进度记录"],
    [() => L.drill("d", {}, ctx("drill:d")), ""],
    [() => L.drill("d", [1], ctx("drill:d")), "不是演练记录"],
    [() => L.drill("d", { observed: "x", notes: 5 }, ctx("drill:d")), "observed、notes"],
    [() => L.draft("t", "-", "abc", ctx("draft:t:-")), "不是草稿"],
  ];
  for (const [call, words] of rows) {
    const got = call();
    assert.ok(words ? got.problem.includes(words) : got.problem === "", got.problem);
  }
});

test("a drill of today's format keeps its clock, reveals, observations, ratings and notes", () => {
  const start = Date.parse("2026-11-20T01:00:00.000Z");
  const old = { startedAt: start, pausedAt: start + 50 * 60000, pausedMs: 10 * 60000,
    revealed: { video: { at: "2026-11-20T01:00:00.000Z", elapsed: 0 }, "customer-call": { at: "2026-11-20T01:30:00.000Z", elapsed: 20 * 60000 } },
    observed: { "video:0": "2026-11-20T01:05:00.000Z" }, ratings: { "one-voice": "s" }, notes: "发言人 10 分钟内就位" };
  const got = L.drill("powerbank-fire", old, ctx("drill:powerbank-fire"));
  assert.equal(got.problem, "");
  valid(got.events);
  assert.ok(E.RE.log.test(got.log));
  const st = C.fold(got.events);
  assert.equal(C.elapsed(st, Date.now()), 40 * 60000); // 50 min on the clock minus 10 paused
  assert.equal(C.status(st), "paused");
  assert.deepEqual(Object.keys(st.revealed).sort(), ["customer-call", "video"]);
  assert.equal(st.revealed["customer-call"].elapsed, 20 * 60000);
  assert.deepEqual(Object.keys(st.observed), ["video-0"]);
  assert.equal(st.ratings["one-voice"].value, 2);
  assert.deepEqual(st.notes.map((n) => n.text), ["发言人 10 分钟内就位"]);
});

test("a draft of today's format folds back to its fields; edits append only what changed", () => {
  const got = L.draft("acknowledgement", "2026001", { customer_name: "张三", case_number: "2026001", note: "" }, ctx("draft:acknowledgement:2026001"));
  assert.equal(got.log, "draft:acknowledgement:2026001");
  valid(got.events);
  const f = D.fold(got.events);
  assert.deepEqual(f.values, { customer_name: "张三", case_number: "2026001" });
  assert.deepEqual(D.changes(f.values, { customer_name: "张三", case_number: "2026002", note: "" }), ["case_number"]);
  const later = { ...got.events[0], id: "ffffffff-0000-4000-8000-000000000000", value: "李四", at: "2026-11-29T13:00:00.000Z" };
  assert.equal(D.fold(got.events.concat([later])).values.customer_name, "李四");
  const clear = { ...later, id: "ffffffff-0000-4000-8000-000000000001", type: "clear", at: "2026-11-29T14:00:00.000Z" };
  delete clear.field; delete clear.value;
  assert.deepEqual(D.fold(got.events.concat([later, clear])).values, {});
  for (const [c, log] of [["", "draft:acknowledgement:-"], ["2026001", "draft:acknowledgement:2026001"], ["二〇二六", "draft:acknowledgement:-"], ["a b", "draft:acknowledgement:-"]]) {
    assert.equal(D.log("acknowledgement", c), log);
  }
});

// Conversions pinned whole (for make mutation): every event's type, time, step or field and value,
// the fixed ids, and each problem word for word.
const rows = (r) => r.events.map((e) => [e.type, e.at, e.step, e.field, e.value]);
const T = "2026-11-20T";

test("idOf: fixed UUID-shaped ids for fixed texts", () => {
  assert.deepEqual(["", "abc"].map(L.idOf), ["811c9dc5-0100-8193-9bd1-e99527d4eb2f", "1a47e90b-bdd5-894d-a23f-cebb6ea7a581"]);
});

test("training conversion, event by event", () => {
  const old = { modules: { a: T + "02:00:00.000Z", b: "yesterday", c: 1763604000000, d: -1 }, answers: { q1: 1, q2: -1, q3: 1.5, q4: "2", q5: 0 }, submitted: T + "03:00:00.000Z" };
  const got = L.training("frontline", old, { ...ctx("training:frontline"), questions: ["q1", "q2", "q9"] });
  assert.equal(got.problem, "");
  valid(got.events);
  assert.deepEqual(rows(got), [
    ["module", T + "02:00:00.000Z", "a", undefined, true],
    ["module", "2026-11-29T12:00:00.000Z", "b", undefined, true],  // no readable time: the conversion's
    ["module", "2025-11-20T02:00:00.000Z", "c", undefined, true],  // milliseconds, as older pages stored them
    ["module", "2026-11-29T12:00:00.000Z", "d", undefined, true],
    ["answer", T + "02:59:59.999Z", undefined, "q1", 1],  // just before the submit that graded it
    ["answer", T + "02:59:59.999Z", undefined, "q5", 0],
    ["answer", T + "02:59:59.999Z", undefined, "q9", null],  // never answered: asked again
    ["submit", T + "03:00:00.000Z", undefined, undefined, undefined]]);
  assert.deepEqual(got.events.map((e) => e.log), Array(8).fill("quiz:frontline"));
  assert.deepEqual(got.events[0].actor, { name: "迁移前的记录", role: "未记录" });
  assert.equal(got.events[0].id, L.training("frontline", old, { ...ctx("training:frontline"), questions: [] }).events[0].id);
  const notSubmitted = L.training("p", { answers: { q1: 2 } }, { ...ctx("training:p"), actor: { name: "王五", role: "agent" } });
  assert.deepEqual(rows(notSubmitted), [["answer", "2026-11-29T11:59:59.999Z", undefined, "q1", 2]]);
  assert.deepEqual(notSubmitted.events[0].actor, { name: "王五", role: "agent" });
  assert.equal(notSubmitted.problem, "");  // no modules stored is not a problem
  assert.deepEqual(L.training("p", { modules: 1, answers: [1] }, ctx("training:p")), { events: [], problem: "“training:p”中的 modules、answers 格式不正确，已跳过" });
  assert.deepEqual(L.training("p", null, ctx("training:p")), { events: [], problem: "“training:p”不是培训进度记录，已忽略" });
});

test("drill conversion, event by event", () => {
  const start = Date.parse(T + "01:00:00.000Z");
  const got = L.drill("d", { startedAt: start, pausedAt: start + 5 * 60000, pausedMs: 10 * 60000,
    revealed: { a: { at: T + "01:00:00.000Z", elapsed: 0 }, b: { elapsed: 20 * 60000 }, c: 5 },
    observed: { "a:0": T + "01:05:00.000Z", bad: "x", "b:12": "nope" }, ratings: { t1: "s", t2: "zz", t3: "u" }, notes: "  记一笔 " }, ctx("drill:d"));
  assert.equal(got.problem, "");
  assert.equal(got.log, "drill:d:fe86a18c-e806-8306-bd10-701c0b891e8a");
  valid(got.events);
  const NOW = "2026-11-29T12:00:00.000Z";
  assert.deepEqual(rows(got), [
    ["clock", T + "01:00:00.000Z", undefined, undefined, "start"],
    ["clock", T + "01:00:00.001Z", undefined, undefined, "pause"],  // all pauses as one, at the start
    ["clock", T + "01:10:00.001Z", undefined, undefined, "resume"],
    ["clock", T + "01:10:00.002Z", undefined, undefined, "pause"],  // paused now: after that one pause
    ["reveal", T + "01:00:00.000Z", "a", undefined, undefined],
    ["reveal", T + "01:30:00.000Z", "b", undefined, undefined],  // clock time 20 min + 10 min paused
    ["observe", T + "01:05:00.000Z", "a-0", undefined, true],
    ["observe", NOW, "b-12", undefined, true],
    ["rate", NOW, undefined, "t1", 2],
    ["rate", NOW, undefined, "t3", 4],
    ["note", NOW, undefined, "drill", "  记一笔 "]]);
  // Without a start: reveals at their own time (or the conversion's), no clock; a blank note is no note.
  const unstarted = L.drill("d", { revealed: { a: { at: T + "01:00:00.000Z", elapsed: 60000 }, b: { elapsed: 5 } }, notes: "   ", pausedMs: 5 }, ctx("drill:d"));
  assert.deepEqual(rows(unstarted), [["reveal", T + "01:00:00.000Z", "a", undefined, undefined], ["reveal", NOW, "b", undefined, undefined]]);
  assert.equal(unstarted.problem, "");
  // Started, never paused, paused before the start (impossible): the start only.
  assert.deepEqual(rows(L.drill("d", { startedAt: start, pausedAt: start - 1, pausedMs: -5 }, ctx("drill:d3"))), [["clock", T + "01:00:00.000Z", undefined, undefined, "start"]]);
  // A reveal's elapsed time is shifted by the pauses only when it is after the start.
  assert.deepEqual(rows(L.drill("d", { startedAt: start, pausedMs: 60000, revealed: { a: { elapsed: 0 } } }, ctx("drill:d4"))).slice(3),
    [["reveal", T + "01:00:00.000Z", "a", undefined, undefined]]);
  assert.deepEqual(L.drill("d", { startedAt: "x", revealed: 1, observed: [1], ratings: "x", notes: 5 }, ctx("drill:d2")),
    { log: "drill:d:6bf09e1a-7659-8adc-8ee0-986ae0db5ba8", events: [], problem: "“drill:d2”中的 startedAt、revealed、observed、ratings、notes 格式不正确，已跳过" });
  assert.deepEqual(L.drill("d", { startedAt: null, notes: "" }, ctx("drill:d2")).problem, "");
  assert.deepEqual(L.drill("d", 5, ctx("drill:d2")).problem, "“drill:d2”不是演练记录，已忽略");
  assert.deepEqual(L.drill("d", { ratings: { t1: "p" } }, { ...ctx("drill:d5"), scale: undefined }).events, []);
});

test("draft conversion keeps filled text fields with field-like names", () => {
  const got = L.draft("t", "2026001", { a: "x", B: "y", c_d: "z", e: "", f: 3, "1g": "w" }, ctx("draft:t:2026001"));
  assert.deepEqual(rows(got), [["field", "2026-11-29T12:00:00.000Z", undefined, "a", "x"], ["field", "2026-11-29T12:00:00.000Z", undefined, "c-d", "z"]]);
  assert.equal(got.problem, "");
  assert.deepEqual(L.draft("t", "-", null, ctx("draft:t:-")), { log: "draft:t:-", events: [], problem: "“draft:t:-”不是草稿，已忽略" });
});

test("stored times: which forms are read, which fall back to the conversion's time", () => {
  const NOW = "2026-11-29T12:00:00.000Z";
  const table = [
    // [stored module time, event time]
    ["2026-11-20T10:00:00+08:00", "2026-11-20T10:00:00+08:00"],  // kept as stored
    ["2026-11-20T02:00:00Z", "2026-11-20T02:00:00Z"],
    ["2026-11-20T02:00Z", "2026-11-20T02:00Z"],
    ["2026-11-20T02:00:00", NOW],  // no zone
    ["+002026-11-20T02:00:00.000Z", NOW],
    ["5", NOW], [0, NOW], [-5, NOW], [["2026-11-20T02:00:00.000Z"], NOW], [Infinity, NOW],
    [1763604000000, "2025-11-20T02:00:00.000Z"],
  ];
  for (const [stored, at] of table) {
    const got = L.training("p", { modules: { m: stored } }, ctx("training:p"));
    assert.deepEqual(rows(got), [["module", at, "m", undefined, true]], JSON.stringify(stored));
    assert.equal(got.problem, "");
  }
});

test("ids depend on the storage key, the position and the event", () => {
  const got = L.training("frontline", { modules: { a: T + "02:00:00.000Z" }, answers: { q1: 1 }, submitted: T + "03:00:00.000Z" }, ctx("training:frontline"));
  assert.deepEqual(got.events.map((e) => e.id), got.events.map((e, i) => L.idOf("training:frontline\u0000" + i + "\u0000" + JSON.stringify([e.type, e.step, e.field]))));
  assert.equal(got.events[0].id, "c02487a0-f899-8d72-bddd-7ab04473176e");
  assert.equal(got.problem, "");
  assert.deepEqual(got.events.map((e) => e.type), ["module", "answer", "submit"]);  // no ctx.questions: nothing asked again
  assert.equal(L.training("p", { modules: {} }, ctx("training:p")).problem, "");
});

test("drill values of the wrong type or range are left out or reported", () => {
  const start = Date.parse(T + "01:00:00.000Z");
  const table = [
    // [stored drill, rows, problem]
    [{ startedAt: String(start) }, [], "“drill:x”中的 startedAt 格式不正确，已跳过"],
    [{ startedAt: -5 }, [], "“drill:x”中的 startedAt 格式不正确，已跳过"],
    [{ startedAt: start, pausedMs: "600000", pausedAt: String(start + 60000), revealed: { a: { elapsed: 60000 } } },
      [["clock", T + "01:00:00.000Z", undefined, undefined, "start"], ["reveal", T + "01:01:00.000Z", "a", undefined, undefined]], ""],
    [{ startedAt: start, pausedMs: -60000, revealed: { a: { elapsed: 60000 }, b: null } },
      [["clock", T + "01:00:00.000Z", undefined, undefined, "start"], ["reveal", T + "01:01:00.000Z", "a", undefined, undefined]], ""],
    [{ startedAt: start, pausedAt: start }, [["clock", T + "01:00:00.000Z", undefined, undefined, "start"]], ""],
    // A reveal stored without its clock time keeps its own time, even in a started drill.
    [{ startedAt: start, revealed: { a: { at: T + "01:07:00.000Z" } } },
      [["clock", T + "01:00:00.000Z", undefined, undefined, "start"], ["reveal", T + "01:07:00.000Z", "a", undefined, undefined]], ""],
    [{ observed: { "a:1x": T + "01:00:00.000Z", "a:2": T + "01:00:00.000Z" } }, [["observe", T + "01:00:00.000Z", "a-2", undefined, true]], ""],
  ];
  for (const [old, want, problem] of table) {
    const got = L.drill("d", old, ctx("drill:x"));
    assert.deepEqual(rows(got), want, JSON.stringify(old));
    assert.equal(got.problem, problem, JSON.stringify(old));
  }
  assert.deepEqual(L.drill("d", 5, ctx("drill:x")), { log: L.drill("d", {}, ctx("drill:x")).log, events: [], problem: "“drill:x”不是演练记录，已忽略" });
  assert.deepEqual(L.drill("d", { ratings: { t1: "undefined" } }, { ...ctx("drill:x"), scale: undefined }).events, []);
  assert.deepEqual(rows(L.draft("t", "-", { "a-b": "x", ab: "y" }, ctx("draft:t:-"))), [["field", "2026-11-29T12:00:00.000Z", undefined, "ab", "y"]]);
});
