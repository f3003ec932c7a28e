// Imports checked whole, old-format records converted, exports inert: core/run-import.js and
// core/run-export.js, table-driven.
const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../docs/assets/javascripts/core/events.js");
const I = require("../../docs/assets/javascripts/core/run-import.js");
const X = require("../../docs/assets/javascripts/core/run-export.js");
const legacyStore = require("../fixtures/events/legacy-store.json");

const LEGACY = JSON.parse(legacyStore["pb:run:alpha:2026001"]);
const CHECKLIST = { steps: LEGACY.steps, blocks: LEGACY.blocks, severities: LEGACY.severities };

test("old-format records convert to valid events, deterministically", () => {
  const a = I.fromLegacy(LEGACY, "pb:run:alpha:2026001");
  const b = I.fromLegacy(LEGACY, "pb:run:alpha:2026001");
  assert.deepEqual(a, b);
  assert.deepEqual(a.problems, []);
  a.events.forEach((e) => assert.equal(E.check(e), ""));
  const run = E.foldRun(a.events);
  assert.equal(run.case, "2026001");
  assert.equal(run.steps.record.status, "done");
  assert.equal(run.steps.escalate.reason, "组长在场");
  assert.equal(run.notes.record.text, "客户电话 138");
  assert.equal(run.outcome.satisfaction, 4);
  assert.equal(run.severity, "high");
  assert.equal(E.summary(run, CHECKLIST, Date.parse("2026-11-28T02:00:00Z")).done, 2);
});

test("import check table", async (t) => {
  const good = I.fromLegacy(LEGACY, "x").events;
  const exportText = X.json(E.foldRun(good), good, CHECKLIST, Date.UTC(2026, 10, 29));
  const table = [
    ["export round-trips exactly", exportText, {}, (r) => assert.deepEqual(r.events, good)],
    ["bare array of events", JSON.stringify(good), {}, (r) => assert.equal(r.events.length, good.length)],
    ["BOM is accepted", "\ufeff" + exportText, {}, (r) => assert.ok(r.events)],
    ["old format converts", JSON.stringify(LEGACY), {}, (r) => assert.ok(r.legacy)],
    ["not JSON", "{broken", {}, (r) => assert.match(r.problem, /f\.json 不是有效的 JSON/)],
    ["not a record", '{"hello": 1}', {}, (r) => assert.match(r.problem, /不是本站导出/)],
    ["other procedure (E4)", exportText, { procedure: "beta" }, (r) => assert.match(r.problem, /请在那一页/)],
    ["case outside the rule", exportText, { casePatterns: ["^20[0-9]{2}9[0-9]{3}$", "^LX-[0-9]+$"] }, (r) => assert.match(r.problem, /编号规则/)],
    ["one bad event rejects the file", JSON.stringify(good.concat([{ ...good[1], id: "x" }])), {}, (r) => assert.match(r.problem, /第 \d+ 个事件：id/)],
    ["future schema of old records (E2)", JSON.stringify({ ...LEGACY, schema: 2 }), {}, (r) => assert.match(r.problem, /版本 2/)],
    ["invalid step state (E1) is named", JSON.stringify({ ...LEGACY, state: { record: { status: "maybe" } } }), {}, (r) => assert.match(r.problem, /步骤 record 的状态不正确/)],
    ["lenient start time", JSON.stringify({ ...LEGACY, startedAt: "1" }), {}, (r) => assert.match(r.problem, /startedAt/)],
    ["drill events are not runs", JSON.stringify([{ ...good.find((e) => e.type === "tick"), log: "quiz:frontline", type: "submit", step: undefined }]), {}, (r) => assert.match(r.problem, /不属于检查单/)],
  ];
  for (const [name, text, opts, expect] of table) await t.test(name, () => expect(I.check("f.json", text, opts)));
});

test("import messages: success only when every event was stored", () => {
  const result = { cases: ["2026001"] };
  assert.equal(I.message("f.json", result, { added: 3, duplicates: 0, unsaved: 0 })[1], "success");
  assert.equal(I.message("f.json", result, { added: 0, duplicates: 3, unsaved: 0 })[1], "info");
  const full = I.message("f.json", result, { added: 0, duplicates: 0, unsaved: 3, reason: "full" });
  assert.equal(full[1], "failure");
  assert.doesNotMatch(full[0], /已导入/);
  assert.match(full[0], /空间已满/);
});

test("Markdown text is inert", () => {
  const table = [
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"],
    ["[点我](javascript:alert(1))", "\\[点我\\]\\(javascript:alert\\(1\\)\\)"],
    ["a\n\n# 伪造标题\n- [x] 伪造步骤", "a ↵  ↵ \\# 伪造标题 ↵ - \\[x\\] 伪造步骤"],
    ["*粗* _斜_ `代码` ![i](x){: onerror=alert }", "\\*粗\\* \\_斜\\_ \\`代码\\` \\!\\[i\\]\\(x\\)\\{: onerror=alert \\}"],
    ["\u202e1006202", "1006202"],
    ["2026-11-29 10:00 UTC+8", "2026-11-29 10:00 UTC+8"],
  ];
  for (const [input, want] of table) assert.equal(X.mdText(input), want, input);
});

test("CSV cells are quoted and formulas neutralised (7.13)", () => {
  const table = [["=1+1", "\"'=1+1\""], ["+1", "\"'+1\""], ["-1", "\"'-1\""], ["@SUM(A1)", "\"'@SUM(A1)\""],
    ['a "b"', '"a ""b"""'], ["", '""'], [null, '""'], [12.5, '"12.5"'], ["\tx", "\"'\tx\""]];
  for (const [input, want] of table) assert.equal(X.csvCell(input), want, String(input));
});

test("Markdown export marks done, skipped and open steps (E5) and keeps notes (E6)", () => {
  const events = I.fromLegacy(LEGACY, "x").events;
  const run = E.foldRun(events);
  const text = X.markdown(run, events, CHECKLIST, Date.parse("2026-11-28T02:00:00Z"));
  assert.match(text, /- \[x\] 登记投诉内容。/);
  assert.match(text, /- \[-\] 上报组长。.*组长在场/);
  assert.match(text, /- \[ \] 确认受理。/);
  assert.match(text, /备注.*客户电话 138/);
  assert.match(text, /2026-11-28 09:00 UTC\+8/);
  const csv = X.eventsCsv(run, events, CHECKLIST);
  assert.equal(csv.split("\r\n").length, events.length + 2);
});
