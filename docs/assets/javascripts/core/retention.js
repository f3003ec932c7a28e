// pb.retention: which browser-kept logs have outlived the retention period (issue 13, review P2).
// Runs and letter drafts hold complainants' personal data; the browser copy is a working copy,
// never the record, so it expires: a closed (or cleared) run and a draft whose last event is older
// than the period (taxonomy.yml target browser-copies) are removed by the store. An open run is
// never removed: it is listed as stale instead, for a person to close, export or clear. In team
// mode the browser's sync copy would bring a removed run back, so an expired closed run is listed
// for archiving instead (the team view's 归档 removes both copies once the server has every event).
// Pure: no DOM, no storage (tests/js/retention.test.js).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"));
  else (root.pb = root.pb || {}).retention = factory(root.pb.events);
})(typeof self !== "undefined" ? self : this, function (E) {
  "use strict";

  // The instant of a log's latest event (ms), or NaN when none has a readable time.
  function lastAt(events) {
    return events.reduce(function (m, e) {
      var t = E.instant(e && e.at);
      return isNaN(t) || (!isNaN(m) && m >= t) ? m : t;
    }, NaN);
  }

  // When a log with these events expires (ms), or null (unreadable times, or not a duration).
  function expiresAt(events, period) {
    var last = lastAt(events);
    return isNaN(last) ? null : E.addDuration(last, period);
  }

  // logs: { log id: [events] }; now: ms; period: ISO 8601 duration; team: runs are synced.
  // → { expired: [item], stale: [item], archive: [item] },
  //   item = { log, kind: "run" | "draft", case, title, last }.
  // Only run and draft logs are considered; a run that cannot be read (no start, events of a newer
  // version) is kept, as is everything when the period is not a valid duration.
  function decide(logs, now, period, team) {
    var out = { expired: [], stale: [], archive: [] };
    if (!E.RE.duration.test(period || "")) return out;
    Object.keys(logs).sort().forEach(function (log) {
      var kind = E.kindOf(log);
      if (kind !== "run" && kind !== "draft") return;
      var events = logs[log];
      var until = expiresAt(events, period);
      if (until === null || until > now) return;
      var item = { log: log, kind: kind, case: null, title: "", last: lastAt(events) };
      if (kind === "draft") {
        var parts = log.split(":");
        item.case = parts[2] === "-" ? null : parts[2];
        item.title = parts[1];
        out.expired.push(item);
        return;
      }
      var run = E.foldRun(events);
      if (!run.start || run.future.length) return;
      item.case = run.case;
      item.title = run.start.title || run.procedure;
      (!(run.closedAt || run.discarded) ? out.stale : team ? out.archive : out.expired).push(item);
    });
    return out;
  }

  function cases(items) {
    return items.map(function (i) { return (i.case ? "投诉 " + i.case : "无编号") + "（" + i.title + "）"; }).join("、");
  }

  // The notices for a decision: { removed, stale } texts ("" when there is nothing to say).
  // periodText: the period as the pages state it ("30 天").
  function messages(decision, periodText) {
    var runs = decision.expired.filter(function (i) { return i.kind === "run"; });
    var drafts = decision.expired.filter(function (i) { return i.kind === "draft"; });
    var removed = "";
    if (decision.expired.length) {
      removed = "已从本浏览器自动删除 " + decision.expired.length + " 份超过保存期（结案或最后操作后 " + periodText + "）的记录：" +
        [runs.length ? "检查单记录 " + cases(runs) : "", drafts.length ? "文书草稿 " + cases(drafts) : ""].filter(Boolean).join("；") +
        "。浏览器中的副本不是正式记录：正式记录以投诉系统中的档案、团队服务器上的记录和导出存档的文件为准。";
    }
    var stale = "";
    if (decision.stale.length) {
      stale = "以下 " + decision.stale.length + " 份未结案的检查单记录已超过 " + periodText + "没有操作，未结案的记录不会自动删除：" +
        cases(decision.stale) + "。请继续处理，或结案、导出存入投诉系统后在“进行中”页清除。";
    }
    if (decision.archive && decision.archive.length) {
      stale += (stale ? "\n" : "") + "以下 " + decision.archive.length + " 份已结案的检查单记录已超过保存期（最后操作后 " + periodText + "）：" +
        cases(decision.archive) + "。团队服务器保存正式记录，请在“进行中”页的团队视图中归档，归档后本浏览器中的副本随即删除。";
    }
    return { removed: removed, stale: stale };
  }

  return { decide: decide, expiresAt: expiresAt, lastAt: lastAt, messages: messages };
});
