// pb.runImport (pure): what an imported file holds, checked completely before anything is stored,
// and the conversion of run records in the format used before events (schema 1 "pb-run").
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"));
  else (root.pb = root.pb || {}).runImport = factory(root.pb.events);
})(typeof self !== "undefined" ? self : this, function (E) {
  "use strict";

  var LEGACY_ACTOR = { name: "（升级前的记录）", role: "unknown" };

  // A deterministic UUID-shaped id from text: converting the same old record twice (two tabs at
  // once, or a second import) gives the same events, so the union holds them once.
  function hashId(text) {
    var out = "";
    for (var seed = 0; seed < 4; seed++) {
      var h = (0x811c9dc5 ^ (seed * 0x9e3779b9)) >>> 0;
      for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
      out += ("0000000" + h.toString(16)).slice(-8);
    }
    return out.slice(0, 8) + "-" + out.slice(8, 12) + "-4" + out.slice(13, 16) + "-" + "89ab"[parseInt(out[16], 16) & 3] + out.slice(17, 20) + "-" + out.slice(20, 32);
  }

  function iso(at) {
    var ms = typeof at === "string" && /^\d{4}-\d\d-\d\dT/.test(at) ? Date.parse(at) : NaN;
    return isNaN(ms) ? null : E.isoAt(ms, E.CHINA);
  }

  // Events for one old-format run record; problems lists what could not be carried over.
  function fromLegacy(record, source) {
    var problems = [];
    if (!record || typeof record !== "object" || record.format !== "pb-run") return { events: [], problems: ["不是检查单记录（缺少 format: \"pb-run\"）"] };
    if (record.schema !== 1) return { events: [], problems: ["记录格式版本 " + record.schema + " 不受支持"] };
    var p = record.procedure || {};
    var key = "legacy:" + source + ":" + p.id + ":" + record.case;
    var log = "run:" + hashId(key);
    var device = hashId(key + ":device");
    var n = 0;
    var events = [];
    function add(type, at, fields) {
      var e = { v: 1, id: hashId(key + ":" + n++), log: log, type: type, at: at, actor: LEGACY_ACTOR, device: device };
      Object.keys(fields || {}).forEach(function (k) { e[k] = fields[k]; });
      var bad = E.check(e);
      if (bad) problems.push(type + (e.step ? " " + e.step : e.field ? " " + e.field : "") + "：" + bad);
      else events.push(e);
    }
    var started = iso(record.startedAt);
    if (!started) return { events: [], problems: ["startedAt 不是有效时间"] };
    var steps = Array.isArray(record.steps) ? record.steps.filter(function (s) { return s && typeof s.id === "string" && typeof s.text === "string"; }) : [];
    add("start", started, { value: {
      case: String(record.case), procedure: String(p.id), version: String(p.version || "?"), hash: typeof p.hash === "string" ? p.hash.slice(0, 64) : undefined,
      title: typeof p.title === "string" ? p.title.slice(0, 200) : undefined,
      severity: record.severity || null, category: record.category || null, source: record.source || null, start: started,
      checklist: {
        steps: steps.map(function (s) { return { id: s.id, text: s.text, block: s.block, owner: s.owner, due: s.due || null, dueFrom: s.dueFrom || null, required: s.required !== false, minRank: s.minRank || 0, categories: s.categories || [] }; }),
        blocks: (Array.isArray(record.blocks) ? record.blocks : []).filter(function (b) { return b && typeof b.id === "string"; }).map(function (b) { return { id: b.id, title: String(b.title) }; }),
        severities: (Array.isArray(record.severities) ? record.severities : []).filter(function (s) { return s && typeof s.id === "string"; }).map(function (s) { return { id: s.id, name: String(s.name), rank: Number(s.rank) || 0 }; }),
      },
    } });
    if (!events.length) return { events: [], problems: problems };
    var state = record.state && typeof record.state === "object" ? record.state : {};
    Object.keys(state).sort().forEach(function (id) {
      var st = state[id] || {};
      var at = iso(st.at) || started;
      if (st.status === "done") add("tick", at, { step: id });
      else if (st.status === "skipped") add("skip", at, { step: id, value: String(st.reason || "（未写理由）") });
      else problems.push("步骤 " + id + " 的状态不正确");
    });
    var notes = record.notes && typeof record.notes === "object" ? record.notes : {};
    Object.keys(notes).sort().forEach(function (id) { add("note", started, { step: id, value: String(notes[id]) }); });
    var outcome = record.outcome && typeof record.outcome === "object" ? record.outcome : {};
    ["resolved", "satisfaction", "compensation", "improvements"].forEach(function (f) {
      if (outcome[f] !== null && outcome[f] !== undefined) add("outcome", iso(record.closedAt) || started, { field: f, value: outcome[f] });
    });
    if (record.closedAt) {
      var closed = iso(record.closedAt);
      if (closed) add("close", closed); else problems.push("closedAt 不是有效时间");
    }
    return { events: events, problems: problems };
  }

  function eventsOf(data) {
    if (Array.isArray(data)) return data;
    if (data && data.format === "pb-events" && Array.isArray(data.events)) return data.events;
    return null;
  }

  // Everything in an imported file, or { problem } naming the file and what is wrong. Nothing is
  // taken from a file with any invalid event. opts.procedure limits it to one checklist;
  // opts.casePatterns are the organisation's case-number rules (real and practice).
  function check(name, text, opts) {
    opts = opts || {};
    var data;
    try { data = JSON.parse(String(text).replace(/^\ufeff/, "")); } catch (e) { return { problem: "导入失败：" + name + " 不是有效的 JSON。" }; }
    var events = eventsOf(data);
    var legacy = false;
    if (!events && data && data.format === "pb-run") {
      var conv = fromLegacy(data, "import");
      if (conv.problems.length) return { problem: "导入失败：" + name + "（旧格式记录）：" + conv.problems.slice(0, 3).join("；") + "。" };
      events = conv.events;
      legacy = true;
    }
    if (!events) return { problem: "导入失败：" + name + " 不是本站导出的检查单记录（应含 format: \"pb-events\" 和 events 列表）。" };
    var bad = [];
    events.forEach(function (e, i) {
      var why = E.check(e);
      if (why && why !== "future") bad.push("第 " + (i + 1) + " 个事件：" + why);
      else if (!why && E.kindOf(e.log) !== "run") bad.push("第 " + (i + 1) + " 个事件不属于检查单记录（" + e.log + "）");
    });
    if (bad.length) return { problem: "导入失败：" + name + "：" + bad.slice(0, 3).join("；") + (bad.length > 3 ? " 等 " + bad.length + " 处" : "") + "。本浏览器中的记录没有改动。" };
    var logs = {};
    events.forEach(function (e) { if (typeof e.log === "string") logs[e.log] = true; });
    var runs = Object.keys(logs).map(function (log) { return E.foldRun(events.filter(function (e) { return e.log === log; })); });
    var cases = [];
    for (var i = 0; i < runs.length; i++) {
      var run = runs[i];
      if (!run.start) continue; // events for a run whose start is already here: merged by id
      if (opts.procedure && run.procedure !== opts.procedure) return { problem: "导入失败：" + name + " 属于检查单“" + (run.start.title || run.procedure) + "”，请在那一页或“进行中”页导入。" };
      if (opts.casePatterns && !opts.casePatterns.some(function (p) { return new RegExp(p).test(run.case); })) return { problem: "导入失败：" + name + " 中的投诉编号“" + run.case + "”不符合本单位的编号规则。" };
      cases.push(run.case);
    }
    return { events: events, logs: Object.keys(logs), cases: cases, legacy: legacy };
  }

  // [text, kind] for the notice after appendAll (r): success only when everything was stored.
  function message(name, result, r) {
    var what = result.cases.length ? "投诉 " + result.cases.join("、") + " 的记录" : "记录";
    if (r.unsaved) return ["导入的" + what + "未能保存（" + (r.reason === "full" ? "本地存储空间已满" : r.reason === "disabled" ? "浏览器禁止了本地存储" : "写入失败") + "）：" + r.unsaved + " 个事件只在本页内存中。请保留 " + name + "，腾出空间后重新导入。", "failure"];
    if (!r.added) return [name + " 中的" + what + "本浏览器已全部有，没有变化。", "info"];
    return ["已导入" + what + "：新增 " + r.added + " 个事件" + (r.duplicates ? "，" + r.duplicates + " 个已有" : "") + "（与本浏览器中的记录合并）。", "success"];
  }

  return { hashId: hashId, fromLegacy: fromLegacy, check: check, message: message, eventsOf: eventsOf };
});
