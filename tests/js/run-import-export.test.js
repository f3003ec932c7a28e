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
    ['a "b"', '"a ""b"""'], ["", '""'], [null, '""'], [undefined, '""'], [12.5, '"12.5"'], ["\tx", "\"'\tx\""]];
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

// A whole export compared line by line (found by make mutation: the cases above only match parts).
// The run has every kind of step state, a note that tries to start a heading, an undone event, a
// severity change, a signed-for date, three outcome fields and a step of an unknown block.
const RLOG = "run:0b7e6c3a-9a1f-4c1e-8d2b-00000000a001";
const RT0 = Date.parse("2026-11-28T01:00:00Z");
let rn = 0;
const rev = (min, type, extra = {}, actor = { name: "张三", role: "agent" }) => ({ v: 1, id: "00000000-0000-4000-8000-" + String(++rn).padStart(12, "0"),
  log: RLOG, type, at: E.isoAt(RT0 + min * 60000, 480), actor, device: "00000000-0000-4000-8000-00000000d0d0", ...extra });
const RCHECK = {
  blocks: [{ id: "receive", title: "接收" }, { id: "close", title: "结案" }],
  severities: [{ id: "low", name: "一般", rank: 1 }, { id: "high", name: "严重", rank: 2 }],
  steps: [
    { id: "record", block: "receive", text: "登记投诉内容。", owner: "客服专员", due: "PT30M", dueFrom: null, required: true, minRank: 0, categories: [] },
    { id: "confirm", block: "receive", text: "确认受理。", owner: "客服专员", due: "PT1H", dueFrom: "record", required: true, minRank: 0, categories: [] },
    { id: "escalate", block: "receive", text: "上报组长。", owner: "组长", due: null, dueFrom: null, required: true, minRank: 2, categories: [] },
    { id: "reply", block: "close", text: "答复客户。", due: "P1D", dueFrom: null, required: true, minRank: 0, categories: [] },
    { id: "extra", block: "nowhere", text: "记录改进。", owner: "组长", due: null, dueFrom: null, required: false, minRank: 0, categories: [] },
  ] };
const REVENTS = [
  rev(0, "start", { value: { case: "2026001", procedure: "alpha", version: "1.2.0", hash: "abc123", title: "甲检查单", severity: "low", category: null, start: E.isoAt(RT0, 480) } }),
  rev(10, "tick", { step: "record" }),
  rev(12, "severity", { value: "high" }),
  rev(20, "skip", { step: "escalate", value: "组长在场" }, { name: "李四", role: "lead" }),
  rev(25, "note", { step: "record", value: "客户电话 138\n# 不是标题" }),
  rev(26, "tick", { step: "extra" }),
];
REVENTS.push(rev(27, "undo", { target: REVENTS[5].id }), rev(30, "outcome", { field: "resolved", value: true }), rev(30.5, "outcome", { field: "satisfaction", value: 4 }),
  rev(31, "outcome", { field: "compensation", value: 12.5 }), rev(32, "outcome", { field: "improvements", value: 2 }),
  rev(33, "sign-for", { value: "2026-11-27" }));
const RNOW = RT0 + 3 * 3600000;  // 12:00 China time: 确认受理 (due 10:10) is late

