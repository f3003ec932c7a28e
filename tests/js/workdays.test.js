// core/workdays.js against the working-day rows of tests/fixtures/aids-cases.yml (same rows as
// tests/test_aids.py::test_workdays) and table-driven date arithmetic.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const W = require("../../docs/assets/javascripts/core/workdays.js");

const ROOT = path.resolve(__dirname, "../..");
const PY = fs.existsSync(path.join(ROOT, ".venv/bin/python")) ? path.join(ROOT, ".venv/bin/python") : "python3";
// make mutation runs this file once per mutant of the JS module and passes the (unmutated) Python
// output in a file (AIDS_JSON), instead of starting Python each time.
const { data, cases } = JSON.parse(process.env.AIDS_JSON ? fs.readFileSync(process.env.AIDS_JSON, "utf8")
  : execFileSync(PY, ["-m", "macros.aids"], { cwd: ROOT, encoding: "utf8" }));
const table = data.calendar;

test("working days from the official table", async (t) => {
  for (const c of cases.workdays) {
    await t.test(c.name, () => {
      if ("add" in c) assert.deepEqual(W.addWorkdays(table, c.date, c.add), c.result);
      else assert.equal(W.isWorkday(table, c.date), c.workday);
    });
  }
});

test("calendar arithmetic", () => {
  const rows = [
    ["addDays", ["2026-12-28", 7], "2027-01-04"],
    ["addDays", ["2028-02-28", 1], "2028-02-29"],
    ["addMonths", ["2026-08-31", 6], "2027-02-28"],
    ["addMonths", ["2027-08-31", 6], "2028-02-29"],
    ["addMonths", ["2026-01-15", 1], "2026-02-15"],
  ];
  for (const [fn, args, want] of rows) assert.equal(W[fn].apply(null, args), want, fn + args);
});

test("next working day: itself, past a holiday, or uncovered", () => {
  assert.deepEqual(W.nextWorkday(table, "2026-11-30"), { date: "2026-11-30" });
  assert.deepEqual(W.nextWorkday(table, "2026-10-03"), { date: "2026-10-08" });
  assert.deepEqual(W.nextWorkday(table, "2026-12-31"), { date: "2026-12-31" });
  assert.deepEqual(W.nextWorkday(table, "2027-01-01"), { uncovered: 2027 });
});

test("a table with a year added by holidays.yml", () => {
  const t2 = { years: [2027], off: { "2027-01-01": "元旦" }, on: { "2027-02-06": "春节调休上班" } };
  assert.equal(W.isWorkday(t2, "2027-01-01"), false);
  assert.equal(W.isWorkday(t2, "2027-02-06"), true);
  assert.equal(W.isWorkday(t2, "2028-01-03"), null);
});

test("bad dates are refused, naming the input", () => {
  for (const bad of ["2026-1-1", "2026-11-29T00:00", " 2026-11-29", "x2026-11-29", "", "2026-11-29\n"]) {
    assert.throws(() => W.parse(bad), { message: "not a date: " + bad }, JSON.stringify(bad));
  }
});

test("a table with no working day within 400 days stops with an error instead of searching on", () => {
  const days = (from, n) => Array.from({ length: n }, (_, i) => W.addDays(from, i));
  const allOff = (n) => ({ years: [2026, 2027], on: {}, off: Object.fromEntries(days("2026-01-01", n).map((d) => [d, "停"])) });
  assert.throws(() => W.nextWorkday(allOff(730), "2026-01-01"), { message: "no working day within 400 days of 2026-01-01" });
  // Day 400 after the start is the first one not searched.
  assert.throws(() => W.nextWorkday(allOff(400), "2026-01-01"), /within 400 days/);
  assert.deepEqual(W.nextWorkday(allOff(399), "2026-01-01"), { date: W.addDays("2026-01-01", 399) });
});
