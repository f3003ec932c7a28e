// Expiry of browser-kept runs and drafts (docs/assets/javascripts/core/retention.js), table-driven.
const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../docs/assets/javascripts/core/events.js");
const R = require("../../docs/assets/javascripts/core/retention.js");

const DEV = "9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const DAY = 86400000;
const NOW = Date.UTC(2026, 10, 29, 4, 0); // 2026-11-29 12:00 China time
let n = 0;
function ev(log, type, daysAgo, fields = {}) {
  n += 1;
  const id = "00000000-0000-4000-8000-" + String(n).padStart(12, "0");
  return { v: 1, id, log, type, at: E.isoAt(NOW - daysAgo * DAY, 480), actor: { name: "张三", role: "agent" }, device: DEV, ...fields };
}
function runLog(i) { return "run:0b7e6c3a-9a1f-4c1e-8d2b-" + String(i).padStart(12, "0"); }
function run(i, caseNumber, startedDaysAgo, ...more) {
  const log = runLog(i);
  const value = { case: caseNumber, procedure: "alpha", version: "1", title: "接收投诉", start: E.isoAt(NOW - startedDaysAgo * DAY, 480) };
  return [log, [ev(log, "start", startedDaysAgo, { value }), ...more.map(([type, d, f]) => ev(log, type, d, f))]];
}
function draft(template, caseNumber, ...days) {
  const log = "draft:" + template + ":" + caseNumber;
  return [log, days.map((d) => ev(log, "field", d, { field: "name", value: "李四" }))];
}

const CASES = [
  // [name, [log, events], expected: "expired" | "stale" | "kept"]
  ["closed run, last event 31 days ago", run(1, "2026001", 40, ["tick", 35, { step: "a" }], ["close", 31]), "expired"],
  ["closed run, last event 29 days ago", run(2, "2026002", 40, ["close", 29]), "kept"],
  ["closed long ago, but a note added 10 days ago", run(3, "2026003", 90, ["close", 60], ["note", 10, { step: "a", value: "补充" }]), "kept"],
  ["closed, then reopened: open again", run(4, "2026004", 90, ["close", 60], ["reopen", 50]), "stale"],
  ["cleared (discarded) 40 days ago", run(5, "2026005", 45, ["discard", 40]), "expired"],
  ["open run untouched for 40 days", run(6, "2026006", 40), "stale"],
  ["open run active yesterday", run(7, "2026007", 40, ["tick", 1, { step: "a" }]), "kept"],
  ["exactly the period ago", run(8, "2026008", 30, ["close", 30]), "expired"],
  ["draft last edited 31 days ago", draft("notice", "2026009", 50, 31), "expired"],
  ["draft edited 31 and 2 days ago", draft("notice", "2026010", 31, 2), "kept"],
  ["draft without a case number", draft("notice", "-", 45), "expired"],
  ["run without a start event", [runLog(9), [ev(runLog(9), "close", 60)]], "kept"],
  ["run with an event of a newer version", run(10, "2026011", 60, ["close", 50], ["tick", 45, { v: 2 }]), "kept"],
  ["a drill session is never expired", ["drill:outage:0b7e6c3a-9a1f-4c1e-8d2b-000000000099", [ev("drill:outage:0b7e6c3a-9a1f-4c1e-8d2b-000000000099", "clock", 90, { value: "start" })]], "kept"],
  ["a quiz is never expired", ["quiz:basics", [ev("quiz:basics", "submit", 90)]], "kept"],
];

test("decide: which logs expire, which open runs are stale, which stay", async (t) => {
  for (const [name, [log, events], want] of CASES) {
    await t.test(name, () => {
      const d = R.decide({ [log]: events }, NOW, "P30D");
      const got = d.expired.some((i) => i.log === log) ? "expired" : d.stale.some((i) => i.log === log) ? "stale" : "kept";
      assert.equal(got, want);
    });
  }
});

test("decide over many logs: items name the case and the checklist, in log order", () => {
  const logs = Object.fromEntries(CASES.map(([, pair]) => pair));
  const d = R.decide(logs, NOW, "P30D");
  assert.deepEqual(d.expired.map((i) => [i.kind, i.case]), [
    ["draft", null], ["draft", "2026009"], ["run", "2026001"], ["run", "2026005"], ["run", "2026008"],
  ]);
  assert.deepEqual(d.stale.map((i) => i.case), ["2026004", "2026006"]);
  assert.equal(d.expired[2].title, "接收投诉");
});

test("a period that is not an ISO duration removes nothing", () => {
  const logs = Object.fromEntries(CASES.map(([, pair]) => pair));
  for (const bad of ["", "30 days", null, undefined, "P"]) assert.deepEqual(R.decide(logs, NOW, bad), { expired: [], stale: [], archive: [] });
});

test("the period is calendar time in China: P1M from Jan 31 is Feb 28", () => {
  const log = "draft:notice:2026012";
  const events = [{ ...ev(log, "field", 0, { field: "name", value: "x" }), at: "2026-01-31T10:00:00.000+08:00" }];
  assert.equal(R.expiresAt(events, "P1M"), E.instant("2026-02-28T10:00:00.000+08:00"));
});