test("Markdown export of a whole run, line by line", () => {
  const lines = X.markdown(E.foldRun(REVENTS), REVENTS, RCHECK, RNOW).split("\n");
  assert.deepEqual(lines, [
    "# 甲检查单 — 投诉 2026001", "",
    "- 严重程度：严重", "- 状态：处理中", "- 受理：2026-11-28 09:00 UTC+8", "- 进度：2/5；超时 1 项", "- 签收日期：2026-11-27", "",
    "## 接收", "",
    "- [x] 登记投诉内容。（客服专员；完成 2026-11-28 09:10 UTC+8 张三（agent））",
    "    - 备注（张三（agent））：客户电话 138 ↵ \\# 不是标题",
    "- [ ] 确认受理。（客服专员；截止 2026-11-28 10:10 UTC+8）",
    "- [-] 上报组长。（组长；跳过 2026-11-28 09:20 UTC+8 李四（lead）：组长在场）", "",
    "## 结案", "", "- [ ] 答复客户。（；截止 2026-11-29 09:00 UTC+8）", "",
    "## nowhere", "", "- [ ] 记录改进。（组长）", "",
    "## 处理结果", "", "- 问题是否解决：已解决", "- 回访满意度：4 / 5", "- 赔偿金额：12\\.50 元", "- 提出的改进措施数：2", "",
    "## 操作记录", "",
    "- 2026-11-28 09:00 UTC+8 张三（agent） 开始记录",
    "- 2026-11-28 09:10 UTC+8 张三（agent） 完成“登记投诉内容。”",
    "- 2026-11-28 09:12 UTC+8 张三（agent） 严重程度改为 严重",
    "- 2026-11-28 09:20 UTC+8 李四（lead） 跳过“上报组长。”：组长在场",
    "- 2026-11-28 09:25 UTC+8 张三（agent） 备注“登记投诉内容。”：客户电话 138 ↵ \\# 不是标题",
    "- 2026-11-28 09:26 UTC+8 张三（agent） 完成“记录改进。”（已撤销）",
    "- 2026-11-28 09:27 UTC+8 张三（agent） 撤销：完成“记录改进。”",
    "- 2026-11-28 09:30 UTC+8 张三（agent） 结果 resolved = true",
    "- 2026-11-28 09:30 UTC+8 张三（agent） 结果 satisfaction = 4",
    "- 2026-11-28 09:31 UTC+8 张三（agent） 结果 compensation = 12.5",
    "- 2026-11-28 09:32 UTC+8 张三（agent） 结果 improvements = 2",
    "- 2026-11-28 09:33 UTC+8 张三（agent） 签收日期 2026-11-27", "",
    "---", "", "导出时间 2026-11-28 12:00 UTC+8；预案版本 1.2.0，检查单指纹 abc123", ""]);
});

test("export record: step states, another zone, closed and cleared runs", () => {
  const run = E.foldRun(REVENTS);
  const r = X.record(run, REVENTS, RCHECK, RNOW, 0);
  assert.deepEqual(r.blocks.map((b) => [b.id, b.title, b.steps.map((s) => [s.id, s.state, s.owner])]), [
    ["receive", "接收", [["record", "done", "客服专员"], ["confirm", "late", "客服专员"], ["escalate", "skipped", "组长"]]],
    ["close", "结案", [["reply", "open", ""]]], ["nowhere", "nowhere", [["extra", "open", "组长"]]]]);
  assert.equal(r.head[4][1], "2026-11-28 01:00 UTC+0");
  assert.equal(r.blocks[0].steps[1].info, "截止 2026-11-28 02:10 UTC+0");
  assert.equal(r.footer, "导出时间 2026-11-28 04:00 UTC+0；预案版本 1.2.0，检查单指纹 abc123");
  assert.deepEqual(r.blocks[0].steps[0].note, { by: "张三（agent）", text: "客户电话 138\n# 不是标题" });
  assert.equal(r.blocks[0].steps[1].note, null);
  const closed = X.record(E.foldRun(REVENTS.concat([rev(40, "outcome", { field: "resolved", value: false }), rev(41, "close")])), REVENTS, RCHECK, RNOW);
  assert.deepEqual(closed.head.slice(3, 6), [["状态", "已结案"], ["受理", "2026-11-28 09:00 UTC+8；结案：2026-11-28 09:41 UTC+8"], ["进度", "2/5"]]);
  assert.deepEqual(closed.outcome[0], ["问题是否解决", "未解决"]);
  const start = { ...REVENTS[0], value: { ...REVENTS[0].value, title: undefined, hash: undefined, severity: "unknown" } };
  const cleared = X.record(E.foldRun([start, rev(50, "discard")]), [], RCHECK, RNOW);
  assert.deepEqual(cleared.head.slice(0, 4), [["投诉编号", "2026001"], ["检查单", "alpha"], ["严重程度", "未定"], ["状态", "已作废"]]);
  assert.equal(cleared.head.length, 6);  // no signed-for line
  assert.deepEqual(cleared.outcome, []);
  assert.doesNotMatch(X.markdown(E.foldRun([start, rev(50, "discard")]), [], RCHECK, RNOW), /处理结果/);  // no outcome, no heading
  assert.equal(cleared.footer, "导出时间 2026-11-28 12:00 UTC+8；预案版本 1.2.0，检查单指纹 ");
  assert.deepEqual(X.record(E.foldRun([rev(60, "tick", { step: "record" })]), [], RCHECK, RNOW).footer, "导出时间 2026-11-28 12:00 UTC+8；预案版本 ，检查单指纹 ");
  // A checklist without blocks or severities: blocks titled by their ids, the severity unknown.
  const bare = X.record(E.foldRun(REVENTS), REVENTS, { steps: RCHECK.steps }, RNOW);
  assert.deepEqual(bare.blocks.map((b) => b.title), ["receive", "close", "nowhere"]);
  assert.equal(bare.head[2][1], "未定");
});

