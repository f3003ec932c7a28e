// core/quiz.js: scoring, progress fold and the review schedule (a day, then a week), table-driven.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../docs/assets/javascripts/core/quiz.js");
const E = require("../../docs/assets/javascripts/core/events.js");

const DAY = 86400000;
const T0 = Date.parse("2026-11-29T10:00:00+08:00");
const QS = [{ id: "a", answer: 2 }, { id: "b", answer: 0 }, { id: "c", answer: 1 }];
let n = 0;
const uid = () => "00000000-0000-4000-8000-" + String(++n).padStart(12, "0");
const ev = (days, type, extra = {}) => ({ v: 1, id: uid(), log: "quiz:p", type, at: E.isoAt(T0 + days * DAY + n * 1000, 480),
  actor: { name: "新员工", role: "agent" }, device: "00000000-0000-4000-8000-00000000d0d0", ...extra });
// A submission as the page writes it: one answer event per question asked, then submit.
const submit = (days, answers) => Object.keys(answers).map((q) => ev(days, "answer", { field: q, value: answers[q] })).concat([ev(days, "submit")]);
const quiz = (days, answers) => submit(days, { a: null, b: null, c: null, ...answers });

test("every fixture event is valid for core/events.js", () => {
  for (const e of [...quiz(0, { a: 1 }), ev(0, "module", { step: "m1", value: true })]) assert.equal(E.check(e), "", JSON.stringify(e));
});

test("scoring counts only right answers; unanswered and invalid choices are wrong", () => {
  const rows = [
    [{ a: 2, b: 0, c: 1 }, "3/3"], [{ a: 2, b: 1, c: 1 }, "2/3"], [{}, "0/3"], [{ a: "2", b: 0.5, c: -1 }, "0/3"], [{ a: 2, x: 1 }, "1/3"],
  ];
  for (const [answers, text] of rows) assert.equal(Q.score(QS, answers).text, text, JSON.stringify(answers));
  const r = Q.score(QS, { a: 1 }).results;
  assert.deepEqual(r.a, { chosen: 1, answer: 2, ok: false });
  assert.deepEqual(r.b, { chosen: null, answer: 0, ok: false });
});

test("progress: modules and answers fold from events; the last full submission is the score", () => {
  const events = [ev(0, "module", { step: "m1", value: true }), ev(0.1, "module", { step: "m2", value: true }), ev(0.2, "module", { step: "m2", value: false }),
    ev(0.3, "answer", { field: "a", value: 1 }), ...quiz(0.5, { a: 2, b: 1 })];
  for (const order of [events, events.slice().reverse(), events.concat(events)]) {
    const st = Q.fold(order, QS);
    assert.deepEqual(Object.keys(st.modules), ["m1"]);
    assert.deepEqual(st.answers, { a: 2, b: 1 });
    assert.equal(st.last.score.text, "1/3");
    assert.equal(st.submissions.length, 1);
  }
  const undo = ev(1, "module", { step: "m3", value: true });
  assert.deepEqual(Object.keys(Q.fold([...events, undo, ev(1.1, "undo", { target: undo.id })], QS).modules), ["m1"]);
});

test("missed questions come back after a day and after a week, then stop", () => {
  const rows = [
    // [events, now in days, due ids]
    [quiz(0, { a: 1, b: 0, c: 1 }), 0.5, []],
    [quiz(0, { a: 1, b: 0, c: 1 }), 1.1, ["a"]],
    [[...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 2 })], 2, []],
    [[...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 2 })], 7.1, ["a"]],
    [[...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 2 }), ...submit(7.1, { a: 2 })], 30, []],
    // Wrong at review: starts over a day later.
    [[...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 0 })], 1.5, []],
    [[...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 0 })], 2.2, ["a"]],
    // Right too early (the same day) does not count as the review.
    [[...quiz(0, { a: 1, b: 0, c: 1 }), ...quiz(0.2, { a: 2, b: 0, c: 1 })], 1.1, ["a"]],
    // Several misses.
    [quiz(0, {}), 1.1, ["a", "b", "c"]],
  ];
  for (const [events, now, want] of rows) {
    const st = Q.fold(events, QS);
    assert.deepEqual(Q.due(st, T0 + now * DAY).ids, want, JSON.stringify([events.map((e) => e.value), now]));
  }
  const st = Q.fold([...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 2 })], QS);
  assert.equal(st.submissions[1].mode, "review");
  assert.equal(st.submissions[1].score.text, "1/1");
});

