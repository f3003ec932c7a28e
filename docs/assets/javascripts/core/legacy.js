// pb.legacy: today's stored drill, training and draft state (localStorage keys "pb:drill:<id>",
// "pb:training:<id>", "pb:draft:<template>:<case>") turned into events, once, on first load.
// Pure: the caller reads the old value and appends what comes back. Event ids are derived from
// the old key and item, so running the migration again (another tab, a reload) adds nothing:
// copies merge by union of ids. The old keys are left where they are.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else (root.pb = root.pb || {}).legacy = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

  // A UUID-shaped id from a string (FNV-1a with four seeds; stable, not secret).
  function idOf(text) {
    var hex = "";
    [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f].forEach(function (seed) {
      var h = seed >>> 0;
      for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
      hex += ("0000000" + h.toString(16)).slice(-8);
    });
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-8" + hex.slice(13, 16) + "-" + "89ab"[parseInt(hex[16], 16) % 4] + hex.slice(17, 20) + "-" + hex.slice(20, 32);
  }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return isObject(o) && Object.prototype.hasOwnProperty.call(o, k); }
  function iso(v, fallback) {
    if (typeof v === "number" && isFinite(v) && v > 0) return new Date(v).toISOString();
    return typeof v === "string" && INSTANT.test(v) && !isNaN(Date.parse(v)) ? v : fallback;
  }

  // ctx: {key (the old storage key), now (ISO), actor (this browser's person, if known), device,
  // questions (training: the path's question ids), scale (drill: its rating scale)}
  function events(ctx, log, list) {
    var actor = ctx.actor || { name: "迁移前的记录", role: "未记录" };
    return list.map(function (x, i) {
      var e = { v: 1, id: idOf(ctx.key + "\u0000" + i + "\u0000" + JSON.stringify([x.type, x.fields.step, x.fields.field])),
        log: log, type: x.type, at: x.at || ctx.now, actor: actor, device: ctx.device };
      Object.keys(x.fields).forEach(function (k) { e[k] = x.fields[k]; });
      return e;
    });
  }

  // Returns {events, problem}: problem names what was wrong with the stored value (and skipped).
  function training(pathId, old, ctx) {
    if (!isObject(old)) return { events: [], problem: "“" + ctx.key + "”不是培训进度记录，已忽略" };
    var out = [], bad = [];
    if (isObject(old.modules)) Object.keys(old.modules).forEach(function (m) { out.push({ type: "module", at: iso(old.modules[m], ctx.now), fields: { step: m, value: true } }); });
    else if (old.modules !== undefined) bad.push("modules");
    // Answers just before the submit that graded them.
    var when = new Date(Date.parse(iso(old.submitted, ctx.now)) - 1).toISOString();
    if (isObject(old.answers)) Object.keys(old.answers).forEach(function (q) {
      var v = old.answers[q];
      if (typeof v === "number" && v >= 0 && v === Math.floor(v)) out.push({ type: "answer", at: when, fields: { field: q, value: v } });
    });
    else if (old.answers !== undefined) bad.push("answers");
    if (old.submitted) {
      // Today's submit graded every question (unanswered ones as wrong): ask them all again.
      (ctx.questions || []).forEach(function (q) { if (!has(old.answers, q)) out.push({ type: "answer", at: when, fields: { field: q, value: null } }); });
      out.push({ type: "submit", at: iso(old.submitted, ctx.now), fields: {} });
    }
    return { events: events(ctx, "quiz:" + pathId, out), problem: bad.length ? "“" + ctx.key + "”中的 " + bad.join("、") + " 格式不正确，已跳过" : "" };
  }

  // ctx.scale: the drill's rating scale (old ratings were its values, events hold their place).
  function drill(drillId, old, ctx) {
    var log = "drill:" + drillId + ":" + idOf("legacy-session\u0000" + ctx.key);
    if (!isObject(old)) return { log: log, events: [], problem: "“" + ctx.key + "”不是演练记录，已忽略" };
    var out = [], bad = [];
    var start = typeof old.startedAt === "number" && old.startedAt > 0 ? old.startedAt : null;
    if (start) {
      var paused = typeof old.pausedMs === "number" && old.pausedMs > 0 ? old.pausedMs : 0;
      out.push({ type: "clock", at: iso(start), fields: { value: "start" } });
      // One pause at the start as long as all pauses together keeps the elapsed time exact.
      if (paused) {
        out.push({ type: "clock", at: iso(start + 1), fields: { value: "pause" } });
        out.push({ type: "clock", at: iso(start + 1 + paused), fields: { value: "resume" } });
      }
      if (typeof old.pausedAt === "number" && old.pausedAt > start) out.push({ type: "clock", at: iso(Math.max(old.pausedAt, start + 2 + paused)), fields: { value: "pause" } });
    } else if (old.startedAt !== null && old.startedAt !== undefined) bad.push("startedAt");
    var places = {};
    (ctx.scale || []).forEach(function (r, i) { places[r.value] = i + 1; });
    [["revealed", function (k, v) {
      // The reveal at the instant its clock time was reached, so the clock shown stays the same.
      var shift = v && v.elapsed > 0 && typeof old.pausedMs === "number" && old.pausedMs > 0 ? old.pausedMs : 0;
      var at = start && isObject(v) && typeof v.elapsed === "number" ? iso(start + shift + v.elapsed) : isObject(v) ? iso(v.at, ctx.now) : null;
      return at ? { type: "reveal", at: at, fields: { step: k } } : null;
    }], ["observed", function (k, v) {
      var m = /^(.+):(\d+)$/.exec(k);
      return m ? { type: "observe", at: iso(v, ctx.now), fields: { step: m[1] + "-" + m[2], value: true } } : null;
    }], ["ratings", function (k, v) {
      return places[v] ? { type: "rate", fields: { field: k, value: places[v] } } : null;
    }]].forEach(function (part) {
      var map = old[part[0]];
      if (map === undefined) return;
      if (!isObject(map)) { bad.push(part[0]); return; }
      Object.keys(map).forEach(function (k) { var e = part[1](k, map[k]); if (e) out.push(e); });
    });
    if (typeof old.notes === "string" && old.notes.trim()) out.push({ type: "note", fields: { field: "drill", value: old.notes } });
    else if (old.notes !== undefined && typeof old.notes !== "string") bad.push("notes");
    return { log: log, events: events(ctx, log, out), problem: bad.length ? "“" + ctx.key + "”中的 " + bad.join("、") + " 格式不正确，已跳过" : "" };
  }

  function draft(templateId, caseNumber, old, ctx) {
    var log = "draft:" + templateId + ":" + caseNumber;
    if (!isObject(old)) return { log: log, events: [], problem: "“" + ctx.key + "”不是草稿，已忽略" };
    var out = Object.keys(old).filter(function (k) { return /^[a-z][a-z0-9_]*$/.test(k) && typeof old[k] === "string" && old[k] !== ""; })
      .map(function (k) { return { type: "field", fields: { field: k.replace(/_/g, "-"), value: old[k] } }; });
    return { log: log, events: events(ctx, log, out), problem: "" };
  }

  return { idOf: idOf, training: training, drill: drill, draft: draft };
});