test("CSV export of a whole run, row by row", () => {
  const run = E.foldRun(REVENTS);
  const id = (k) => "00000000-0000-4000-8000-" + String(k).padStart(12, "0");
  const rows = [["时间", "投诉编号", "检查单", "操作人", "角色", "操作", "步骤", "内容", "已撤销", "事件 id"],
    ["2026-11-28 09:00 UTC+8", "2026001", "alpha", "张三", "agent", "开始记录", "", "开始记录", "", id(1)],
    ["2026-11-28 09:10 UTC+8", "2026001", "alpha", "张三", "agent", "完成", "登记投诉内容。", "完成“登记投诉内容。”", "", id(2)],
    ["2026-11-28 09:12 UTC+8", "2026001", "alpha", "张三", "agent", "严重程度改为", "", "严重程度改为 严重", "", id(3)],
    ["2026-11-28 09:20 UTC+8", "2026001", "alpha", "李四", "lead", "跳过", "上报组长。", "跳过“上报组长。”：组长在场", "", id(4)],
    ["2026-11-28 09:25 UTC+8", "2026001", "alpha", "张三", "agent", "备注", "登记投诉内容。", "备注“登记投诉内容。”：客户电话 138\n# 不是标题", "", id(5)],
    ["2026-11-28 09:26 UTC+8", "2026001", "alpha", "张三", "agent", "完成", "记录改进。", "完成“记录改进。”", "是", id(6)],
    ["2026-11-28 09:27 UTC+8", "2026001", "alpha", "张三", "agent", "撤销", "", "撤销：完成“记录改进。”", "", id(7)],
    ["2026-11-28 09:30 UTC+8", "2026001", "alpha", "张三", "agent", "结果", "", "结果 resolved = true", "", id(8)],
    ["2026-11-28 09:30 UTC+8", "2026001", "alpha", "张三", "agent", "结果", "", "结果 satisfaction = 4", "", id(9)],
    ["2026-11-28 09:31 UTC+8", "2026001", "alpha", "张三", "agent", "结果", "", "结果 compensation = 12.5", "", id(10)],
    ["2026-11-28 09:32 UTC+8", "2026001", "alpha", "张三", "agent", "结果", "", "结果 improvements = 2", "", id(11)],
    ["2026-11-28 09:33 UTC+8", "2026001", "alpha", "张三", "agent", "签收日期", "", "签收日期 2026-11-27", "", id(12)]];
  const quoted = (r) => r.map((c) => '"' + c + '"').join(",");
  assert.equal(X.eventsCsv(run, REVENTS, RCHECK), rows.map(quoted).join("\r\n") + "\r\n");
  assert.equal(X.eventsCsv(run, REVENTS, RCHECK, 0).split("\r\n")[1].slice(0, 24), '"2026-11-28 01:00 UTC+0"');
  // An event of a type the labels do not know, on a step the checklist does not know, keeps its own names.
  const odd = { ...REVENTS[1], type: "future-type", step: "gone" };
  const oddRun = { ...run, history: [{ event: odd, undone: false }] };
  assert.equal(X.eventsCsv(oddRun, [odd], RCHECK).split("\r\n")[1].split('","').slice(5, 7).join("|"), "future-type|gone");
});

