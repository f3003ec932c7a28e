// pb.events (pure part): the event model shared by runs, drills, quizzes and drafts.
// One event is one immutable JSON object; a log's state is a fold over its events ordered by
// (instant, id); two copies of a log merge by the union of event ids. No DOM, no storage:
// the same code runs in the browser and under `node --test` (tests/js/events.test.js).
// The rules here mirror playbook/schemas/event.schema.json; tests/fixtures/events/cases.json is
// checked against both, so the two cannot disagree unnoticed.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else (root.pb = root.pb || {}).events = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var VERSION = 1;
  var HOUR = 3600000;
  var CHINA = 480; // minutes east of UTC: China Standard Time, no daylight saving
  var UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  var ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var RE = {
    uuid: new RegExp("^" + UUID + "$"),
    id: new RegExp("^" + ID + "$"),
    // run:<uuid> · drill:<drill id>:<session uuid> · quiz:<training path id> · draft:<template id>:<case or ->
    log: new RegExp("^(?:run:" + UUID + "|drill:" + ID + ":" + UUID + "|quiz:" + ID + "|draft:" + ID + ":(?:-|[0-9A-Za-z][0-9A-Za-z-]{0,39}))$"),
    // A case number as stored: ASCII letters, digits and hyphens only (no spaces, markup or
    // direction overrides); the organisation's stricter rule is applied by the page.
    case: /^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/,
    at: /^(20\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?(Z|[+-]\d\d:\d\d)$/,
    date: /^(20\d\d)-(\d\d)-(\d\d)$/,
    duration: /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/,
  };
  var MAX_TEXT = 10000;

  // Types per log kind. Each value rule returns "" or what is wrong.
  var OUTCOME = {
    resolved: function (v) { return v === null || typeof v === "boolean" ? "" : "应为 true、false 或 null"; },
    satisfaction: function (v) { return v === null || (isInt(v) && v >= 1 && v <= 5) ? "" : "应为 1–5 的整数或 null"; },
    compensation: function (v) { return v === null || (typeof v === "number" && isFinite(v) && v >= 0 && v <= 1e9) ? "" : "应为 0–1000000000 的数或 null"; },
    improvements: function (v) { return v === null || (isInt(v) && v >= 0 && v <= 1000) ? "" : "应为 0–1000 的整数或 null"; },
  };
  var TYPES = {
    run: {
      start: { value: startValue },
      tick: { step: true },
      untick: { step: true },
      skip: { step: true, value: text(1) },
      note: { step: true, value: text(0) },
      outcome: { field: OUTCOME },
      severity: { value: idValue },
      category: { value: idValue },
      "sign-for": { value: function (v) { return v === null || isDate(v) ? "" : "应为 YYYY-MM-DD 日期或 null"; } },
      close: {},
      reopen: {},
      discard: {},
      undo: { target: true },
    },
    drill: {
      clock: { value: function (v) { return ["start", "pause", "resume", "stop"].indexOf(v) >= 0 ? "" : "应为 start、pause、resume 或 stop"; } },
      reveal: { step: true },
      observe: { step: true, value: bool },
      rate: { field: "id", value: function (v) { return v === null || (isInt(v) && v >= 1 && v <= 5) ? "" : "应为 1–5 的整数或 null"; } },
      note: { field: "id", value: text(0) },
      undo: { target: true },
    },
    quiz: {
      answer: { field: "id", value: function (v) { return v === null || (isInt(v) && v >= 0 && v < 100) ? "" : "应为选项序号或 null"; } },
      module: { step: true, value: bool },
      submit: {},
      undo: { target: true },
    },
    draft: {
      field: { field: "id", value: text(0) },
      clear: {},
      undo: { target: true },
    },
  };
  var ENVELOPE = ["v", "id", "log", "type", "at", "actor", "device", "step", "field", "value", "target"];

  function isInt(v) { return typeof v === "number" && Math.floor(v) === v && isFinite(v); }
  function bool(v) { return typeof v === "boolean" ? "" : "应为 true 或 false"; }
  function idValue(v) { return typeof v === "string" && RE.id.test(v) ? "" : "应为标识符（小写字母、数字和连字符）"; }
  function text(min) {
    return function (v) {
      return typeof v === "string" && v.length >= min && v.length <= MAX_TEXT ? "" : min ? "应为 1–" + MAX_TEXT + " 字的文字" : "应为不超过 " + MAX_TEXT + " 字的文字";
    };
  }
  function isDate(v) {
    var m = typeof v === "string" && RE.date.exec(v);
    return !!m && calendar(+m[1], +m[2], +m[3]);
  }
  function calendar(y, mo, d) { return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo - 1); }
  function daysIn(y, m0) { return new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate(); }

  // Milliseconds of an ISO instant with an explicit offset, or NaN (Date.parse is too lenient:
  // it takes "1" and 0 as dates).
  function instant(at) {
    var m = typeof at === "string" && RE.at.exec(at);
    if (!m || !calendar(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return NaN;
    if (m[8] !== "Z" && (+m[8].slice(4) > 59 || +m[8].slice(1, 3) > 14)) return NaN;
    return Date.parse(at);
  }

  function startValue(v) {
    if (!v || typeof v !== "object" || Array.isArray(v)) return "应为对象";
    var allowed = ["case", "procedure", "version", "severity", "category", "source", "start", "title", "hash", "checklist"];
    for (var k in v) if (allowed.indexOf(k) < 0) return k + "：未知字段";
    if (typeof v.case !== "string" || !RE.case.test(v.case)) return "case：投诉编号只能含字母、数字和连字符（1–40 位）";
    if (typeof v.procedure !== "string" || !RE.id.test(v.procedure)) return "procedure：应为检查单标识符";
    if (typeof v.version !== "string" || !v.version || v.version.length > 40) return "version：应为预案版本号";
    var ids = ["severity", "category", "source"];
    for (var i = 0; i < ids.length; i++) {
      if (v[ids[i]] !== undefined && v[ids[i]] !== null && idValue(v[ids[i]])) return ids[i] + "：" + idValue(v[ids[i]]);
    }
    if (isNaN(instant(v.start))) return "start：应为带时区的 ISO 时间";
    if (v.title !== undefined && (typeof v.title !== "string" || v.title.length > 200)) return "title：应为不超过 200 字的文字";
    if (v.hash !== undefined && (typeof v.hash !== "string" || v.hash.length > 64)) return "hash：应为检查单指纹";
    if (v.checklist !== undefined) return checklistValue(v.checklist);
    return "";
  }

  // The checklist as it was when the run started, so the run can be summarised where the
  // procedure page is not at hand (runs page, imports) and removed steps can still be named.
  function checklistValue(c) {
    if (!c || typeof c !== "object" || !Array.isArray(c.steps) || !Array.isArray(c.blocks) || !Array.isArray(c.severities)) return "checklist：应含 steps、blocks、severities 列表";
    for (var i = 0; i < c.steps.length; i++) {
      var s = c.steps[i];
      if (!s || typeof s.id !== "string" || !RE.id.test(s.id) || typeof s.text !== "string") return "checklist.steps[" + i + "]：步骤缺少 id 或 text";
      if (s.due && !RE.duration.test(s.due)) return "checklist.steps[" + i + "].due：不是 ISO 8601 时长";
      var by = s.dueBySeverity;
      if (by !== undefined && by !== null && (typeof by !== "object" || Array.isArray(by) || Object.keys(by).some(function (k) { return typeof by[k] !== "string" || !RE.duration.test(by[k]); }))) {
        return "checklist.steps[" + i + "].dueBySeverity：应为严重程度到 ISO 8601 时长的对照";
      }
    }
    return "";
  }

  function kindOf(log) { return typeof log === "string" ? log.slice(0, log.indexOf(":")) : ""; }

  // "" when the event is valid; "future" when it has a newer version (kept, flagged, not folded);
  // otherwise what is wrong, naming the field.
  function check(e) {
    if (!e || typeof e !== "object" || Array.isArray(e)) return "不是 JSON 对象";
    if (isInt(e.v) && e.v > VERSION) return "future";
    if (e.v !== VERSION) return "v：事件格式版本应为 " + VERSION;
    for (var k in e) if (ENVELOPE.indexOf(k) < 0) return k + "：未知字段";
    if (typeof e.id !== "string" || !RE.uuid.test(e.id)) return "id：应为小写 UUID";
    if (typeof e.log !== "string" || !RE.log.test(e.log)) return "log：应为 run:<UUID>、drill:<演练>:<UUID>、quiz:<路径> 或 draft:<模板>:<投诉编号>";
    var rule = (TYPES[kindOf(e.log)] || {})[e.type];
    if (!rule || !Object.prototype.hasOwnProperty.call(TYPES[kindOf(e.log)], e.type)) return "type：“" + String(e.type).slice(0, 40) + "”不是 " + kindOf(e.log) + " 日志的事件类型";
    if (isNaN(instant(e.at))) return "at：应为带时区的 ISO 时间，例如 2026-11-29T20:30:00.000+08:00";
    var a = e.actor;
    if (!a || typeof a !== "object" || Object.keys(a).some(function (x) { return x !== "name" && x !== "role"; })) return "actor：应为 {name, role}";
    if (typeof a.name !== "string" || !a.name.trim() || a.name.length > 40) return "actor.name：应为 1–40 字的姓名";
    if (typeof a.role !== "string" || !a.role || a.role.length > 40) return "actor.role：应为 1–40 字的角色";
    if (typeof e.device !== "string" || !RE.uuid.test(e.device)) return "device：应为小写 UUID";
    if (rule.step ? typeof e.step !== "string" || !RE.id.test(e.step) : e.step !== undefined) return rule.step ? "step：应为步骤标识符" : "step：此类事件不带 step";
    if (rule.field) {
      var fieldOk = rule.field === "id" ? typeof e.field === "string" && RE.id.test(e.field) : Object.prototype.hasOwnProperty.call(rule.field, e.field);
      if (!fieldOk) return "field：" + (rule.field === "id" ? "应为字段标识符" : "应为 " + Object.keys(rule.field).join("、") + " 之一");
    } else if (e.field !== undefined) return "field：此类事件不带 field";
    var valueRule = rule.field && rule.field !== "id" ? rule.field[e.field] : rule.value;
    if (valueRule) {
      var bad = e.value === undefined ? "缺少" : valueRule(e.value);
      if (bad) return "value：" + bad;
    } else if (e.value !== undefined) return "value：此类事件不带 value";
    if (rule.target ? typeof e.target !== "string" || !RE.uuid.test(e.target) || e.target === e.id : e.target !== undefined) return rule.target ? "target：应为被撤销事件的 id" : "target：此类事件不带 target";
    return "";
  }

  // Events deduplicated by id (first copy wins; copies of one event are identical) and sorted by
  // (instant, id): every copy of a log folds in the same order whatever order it arrived in.
  function order(events) {
    var seen = Object.create(null);
    var out = [];
    events.forEach(function (e) {
      if (e && typeof e.id === "string" && !Object.prototype.hasOwnProperty.call(seen, e.id)) { seen[e.id] = true; out.push(e); }
    });
    return out.map(function (e) { return [instant(e.at), e]; })
      .sort(function (x, y) { return x[0] - y[0] || (x[1].id < y[1].id ? -1 : x[1].id > y[1].id ? 1 : 0); })
      .map(function (p) { return p[1]; });
  }

  function merge(a, b) { return order(a.concat(b)); }

  // Ids of events cancelled by an undo that is itself in force (an undo can be undone: redo).
  function cancelled(events) {
    var undos = Object.create(null);
    var starts = Object.create(null);
    events.forEach(function (e) { if (e.type === "start") starts[e.id] = true; });
    // A run's start cannot be undone (that would orphan the run); discard hides a run instead.
    events.forEach(function (e) { if (e.type === "undo" && !starts[e.target]) (undos[e.target] = undos[e.target] || []).push(e); });
    var memo = Object.create(null);
    function isCancelled(id, depth) {
      if (Object.prototype.hasOwnProperty.call(memo, id)) return memo[id];
      if (depth > events.length) return false; // a cycle (only possible with forged ids)
      var result = (undos[id] || []).some(function (u) { return !isCancelled(u.id, depth + 1); });
      memo[id] = result;
      return result;
    }
    var out = Object.create(null);
    events.forEach(function (e) { if (isCancelled(e.id, 0)) out[e.id] = true; });
    return out;
  }

  function who(e) { return { name: e.actor.name, role: e.actor.role, at: e.at, event: e.id }; }

  // The state of one run from its events. Invalid events are listed in `problems` and skipped;
  // events of a newer version are listed in `future` and kept out of the fold.
  function foldRun(events) {
    var ordered = order(events);
    var off = cancelled(ordered);
    var run = {
      log: null, start: null, case: null, procedure: null, severity: null, category: null,
      startedAt: null, closedAt: null, discarded: false, signedFor: null,
      steps: {}, notes: {}, outcome: { resolved: null, satisfaction: null, compensation: null, improvements: null },
      history: [], problems: [], future: [],
    };
    ordered.forEach(function (e) {
      var bad = check(e);
      if (bad === "future") { run.future.push(e); return; }
      if (bad) { run.problems.push({ id: e.id, problem: bad }); return; }
      if (run.log && e.log !== run.log) { run.problems.push({ id: e.id, problem: "log：属于另一条记录 " + e.log }); return; }
      run.log = e.log;
      var undone = !!off[e.id];
      run.history.push({ event: e, undone: undone });
      if (undone) return;
      var v = e.value;
      switch (e.type) {
        case "start":
          if (run.start) { run.problems.push({ id: e.id, problem: "重复的开始事件，已忽略" }); return; }
          run.start = v; run.case = v.case; run.procedure = v.procedure;
          run.severity = v.severity || null; run.category = v.category || null; run.startedAt = v.start;
          break;
        case "tick": run.steps[e.step] = { status: "done", by: who(e) }; break;
        case "skip": run.steps[e.step] = { status: "skipped", reason: v, by: who(e) }; break;
        case "untick": delete run.steps[e.step]; break;
        case "note": if (v) run.notes[e.step] = { text: v, by: who(e) }; else delete run.notes[e.step]; break;
        case "outcome": run.outcome[e.field] = v; break;
        case "severity": run.severity = v; break;
        case "category": run.category = v; break;
        case "sign-for": run.signedFor = v; break;
        case "close": run.closedAt = e.at; break;
        case "reopen": run.closedAt = null; break;
        case "discard": run.discarded = true; break;
      }
    });
    if (!run.start && run.history.length) run.problems.push({ id: null, problem: "缺少开始事件（start），无法确定投诉编号和检查单" });
    return run;
  }

  // The latest event in force that `mine` made (ids this tab appended), which undo reverts.
  function lastUndoable(events, mine) {
    var ordered = order(events);
    var off = cancelled(ordered);
    for (var i = ordered.length - 1; i >= 0; i--) {
      var e = ordered[i];
      if (e.type !== "start" && !off[e.id] && (!mine || mine[e.id]) && !check(e)) return e;
    }
    return null;
  }

  // ---- Time -----------------------------------------------------------------------------

  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = "0" + n; return n; }

  // Wall-clock fields of an instant in a zone `east` minutes east of UTC.
  function wall(ms, east) {
    var d = new Date(ms + east * 60000);
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
  }

  function offsetText(east) {
    var sign = east < 0 ? "-" : "+";
    east = Math.abs(east);
    return sign + pad(Math.floor(east / 60)) + ":" + pad(east % 60);
  }

  // "2026-11-29T20:30:00.000+08:00": the instant with the writer's own offset, so a reader sees
  // both the moment and the local time it was written in.
  function isoAt(ms, east) {
    var w = wall(ms, east);
    return w.y + "-" + pad(w.mo + 1) + "-" + pad(w.d) + "T" + pad(w.h) + ":" + pad(w.mi) + ":" + pad(w.s) + "." + pad(w.ms, 3) + offsetText(east);
  }

  function zoneLabel(east) {
    var h = Math.floor(Math.abs(east) / 60);
    var m = Math.abs(east) % 60;
    return "UTC" + (east < 0 ? "−" : "+") + h + (m ? ":" + pad(m) : "");
  }

  // "2026-11-29 20:30 UTC+8"; `east` is a number or a function of the instant (the viewer's zone).
  function fmt(ms, east) {
    if (typeof ms === "string") ms = instant(ms);
    if (ms === null || ms === undefined || isNaN(ms)) return "";
    var z = typeof east === "function" ? east(ms) : east === undefined ? CHINA : east;
    var w = wall(ms, z);
    return w.y + "-" + pad(w.mo + 1) + "-" + pad(w.d) + " " + pad(w.h) + ":" + pad(w.mi) + " " + zoneLabel(z);
  }

  // An ISO 8601 duration added to an instant, in China time: years and months keep the day of the
  // month, clamped to the month's end (Aug 31 + P6M = Feb 28, as the Python add_duration); weeks
  // and days are calendar days; hours and minutes are real elapsed time. China has no daylight
  // saving, so the result does not depend on the viewer's zone.
  function addDuration(ms, iso) {
    var m = RE.duration.exec(iso || "");
    if (!m || isNaN(ms)) return null;
    var w = wall(ms, CHINA);
    var months = w.mo + 12 * (+m[1] || 0) + (+m[2] || 0);
    var y = w.y + Math.floor(months / 12);
    var mo = months % 12;
    var day = Math.min(w.d, daysIn(y, mo)) + 7 * (+m[3] || 0) + (+m[4] || 0);
    var local = Date.UTC(y, mo, day, w.h, w.mi, w.s, w.ms);
    return local - CHINA * 60000 + HOUR * (+m[5] || 0) + 60000 * (+m[6] || 0);
  }

  // ---- Rules on a folded run and its checklist ---------------------------------------------

  function rankOf(severities, id) {
    var found = (severities || []).filter(function (s) { return s.id === id; })[0];
    return found ? found.rank : 0;
  }

  // Steps that apply given the run's severity and category.
  function applicable(run, checklist) {
    var rank = rankOf(checklist.severities, run.severity);
    return checklist.steps.filter(function (s) {
      if (s.minRank && s.minRank > rank) return false;
      if (s.categories && s.categories.length && s.categories.indexOf(run.category) < 0) return false;
      return true;
    });
  }

  function isClosed(run, id) { return !!run.steps[id]; }

  // A step's time allowed (ISO duration) for a run of this severity: its fixed due, or the
  // rulebook's target for the severity (dueBySeverity; severities as a list or by id). With no severity, or one the step does
  // not list, the highest level's target applies: when unsure, take the higher level.
  function stepDue(step, severity, severities) {
    var by = step.dueBySeverity;
    if (!by) return step.due || null;
    if (severity && by[severity]) return by[severity];
    var list = Array.isArray(severities) ? severities : Object.keys(severities || {}).map(function (k) { return severities[k]; });
    var top = list.filter(function (s) { return by[s.id]; })
      .sort(function (a, b) { return b.rank - a.rank; })[0];
    return top ? by[top.id] : null;
  }

  // stepId → due instant (ms), or null while its clock has not started (due_from step open).
  function dueTimes(run, checklist) {
    var out = {};
    var start = instant(run.startedAt);
    checklist.steps.forEach(function (s) {
      var due = stepDue(s, run.severity, checklist.severities);
      if (!due) return;
      var base = start;
      if (s.dueFrom) {
        var from = run.steps[s.dueFrom];
        base = from && from.status === "done" ? instant(from.by.at) : null;
      }
      out[s.id] = base === null ? null : addDuration(base, due);
    });
    return out;
  }

  // Progress, what is next and what is late at `now` (ms). An empty checklist is never "complete".
  function summary(run, checklist, now) {
    var steps = applicable(run, checklist);
    var due = dueTimes(run, checklist);
    var open = steps.filter(function (s) { return !isClosed(run, s.id); });
    var required = steps.filter(function (s) { return s.required !== false; });
    var late = run.closedAt ? [] : open.filter(function (s) { return due[s.id] !== null && due[s.id] !== undefined && due[s.id] < now; });
    return {
      total: steps.length,
      done: steps.length - open.length,
      // Complete needs at least one step done: a run with no tick (an old record with no steps,
      // a checklist of optional steps) is never called complete (review 2.7, 3.7).
      complete: steps.some(function (s) { return (run.steps[s.id] || {}).status === "done"; }) && required.every(function (s) { return isClosed(run, s.id); }),
      next: open[0] || null,
      nextDue: open[0] && due[open[0].id] ? due[open[0].id] : null,
      // The open step due soonest (it may not be the next in order): what a phone keeps in view.
      soonest: open.filter(function (s) { return due[s.id]; }).sort(function (a, b) { return due[a.id] - due[b.id]; })[0] || null,
      late: late,
      due: due,
    };
  }

  // Events whose time cannot be right (review 5.1): before the run was started (its start event or
  // the 受理时间, whichever is later), before the event they undo, or after `now` (that clock is
  // ahead, or this one has moved back). Times stay as recorded; the page warns. A minute's leeway
  // for clocks of different devices. → [{ event, why }]
  function clockIssues(run, now) {
    var byId = {};
    var begun = instant(run.startedAt);
    run.history.forEach(function (h) {
      byId[h.event.id] = h.event;
      if (h.event.type === "start") begun = Math.max(begun, instant(h.event.at));
    });
    var out = [];
    run.history.forEach(function (h) {
      var e = h.event;
      var t = instant(e.at);
      var why = t > now + 6e4 ? "晚于现在" : t < begun - 6e4 && e.type !== "start" ? "早于记录开始" :
        e.type === "undo" && byId[e.target] && t < instant(byId[e.target].at) ? "早于它撤销的操作" : "";
      if (why) out.push({ event: e, why: why });
    });
    return out;
  }

  // Steps with a recorded state that the given checklist no longer has.
  function gone(run, checklist) {
    var known = {};
    checklist.steps.forEach(function (s) { known[s.id] = true; });
    return Object.keys(run.steps).filter(function (id) { return !known[id]; });
  }

  var LABELS = {
    start: "开始记录", tick: "完成", untick: "取消勾选", skip: "跳过", note: "备注", outcome: "结果",
    severity: "严重程度改为", category: "类别改为", "sign-for": "签收日期", close: "结案", reopen: "重新打开",
    discard: "清除记录", undo: "撤销",
  };

  // A line describing one event, for the history list and exports (plain text, not escaped).
  function describe(e, stepText, byId) {
    var what = LABELS[e.type] || e.type;
    if (e.step) what += "“" + (stepText[e.step] || e.step) + "”";
    if (e.type === "skip") what += "：" + e.value;
    if (e.type === "note") what += e.value ? "：" + e.value : "（删除）";
    if (e.type === "outcome") what += " " + e.field + " = " + (e.value === null ? "（空）" : e.value);
    if (e.type === "severity") what += " " + (stepText["severity:" + e.value] || e.value);
    if (e.type === "category" || e.type === "sign-for") what += " " + (e.value === null ? "（空）" : e.value);
    if (e.type === "undo") {
      var t = byId && byId[e.target];
      what += t ? "：" + describe(t, stepText) : " " + e.target;
    }
    return what;
  }

  // Step id → text, and "severity:<id>" → the level's name (a step id cannot hold a colon).
  function stepTexts(checklist) {
    var out = {};
    ((checklist && checklist.steps) || []).forEach(function (s) { out[s.id] = s.text; });
    ((checklist && checklist.severities) || []).forEach(function (s) { out["severity:" + s.id] = s.name; });
    return out;
  }

  return {
    VERSION: VERSION,
    LABELS: LABELS,
    describe: describe,
    stepTexts: stepTexts,
    CHINA: CHINA,
    TYPES: TYPES,
    RE: RE,
    check: check,
    instant: instant,
    kindOf: kindOf,
    order: order,
    merge: merge,
    cancelled: cancelled,
    foldRun: foldRun,
    lastUndoable: lastUndoable,
    isoAt: isoAt,
    fmt: fmt,
    zoneLabel: zoneLabel,
    addDuration: addDuration,
    applicable: applicable,
    stepDue: stepDue,
    isClosed: isClosed,
    dueTimes: dueTimes,
    summary: summary,
    clockIssues: clockIssues,
    gone: gone,
  };
});