test("messages: counts and case numbers, the record is elsewhere; stale runs are listed, not removed", () => {
  const logs = Object.fromEntries(CASES.map(([, pair]) => pair));
  const m = R.messages(R.decide(logs, NOW, "P30D"), "30 天");
  assert.match(m.removed, /自动删除 5 份/);
  assert.match(m.removed, /检查单记录 投诉 2026001（接收投诉）、投诉 2026005（接收投诉）、投诉 2026008（接收投诉）/);
  assert.match(m.removed, /文书草稿 无编号（notice）、投诉 2026009（notice）/);
  assert.match(m.removed, /不是正式记录/);
  assert.match(m.stale, /2 份未结案.*30 天没有操作.*不会自动删除：投诉 2026004.*投诉 2026006/);
  assert.deepEqual(R.messages({ expired: [], stale: [], archive: [] }, "30 天"), { removed: "", stale: "" });
});

test("team mode: expired closed runs are listed for archiving, drafts still expire", () => {
  const logs = Object.fromEntries(CASES.map(([, pair]) => pair));
  const d = R.decide(logs, NOW, "P30D", true);
  assert.deepEqual(d.expired.map((i) => [i.kind, i.case]), [["draft", null], ["draft", "2026009"]]);
  assert.deepEqual(d.archive.map((i) => i.case), ["2026001", "2026005", "2026008"]);
  assert.deepEqual(d.stale.map((i) => i.case), ["2026004", "2026006"]);
  assert.match(R.messages(d, "30 天").stale, /3 份已结案.*归档/);
});

test("the last event is the latest readable time, whatever the order", () => {
  const log = "draft:notice:2026013";
  const [a, b] = [ev(log, "field", 40, { field: "name", value: "x" }), ev(log, "field", 31, { field: "name", value: "y" })];
  const bad = { ...a, at: "昨天" };
  for (const events of [[a, b], [b, a], [bad, b], [b, bad], [b, undefined]]) assert.equal(R.lastAt(events), E.instant(b.at));
  assert.ok(Number.isNaN(R.lastAt([bad])));
  assert.equal(R.expiresAt([bad], "P30D"), null);
  // A draft whose times cannot be read is kept: nothing says it is old.
  assert.deepEqual(R.decide({ [log]: [bad] }, NOW, "P30D"), { expired: [], stale: [], archive: [] });
});

test("messages: the whole texts", () => {
  const run = (c) => ({ kind: "run", case: c, title: "接收投诉" });
  const draft = (c) => ({ kind: "draft", case: c, title: "notice" });
  const NOTE = "。浏览器中的副本不是正式记录：正式记录以投诉系统中的档案、团队服务器上的记录和导出存档的文件为准。";
  const rows = [
    [{ expired: [run("2026001"), draft(null)], stale: [], archive: [] },
      "已从本浏览器自动删除 2 份超过保存期（结案或最后操作后 30 天）的记录：检查单记录 投诉 2026001（接收投诉）；文书草稿 无编号（notice）" + NOTE, ""],
    [{ expired: [run("2026001")], stale: [], archive: [] },
      "已从本浏览器自动删除 1 份超过保存期（结案或最后操作后 30 天）的记录：检查单记录 投诉 2026001（接收投诉）" + NOTE, ""],
    [{ expired: [draft("2026009")], stale: [], archive: [] },
      "已从本浏览器自动删除 1 份超过保存期（结案或最后操作后 30 天）的记录：文书草稿 投诉 2026009（notice）" + NOTE, ""],
    [{ expired: [], stale: [run("2026004")], archive: [] }, "",
      "以下 1 份未结案的检查单记录已超过 30 天没有操作，未结案的记录不会自动删除：投诉 2026004（接收投诉）。请继续处理，或结案、导出存入投诉系统后在“进行中”页清除。"],
    [{ expired: [], stale: [], archive: [run("2026001")] }, "",
      "以下 1 份已结案的检查单记录已超过保存期（最后操作后 30 天）：投诉 2026001（接收投诉）。团队服务器保存正式记录，请在“进行中”页的团队视图中归档，归档后本浏览器中的副本随即删除。"],
    [{ expired: [], stale: [run("2026004")], archive: [run("2026001")] }, "",
      "以下 1 份未结案的检查单记录已超过 30 天没有操作，未结案的记录不会自动删除：投诉 2026004（接收投诉）。请继续处理，或结案、导出存入投诉系统后在“进行中”页清除。\n" +
      "以下 1 份已结案的检查单记录已超过保存期（最后操作后 30 天）：投诉 2026001（接收投诉）。团队服务器保存正式记录，请在“进行中”页的团队视图中归档，归档后本浏览器中的副本随即删除。"],
  ];
  for (const [decision, removed, stale] of rows) assert.deepEqual(R.messages(decision, "30 天"), { removed, stale });
});
