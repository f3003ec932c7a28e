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
      sync.on("denied", function (err) {
        unwait([err.id]);
        state.refused = state.refused.concat([{ id: err.id, reason: err.reason || err.message || "" }]);
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
      .on("active", function () { failing[side] = false; show(); })
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

  // Close and archive: the run stays on the server (the record); this browser forgets it.
  function archive(log) {
    var ids = E.listNow(log).map(function (e) { return e.id; });
    return (E.forget ? E.forget(log) : Promise.resolve()).then(function () {
      if (!local) return null;
      return local.allDocs({ keys: ids }).then(function (res) {
        var gone = res.rows.filter(function (r) { return r.value && !r.value.deleted; })
          .map(function (r) { return { _id: r.id, _rev: r.value.rev, _deleted: true }; });
        return local.bulkDocs(gone);
      });
    });
  }

  pb.team = {
    state: function () { return state; },
    subscribe: function (fn) { listeners.push(fn); fn(state); return function () { listeners = listeners.filter(function (x) { return x !== fn; }); }; },
    signIn: signIn,
    signOut: signOut,
    archive: archive,
    flush: outbox,
    db: function () { return state.team ? BASE + dbName(state.team) : null; },
    api: api,
  };

  // Own appends: pb.events announces them through onAppend when it has it; a poll covers the rest.
  if (E.onAppend) E.onAppend(function () { outbox(); });
  E.subscribe(function () { outbox(); });
  setInterval(outbox, 2000);
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

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }

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
  function page() {
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
