// DOM helpers shared by every module. Text goes in through textContent only, so data reaches
// the page as text by construction.
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});

  pb.el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  };

  pb.button = function (label, onClick, cls) {
    var b = pb.el("button", { type: "button", class: "md-button pb-btn " + (cls || "") }, label);
    b.addEventListener("click", onClick);
    return b;
  };

  // Offer text as a file download (nothing leaves the browser).
  pb.download = function (name, text, type) {
    var a = pb.el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  };

  // A dismissible message at the top of the page content; text only.
  pb.notice = function (message, kind) {
    var host = document.querySelector(".md-content__inner") || document.body;
    var box = pb.el("div", { class: "admonition " + (kind || "warning") + " pb-notice", role: kind === "failure" ? "alert" : "status" });
    box.appendChild(pb.el("p", {}, message));
    host.insertBefore(box, host.firstChild);
    return box;
  };

  // "PT2H" → "2 小时" (as the renderer's duration_zh does), by the grammar of core/events.js.
  pb.durationZh = function (iso) {
    var m = pb.events.RE.duration.exec(iso || "");
    if (!m) return iso;
    var units = ["年", "个月", "周", "天", "小时", "分钟"];
    return m.slice(1).map(function (v, i) { return v ? v + " " + units[i] : ""; }).filter(Boolean).join(" ");
  };
})();

// Page lifecycle shared by every module: run once per document, initialise on every page
// (including after Material's instant navigation), and build URLs of other pages.
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});

  // true when a module has already run in this document (then it must not subscribe again).
  var loaded = {};
  pb.loaded = function (name) {
    var was = loaded[name];
    loaded[name] = 1;
    return !!was;
  };

  // Idempotent initialisation on every page, including after instant navigation. There Material
  // emits document$ for the new page first and then inserts the page's scripts, each of which runs
  // as it arrives: on a slow network templates.js can run before core/draft.js, which it uses. So
  // a page module starts once every script of the page's content has run (or failed to load) at
  // least once in this document; a page whose scripts all ran before starts at once.
  var ran = {}; // address → 1 once a script from there has run or failed
  var waiting = [];
  function pending() {
    return [].some.call(document.querySelectorAll("[data-md-component=container] script[src]"), function (s) { return !ran[s.src]; });
  }
  function done(e) {
    ran[e.target.src] = 1;
    // Every image and stylesheet load passes here too: look at the page's scripts only when a module waits.
    if (waiting.length && !pending()) waiting.splice(0).forEach(function (init) { init(); });
  }
  // A script's load and error events do not bubble, and load never reaches window: caught on the way down.
  document.addEventListener("load", done, true);
  document.addEventListener("error", done, true);
  pb.onPage = function (init) {
    if (window.document$) window.document$.subscribe(function () { if (pending()) waiting.push(init); else init(); });
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  };

  // Load one of our modules when it is first needed (imports, exports, migration): code a user
  // may never use is not part of every page load. Resolves when the script has run.
  var scripts = {};
  pb.script = function (path) {
    if (!scripts[path]) {
      scripts[path] = new Promise(function (resolve, reject) {
        var s = pb.el("script", { src: window.__md_scope + "assets/javascripts/" + path });
        s.onload = resolve;
        s.onerror = function () { delete scripts[path]; reject(new Error("无法加载 " + path + "，请检查网络后重试。")); };
        document.head.appendChild(s);
      });
    }
    return scripts[path];
  };

  // Keys stored under "pb:" + prefix (without "pb:"), read without parsing any value: a page loads
  // the storage helper and the converter of today's format (storage.js, core/legacy.js) only when
  // there is something to convert. Disabled storage holds nothing.
  pb.storedKeys = function (prefix) {
    var out = [];
    try {
      var s = window.localStorage;
      for (var i = 0; s && i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf("pb:" + prefix) === 0) out.push(k.slice(3));
      }
    } catch (e) { /* storage disabled */ }
    return out;
  };

  // The person recorded in events, asked once per browser: the form (ask-identity.js) loads only
  // while no identity is stored. Resolves {name, role}.
  pb.askIdentity = function () {
    var who = pb.events.identityNow();
    if (who) return Promise.resolve(who);
    return pb.script("ask-identity.js").then(function () { return pb.askIdentityForm(); });
  };

  // The "review overdue" notice, shown when the plan's review date has passed on the day the page
  // is read: a copy built (or saved offline) before that date must still warn its reader.
  pb.onPage(function () {
    // YYYY-MM-DD in local time. Not toLocaleDateString("sv"): loading the locale's data took ~90 ms
    // of main thread on every page (CPU profile of the checklist page's load).
    var now = new Date(), today = new Date(now - now.getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
    document.querySelectorAll("[data-pb-review-notice]").forEach(function (el) {
      var due = el.getAttribute("data-pb-review-due");
      el.hidden = !(due && today > due);
    });
  });

  // URL of a docs page from the site root, in the layout this build uses (directory or .html URLs).
  // __md_scope: the site root as an absolute URL ending in /, set by the theme on every page (base.html).
  pb.pageUrl = function (path) {
    var files = document.querySelector('meta[name="playbook-url-style"][content="file"]');
    return window.__md_scope + path + (files ? ".html" : "/");
  };

  // The offline copy for phones (macros/worker.py), registered after the load so it never delays a
  // page. Once a worker is installed, a new build can arrive: sw-update.js (after the load, from the
  // cache) watches for it and offers 「有新版本，刷新」. No meta in the offline edition; no workers on file://.
  var worker = document.querySelector('meta[name="pb-worker"]');
  if (worker && /^http/.test(location.protocol)) addEventListener("load", function () {
    navigator.serviceWorker.register(worker.content).then(function (reg) {
      // reg is undefined where register() is stubbed (Playwright's and some extensions' worker blocking).
      if (reg && reg.active) pb.script("sw-update.js").then(function () { pb.watchUpdates(reg); });
    });
  });
})();
