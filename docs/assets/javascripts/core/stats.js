// pb.stats: statistics (seed 7.3) from run records, pure: no DOM, no storage, same in Node.
// Records come from exported run files (today's "pb-run" format) or from run event logs; every
// record is checked first (types, possible times, known ids) and rejected by name when wrong.
// Days, weeks and months are China time (Asia/Shanghai: UTC+8, no daylight saving since 1991),
// whatever the viewer's zone. Cases are keyed in Maps, so a case number such as "__proto__"
// is an ordinary key and cannot reach any other record.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"));
  else (root.pb = root.pb || {}).stats = factory(root.pb.events);
})(typeof self !== "undefined" ? self : this, function (E) {
  "use strict";
  var MINUTE = 60000, HOUR = 3600000, DAY = 86400000;
  var CHINA = 8 * HOUR;
  // An instant with its zone: "2026-11-29T20:30:00.000+08:00" or "…Z". Date.parse alone accepts "1" and 0.
  var INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
  var DURATION = E.RE.duration;
  var EARLIEST = Date.UTC(2000, 0, 1);
  var LIMITS = { satisfaction: [1, 5], compensation: [0, 1e8], improvements: [0, 1000] };

  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function round(n, d) { var f = Math.pow(10, d === undefined ? 1 : d); return Math.round(n * f) / f; }

  // ---- China time ----------------------------------------------------------------------

  function chinaDate(ms) { return new Date(ms + CHINA); } // read with getUTC* only
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function monthOf(ms) { var d = chinaDate(ms); return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1); }
  function dayOf(ms) { var d = chinaDate(ms); return monthOf(ms) + "-" + pad(d.getUTCDate()); }
  // ISO week (Monday first; the week belongs to the year of its Thursday), of the China date.
  function weekOf(ms) {
    var d = chinaDate(ms);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
    var week = Math.ceil(((d - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY + 1) / 7);
    return d.getUTCFullYear() + "-W" + pad(week);
  }
  // "2026-W47" → "11月16日–22日": what people read on a calendar.
  function weekLabel(key) {
    var m = /^(\d{4})-W(\d{2})$/.exec(key);
    if (!m) return key;
    var jan4 = Date.UTC(+m[1], 0, 4);
    var monday = jan4 - (((new Date(jan4).getUTCDay() || 7) - 1) * DAY) + (+m[2] - 1) * 7 * DAY;
    var a = new Date(monday), b = new Date(monday + 6 * DAY);
    return (a.getUTCMonth() + 1) + "月" + a.getUTCDate() + "日–" + (a.getUTCMonth() === b.getUTCMonth() ? "" : (b.getUTCMonth() + 1) + "月") + b.getUTCDate() + "日";
  }

  // Step deadlines: core/events.js (China calendar, months clamped to the month's end).
  var addDuration = E.addDuration;

  // ---- Checking one record -------------------------------------------------------------

  // ms of a strict ISO instant that is possible (2000 … now + 1 day), or a reason string.
  function instant(value, name, now) {
    if (typeof value !== "string" || !INSTANT.test(value)) return name + " 不是带时区的时间（" + JSON.stringify(value) + "）";
    var ms = Date.parse(value);
    if (isNaN(ms)) return name + " 不是有效时间（" + value + "）";
    if (ms < EARLIEST) return name + " 早于 2000 年（" + value + "）";
    if (ms > now + DAY) return name + " 在未来（" + value + "）";
    return ms;
  }

  // [value] when value is null or a known id of ctx[kind], else [undefined, reason].
  function known(ctx, kind, value, name) {
    if (value === null || value === undefined) return [null];
    if (typeof value !== "string" || !own(ctx[kind], value)) return [undefined, name + " 不是已定义的值（" + JSON.stringify(value) + "）"];
    return [value];
  }

  function outcomeOf(o) {
    var out = { resolved: null, satisfaction: null, compensation: null, improvements: null };
    if (o === null || o === undefined) return out;
    if (!isObject(o)) return "outcome 不是对象";
    if (o.resolved !== null && o.resolved !== undefined) {
      if (typeof o.resolved !== "boolean") return "outcome.resolved 应为 true/false（" + JSON.stringify(o.resolved) + "）";
      out.resolved = o.resolved;
    }
    for (var k in LIMITS) {
      var v = o[k];
      if (v === null || v === undefined) continue;
      if (typeof v !== "number" || !isFinite(v)) return "outcome." + k + " 应为数字（" + JSON.stringify(v) + "）";
      if (v < LIMITS[k][0] || v > LIMITS[k][1] || (k !== "compensation" && v !== Math.round(v))) {
        return "outcome." + k + " 超出范围 " + LIMITS[k][0] + "–" + LIMITS[k][1] + "（" + v + "）";
      }
      out[k] = v;
    }
    return out;
  }

  // Common fields of a record, whatever its source; returns the record or a reason.
  function normalise(raw, ctx) {
    var now = ctx.now === undefined ? Date.now() : ctx.now;
    if (typeof raw.case !== "string" || !raw.case) return "缺少投诉编号 case";
    var practice = !!(ctx.practicePattern && new RegExp(ctx.practicePattern).test(raw.case));
    if (!practice && ctx.casePattern && !new RegExp(ctx.casePattern).test(raw.case)) return "投诉编号不符合编号规则（" + JSON.stringify(raw.case.slice(0, 40)) + "）";
    if (!isObject(raw.procedure) || typeof raw.procedure.id !== "string" || typeof raw.procedure.title !== "string") return "procedure 缺少 id 或 title";
    var start = instant(raw.startedAt, "startedAt", now);
    if (typeof start === "string") return start;
    var close = null;
    if (raw.closedAt !== null && raw.closedAt !== undefined) {
      close = instant(raw.closedAt, "closedAt", now);
      if (typeof close === "string") return close;
      if (close < start) return "closedAt 早于 startedAt";
    }
    var rec = { case: raw.case, procedure: { id: raw.procedure.id, title: raw.procedure.title, version: raw.procedure.version },
      start: start, close: close, steps: [], done: new Map(), practice: practice };
    var fields = [["severity", "severities"], ["category", "categories"], ["source", "sources"]];
    for (var i = 0; i < fields.length; i++) {
      var v = known(ctx, fields[i][1], raw[fields[i][0]], fields[i][0]);
      if (v.length > 1) return v[1];
      rec[fields[i][0]] = v[0];
    }
    var outcome = outcomeOf(raw.outcome);
    if (typeof outcome === "string") return outcome;
    rec.outcome = outcome;
    return rec;
  }

  // Today's exported run file ({format: "pb-run", schema: 1, …}).
  function fromRunFile(run, ctx) {
    if (!isObject(run)) return "不是 JSON 对象";
    if (run.format !== "pb-run") return "缺少 format: \"pb-run\"，不是检查单记录";
    if (run.schema !== 1) return "记录格式版本 " + JSON.stringify(run.schema) + " 不受支持";
    var rec = normalise(run, ctx);
    if (typeof rec === "string") return rec;
    if (!Array.isArray(run.steps)) return "steps 不是列表";
    for (var i = 0; i < run.steps.length; i++) {
      var s = run.steps[i];
      if (!isObject(s) || typeof s.id !== "string" || typeof s.text !== "string") return "steps 第 " + (i + 1) + " 项格式不正确";
      if (s.due !== null && s.due !== undefined && !DURATION.test(s.due)) return "步骤 " + s.id + " 的时限不是 ISO 8601 时长";
      rec.steps.push({ id: s.id, text: s.text, due: s.due || null, dueFrom: typeof s.dueFrom === "string" ? s.dueFrom : null });
    }
    if (!isObject(run.state)) return "缺少 state";
    var ids = Object.keys(run.state);
    for (var j = 0; j < ids.length; j++) {
      var st = run.state[ids[j]];
      if (!isObject(st) || (st.status !== "done" && st.status !== "skipped")) return "步骤 " + ids[j] + " 的状态不正确";
      var at = instant(st.at, "步骤 " + ids[j] + " 的时间", ctx.now === undefined ? Date.now() : ctx.now);
      if (typeof at === "string") return at;
      if (st.status === "done") rec.done.set(ids[j], at);
    }
    rec.latest = Math.max.apply(null, [rec.start, rec.close || 0].concat(Array.from(rec.done.values())));
    return rec;
  }

  // Records from run event logs (exports or this browser's store): each log folded by
  // core/events.js; steps from the checklist the run started with, else from ctx.procedures.
  function fromEvents(events, ctx, where) {
    var logs = new Map(), out = [], problems = [];
    events.forEach(function (e) {
      if (e && typeof e.log === "string" && e.log.indexOf("run:") === 0) { if (!logs.has(e.log)) logs.set(e.log, []); logs.get(e.log).push(e); }
    });
    logs.forEach(function (list, log) {
      var run = E.foldRun(list);
      if (!run.start || run.discarded) return;
      var v = run.start;
      var proc = ctx.procedures && own(ctx.procedures, v.procedure) ? ctx.procedures[v.procedure] : null;
      var raw = { case: run.case, procedure: { id: v.procedure, title: v.title || (proc ? proc.title : v.procedure), version: v.version },
        severity: run.severity, category: run.category, source: v.source || null, startedAt: run.startedAt, closedAt: run.closedAt, outcome: run.outcome };
      var rec = normalise(raw, ctx);
      var name = where + "（" + (typeof run.case === "string" ? run.case : log) + "）";
      if (typeof rec === "string") { problems.push(name + "：" + rec + "，已跳过。"); return; }
      var sevs = v.checklist ? v.checklist.severities : ctx.severities;
      rec.steps = (v.checklist ? v.checklist.steps : proc ? proc.steps : []).map(function (s) { return { id: s.id, text: s.text, due: E.stepDue(s, run.severity, sevs), dueFrom: s.dueFrom || null }; });
      Object.keys(run.steps).forEach(function (id) {
        if (run.steps[id].status === "done") rec.done.set(id, E.instant(run.steps[id].by.at));
      });
      rec.latest = Math.max.apply(null, [rec.start, rec.close || 0].concat(Array.from(rec.done.values())));
      rec.where = name;
      out.push(rec);
    });
    return { records: out, problems: problems };
  }

  // Files → records, with a problem line per skipped or doubtful item naming its file.
  // files: [{name, text}]. Practice runs (practice case-number range) never count.
  function collect(files, ctx) {
    var records = new Map(), problems = [], practice = 0;
    function take(got) {
      problems.push.apply(problems, got.problems);
      got.records.forEach(function (rec) { if (rec.practice) practice++; else add(records, rec, problems); });
    }
    files.forEach(function (f) {
      var parsed;
      try { parsed = JSON.parse(f.text.replace(/^\ufeff/, "")); } catch (e) { problems.push(f.name + "：不是有效的 JSON，已跳过。"); return; }
      var events = isObject(parsed) && Array.isArray(parsed.events) ? parsed.events
        : Array.isArray(parsed) && parsed.length && parsed.every(function (x) { return isObject(x) && typeof x.log === "string" && x.v !== undefined; }) ? parsed : null;
      if (events) { take(fromEvents(events, ctx, f.name)); return; }
      var items = Array.isArray(parsed) ? parsed : [parsed];
      items.forEach(function (item, i) {
        var where = f.name + (Array.isArray(parsed) ? " 第 " + (i + 1) + " 条" : "");
        var rec = fromRunFile(item, ctx);
        if (typeof rec === "string") { problems.push(where + "：" + rec + "，已跳过。"); return; }
        if (rec.practice) { practice++; return; }
        rec.where = where;
        add(records, rec, problems);
        if (ctx.version && rec.procedure.version !== ctx.version) problems.push(where + "：基于预案版本 " + rec.procedure.version + "（当前 " + ctx.version + "），已计入。");
      });
    });
    return { records: Array.from(records.values()), problems: problems, practice: practice };
  }

  // One record per case and checklist: the one with the latest activity wins, and is reported.
  function add(records, rec, problems) {
    var key = JSON.stringify([rec.case, rec.procedure.id]);
    var prev = records.get(key);
    if (!prev) { records.set(key, rec); return; }
    var keep = rec.latest > prev.latest ? rec : prev, drop = keep === rec ? prev : rec;
    records.set(key, keep);
    problems.push(drop.where + "：与 " + keep.where + " 是同一案件同一检查单的记录，采用较新的 " + keep.where + "。");
  }

  // ---- Metrics (playbook/metrics.yml) ---------------------------------------------------

  function inc(map, key, n) { map.set(key, (map.get(key) || 0) + (n === undefined ? 1 : n)); }
  function entries(map) { return Array.from(map.entries()).sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }); }
  function object(pairs) { var o = {}; pairs.forEach(function (p) { o[p[0]] = p[1]; }); return o; }

  function dueTimes(rec) {
    var out = new Map();
    rec.steps.forEach(function (s) {
      if (!s.due) return;
      var base = s.dueFrom ? rec.done.get(s.dueFrom) : rec.start;
      if (base !== undefined) out.set(s.id, addDuration(base, s.due));
    });
    return out;
  }

  function compute(records, ctx) {
    var cases = new Map();
    records.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (r) {
      var c = cases.get(r.case);
      if (!c) cases.set(r.case, c = { start: Infinity, close: -Infinity, open: false, severity: null, category: null, source: null,
        outcome: { resolved: null, satisfaction: null, compensation: null, improvements: null } });
      c.start = Math.min(c.start, r.start);
      if (r.close !== null) c.close = Math.max(c.close, r.close); else c.open = true;
      if (r.severity && (!c.severity || ctx.severities[r.severity].rank > ctx.severities[c.severity].rank)) c.severity = r.severity;
      c.category = c.category || r.category;
      c.source = c.source || r.source;
      Object.keys(c.outcome).forEach(function (k) { if (r.outcome[k] !== null) c.outcome[k] = r.outcome[k]; });
    });
    var list = Array.from(cases.values());
    var closed = list.filter(function (c) { return !c.open; });
    var month = new Map(), week = new Map(), cat = new Map(), sev = new Map(), src = new Map();
    list.forEach(function (c) {
      inc(month, monthOf(c.start)); inc(week, weekOf(c.start));
      inc(cat, c.category || ""); inc(sev, c.severity || ""); inc(src, c.source || "");
    });
    var hours = closed.map(function (c) { return (c.close - c.start) / HOUR; });
    var mean = hours.length ? hours.reduce(function (a, b) { return a + b; }, 0) / hours.length : null;
    var timed = closed.filter(function (c) { return c.severity; });
    var onTime = timed.filter(function (c) { return (c.close - c.start) / HOUR <= ctx.severities[c.severity].resolveHours; });
    var stage = new Map(), overdue = new Map();
    records.forEach(function (r) {
      if (r.close !== null) {
        var st = stage.get(r.procedure.id);
        if (!st) stage.set(r.procedure.id, st = { title: r.procedure.title, n: 0, hours: 0 });
        st.n++; st.hours += (r.close - r.start) / HOUR;
      }
      var due = dueTimes(r);
      r.steps.forEach(function (s) {
        var at = r.done.get(s.id);
        if (at === undefined || !due.has(s.id) || at <= due.get(s.id)) return;
        var key = JSON.stringify([r.procedure.id, s.id]);
        var o = overdue.get(key);
        if (!o) overdue.set(key, o = { procedure: r.procedure.title, step: s.text, count: 0 });
        o.count++;
      });
    });
    var stageOut = {};
    entries(stage).forEach(function (e) {
      var s = e[1];
      stageOut[e[0]] = { title: s.title, n: s.n, hours: round(s.hours, 3), mean: round(s.hours / s.n), meanDays: round(s.hours / s.n / 24, 2) };
    });
    var over = Array.from(overdue.values()).sort(function (a, b) {
      return b.count - a.count || (a.procedure + a.step < b.procedure + b.step ? -1 : 1);
    });
    var withResolved = closed.filter(function (c) { return c.outcome.resolved !== null; });
    var sat = list.filter(function (c) { return c.outcome.satisfaction !== null; }).map(function (c) { return c.outcome.satisfaction; });
    return {
      cases: list.length, closed: closed.length,
      byMonth: object(entries(month)), byWeek: object(entries(week)),
      byCategory: object(entries(cat)), bySeverity: object(entries(sev)), bySource: object(entries(src)),
      handlingHours: mean === null ? null : round(mean), handlingDays: mean === null ? null : round(mean / 24),
      onTimeRate: timed.length ? round(100 * onTime.length / timed.length) : null,
      stage: stageOut,
      overdue: over, overdueTotal: over.reduce(function (a, o) { return a + o.count; }, 0),
      resolutionRate: withResolved.length ? round(100 * withResolved.filter(function (c) { return c.outcome.resolved; }).length / withResolved.length) : null,
      satisfaction: sat.length ? round(sat.reduce(function (a, b) { return a + b; }, 0) / sat.length, 2) : null,
      compensationCases: list.filter(function (c) { return c.outcome.compensation > 0; }).length,
      compensationTotal: round(list.reduce(function (a, c) { return a + (c.outcome.compensation || 0); }, 0), 2),
      improvements: list.reduce(function (a, c) { return a + (c.outcome.improvements || 0); }, 0),
    };
  }

  // A CSV cell that a spreadsheet will not run: = + - @ (and tab, CR) at the start are prefixed
  // with an apostrophe (OWASP's advice), then the cell is quoted.
  function csvCell(v) {
    var s = String(v === null || v === undefined ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function csv(rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  return {
    INSTANT: INSTANT, addDuration: addDuration, monthOf: monthOf, weekOf: weekOf, dayOf: dayOf, weekLabel: weekLabel,
    fromRunFile: fromRunFile, fromEvents: fromEvents, collect: collect, compute: compute, csv: csv, csvCell: csvCell,
  };
});
