// pb.events (browser store): append-only event logs kept in localStorage, one key per event.
//
// Why localStorage and not IndexedDB: reads are synchronous, so a checklist draws its run in the
// same task as the page (the page-ready budget is 1.1× a page without our scripts); it works from
// file:// for the offline edition; and one key per event makes every write the insert of a new
// key, so two tabs can never overwrite each other (no read-modify-write anywhere). The quota
// (about 5 M characters, some 15,000 events) is reported when reached, never hidden.
//
// API (promises, so a later backend can be asynchronous): append(event), appendAll(events),
// list(log), logs(prefix), subscribe(fn), identity(), setIdentity({name, role}); and
// newEvent(log, type, fields) → a filled-in event (sync), record(log, type, fields) = both;
// for team mode (team.js): receive(events) from a sync, onAppend(fn) for new events stored here,
// forget(log) to drop an archived run from this browser.
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});
  var E = pb.events;
  var PREFIX = "pb:ev:";
  var backend = null;
  try { backend = window.localStorage || null; } catch (e) { backend = null; }
  var session = null;
  try { session = window.sessionStorage || null; } catch (e) { session = null; }

  var logs = null; // log → { id → event }, loaded on first use
  var keys = Object.create(null); // event id → storage key, for events known to be stored
  var unsaved = Object.create(null); // event id → event held only in memory (its write failed)
  var problems = []; // stored entries that could not be read: { key, problem }
  var listeners = [];
  var appended = [];
  var told = {};
  var channel = null;
  try { channel = new BroadcastChannel("pb-events"); } catch (e) { channel = null; }

  function keyOf(e) { return PREFIX + e.log + "/" + e.id; }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function tell(kind, message) {
    if (told[kind]) return;
    told[kind] = true;
    if (pb.notice) pb.notice(message, "failure");
  }

  var MESSAGES = {
    disabled: "浏览器禁止了本地存储（例如隐私模式或禁用了网站数据）：记录只保存在本页内存中，刷新、关闭或离开本页都会丢失。请在结束前导出记录。",
    full: "本地存储空间已满，最近的操作没有保存（页面上仍显示）。请导出记录，或在“进行中”页清除已结案的记录后重试。",
    error: "保存到本地存储失败，最近的操作没有保存（页面上仍显示）。请导出记录。",
  };

  function reasonOf(err) {
    if (!backend || (err && err.name === "SecurityError")) return "disabled";
    if (err && (err.name === "QuotaExceededError" || err.code === 22 || err.code === 1014)) return "full";
    return "error";
  }

  // Add a valid event to memory; returns true when it is new here.
  function remember(e) {
    var log = logs[e.log] || (logs[e.log] = Object.create(null));
    if (log[e.id]) return false;
    log[e.id] = e;
    return true;
  }

  function load() {
    if (logs) return;
    logs = Object.create(null);
    if (!backend) return;
    var all;
    try { all = Object.keys(backend); } catch (e) { all = []; }
    var legacy = false;
    all.forEach(function (k) {
      if (k.indexOf("pb:run:") === 0) legacy = true;
      if (k.indexOf(PREFIX) !== 0) return;
      var raw = backend.getItem(k);
      var e;
      try { e = JSON.parse(raw); } catch (err) { problems.push({ key: k, problem: "不是有效的 JSON" }); return; }
      var bad = E.check(e);
      if (!bad && k !== keyOf(e)) bad = "键名与事件的 log/id 不符";
      if (bad && bad !== "future") { problems.push({ key: k, problem: bad }); return; }
      if (bad === "future" && (typeof e.log !== "string" || typeof e.id !== "string")) { problems.push({ key: k, problem: "较新版本的事件缺少 log 或 id" }); return; }
      keys[e.id] = k;
      remember(e);
    });
    // Runs saved before the event model: converted by migrate.js, loaded only when there are some.
    if (legacy && pb.script) pb.script("migrate.js");
    if (problems.length && pb.notice) {
      pb.notice("本地存储中有 " + problems.length + " 条记录无法读取，已原样保留、未使用：" +
        problems.slice(0, 3).map(function (p) { return "“" + p.key + "”（" + p.problem + "）"; }).join("；") +
        (problems.length > 3 ? " 等" : "") + "。其余记录照常可用。", "failure");
    }
  }

  // Write one event; "" when stored, else the reason ("disabled", "full", "error").
  function write(e) {
    if (!backend) { unsaved[e.id] = e; return "disabled"; }
    try {
      backend.setItem(keyOf(e), JSON.stringify(e));
      keys[e.id] = keyOf(e);
      delete unsaved[e.id];
      return "";
    } catch (err) {
      unsaved[e.id] = e;
      return reasonOf(err);
    }
  }

  // Something removed stored events of this log behind our back (another tab's
  // localStorage.clear(), devtools, an extension): write back what this page still holds.
  function restore(log) {
    var known = Object.keys(logs[log] || {}).filter(function (id) { return keys[id]; });
    // One read per append: the log's first stored event stands for the rest.
    if (!known.length || backend.getItem(keys[known[0]]) !== null) return;
    var lost = known.filter(function (id) { return backend.getItem(keys[id]) === null; });
    if (!lost.length) return;
    lost.forEach(function (id) { delete keys[id]; write(logs[log][id]); });
    if (pb.notice) pb.notice("本地存储中的 " + lost.length + " 条记录被删除了（可能是其他标签页、浏览器设置或扩展所为），已从本页重新保存。", "warning");
  }

  function notify(changed, source) {
    var copy = listeners.slice();
    copy.forEach(function (fn) { try { fn({ logs: changed, source: source }); } catch (err) { setTimeout(function () { throw err; }); } });
  }

  // Events from elsewhere (another tab, an import, a sync); returns the logs that changed.
  function receive(events) {
    var fresh = !logs; // loading now reads these events from storage: they are news all the same
    load();
    var changed = {};
    events.forEach(function (e) {
      var bad = E.check(e);
      if (bad && bad !== "future") return;
      if (remember(e) || fresh) changed[e.log] = true;
    });
    return Object.keys(changed);
  }

  function ordered(log) {
    var m = logs[log] || {};
    return E.order(Object.keys(m).map(function (id) { return m[id]; }));
  }

  var store = {
    backend: function () { return backend ? "localStorage" : "memory"; },
    problems: function () { load(); return problems.slice(); },
    unsaved: function () { return Object.keys(unsaved).length; },

    // Appends one event. Resolves { saved: true } when stored, or { saved: false, reason,
    // message } when it is held in memory only; rejects when the event is invalid.
    append: function (e) {
      return store.appendAll([e]).then(function (r) {
        if (r.invalid.length) throw new Error(r.invalid[0].problem);
        return r.unsaved ? { saved: false, reason: r.reason, message: MESSAGES[r.reason] } : { saved: true };
      });
    },

    // Appends events (an import, a sync); duplicates are ignored (union by id).
    // Resolves { added, duplicates, unsaved, reason, invalid: [{ index, problem }] }.
    appendAll: function (events) {
      load();
      var out = { added: 0, duplicates: 0, unsaved: 0, reason: "", invalid: [] };
      var fresh = [];
      var touched = {};
      events.forEach(function (e, i) {
        var bad = E.check(e);
        if (bad && bad !== "future") { out.invalid.push({ index: i, problem: bad }); return; }
        if (!remember(e)) { out.duplicates++; return; }
        fresh.push(e);
        touched[e.log] = true;
      });
      if (backend) Object.keys(touched).forEach(restore);
      fresh.forEach(function (e) {
        var why = write(e);
        if (why) { out.unsaved++; out.reason = out.reason || why; } else out.added++;
      });
      if (out.reason) tell(out.reason, MESSAGES[out.reason]);
      if (fresh.length) appended.slice().forEach(function (fn) { try { fn(fresh); } catch (err) { setTimeout(function () { throw err; }); } });
      if (fresh.length && channel) { try { channel.postMessage(fresh); } catch (err) { /* other tabs still get storage events */ } }
      return Promise.resolve(out);
    },

    // fn(events) after this page stores new events (its own appends, imports, syncs): team mode
    // hands them to replication at once.
    onAppend: function (fn) {
      appended.push(fn);
      return function () { appended = appended.filter(function (x) { return x !== fn; }); };
    },

    // Drop a whole log from this browser (team mode, after archiving a run the server keeps).
    // Other open tabs keep their in-memory copy until they reload.
    forget: function (log) {
      load();
      var m = logs[log] || {};
      Object.keys(m).forEach(function (id) {
        try { if (backend) backend.removeItem(keys[id] || keyOf(m[id])); } catch (err) { /* stays; reported on next load */ }
        delete keys[id];
        delete unsaved[id];
      });
      delete logs[log];
      notify([log], "forget");
      return Promise.resolve();
    },

    list: function (log) { load(); return Promise.resolve(ordered(log)); },
    // Synchronous read for drawing a page in the same task it loads in.
    listNow: function (log) { load(); return ordered(log); },

    logs: function (prefix) {
      load();
      return Promise.resolve(store.logsNow(prefix));
    },
    logsNow: function (prefix) {
      load();
      return Object.keys(logs).filter(function (l) { return l.indexOf(prefix || "") === 0; }).sort();
    },

    // fn({ logs: [...], source: "tab" | "sync" }) whenever events arrive from elsewhere.
    subscribe: function (fn) {
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (x) { return x !== fn; }); };
    },

    // Events from a replication (team sync): stored like appends, announced to subscribers.
    receive: function (events) {
      return store.appendAll(events).then(function (r) {
        var changed = {};
        events.forEach(function (e) { if (e && e.log) changed[e.log] = true; });
        if (r.added || r.unsaved) notify(Object.keys(changed), "sync");
        return r;
      });
    },

    device: function () {
      var id = read("pb:device");
      if (typeof id !== "string" || !E.RE.uuid.test(id)) { id = uuid(); save("pb:device", id); }
      return id;
    },

    identityNow: function () {
      var who = read("pb:identity");
      return who && typeof who.name === "string" && who.name.trim() && who.name.length <= 40 &&
        typeof who.role === "string" && who.role && who.role.length <= 40 ? { name: who.name, role: who.role } : null;
    },
    identity: function () { return Promise.resolve(store.identityNow()); },
    setIdentity: function (who) {
      var clean = { name: String(who.name || "").trim().slice(0, 40), role: String(who.role || "").trim().slice(0, 40) };
      if (!clean.name || !clean.role) return Promise.reject(new Error("姓名和角色都要填写"));
      save("pb:identity", clean);
      return Promise.resolve(clean);
    },

    // A complete event for this browser's person and device, stamped now in the local offset.
    newEvent: function (log, type, fields) {
      var who = store.identityNow();
      if (!who) throw new Error("请先填写姓名和角色");
      var now = Date.now();
      var e = { v: E.VERSION, id: uuid(), log: log, type: type, at: E.isoAt(now, -new Date(now).getTimezoneOffset()), actor: who, device: store.device() };
      Object.keys(fields || {}).forEach(function (k) { if (fields[k] !== undefined) e[k] = fields[k]; });
      return e;
    },

    // newEvent + append; the ids are remembered as this tab's own (for undo).
    record: function (log, type, fields) {
      var e;
      try { e = store.newEvent(log, type, fields); } catch (err) { return Promise.reject(err); }
      tab.mine(e.id);
      return store.append(e).then(function (r) { r.event = e; return r; });
    },

    // Deletes a log's events for good (personal data after a case is archived). The only removal
    // there is; a user asks for it explicitly. Resolves the number of events removed.
    purge: function (log) {
      load();
      var ids = Object.keys(logs[log] || {});
      ids.forEach(function (id) {
        try { if (backend && keys[id]) backend.removeItem(keys[id]); } catch (e) { /* gone already */ }
        delete keys[id];
        delete unsaved[id];
      });
      delete logs[log];
      return Promise.resolve(ids.length);
    },

    // Removes the runs and drafts past the retention period (issue 13): with purge, the only
    // deletion there is. pb.retention (core/retention.js) decides; open runs are only reported.
    // Resolves the decision; pages already drawn hear of the removed logs.
    // team: runs are synced (their copy in the sync database would bring them back; see retention.js).
    expire: function (period, now, team) {
      load();
      var all = {};
      store.logsNow("run:").concat(store.logsNow("draft:")).forEach(function (l) { all[l] = ordered(l); });
      var d = pb.retention.decide(all, now, period, team);
      return Promise.all(d.expired.map(function (i) { return store.purge(i.log); })).then(function () {
        // Always: pages drawn already redraw without the removed logs, and with expiry dates.
        notify(d.expired.map(function (i) { return i.log; }), "expire");
        return d;
      });
    },

    uuid: uuid,
  };

  // Per-browser values (identity, device id), memory when storage is disabled.
  var memory = {};
  function read(k) {
    try {
      var raw = backend ? backend.getItem(k) : null;
      if (raw === null || raw === undefined) raw = memory[k]; else memory[k] = raw;
      return raw ? JSON.parse(raw) : null;
    } catch (e) { return null; }
  }
  function save(k, v) {
    memory[k] = JSON.stringify(v);
    try { if (backend) backend.setItem(k, memory[k]); } catch (e) { tell(reasonOf(e), MESSAGES[reasonOf(e)]); }
  }

  // Per-tab values (the tab's active run per procedure, the events this tab made): sessionStorage
  // belongs to one tab, so no tab can switch another tab's case.
  var tabMemory = {};
  var tab = {
    get: function (k) {
      try {
        var raw = session ? session.getItem("pb:tab:" + k) : null;
        if (raw === null || raw === undefined) raw = tabMemory[k]; // the write failed: this page's copy
        return raw ? JSON.parse(raw) : null;
      } catch (e) { return tabMemory[k] ? JSON.parse(tabMemory[k]) : null; }
    },
    set: function (k, v) {
      tabMemory[k] = JSON.stringify(v);
      try { if (session) { if (v === null) session.removeItem("pb:tab:" + k); else session.setItem("pb:tab:" + k, tabMemory[k]); } } catch (e) { /* memory copy serves this page */ }
    },
    mine: function (id) {
      var list = tab.get("mine") || [];
      if (id) { list.push(id); tab.set("mine", list.slice(-500)); }
      var out = {};
      list.forEach(function (x) { out[x] = true; });
      return out;
    },
  };
  store.tab = tab;

  // Another tab wrote: storage events carry the new value; a clear (key null) means events may be
  // gone from storage, so write back what this page holds.
  var pending = {};
  var timer = null;
  function arrived(events) {
    receive(events).forEach(function (l) { pending[l] = true; });
    if (timer) return;
    // A microtask, not a timer: background tabs clamp timers to a second or more.
    timer = Promise.resolve().then(function () {
      timer = null;
      var changed = Object.keys(pending);
      pending = {};
      if (changed.length) notify(changed, "tab");
    });
  }
  window.addEventListener("storage", function (ev) {
    if (ev.storageArea !== backend) return;
    if (ev.key === null) {
      Object.keys(memory).forEach(function (k) { try { backend.setItem(k, memory[k]); } catch (e) { /* told on the next write */ } });
      if (!logs) return;
      var n = 0;
      Object.keys(logs).forEach(function (l) { Object.keys(logs[l]).forEach(function (id) { delete keys[id]; write(logs[l][id]); n++; }); });
      if (n && pb.notice) pb.notice("本地存储被清除了（可能在其他标签页或浏览器设置中）。本页仍有的 " + n + " 条记录已重新保存。", "warning");
      return;
    }
    if (ev.key.indexOf(PREFIX) !== 0 || !ev.newValue) return;
    try { var e = JSON.parse(ev.newValue); } catch (err) { return; }
    if (logs && !E.check(e)) keys[e.id] = ev.key;
    arrived([e]);
  });
  if (channel) channel.onmessage = function (msg) { if (Array.isArray(msg.data)) arrived(msg.data); };

  Object.keys(store).forEach(function (k) { E[k] = store[k]; });

  // Browser copies expire (taxonomy.yml target browser-copies, published as a meta tag): once per
  // page load, when this browser holds runs or drafts, the retention module is fetched, the store
  // removes what has expired, and notices say what was removed and which open runs are stale.
  function expireOnLoad() {
    var meta = document.querySelector('meta[name="pb-browser-retention"]');
    var period = meta && meta.getAttribute("content");
    if (!period || !pb.script || !(store.logsNow("run:").length || store.logsNow("draft:").length)) return;
    var team = !!document.querySelector('meta[name="pb-team-couchdb"]');
    pb.script("core/retention.js").then(function () { return store.expire(period, Date.now(), team); }).then(function (d) {
      var m = pb.retention.messages(d, pb.durationZh ? pb.durationZh(period) : period);
      if (m.stale && pb.notice) pb.notice(m.stale, "warning").classList.add("pb-stale-runs");
      if (m.removed && pb.notice) pb.notice(m.removed, "info").classList.add("pb-expired");
    }, function () { /* module unreachable (offline, not cached): tried again on the next load */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", expireOnLoad);
  else expireOnLoad();
})();
