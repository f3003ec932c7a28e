// 「有新版本，刷新」 (issue 16). page.js loads this module after the load on a site whose worker is
// installed. A new build's worker installs (precaches) beside the running one and waits; it takes
// over only when the user accepts, and then every page that offered it reloads, so no page of the
// old build stays on screen (or loads a module of the new build) under the new worker.
(function () {
  "use strict";
  var pb = window.pb;
  var bar = null;

  function offer(reg) {
    if (bar || !reg.waiting || !navigator.serviceWorker.controller) return;
    // On the body, not in the content: instant navigation replaces the content, the offer stays.
    bar = pb.el("div", { class: "pb-update", role: "status" });
    bar.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10;display:flex;gap:.8rem;align-items:center;" +
      "justify-content:center;padding:.6rem;background:var(--md-default-bg-color);box-shadow:0 -2px 6px rgba(0,0,0,.25)";
    bar.appendChild(pb.el("span", {}, "手册已更新。"));
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (!reloading) { reloading = true; window.location.reload(); }
    });
    bar.appendChild(pb.button("有新版本，刷新", function () {
      this.disabled = true;
      if (reg.waiting) reg.waiting.postMessage({ type: "SKIP_WAITING" });
    }, "md-button--primary"));
    document.body.appendChild(bar);
  }

  // A worker found now or later (the browser checks on navigations; the test calls update()) is
  // offered once it has precached the new build, that is when it reaches "installed".
  function watch(reg, w) {
    if (w) w.addEventListener("statechange", function () { offer(reg); });
  }

  pb.watchUpdates = function (reg) {
    offer(reg);
    watch(reg, reg.installing);
    reg.addEventListener("updatefound", function () { watch(reg, reg.installing); });
  };
})();