test("JSON export: the events themselves and a summary for people", () => {
  const run = E.foldRun(REVENTS);
  const text = X.json(run, REVENTS, RCHECK, RNOW);
  assert.ok(text.endsWith("}\n"));
  assert.ok(text.startsWith('{\n  "format": "pb-events",\n  "version": 1,'));
  assert.deepEqual(JSON.parse(text), { format: "pb-events", version: E.VERSION, exported: "2026-11-28T12:00:00.000+08:00",
    summary: { case: "2026001", procedure: "alpha", title: "甲检查单", severity: "high", startedAt: "2026-11-28T09:00:00.000+08:00",
      closedAt: null, done: 2, total: 5, late: 1 }, events: REVENTS });
  assert.equal(X.FORMAT, "pb-events");
});

// Old-format conversion and import checks pinned whole (found by make mutation: the cases above
// only match parts of messages and a few fields).
test("hashId: fixed UUID-shaped ids for fixed texts", () => {
  assert.deepEqual(["", "abc", "中文"].map(I.hashId), ["811c9dc5-1f2b-447c-bd72-6eb75bbaf0ee",
    "1a47e90b-9bb5-4634-8257-da598664bd8a", "5132b5ad-7443-4e4c-af63-03cb92cf515a"]);
});

test("old-format conversion of a record with every kind of field, bad items dropped", () => {
  const rich = { ...LEGACY, procedure: { id: "alpha", title: "甲".repeat(205), hash: "h".repeat(70) }, category: "food", source: "12315",
    closedAt: "2026-11-28T03:00:00.000Z", outcome: { resolved: false, satisfaction: null, compensation: 0, improvements: 3 },
    steps: [...LEGACY.steps, { id: "x" }, null, { id: "opt", text: "可选。", block: "receive", owner: "组长", required: false, minRank: 1, categories: ["food"], due: "PT2H", dueFrom: "record" },
      { id: 5, text: "编号不是文字。" }, { id: "min", text: "最少字段。", block: "receive" }],
    blocks: [...LEGACY.blocks, null, { id: 3 }, { id: "b2", title: "乙" }],
    severities: [...LEGACY.severities, null, { id: 2 }, { id: "s3", name: "三", rank: "x" }],
    state: { record: { status: "done", at: "bad" }, escalate: LEGACY.state.escalate, opt: { status: "skipped" } }, notes: { record: "n1", opt: 5 } };
  const { events, problems } = I.fromLegacy(rich, "src");
  assert.deepEqual(problems, []);
  const steps = LEGACY.steps.map(({ id, text, block, owner, due, dueFrom, required, minRank, categories }) => ({ id, text, block, owner, due, dueFrom, required, minRank, categories }));
  assert.deepEqual(events[0].value, { case: "2026001", procedure: "alpha", version: "?", hash: "h".repeat(64), title: "甲".repeat(200),
    severity: "high", category: "food", source: "12315", start: "2026-11-28T09:00:00.000+08:00",
    checklist: { steps: steps.concat([{ id: "opt", text: "可选。", block: "receive", owner: "组长", due: "PT2H", dueFrom: "record", required: false, minRank: 1, categories: ["food"] },
      { id: "min", text: "最少字段。", block: "receive", owner: undefined, due: null, dueFrom: null, required: true, minRank: 0, categories: [] }]),
      blocks: [{ id: "receive", title: "接收" }, { id: "b2", title: "乙" }],
      severities: [{ id: "low", name: "一般", rank: 1 }, { id: "high", name: "严重", rank: 2 }, { id: "s3", name: "三", rank: 0 }] } });
  assert.deepEqual(events.slice(1).map((e) => [e.type, e.at, e.step, e.field, e.value]), [
    ["skip", "2026-11-28T09:20:00.000+08:00", "escalate", undefined, "组长在场"],
    ["skip", "2026-11-28T09:00:00.000+08:00", "opt", undefined, "（未写理由）"],  // no time: the start's
    ["tick", "2026-11-28T09:00:00.000+08:00", "record", undefined, undefined],
    ["note", "2026-11-28T09:00:00.000+08:00", "opt", undefined, "5"],
    ["note", "2026-11-28T09:00:00.000+08:00", "record", undefined, "n1"],
    ["outcome", "2026-11-28T11:00:00.000+08:00", undefined, "resolved", false],
    ["outcome", "2026-11-28T11:00:00.000+08:00", undefined, "compensation", 0],
    ["outcome", "2026-11-28T11:00:00.000+08:00", undefined, "improvements", 3],
    ["close", "2026-11-28T11:00:00.000+08:00", undefined, undefined, undefined]]);
  assert.deepEqual(events.map((e) => e.id), ["e3f4fe69-35ec-4d78-a987-eaa34fd0f9da", "e2f4fcd6-36ec-4f0b-a887-e91050d0fb6d",
    "e1f4fb43-37ec-409e-ab87-edc94dd0f6b4", "e0f4f9b0-38ec-4231-aa87-ec364ed0f847", "e7f504b5-39ec-43c4-ad87-f0ef4bd0f38e",
    "e6f50322-3aec-4557-ac87-ef5c4cd0f521", "e5f5018f-3bec-46ea-af87-f41549d0f068", "e4f4fffc-3cec-487d-ae87-f2824ad0f1fb",
    "ebf50b01-2dec-40e0-b187-f73b47d0ed42", "eaf5096e-2eec-4273-b087-f5a848d0eed5"]);
  for (const e of events) {
    assert.equal(e.log, "run:fbaa2d8b-1444-4932-89ec-4621c6820e80");
    assert.equal(e.device, "380d2a69-31af-4912-866f-614fd2559010");
    assert.deepEqual(e.actor, { name: "（升级前的记录）", role: "unknown" });
    assert.equal(E.check(e), "");
  }
  // Without steps, blocks, severities, state, notes or outcome: only the start, with empty lists.
  const bare = I.fromLegacy({ format: "pb-run", schema: 1, case: "2026001", procedure: { id: "alpha", version: "2" }, startedAt: LEGACY.startedAt,
    steps: "x", blocks: {}, severities: 1, state: "x", notes: "ab", outcome: null }, "s");
  assert.deepEqual(bare.problems, []);
  assert.deepEqual(bare.events.map((e) => e.type), ["start"]);
  assert.deepEqual(bare.events[0].value.checklist, { steps: [], blocks: [], severities: [] });
  assert.deepEqual([bare.events[0].value.version, bare.events[0].value.hash, bare.events[0].value.title, bare.events[0].value.category, bare.events[0].value.source],
    ["2", undefined, undefined, null, null]);
});

