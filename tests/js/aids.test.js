// core/aids.js against tests/fixtures/aids-cases.yml: the same rows, amounts and wording as the
// Python rules (tests/test_aids.py). The rules data and the cases come from `python -m macros.aids`,
// so this checks exactly what the pages embed.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const aids = require("../../docs/assets/javascripts/core/aids.js");

const ROOT = path.resolve(__dirname, "../..");
const PY = fs.existsSync(path.join(ROOT, ".venv/bin/python")) ? path.join(ROOT, ".venv/bin/python") : "python3";
// make mutation runs this file once per mutant of the JS module and passes the (unmutated) Python
// output in a file (AIDS_JSON), instead of starting Python each time.
const { data, cases } = JSON.parse(process.env.AIDS_JSON ? fs.readFileSync(process.env.AIDS_JSON, "utf8")
  : execFileSync(PY, ["-m", "macros.aids"], { cwd: ROOT, encoding: "utf8" }));
const DEFAULTS = { goods: "other", seller: "third", party: "seller", knew: "unsure", excluded: "", promise: false, loss: "" };

function rowData(row) {
  if (!("promise_multiplier" in row)) return data;
  const promise = Object.assign({}, data.compensation.promise, { price_multiplier: row.promise_multiplier });
  return Object.assign({}, data, { compensation: Object.assign({}, data.compensation, { promise: promise }) });
}

test("triage", async (t) => {
  for (const c of cases.triage) {
    await t.test(c.name, () => {
      const r = aids.triage(data, c.answers, c.amount);
      if (c.error) return assert.deepEqual(r, { error: data.triage.texts.bad_amount });
      assert.equal(r.severity, c.severity);
      assert.equal(r.reasons.length > 0, c.severity !== data.triage["default"]);
    });
  }
});

test("triage reasons read the same as in Python, unsure wording included", () => {
  const r = aids.triage(data, { defect: "yes", food: "unsure" }, "5000");
  assert.deepEqual(r.reasons, ["是否涉及食品？（不确定，按“是”处理）", "涉及金额（元）达到 5000 元"]);
});

test("compensation", async (t) => {
  for (const c of cases.compensation) {
    await t.test(c.name, () => {
      const r = aids.compensation(rowData(c), Object.assign({}, DEFAULTS, c.inputs));
      if (c.error) return assert.deepEqual(r, { error: data.compensation.texts[c.error] });
      for (const k of ["refund", "loss", "punitive", "total"]) assert.equal(r[k], aids.cents(c[k]), k);
      assert.equal(r.conditional, "conditional" in c ? aids.cents(c.conditional) : null);
      assert.deepEqual(r.lines, c.lines);
    });
  }
});

test("deadlines", async (t) => {
  for (const c of cases.deadlines) {
    await t.test(c.name, () => assert.deepEqual(aids.deadlines(data, c.dates, data.calendar), c.expect));
  }
});

test("money parsing: cents, boundaries, refusals", () => {
  const table = [["100", 10000], ["166.67", 16667], ["0.5", 50], ["0.05", 5], ["", null], [" 12 ", 1200]];
  for (const [raw, want] of table) assert.equal(aids.cents(raw), want, raw);
  for (const raw of ["-1", "abc", "1.234", "1e3", "１００"]) assert.ok(Number.isNaN(aids.cents(raw)), raw);
  assert.equal(aids.yuan(50001), "500.01 元");
  assert.equal(aids.yuan(123450), "1234.50 元");
  assert.equal(aids.yuan(100000), "1000 元");
});
