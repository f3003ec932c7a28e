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

  // The run as Markdown. `checklist` is the procedure's steps, blocks and severities; `east` the
  // zone for times (default China time); `now` in ms.
  function markdown(run, events, checklist, now, east) {
    east = east === undefined ? E.CHINA : east;
    var sum = E.summary(run, checklist, now);
    var sev = (checklist.severities || []).filter(function (s) { return s.id === run.severity; })[0];
    var title = (run.start && run.start.title) || run.procedure;
    var lines = ["# " + mdText(title) + " — 投诉 " + mdText(run.case), ""];
    lines.push("- 严重程度：" + (sev ? mdText(sev.name) : "未定"));
    lines.push("- 受理：" + E.fmt(run.startedAt, east) + (run.closedAt ? "；结案：" + E.fmt(run.closedAt, east) : ""));
    lines.push("- 进度：" + sum.done + "/" + sum.total + (sum.late.length ? "；超时 " + sum.late.length + " 项" : ""));
    if (run.signedFor) lines.push("- 签收日期：" + run.signedFor);
    lines.push("- 预案版本 " + mdText(run.start ? run.start.version : "") + "，检查单指纹 " + mdText(run.start && run.start.hash || ""), "");
    var titles = {};
    (checklist.blocks || []).forEach(function (b) { titles[b.id] = b.title; });
    var block = null;
    E.applicable(run, checklist).forEach(function (s) {
      if (s.block !== block) { block = s.block; lines.push("", "## " + mdText(titles[block] || block), ""); }
      var st = run.steps[s.id];
      var mark = st && st.status === "done" ? "[x]" : st ? "[-]" : "[ ]";
      var info = st ? (st.status === "done" ? "完成 " : "跳过 ") + E.fmt(st.by.at, east) + " " + who(st.by) + (st.reason ? "：" + st.reason : "")
        : sum.due[s.id] ? "截止 " + E.fmt(sum.due[s.id], east) : "";
      lines.push("- " + mark + " " + mdText(s.text) + "（" + mdText(s.owner || "") + (info ? "；" + mdText(info) : "") + "）");
      var note = run.notes[s.id];
      if (note) lines.push("    - 备注（" + mdText(who(note.by)) + "）：" + mdText(note.text));
    });
    lines.push("", "## 操作记录", "");
    var texts = stepTexts(checklist);
    var byId = {};
    events.forEach(function (e) { byId[e.id] = e; });
    run.history.forEach(function (h) {
      lines.push("- " + E.fmt(h.event.at, east) + " " + mdText(who(h.event.actor)) + " " + mdText(describe(h.event, texts, byId)) + (h.undone ? "（已撤销）" : ""));
    });
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

  return { FORMAT: FORMAT, mdText: mdText, csvCell: csvCell, csv: csv, markdown: markdown, eventsCsv: eventsCsv, json: json };
});
