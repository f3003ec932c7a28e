// pb.team: team mode. Loaded (with PouchDB) only when mkdocs.yml `extra.team.couchdb` names the
// team's CouchDB; pages without it never fetch either file.
//
// Each run event is one CouchDB document (_id = event id) that is never updated, so replicas never
// conflict. The browser keeps a PouchDB copy of the team database (IndexedDB) that replicates
// live with retry; events flow pb.events → PouchDB (own appends) and PouchDB → pb.events (others'
// events, announced to the page through pb.events.receive). Offline, everything keeps working on
// the local copies and the events wait in PouchDB until the server answers again. The server,
// not this page, decides what is accepted (macros/couchdb/validate_doc_update.js).
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});
  var meta = document.querySelector('meta[name="pb-team-couchdb"]');
  if (!meta || !meta.content || pb.team || !pb.events || !window.PouchDB) return;

  var E = pb.events;
  var BASE = new URL(meta.content, window.location.href).href.replace(/\/?$/, "/");
  var KEY = "pb:team";
  var listeners = [];
  var state = { phase: "signed-out", team: null, name: null, waiting: 0, refused: [], message: "" };
  var local = null, sync = null, feed = null, known = Object.create(null);

  function saved() { try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { return null; } }
  function save(v) { try { if (v) localStorage.setItem(KEY, JSON.stringify(v)); else localStorage.removeItem(KEY); } catch (e) { /* memory only */ } }

  function set(changes) {
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    listeners.slice().forEach(function (fn) { try { fn(state); } catch (e) { setTimeout(function () { throw e; }); } });
  }

  // CouchDB's HTTP API on the same origin: the AuthSession cookie goes with every request.
  function api(method, path, body) {
    return fetch(BASE + path, {
      method: method, credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
    }, function () { return { status: 0, data: {} }; });
  }

  var UNREACHABLE = "无法连接团队服务器，请检查网络或联系管理员。";
  function problemOf(r, team) {
    if (r.status === 0 || r.status === 502 || r.status === 503 || r.status === 504) return { phase: "unreachable", message: UNREACHABLE };
    if (r.status === 401 && team) return { phase: "signed-out", message: "你不是团队“" + team + "”的成员，或登录已过期。" };
    if (r.status === 401) return { phase: "signed-out", message: "用户名或密码错误。" };
    if (r.status === 404) return { phase: "signed-out", message: "团队服务器上没有团队“" + team + "”。" };
    return { phase: "error", message: "团队服务器返回错误 " + r.status + "：" + (r.data.reason || r.data.error || "") };
  }

  function dbName(team) { return "team-" + team; }

  // Sign in with CouchDB's cookie session, then check the team database admits this user.
  function signIn(team, name, password) {
    team = String(team || "").trim();
    set({ phase: "connecting", message: "" });
    return api("POST", "_session", { name: name, password: password }).then(function (r) {
      if (r.status !== 200) throw problemOf(r);
      return api("GET", dbName(team) + "/");
    }).then(function (r) {
      if (r.status !== 200) throw problemOf(r, team);
      save({ team: team, name: name });
      return start(team, name);
    }).catch(function (p) { set({ phase: p.phase || "error", message: p.message || String(p) }); return false; });
  }

  function signOut() {
    stop();
    save(null);
    set({ phase: "signed-out", team: null, name: null, waiting: 0, refused: [], message: "" });
    return api("DELETE", "_session");
  }

  function stop() {
    if (sync) sync.cancel();
    if (feed) feed.cancel();
    sync = feed = null;
  }

  // In team mode the actor is the signed-in user: the server refuses events of anybody else.
  function claimIdentity(name) {
    var who = E.identityNow ? E.identityNow() : null;
    if (who && who.name === name) return Promise.resolve(who);
    return E.setIdentity({ name: name, role: (who && who.role) || "团队成员" });
  }

  function start(team, name) {
    stop();
    local = new window.PouchDB("pb-team-" + team);
    var remote = new window.PouchDB(BASE + dbName(team), {
      skip_setup: true,
      fetch: function (url, opts) { opts.credentials = "same-origin"; return window.PouchDB.fetch(url, opts); },
    });
    set({ phase: "syncing", team: team, name: name, refused: [], message: "" });
    loadWaiting();
    loadArchived();
    return claimIdentity(name).then(function () {
      return local.allDocs();
    }).then(function (all) {
      all.rows.forEach(function (row) { known[row.id] = true; });
      // Everything the copy holds reaches the page (receive ignores what it already has).
      feed = local.changes({ since: 0, live: true, include_docs: true, batch_size: 500 })
        .on("change", function (ch) { arrived(ch.doc); });
      sync = local.sync(remote, {
        live: true, retry: true,
        // Deletions here are local clean-ups after archiving; the server keeps the record.
        push: { filter: function (doc) { return !doc._deleted; } },
        back_off_function: function (delay) { return delay ? Math.min(delay * 2, 4000) : 500; },
      });
      failing = { push: false, pull: false };
      watch(sync.push, "push", remote);
      watch(sync.pull, "pull", remote);
      sync.on("denied", function (info) {
        var d = (info && info.doc) || info || {}; // Sync wraps the refusal as { direction, doc }
        unwait([d.id]);
        state.refused = state.refused.concat([{ id: d.id, reason: d.reason || d.message || d.name || "" }]);
        show();
      }).on("error", function (err) {
        set({ phase: err && err.status === 401 ? "signed-out" : "error", message: String(err && (err.reason || err.message)) });
      });
      return outbox();
    }).then(function () { return true; });
  }

  // The state shown comes from both directions: a failing request in either means the server is
  // out of reach (PouchDB retries with back-off); events not yet confirmed by the server wait.
  // (navigator.onLine is no guide: it is false on machines without a default route.)
  var failing = { push: false, pull: false };
  function watch(rep, side, remote) {
    rep.on("requestError", function () { failing[side] = true; show(); })
      // "active" also starts each retry while still offline: only a change or an idle pause
      // without error proves the server answers (else the bar flickers 离线 ↔ 同步中).
      .on("active", show)
      .on("change", function (info) {
        failing[side] = false;
        if (side === "push") unwait(info.docs.map(function (d) { return d._id; }));
        show();
      })
      .on("paused", function (err) {
        failing[side] = !!err;
        // Idle push: whatever still waits may have gone in an earlier visit; ask the server.
        if (!err && side === "push" && Object.keys(waiting).length) {
          remote.allDocs({ keys: Object.keys(waiting) }).then(function (res) {
            unwait(res.rows.filter(function (r) { return r.value && !r.error; }).map(function (r) { return r.id; }));
            show();
          }, function () { /* offline again: stays waiting */ });
        }
        show();
      });
  }

  function show() {
    if (!state.team) return;
    var n = Object.keys(waiting).length;
    var phase = failing.push || failing.pull ? "offline" : state.refused.length ? "refused" : n ? "syncing" : "synced";
    set({ phase: phase, waiting: n });
  }

  // Own events the server has not confirmed yet, kept across visits (the "N waiting" count).
  var waiting = Object.create(null);
  function waitKey() { return "pb:team:waiting:" + state.team; }
  function loadWaiting() {
    waiting = Object.create(null);
    try { (JSON.parse(localStorage.getItem(waitKey()) || "[]")).forEach(function (id) { waiting[id] = true; }); } catch (e) { /* none */ }
  }
  function saveWaiting() { try { localStorage.setItem(waitKey(), JSON.stringify(Object.keys(waiting))); } catch (e) { /* memory */ } }
  function unwait(ids) {
    var changed = false;
    ids.forEach(function (id) { if (waiting[id]) { delete waiting[id]; changed = true; } });
    if (changed) saveWaiting();
  }

  function eventOf(doc) {
    var e = {};
    Object.keys(doc).forEach(function (k) { if (k.charAt(0) !== "_") e[k] = doc[k]; });
    return e;
  }

  var inbox = [], inboxTimer = null;
  function arrived(doc) {
    if (!doc || doc._deleted || doc._id.indexOf("_design/") === 0) return;
    if (archived[doc.log]) { // a late event of a run archived here: the server has it, we don't keep it
      known[doc._id] = true;
      local.remove(doc).catch(function () { /* removed on the next arrival */ });
      return;
    }
    known[doc._id] = true;
    inbox.push(eventOf(doc));
    if (inboxTimer) return;
    inboxTimer = setTimeout(function () {
      var batch = inbox;
      inbox = [];
      inboxTimer = null;
      E.receive(batch);
    }, 0);
  }

  // pb.events → PouchDB: run events this copy does not hold yet (own appends, imports, events
  // made before signing in). put never updates: the id is new here or the event is skipped.
  function outbox() {
    if (!local) return Promise.resolve();
    var fresh = [];
    E.logsNow("run:").forEach(function (log) {
      E.listNow(log).forEach(function (e) {
        if (!known[e.id]) { known[e.id] = true; fresh.push(Object.assign({ _id: e.id }, e)); }
      });
    });
    if (!fresh.length) return Promise.resolve();
    fresh.forEach(function (d) { if (d.actor && d.actor.name === state.name) waiting[d._id] = true; });
    saveWaiting();
    return local.bulkDocs(fresh).then(show);
  }

  // Archive a closed run: the server keeps it (the record; `playbook team export` writes the
  // archive files); this browser forgets its copies. Refused while any of its events has not
  // reached the server, so archiving can never lose a tick.
  function archive(log) {
    var events = E.listNow(log);
    var run = E.foldRun(events);
    if (!run.closedAt) return Promise.reject(new Error("请先结案，再归档。"));
    var ids = events.map(function (e) { return e.id; });
    var unsent = ids.filter(function (id) { return waiting[id] || !known[id]; });
    if (unsent.length || state.phase === "offline") {
      return Promise.reject(new Error("还有 " + Math.max(unsent.length, 1) + " 条记录未上传到团队服务器，恢复网络、同步完成后再归档。"));
    }
    return local.allDocs({ keys: ids }).then(function (res) {
      var gone = res.rows.filter(function (r) { return r.value && !r.value.deleted; })
        .map(function (r) { return { _id: r.id, _rev: r.value.rev, _deleted: true }; });
      return local.bulkDocs(gone);
    }).then(function () {
      archived[log] = true;
      try { localStorage.setItem(archivedKey(), JSON.stringify(Object.keys(archived))); } catch (e) { /* this visit only */ }
      return E.forget(log);
    });
  }

  // Runs archived in this browser: their events, even late ones, are not kept here again.
  var archived = Object.create(null);
  function archivedKey() { return "pb:team:archived:" + state.team; }
  function loadArchived() {
    archived = Object.create(null);
    try { (JSON.parse(localStorage.getItem(archivedKey()) || "[]")).forEach(function (l) { archived[l] = true; }); } catch (e) { /* none */ }
  }

  // ---- Team view on the runs page: open cases, overdue steps, who holds each -------------------

  function holder(run) {
    var last = null;
    run.history.forEach(function (h) { if (!h.undone) last = h.event; });
    return last ? last.actor.name + "（" + last.actor.role + "）" : "";
  }

  function teamRows() {
    var now = Date.now();
    return E.logsNow("run:").map(function (log) {
      var run = E.foldRun(E.listNow(log));
      if (!run.start || run.discarded) return null;
      var checklist = run.start.checklist;
      var late = checklist ? E.summary(run, checklist, now).late : [];
      return { log: log, run: run, late: late, holder: holder(run) };
    }).filter(Boolean).sort(function (a, b) { return a.run.case < b.run.case ? -1 : a.run.case > b.run.case ? 1 : 0; });
  }

  function drawRuns(host) {
    host.textContent = "";
    if (!state.team) return;
    var rows = teamRows();
    var open = rows.filter(function (r) { return !r.run.closedAt; });
    var closed = rows.filter(function (r) { return r.run.closedAt; });
    host.appendChild(el("h2", { id: "team-runs" }, "团队进行中的投诉（" + open.length + "）"));
    var table = el("table", { class: "pb-team-runs" });
    var head = el("tr");
    ["投诉编号", "检查单", "逾期步骤", "经办人（最近操作）"].forEach(function (t) { head.appendChild(el("th", {}, t)); });
    table.appendChild(head);
    open.forEach(function (r) {
      var tr = el("tr", { "data-pb-team-log": r.log });
      tr.appendChild(el("td", {}, r.run.case));
      tr.appendChild(el("td", {}, (r.run.start.title || r.run.procedure)));
      tr.appendChild(el("td", { class: r.late.length ? "pb-team-late" : "" }, r.late.map(function (s) {
        return s.text + (s.owner ? "（" + s.owner + "）" : "");
      }).join("；") || "—"));
      tr.appendChild(el("td", {}, r.holder));
      table.appendChild(tr);
    });
    host.appendChild(table);
    if (!closed.length) return;
    host.appendChild(el("h3", {}, "已结案，可归档（" + closed.length + "）"));
    host.appendChild(el("p", {}, "归档后记录保留在团队服务器上，本机副本删除。"));
    var list = el("ul", { class: "pb-team-closed" });
    closed.forEach(function (r) {
      var li = el("li", { "data-pb-team-log": r.log }, r.run.case + " · " + (r.run.start.title || r.run.procedure) + " ");
      var b = el("button", { type: "button", class: "md-button pb-btn" }, "归档");
      b.addEventListener("click", function () {
        archive(r.log).then(function () { drawRuns(host); }, function (err) {
          li.appendChild(el("span", { class: "pb-team-message", role: "alert" }, err.message));
        });
      });
      li.appendChild(b);
      list.appendChild(li);
    });
    host.appendChild(list);
  }

  // Every event in the team database, read from the server (not the local copy: archived runs are
  // there only), a page at a time; progress(n) after each page. Rejects with a message to show.
  var PAGE = 1000;
  function teamEvents(progress) {
    if (!state.team) return Promise.reject(new Error("请先在页面顶部登录团队，再统计团队数据库中的记录。"));
    var db = dbName(state.team), out = [];
    function page(after) {
      var q = "_all_docs?include_docs=true&limit=" + PAGE + (after ? "&skip=1&startkey=" + encodeURIComponent(JSON.stringify(after)) : "");
      return api("GET", db + "/" + q).then(function (r) {
        if (r.status !== 200) throw new Error(problemOf(r, state.team).message);
        r.data.rows.forEach(function (row) { if (row.doc && row.id.indexOf("_design/") !== 0) out.push(eventOf(row.doc)); });
        if (progress) progress(out.length);
        return r.data.rows.length < PAGE ? out : page(r.data.rows[r.data.rows.length - 1].id);
      });
    }
    return page(null);
  }

  pb.team = {
    state: function () { return state; },
    events: teamEvents,
    subscribe: function (fn) { listeners.push(fn); fn(state); return function () { listeners = listeners.filter(function (x) { return x !== fn; }); }; },
    signIn: signIn,
    signOut: signOut,
    archive: archive,
    flush: outbox,
    db: function () { return state.team ? BASE + dbName(state.team) : null; },
    api: api,
  };

  // Own appends (and imports) reach PouchDB at once through pb.events.onAppend.
  if (E.onAppend) E.onAppend(function () { outbox(); });
  else setInterval(outbox, 2000);
  E.subscribe(function () { outbox(); });
  window.addEventListener("online", function () { if (state.team) start(state.team, state.name); });

  // ---- The team bar on every page: who is signed in and the sync state ----------------------

  var PHASES = {
    "signed-out": "未登录",
    connecting: "正在连接…",
    syncing: "同步中…",
    synced: "已同步",
    offline: "离线",
    refused: "服务器拒绝了部分记录",
    unreachable: "无法连接团队服务器",
    error: "同步出错",
  };

  var el = pb.el;  // page.js, loaded before this module on every page: text only, by construction

  function phaseText(s) {
    if (s.phase === "offline") return "离线，" + s.waiting + " 条记录待上传（恢复网络后自动上传）";
    if (s.phase === "refused") {
      var r = s.refused[s.refused.length - 1] || {};
      return "服务器拒绝了 " + s.refused.length + " 条记录：" + (r.reason || "");
    }
    return PHASES[s.phase] || s.phase;
  }

  function signInForm(bar) {
    var form = el("form", { class: "pb-team-form" });
    var last = saved() || {};
    [["pb-team-id", "团队", "text", last.team || ""], ["pb-team-name", "用户名", "text", last.name || ""],
      ["pb-team-password", "密码", "password", ""]].forEach(function (f) {
      var label = el("label", { for: f[0] }, f[1]);
      var input = el("input", { id: f[0], type: f[2], required: "", autocomplete: f[2] === "password" ? "current-password" : "on" });
      input.value = f[3];
      form.appendChild(label);
      form.appendChild(input);
    });
    form.appendChild(el("button", { type: "submit", class: "md-button md-button--primary" }, "登录"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      signIn(form.querySelector("#pb-team-id").value, form.querySelector("#pb-team-name").value,
        form.querySelector("#pb-team-password").value);
    });
    bar.appendChild(form);
  }

  function draw(bar, s) {
    bar.textContent = "";
    bar.setAttribute("data-pb-team-phase", s.phase);
    bar.setAttribute("data-pb-team-waiting", String(s.waiting));
    var line = el("p", { class: "pb-team-status", role: "status" });
    line.appendChild(el("strong", {}, "团队模式"));
    if (s.name) line.appendChild(document.createTextNode(" · 团队 " + s.team + " · 已登录：" + s.name));
    line.appendChild(document.createTextNode(" · "));
    line.appendChild(el("span", { class: "pb-team-phase" }, phaseText(s)));
    bar.appendChild(line);
    if (s.message) bar.appendChild(el("p", { class: "pb-team-message", role: "alert" }, s.message));
    if (s.name && s.phase !== "signed-out") {
      var out = el("button", { type: "button", class: "md-button pb-btn" }, "退出登录");
      out.addEventListener("click", signOut);
      bar.appendChild(out);
    } else if (s.phase !== "connecting") {
      signInForm(bar);
    }
  }

  var unsubscribe = null;
  var runsTimer = null;
  function page() {
    var runsHost = document.querySelector("[data-pb-team-runs]");
    if (runsHost) drawRuns(runsHost);
    if (runsHost && !runsTimer) {
      // Redrawn when events arrive, when the signed-in team changes, and each minute (overdue).
      var redraw = function () { var r = document.querySelector("[data-pb-team-runs]"); if (r) drawRuns(r); };
      var shownTeam;
      E.subscribe(redraw);
      if (E.onAppend) E.onAppend(redraw);
      pb.team.subscribe(function (s) { if (s.team !== shownTeam) { shownTeam = s.team; redraw(); } });
      runsTimer = setInterval(redraw, 60000);
    }
    var host = document.querySelector(".md-content__inner");
    if (!host) return;
    var bar = host.querySelector(".pb-team-bar");
    if (!bar) {
      bar = el("div", { class: "admonition info pb-team-bar", "data-pb-team": "" });
      host.insertBefore(bar, host.firstChild);
    }
    if (unsubscribe) unsubscribe();
    unsubscribe = pb.team.subscribe(function (s) {
      // Keep a half-typed sign-in form: redraw it only when the phase or message changes.
      if (bar.querySelector("form") && bar.getAttribute("data-pb-team-phase") === s.phase && !s.message) return;
      draw(bar, s);
    });
  }
  if (window.document$) window.document$.subscribe(page);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();

  // Resume the previous session if the cookie is still valid.
  var last = saved();
  if (last) {
    set({ phase: "connecting", team: last.team, name: last.name });
    api("GET", "_session").then(function (r) {
      var user = r.data.userCtx && r.data.userCtx.name;
      if (r.status === 0) return start(last.team, last.name).then(function () { failing.pull = true; show(); });
      if (user !== last.name) { save(null); return set({ phase: "signed-out", team: null, name: null, message: "登录已过期，请重新登录。" }); }
      return start(last.team, last.name);
    });
  }
})();