test("old-format conversion problems, word for word", () => {
  const table = [
    [null, ["不是检查单记录（缺少 format: \"pb-run\"）"], 0],
    ["pb-run", ["不是检查单记录（缺少 format: \"pb-run\"）"], 0],
    [{ ...LEGACY, format: "pb-events" }, ["不是检查单记录（缺少 format: \"pb-run\"）"], 0],
    [{ format: "pb-run", schema: 2 }, ["记录格式版本 2 不受支持"], 0],
    [{ ...LEGACY, startedAt: "2026-13-45T00:00:00Z" }, ["startedAt 不是有效时间"], 0],
    [{ ...LEGACY, startedAt: Date.parse(LEGACY.startedAt) }, ["startedAt 不是有效时间"], 0],
    [{ ...LEGACY, startedAt: [LEGACY.startedAt] }, ["startedAt 不是有效时间"], 0],
    [{ ...LEGACY, startedAt: "+00" + LEGACY.startedAt }, ["startedAt 不是有效时间"], 0],  // old pages wrote four-digit years only
    [{ ...LEGACY, closedAt: "soon" }, ["closedAt 不是有效时间"], 6],
    [{ ...LEGACY, case: "" }, ["start：value：case：投诉编号只能含字母、数字和连字符（1–40 位）"], 0],
    [{ ...LEGACY, state: { "bad id": { status: "done" } } }, ["tick bad id：step：应为步骤标识符"], 4],
    [{ ...LEGACY, state: {}, outcome: { satisfaction: 9 } }, ["outcome satisfaction：value：应为 1–5 的整数或 null"], 2],
    [{ ...LEGACY, state: { a: null } }, ["步骤 a 的状态不正确"], 4],
  ];
  for (const [record, problems, kept] of table) {
    const r = I.fromLegacy(record, "s");
    assert.deepEqual(r.problems, problems, JSON.stringify(record).slice(0, 80));
    assert.equal(r.events.length, kept, JSON.stringify(record).slice(0, 80));
  }
});

