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
    var box = document.createElement("div");
    box.className = "admonition " + (kind || "warning") + " pb-notice";
    box.setAttribute("role", kind === "failure" ? "alert" : "status");
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    host.insertBefore(box, host.firstChild);
    return box;
  };

  // "PT2H" → "2 小时" (as the renderer's duration_zh does).
  var ISO = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;
  pb.durationZh = function (iso) {
    var m = ISO.exec(iso || "");
    if (!m) return iso;
    var units = ["年", "个月", "周", "天", "小时", "分钟"];
    return m.slice(1).map(function (v, i) { return v ? v + " " + units[i] : ""; }).filter(Boolean).join(" ");
  };
})();