test("invalid choices are recorded as no choice", () => {
  for (const bad of ["2", 0.5, -1, null, true, [2]]) {
    assert.deepEqual(Q.score(QS, { a: bad }).results.a, { chosen: null, answer: 2, ok: false }, JSON.stringify(bad));
  }
  assert.deepEqual(Q.score(QS, { a: 0 }).results.a, { chosen: 0, answer: 2, ok: false });
});

test("fold: invalid events, undos and answers to unknown questions change nothing", () => {
  const m1 = ev(0, "module", { step: "m1", value: true });
  const base = [m1, ...quiz(0.5, { a: 2 })];
  const st = Q.fold([...base, { ...ev(0.6, "answer", { field: "b", value: 0 }), v: 2 }, ev(0.7, "answer", { field: "x", value: 1 }), ev(0.8, "submit")], QS);
  assert.deepEqual(st.modules, { m1: { at: m1.at, actor: m1.actor } });
  assert.deepEqual(st.answers, { a: 2, x: 1 });
  // The last submit had no known question answered since the one before: a full quiz again.
  assert.deepEqual(st.submissions.map((s) => [s.mode, s.score.text]), [["quiz", "1/3"], ["quiz", "1/3"]]);
  const undone = Q.fold([...base, ev(1, "undo", { target: m1.id })], QS);
  assert.deepEqual([Object.keys(undone.modules), undone.submissions.length], [[], 1]);
  // Without the question list (a page that only tracks modules) there is nothing to grade.
  assert.equal(Q.fold(base).submissions[0].score.text, "0/0");
});

test("fold: the last full quiz stays the score after a review of some questions", () => {
  const st = Q.fold([...quiz(0, { a: 1, b: 0, c: 1 }), ...submit(1.1, { a: 2 })], QS);
  assert.deepEqual([st.last.mode, st.last.score.text], ["quiz", "2/3"]);
});

test("review schedule: due at the exact time, next due time, nothing kept after the week's review", () => {
  const at = (ms, type, extra) => ({ ...ev(0, type, extra), at: E.isoAt(ms, 480) });
  const missed = [at(T0, "answer", { field: "a", value: 1 }), at(T0, "submit")];
  const st = Q.fold(missed, QS);
  assert.deepEqual(Q.due(st, T0 + DAY - 1), { ids: [], next: T0 + DAY });
  assert.deepEqual(Q.due(st, T0 + DAY), { ids: ["a"], next: null });
  // Right exactly when due counts as the review: next one a week after the miss.
  const reviewed = [...missed, at(T0 + DAY, "answer", { field: "a", value: 2 }), at(T0 + DAY, "submit")];
  assert.deepEqual(Q.due(Q.fold(reviewed, QS), T0 + DAY), { ids: [], next: T0 + 7 * DAY });
  const done = [...reviewed, at(T0 + 7 * DAY, "answer", { field: "a", value: 2 }), at(T0 + 7 * DAY, "submit")];
  assert.deepEqual(Q.fold(done, QS).review, {});
  // Due ids come sorted whatever the order of the questions.
  const back = Q.fold([at(T0, "answer", { field: "c", value: 0 }), at(T0, "answer", { field: "a", value: 0 }), at(T0, "submit")], [QS[2], QS[0]]);
  assert.deepEqual(Q.due(back, T0 + 2 * DAY).ids, ["a", "c"]);
});
