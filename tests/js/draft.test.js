// core/draft.js: a letter draft is a log of field edits, clears and undos; the fold gives the
// fields to show, and the time and author of the latest edit in force.
const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../docs/assets/javascripts/core/events.js");
const D = require("../../docs/assets/javascripts/core/draft.js");

const LOG = "draft:acknowledgement:2026001";
const DEV = "9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const id = (n) => "00000000-0000-4000-8000-" + String(n).padStart(12, "0");
const at = (n) => E.isoAt(Date.UTC(2026, 10, 29, 12, n), 480);
// Event n at minute n; a field edit carries the browser's field name (dashes, not underscores).
function ev(n, type, fields = {}, name = "张三") {
  const e = { v: 1, id: id(n), log: LOG, type, at: at(n), actor: { name, role: "agent" }, device: DEV, ...fields };
  assert.equal(E.check(e), "", JSON.stringify(e));
  return e;
}
const set = (n, field, value, name) => ev(n, "field", { field: D.toField(field), value }, name);

test("field names: the form's customer_name is stored as customer-name and read back", () => {
  for (const [name, field] of [["customer_name", "customer-name"], ["a_b_c", "a-b-c"], ["note", "note"]]) {
    assert.equal(D.toField(name), field);
    assert.deepEqual(D.fold([ev(1, "field", { field, value: "x" })]).values, { [name]: "x" });
  }
});

const cases = [
  ["edits in any delivery order: the later edit wins",
    () => [set(2, "note", "后"), set(1, "note", "前")], { note: "后" }, 2],
  ["a duplicate delivery changes nothing",
    () => [set(1, "note", "前"), set(2, "note", "后"), set(1, "note", "前")], { note: "后" }, 2],
  ["undo of an edit restores the value before it and keeps other fields",
    () => [set(1, "note", "前"), set(2, "case_number", "2026001"), set(3, "note", "后"), ev(4, "undo", { target: id(3) })],
    { note: "前", case_number: "2026001" }, 2],
  ["undo of the only edit leaves the field empty and no time",
    () => [set(1, "note", "前"), ev(2, "undo", { target: id(1) })], {}, null],
  ["clear empties every field; later edits start again",
    () => [set(1, "note", "前"), ev(2, "clear"), set(3, "case_number", "2026001")], { case_number: "2026001" }, 3],
  ["undo of a clear brings the fields back",
    () => [set(1, "note", "前"), ev(2, "clear"), ev(3, "undo", { target: id(2) })], { note: "前" }, 1],
  ["invalid events are ignored",
    () => [set(1, "note", "前"), { ...set(2, "note", "坏"), v: 2 }], { note: "前" }, 1],
];
for (const [name, events, values, latest] of cases) {
  test("fold: " + name, () => {
    const f = D.fold(events());
    assert.deepEqual(f.values, values);
    assert.equal(f.at, latest === null ? null : at(latest));
  });
}

test("fold: the author is the latest edit's, not an undo's", () => {
  const f = D.fold([set(1, "note", "前", "张三"), set(2, "note", "后", "李四"), ev(3, "undo", { target: id(2) }, "王五")]);
  assert.deepEqual([f.values.note, f.actor.name], ["前", "张三"]);
  assert.equal(D.fold([]).actor, null);
});
