// The checklist run printed as a record for the file, and its exports; loaded by checklist.js when first
// printed or exported
// (with core/mdtext.js and core/run-export.js): not part of the checklist page's load.
(function () {
  "use strict";
  var pb = window.pb;
  var el = pb.el;

  // The run printed as a record for the file (pb.runExport.record: header, every step with who and
  // when, skip reasons, notes, outcome, history, export time and checklist hash), in place of the
  // page's content while printing; the page itself prints as before with the browser's print.
  var STATES = { done: "☑ 完成", skipped: "☒ 跳过", late: "☐ 超时未完成", open: "☐ 未完成" };

  // The record's printed layout (stylesheets/run-print.css), loaded with this module, not with
  // every checklist page; printing waits for it.
  var here = document.currentScript && document.currentScript.src;
  var styled = new Promise(function (resolve) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("../stylesheets/run-print.css", here || window.location.href).href;
    link.onload = link.onerror = resolve; // unstyled, the record still prints
    document.head.appendChild(link);
  });

  // The run's exports (core/run-export.js), downloaded under the procedure and case number.
  pb.exportRecord = function (kind, cur, checklist) {
    var X = pb.runExport;
    var name = "run-" + cur.run.procedure + "-" + cur.run.case;
    if (kind === "md") pb.download(name + ".md", X.markdown(cur.run, cur.events, checklist, Date.now()), "text/markdown");
    else if (kind === "csv") pb.download(name + ".csv", "\ufeff" + X.eventsCsv(cur.run, cur.events, checklist), "text/csv");
    else pb.download(name + ".json", X.json(cur.run, cur.events, checklist, Date.now()), "application/json");
  };

  pb.printRecord = function (cur, checklist) { return styled.then(function () { printNow(cur, checklist); }); };
  function printNow(cur, checklist) {
    var r = pb.runExport.record(cur.run, cur.events, checklist, Date.now());
    var box = el("section", { class: "pb-print-record", "data-pb-print-record": "" });
    box.appendChild(el("h1", {}, "投诉处理记录：" + r.title));
    var table = function (rows, cls) {
      var t = el("table", { class: cls });
      rows.forEach(function (row) {
        var tr = el("tr");
        row.forEach(function (cell, i) { tr.appendChild(el(i === 0 && cls === "pb-record-head" ? "th" : "td", {}, cell)); });
        t.appendChild(tr);
      });
      return t;
    };
    box.appendChild(table(r.head, "pb-record-head"));
    r.blocks.forEach(function (b) {
      box.appendChild(el("h2", {}, b.title));
      var rows = [];
      b.steps.forEach(function (s) {
        rows.push([STATES[s.state], s.text + "（" + s.owner + "）", s.info]);
        if (s.note) rows.push(["", "备注（" + s.note.by + "）：" + s.note.text, ""]);
      });
      box.appendChild(table(rows, "pb-record-steps"));
    });
    if (r.outcome.length) {
      box.appendChild(el("h2", {}, "处理结果"));
      box.appendChild(table(r.outcome, "pb-record-head"));
    }
    box.appendChild(el("h2", {}, "操作记录"));
    var ol = el("ol", { class: "pb-record-history" });
    r.history.forEach(function (h) { ol.appendChild(el("li", {}, h)); });
    box.appendChild(ol);
    box.appendChild(el("p", { class: "pb-record-foot" }, r.footer));
    document.querySelectorAll("[data-pb-print-record]").forEach(function (old) { old.remove(); });
    (document.querySelector(".md-content__inner") || document.body).appendChild(box);
    document.body.classList.add("pb-printing-record");
    window.print();
    // Back to printing the page at the next touch or key, not at "afterprint": Chromium fires that
    // before it has laid out a print made by other means (a saved PDF) and the record would be lost.
    function done() {
      document.body.classList.remove("pb-printing-record");
      window.removeEventListener("pointerdown", done, true);
      window.removeEventListener("keydown", done, true);
    }
    window.addEventListener("pointerdown", done, true);
    window.addEventListener("keydown", done, true);
  }
})();
