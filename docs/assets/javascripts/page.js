// Page lifecycle shared by every module: run once per document, initialise on every page
// (including after Material's instant navigation), and build URLs of other pages.
(function () {
  "use strict";
  var pb = (window.pb = window.pb || {});

  // true when a module has already run in this document (then it must not subscribe again).
  var loaded = {};
  pb.loaded = function (name) {
    if (loaded[name]) return true;
    loaded[name] = true;
    return false;
  };

  // Idempotent initialisation on every page, including after instant navigation.
  pb.onPage = function (init) {
    if (window.document$) window.document$.subscribe(function () { init(); });
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  };

  // Load one of our modules when it is first needed (imports, exports, migration): code a user
  // may never use is not part of every page load. Resolves when the script has run.
  var scripts = {};
  pb.script = function (path) {
    if (!scripts[path]) {
      scripts[path] = new Promise(function (resolve, reject) {
        var config = document.getElementById("__config");
        var s = document.createElement("script");
        s.src = new URL((config ? JSON.parse(config.textContent).base : ".") + "/assets/javascripts/" + path, window.location.href).href;
        s.onload = resolve;
        s.onerror = function () { delete scripts[path]; reject(new Error("无法加载 " + path + "，请检查网络后重试。")); };
        document.head.appendChild(s);
      });
    }
    return scripts[path];
  };

  // URL of a docs page from the site root, in the layout this build uses (directory or .html URLs).
  pb.pageUrl = function (path) {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    var files = document.querySelector('meta[name="playbook-url-style"][content="file"]');
    return new URL(base + "/" + path + (files ? ".html" : "/"), window.location.href).href;
  };
})();
