// pb.runExport (pure): a run as Markdown, CSV and JSON for people and other systems.
// User text (case, notes, reasons, names) is escaped so a rendered export shows it as text:
// no live HTML, links or headings, and a note with newlines cannot forge a step or heading.
// Times are in China time by default (the staff's zone), always with the zone written out.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"), require("./mdtext.js"));
  else (root.pb = root.pb || {}).runExport = factory(root.pb.events, root.pb.mdtext);
})(typeof self !== "undefined" ? self : this, function (E, M) {
  "use strict";

  var FORMAT = "pb-events";

  // Markdown-inert text on one line (core/mdtext.js, the one escaper of every Markdown export).
  var mdText = M.record;

  // One CSV cell, quoted; a leading = + - @ (or tab/CR) is neutralised with an apostrophe so a
  // spreadsheet shows it as text instead of running it as a formula.
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function csv(rows) { return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n"; }

  function who(by) { return by ? by.name + "（" + by.role + "）" : ""; }
  var describe = E.describe;
  var stepTexts = E.stepTexts;
  var LABELS = E.LABELS;

  // Outcome fields as people read them (the same labels as the checklist's outcome form).
  var OUTCOME = [
    ["resolved", "问题是否解决", function (v) { return v ? "已解决" : "未解决"; }],
    ["satisfaction", "回访满意度", function (v) { return v + " / 5"; }],
    ["compensation", "赔偿金额", function (v) { return Number(v).toFixed(2) + " 元"; }],
    ["improvements", "提出的改进措施数", String],
  ];

  // The run as a record that can stand on file, as plain text values (each export or print view
  // escapes them its own way): header facts, every applicable step with its state, who and when,
  // skip reasons and notes, the outcome, the history, and what the record was made from and when.
  // `checklist` is the procedure's steps, blocks and severities; `east` the zone for times
  // (default China time); `now` in ms.
  function record(run, events, checklist, now, east) {
    east = east === undefined ? E.CHINA : east;
    var sum = E.summary(run, checklist, now);
    var sev = (checklist.severities || []).filter(function (s) { return s.id === run.severity; })[0];
    var status = run.discarded ? "已作废" : run.closedAt ? "已结案" : "处理中";
    var head = [["投诉编号", run.case], ["检查单", (run.start && run.start.title) || run.procedure],
      ["严重程度", sev ? sev.name : "未定"], ["状态", status],
      ["受理", E.fmt(run.startedAt, east) + (run.closedAt ? "；结案：" + E.fmt(run.closedAt, east) : "")],
      ["进度", sum.done + "/" + sum.total + (sum.late.length ? "；超时 " + sum.late.length + " 项" : "")]];
    if (run.signedFor) head.push(["签收日期", run.signedFor]);
    var titles = {};
    (checklist.blocks || []).forEach(function (b) { titles[b.id] = b.title; });
    var blocks = [];
    // summary's late list holds the steps themselves; their ids say which step is late here.
    var late = sum.late.map(function (s) { return s.id; });
    E.applicable(run, checklist).forEach(function (s) {
      if (!blocks.length || blocks[blocks.length - 1].id !== s.block) blocks.push({ id: s.block, title: titles[s.block] || s.block, steps: [] });
      var st = run.steps[s.id];
      var note = run.notes[s.id];
      blocks[blocks.length - 1].steps.push({
        id: s.id, text: s.text, owner: s.owner || "",
        state: st ? st.status : late.indexOf(s.id) >= 0 ? "late" : "open",
        info: st ? (st.status === "done" ? "完成 " : "跳过 ") + E.fmt(st.by.at, east) + " " + who(st.by) + (st.reason ? "：" + st.reason : "")
          : sum.due[s.id] ? "截止 " + E.fmt(sum.due[s.id], east) : "",
        note: note ? { by: who(note.by), text: note.text } : null,
      });
    });
    var outcome = OUTCOME.filter(function (o) { return run.outcome[o[0]] !== null && run.outcome[o[0]] !== undefined; })
      .map(function (o) { return [o[1], o[2](run.outcome[o[0]])]; });
    var texts = stepTexts(checklist);
    var byId = {};
    events.forEach(function (e) { byId[e.id] = e; });
    var history = run.history.map(function (h) {
      return E.fmt(h.event.at, east) + " " + who(h.event.actor) + " " + describe(h.event, texts, byId) + (h.undone ? "（已撤销）" : "");
    });
    return { title: head[1][1], case: run.case, head: head, blocks: blocks, outcome: outcome, history: history,
      footer: "导出时间 " + E.fmt(now, east) + "；预案版本 " + (run.start ? run.start.version : "") + "，检查单指纹 " + ((run.start && run.start.hash) || "") };
  }

  var MARKS = { done: "[x]", skipped: "[-]", late: "[ ]", open: "[ ]" };

  // The run as Markdown: the record, every text escaped.
  function markdown(run, events, checklist, now, east) {
    var r = record(run, events, checklist, now, east);
    var lines = ["# " + mdText(r.title) + " — 投诉 " + mdText(r.case), ""];
    r.head.slice(2).forEach(function (h) { lines.push("- " + h[0] + "：" + mdText(h[1])); });
    r.blocks.forEach(function (b) {
      lines.push("", "## " + mdText(b.title), "");
      b.steps.forEach(function (s) {
        lines.push("- " + MARKS[s.state] + " " + mdText(s.text) + "（" + mdText(s.owner) + (s.info ? "；" + mdText(s.info) : "") + "）");
        if (s.note) lines.push("    - 备注（" + mdText(s.note.by) + "）：" + mdText(s.note.text));
      });
    });
    if (r.outcome.length) {
      lines.push("", "## 处理结果", "");
      r.outcome.forEach(function (o) { lines.push("- " + o[0] + "：" + mdText(o[1])); });
    }
    lines.push("", "## 操作记录", "");
    r.history.forEach(function (h) { lines.push("- " + mdText(h)); });
    lines.push("", "---", "", mdText(r.footer));
    return lines.join("\n") + "\n";
  }

  // The event log as CSV (one row per event), times in China time.
  function eventsCsv(run, events, checklist, east) {
    east = east === undefined ? E.CHINA : east;
    var texts = stepTexts(checklist);
    var byId = {};
    events.forEach(function (e) { byId[e.id] = e; });
    var rows = [["时间", "投诉编号", "检查单", "操作人", "角色", "操作", "步骤", "内容", "已撤销", "事件 id"]];
    run.history.forEach(function (h) {
      var e = h.event;
      rows.push([E.fmt(e.at, east), run.case, run.procedure, e.actor.name, e.actor.role, LABELS[e.type] || e.type,
        e.step ? texts[e.step] || e.step : "", describe(e, texts, byId), h.undone ? "是" : "", e.id]);
    });
    return csv(rows);
  }

  // JSON export: the event log itself plus a summary for people; importing it gives back exactly
  // these events (the summary is ignored on import).
  function json(run, events, checklist, now) {
    var sum = E.summary(run, checklist, now);
    return JSON.stringify({
      format: FORMAT,
      version: E.VERSION,
      exported: E.isoAt(now, E.CHINA),
      summary: {
        case: run.case, procedure: run.procedure, title: run.start && run.start.title, severity: run.severity,
        startedAt: run.startedAt, closedAt: run.closedAt, done: sum.done, total: sum.total, late: sum.late.length,
      },
      events: events,
    }, null, 2) + "\n";
  }

  return { FORMAT: FORMAT, mdText: mdText, csvCell: csvCell, csv: csv, record: record, markdown: markdown, eventsCsv: eventsCsv, json: json };
});
