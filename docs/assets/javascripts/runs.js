// pb.runs: checklist-run records and the rules on them (deadlines, applicability, progress).
// Pure functions over plain JSON so the run page, the open-runs list, exports and the
// statistics page all compute the same answers.
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});
  var KEY = "run:";
  var ISO = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

  function addDuration(date, iso) {
    var m = ISO.exec(iso || "");
    if (!m) return null;
    var d = new Date(date.getTime());
    d.setMonth(d.getMonth() + 12 * (+m[1] || 0) + (+m[2] || 0));
    d.setDate(d.getDate() + 7 * (+m[3] || 0) + (+m[4] || 0));
    d.setHours(d.getHours() + (+m[5] || 0));
    d.setMinutes(d.getMinutes() + (+m[6] || 0));
    return d;
  }

  // "PT2H" → "2 小时" (as the renderer's duration_zh does).
  pb.durationZh = function (iso) {
    var m = ISO.exec(iso || "");
    if (!m) return iso;
    var units = ["年", "个月", "周", "天", "小时", "分钟"];
    return m.slice(1).map(function (v, i) { return v ? v + " " + units[i] : ""; }).filter(Boolean).join(" ");
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // "2026-11-29 14:05" in local time: unambiguous for staff, sortable in exports.
  function fmt(date) {
    if (!date) return "";
    var d = new Date(date);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function rankOf(run) {
    var found = (run.severities || []).filter(function (s) { return s.id === run.severity; })[0];
    return found ? found.rank : 0;
  }

  // Steps that apply to this run, given its severity and category.
  function applicable(run) {
    var rank = rankOf(run);
    return run.steps.filter(function (s) {
      if (s.minRank && s.minRank > rank) return false;
      if (s.categories && s.categories.length && s.categories.indexOf(run.category) < 0) return false;
      return true;
    });
  }

  // stepId → due Date, or null when its clock has not started (due_from step still open).
  function dueTimes(run) {
    var out = {};
    var start = new Date(run.startedAt);
    run.steps.forEach(function (s) {
      if (!s.due) return;
      var base = start;
      if (s.dueFrom) {
        var from = run.state[s.dueFrom];
        base = from && from.status === "done" ? new Date(from.at) : null;
      }
      out[s.id] = base ? addDuration(base, s.due) : null;
    });
    return out;
  }

  function isClosed(run, id) {
    var st = run.state[id];
    return !!st && (st.status === "done" || st.status === "skipped");
  }

  // Progress, what is next and what is late, at time `now`.
  function summary(run, now) {
    now = now || new Date();
    var steps = applicable(run);
    var due = dueTimes(run);
    var done = steps.filter(function (s) { return isClosed(run, s.id); });
    var open = steps.filter(function (s) { return !isClosed(run, s.id); });
    var late = open.filter(function (s) { return due[s.id] && due[s.id] < now; });
    var required = steps.filter(function (s) { return s.required !== false; });
    return {
      total: steps.length,
      done: done.length,
      complete: required.every(function (s) { return isClosed(run, s.id); }),
      next: open[0] || null,
      nextDue: open[0] ? due[open[0].id] || null : null,
      late: late,
      due: due,
    };
  }

  function key(procedure, caseNumber) { return KEY + procedure + ":" + caseNumber; }

  pb.runs = {
    FORMAT: "pb-run",
    SCHEMA: 1,
    addDuration: addDuration,
    fmt: fmt,
    applicable: applicable,
    dueTimes: dueTimes,
    summary: summary,
    isClosed: isClosed,
    key: key,
    keyOf: function (run) { return key(run.procedure.id, run.case); },
    list: function () {
      return pb.store.keys(KEY).map(function (k) { return pb.store.get(k); }).filter(function (r) {
        return r && r.format === pb.runs.FORMAT;
      });
    },
    save: function (run) { return pb.store.set(key(run.procedure.id, run.case), run); },
    remove: function (run) { pb.store.remove(key(run.procedure.id, run.case)); },

    // A new run from a procedure page's embedded data.
    create: function (data, fields) {
      return {
        format: pb.runs.FORMAT,
        schema: pb.runs.SCHEMA,
        procedure: { id: data.id, title: data.title, hash: data.hash, version: data.version, mode: data.mode },
        case: fields.caseNumber,
        severity: fields.severity || null,
        category: fields.category || null,
        source: fields.source || null,
        startedAt: fields.startedAt,
        closedAt: null,
        outcome: { resolved: null, satisfaction: null, compensation: null, improvements: null },
        severities: data.severities,
        blocks: data.blocks,
        steps: data.steps,
        state: {},
        notes: {},
        log: [{ at: new Date().toISOString(), action: "start" }],
      };
    },

    // Apply one change, logging it with what it replaced so it can be undone.
    change: function (run, stepId, action, extra) {
      var prev = run.state[stepId] || null;
      var at = new Date().toISOString();
      if (action === "done") run.state[stepId] = { status: "done", at: at };
      else if (action === "skip") run.state[stepId] = { status: "skipped", at: at, reason: extra };
      else if (action === "reopen") delete run.state[stepId];
      run.log.push({ at: at, step: stepId, action: action, prev: prev, reason: action === "skip" ? extra : undefined });
    },

    // Revert the latest tick, skip or reopen that has not been undone yet; returns the step id.
    undo: function (run) {
      for (var i = run.log.length - 1; i >= 0; i--) {
        var e = run.log[i];
        if (e.undone || ["done", "skip", "reopen"].indexOf(e.action) < 0) continue;
        if (e.prev) run.state[e.step] = e.prev; else delete run.state[e.step];
        e.undone = true;
        run.log.push({ at: new Date().toISOString(), step: e.step, action: "undo" });
        return e.step;
      }
      return null;
    },

    // Why an imported object is not a run record, or "" when it is one.
    problem: function (run) {
      if (!run || typeof run !== "object") return "不是 JSON 对象";
      if (run.format !== pb.runs.FORMAT) return "缺少 format: \"pb-run\"，不是检查单记录";
      if (run.schema !== pb.runs.SCHEMA) return "记录格式版本 " + run.schema + " 不受支持";
      if (!run.procedure || typeof run.procedure.id !== "string") return "缺少 procedure.id";
      if (typeof run.case !== "string" || !run.case) return "缺少投诉编号 case";
      if (isNaN(Date.parse(run.startedAt))) return "startedAt 不是有效时间";
      if (!Array.isArray(run.steps) || !run.steps.every(function (s) { return s && typeof s.id === "string"; })) return "steps 格式不正确";
      if (!run.state || typeof run.state !== "object") return "缺少 state";
      for (var id in run.state) {
        var st = run.state[id];
        if (!st || ["done", "skipped"].indexOf(st.status) < 0 || isNaN(Date.parse(st.at))) return "步骤 " + id + " 的状态不正确";
      }
      if (!Array.isArray(run.log)) return "缺少 log";
      return "";
    },

    // The record as Markdown, for people.
    markdown: function (run) {
      var sum = summary(run);
      var sev = (run.severities || []).filter(function (s) { return s.id === run.severity; })[0];
      var lines = ["# " + run.procedure.title + " — 投诉 " + run.case, ""];
      lines.push("- 严重程度：" + (sev ? sev.name : "未定"));
      lines.push("- 开始：" + fmt(run.startedAt) + (run.closedAt ? "；结案：" + fmt(run.closedAt) : ""));
      lines.push("- 进度：" + sum.done + "/" + sum.total + (sum.late.length ? "；超时 " + sum.late.length + " 项" : ""));
      lines.push("- 预案版本 " + run.procedure.version + "，检查单指纹 " + run.procedure.hash, "");
      var block = null;
      var titles = {};
      (run.blocks || []).forEach(function (b) { titles[b.id] = b.title; });
      applicable(run).forEach(function (s) {
        if (s.block !== block) { block = s.block; lines.push("", "## " + (titles[block] || block), ""); }
        var st = run.state[s.id];
        var mark = st && st.status === "done" ? "[x]" : st ? "[-]" : "[ ]";
        var info = st && st.status === "done" ? "完成 " + fmt(st.at) : st ? "跳过 " + fmt(st.at) + "：" + st.reason : sum.due[s.id] ? "截止 " + fmt(sum.due[s.id]) : "";
        lines.push("- " + mark + " " + s.text + "（" + s.owner + (info ? "；" + info : "") + "）");
        if (run.notes[s.id]) lines.push("    - 备注：" + run.notes[s.id]);
      });
      lines.push("", "## 记录日志", "");
      run.log.forEach(function (e) {
        lines.push("- " + fmt(e.at) + " " + e.action + (e.step ? " " + e.step : "") + (e.reason ? "：" + e.reason : "") + (e.undone ? "（已撤销）" : ""));
      });
      return lines.join("\n") + "\n";
    },
  };
})();