test("import check: problems word for word, what a good file gives", () => {
  const good = I.fromLegacy(LEGACY, "x").events;
  const many = good.concat([1, 2, 3, 4].map((i) => ({ ...good[1], id: "x" + i })));
  const untitled = good.map((e) => (e.type === "start" ? { ...e, value: { ...e.value, title: undefined } } : e));
  const NOT_OURS = "导入失败：f.json 不是本站导出的检查单记录（应含 format: \"pb-events\" 和 events 列表）。";
  const table = [
    ["{broken", {}, "导入失败：f.json 不是有效的 JSON。"],
    ['{"hello":1}', {}, NOT_OURS],
    ["null", {}, NOT_OURS],
    [JSON.stringify({ format: "pb-events", events: "x" }), {}, NOT_OURS],
    [JSON.stringify({ format: "other", events: good }), {}, NOT_OURS],
    [JSON.stringify(many), {}, "导入失败：f.json：第 7 个事件：id：应为小写 UUID；第 8 个事件：id：应为小写 UUID；第 9 个事件：id：应为小写 UUID 等 4 处。本浏览器中的记录没有改动。"],
    [JSON.stringify(many.slice(0, 9)), {}, "导入失败：f.json：第 7 个事件：id：应为小写 UUID；第 8 个事件：id：应为小写 UUID；第 9 个事件：id：应为小写 UUID。本浏览器中的记录没有改动。"],
    [JSON.stringify({ ...LEGACY, schema: 2 }), {}, "导入失败：f.json（旧格式记录）：记录格式版本 2 不受支持。"],
    [JSON.stringify({ ...LEGACY, state: { a: null, b: null, c: null, d: null } }), {},
      "导入失败：f.json（旧格式记录）：步骤 a 的状态不正确；步骤 b 的状态不正确；步骤 c 的状态不正确。"],
    [JSON.stringify({ format: "pb-events", events: good }), { procedure: "beta" }, "导入失败：f.json 属于检查单“甲检查单”，请在那一页或“进行中”页导入。"],
    [JSON.stringify(untitled), { procedure: "beta" }, "导入失败：f.json 属于检查单“alpha”，请在那一页或“进行中”页导入。"],
    [JSON.stringify(good), { casePatterns: ["^X$"] }, "导入失败：f.json 中的投诉编号“2026001”不符合本单位的编号规则。"],
  ];
  for (const [text, opts, problem] of table) assert.deepEqual(I.check("f.json", text, opts), { problem }, text.slice(0, 60));
  const ok = [
    // [text, opts, events, cases, legacy]
    [JSON.stringify(good), { procedure: "alpha", casePatterns: ["^X$", "^2026"] }, good, ["2026001"], false],
    [JSON.stringify({ format: "pb-events", events: good }), {}, good, ["2026001"], false],
    [JSON.stringify(good.slice(1)), { procedure: "beta", casePatterns: ["^X$"] }, good.slice(1), [], false],  // its start is already here
    ["\ufeff" + JSON.stringify(LEGACY), undefined, I.fromLegacy(LEGACY, "import").events, ["2026001"], true],
  ];
  for (const [text, opts, events, cases, legacy] of ok) {
    const r = I.check("f.json", text, opts);
    assert.deepEqual(r, { events, logs: [events[0].log], cases, legacy });
  }
  assert.equal(I.eventsOf(null), null);
  assert.equal(I.eventsOf(good), good);
});

