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

// Cases the shared table leaves open (found by make mutation).
test("money: a missing value is nothing entered; ten cents read as .10", () => {
  for (const raw of [null, undefined]) assert.equal(aids.cents(raw), null, String(raw));
  assert.equal(aids.yuan(1010), "10.10 元");
  assert.equal(aids.yuan(1009), "10.09 元");
});

test("triage: a plain yes reads as the question; an amount of 0 is an amount; no amount meets no threshold", () => {
  assert.deepEqual(aids.triage(data, { defect: "yes" }, ""), { severity: "general", reasons: [data.triage.questions.find((q) => q.id === "defect").text] });
  assert.deepEqual(aids.triage(data, {}, "0"), { severity: data.triage["default"], reasons: [] });
  // aids.yml may set a threshold at 0 (the schema allows it): it applies to an amount of 0, not to none.
  const zero = Object.assign({}, data, { triage: Object.assign({}, data.triage, { thresholds: [{ id: "any", min: 0, severity: "serious" }] }) });
  assert.equal(aids.triage(zero, {}, "").severity, data.triage["default"]);
  assert.equal(aids.triage(zero, {}, "0").severity, "serious");
});

test("compensation: kind and laws of each basis", () => {
  const c = data.compensation;
  const table = [
    // [inputs, kind, laws]
    [{ price: "100", basis: "none" }, "none", []],
    [{ price: "100", basis: "fraud" }, "fraud", [c.fraud.law]],
    [{ price: "50", basis: "food", goods: "food", party: "producer" }, "food", [c.food.law]],
    [{ price: "50", basis: "food", goods: "food", knew: "no" }, "none", [c.food.law]],
    [{ price: "50", loss: "100", basis: "defect" }, "defect", [c.defect.law]],
    [{ price: "100", basis: "fraud", excluded: c.exclusions.find((e) => e.bases.includes("fraud")).id }, "none",
      c.exclusions.find((e) => e.bases.includes("fraud")).laws],
  ];
  for (const [inputs, kind, laws] of table) {
    const r = aids.compensation(data, Object.assign({}, DEFAULTS, inputs));
    assert.equal(r.kind, kind, JSON.stringify(inputs));
    assert.deepEqual(r.laws, laws, JSON.stringify(inputs));
  }
  // No loss typed at all (the field left out) is a loss of 0, as "" is.
  const inputs = Object.assign({}, DEFAULTS, { price: "100", basis: "none" });
  delete inputs.loss;
  assert.equal(aids.compensation(data, inputs).total, 10000);
});

test("compensation: a promise equal to the legal amount leaves the law's wording", () => {
  // 4 × 125 元 = 500 元 = the legal minimum: the law's line, not the promise's.
  const r = aids.compensation(rowData({ promise_multiplier: 4 }), Object.assign({}, DEFAULTS, { price: "125", basis: "fraud", promise: true }));
  assert.equal(r.kind, "fraud");
  assert.equal(r.punitive, 50000);
  assert.deepEqual(r.laws, [data.compensation.fraud.law]);
});

test("deadlines: a reply target the organisation has not set gives no date", () => {
  const unset = Object.assign({}, data, { deadlines: Object.assign({}, data.deadlines, { regulator_reply_working_days: null, odr_working_days: null }) });
  assert.deepEqual(aids.deadlines(unset, { regulator: "2026-11-02" }, data.calendar), {});
});
