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