test("import messages word for word", () => {
  const two = { cases: ["2026001", "2026002"] };
  const table = [
    [two, { added: 3, duplicates: 2, unsaved: 0 }, ["已导入投诉 2026001、2026002 的记录：新增 3 个事件，2 个已有（与本浏览器中的记录合并）。", "success"]],
    [two, { added: 3, duplicates: 0, unsaved: 0 }, ["已导入投诉 2026001、2026002 的记录：新增 3 个事件（与本浏览器中的记录合并）。", "success"]],
    [two, { added: 0, duplicates: 3, unsaved: 0 }, ["f.json 中的投诉 2026001、2026002 的记录本浏览器已全部有，没有变化。", "info"]],
    [two, { unsaved: 2, reason: "full" }, ["导入的投诉 2026001、2026002 的记录未能保存（本地存储空间已满）：2 个事件只在本页内存中。请保留 f.json，腾出空间后重新导入。", "failure"]],
    [two, { unsaved: 2, reason: "disabled" }, ["导入的投诉 2026001、2026002 的记录未能保存（浏览器禁止了本地存储）：2 个事件只在本页内存中。请保留 f.json，腾出空间后重新导入。", "failure"]],
    [two, { unsaved: 2, reason: "x" }, ["导入的投诉 2026001、2026002 的记录未能保存（写入失败）：2 个事件只在本页内存中。请保留 f.json，腾出空间后重新导入。", "failure"]],
    [{ cases: [] }, { added: 1, duplicates: 0, unsaved: 0 }, ["已导入记录：新增 1 个事件（与本浏览器中的记录合并）。", "success"]],
  ];
  for (const [result, r, want] of table) assert.deepEqual(I.message("f.json", result, r), want);
});

test("import check: events of a newer version are kept, other logs named, two runs in one file", () => {
  const good = I.fromLegacy(LEGACY, "x").events;
  const other = I.fromLegacy({ ...LEGACY, case: "2026002" }, "x").events;
  // A newer version's event is kept for a newer page even when it has no log this version knows.
  const future = { v: 2, id: "ffffffff-0000-4000-8000-000000000001", shape: "unknown" };
  const r = I.check("f.json", JSON.stringify(good.concat([future])), {});
  assert.equal(r.problem, undefined);
  assert.deepEqual(r.events, good.concat([future]));
  assert.deepEqual(r.logs, [good[0].log]);
  const both = I.check("f.json", JSON.stringify(good.concat(other)), {});
  assert.deepEqual(both.cases, ["2026001", "2026002"]);
  assert.deepEqual(both.logs, [good[0].log, other[0].log]);
  // Only a leading byte-order mark goes; one inside a value stays.
  const marked = good.map((e) => (e.type === "note" ? { ...e, value: "客户\ufeff电话" } : e));
  assert.deepEqual(I.check("f.json", "\ufeff" + JSON.stringify(marked), {}).events, marked);
  assert.deepEqual(I.check("f.json", JSON.stringify(marked), {}).events, marked);
  const quiz = { v: 1, id: "ffffffff-0000-4000-8000-000000000002", log: "quiz:frontline", type: "submit", at: good[0].at, actor: good[0].actor, device: good[0].device };
  assert.equal(E.check(quiz), "");
  assert.deepEqual(I.check("f.json", JSON.stringify(good.concat([quiz])), {}),
    { problem: "导入失败：f.json：第 7 个事件不属于检查单记录（quiz:frontline）。本浏览器中的记录没有改动。" });
});
