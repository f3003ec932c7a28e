// The open-runs list ([data-pb-open-runs]): every saved checklist run, what is next and what is late.
(function () {
  "use strict";
  var pb = window.pb;
  var R = pb.runs;
  var el = pb.el;

  function render(host) {
    host.textContent = "";
    var runs = R.list().sort(function (a, b) { return a.startedAt < b.startedAt ? -1 : 1; });
    var open = runs.filter(function (r) { return !r.closedAt; });
    var closed = runs.filter(function (r) { return r.closedAt; });
    if (!runs.length) {
      host.appendChild(el("p", { class: "pb-empty" }, "目前没有进行中的检查单。在任一检查单页面点“新建记录”、输入投诉编号即可开始记录。"));
      return;
    }
    [["进行中", open], ["已结案（尚未清除）", closed]].forEach(function (group) {
      if (!group[1].length) return;
      host.appendChild(el("h2", {}, group[0] + "（" + group[1].length + "）"));
      var table = el("table", { class: "pb-table pb-open-runs" });
      var head = el("tr");
      ["投诉编号", "检查单", "进度", "下一步", "超时"].forEach(function (t) { head.appendChild(el("th", { scope: "col" }, t)); });
      table.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      group[1].forEach(function (run) {
        var sum = R.summary(run);
        var tr = el("tr", { "data-pb-run": R.keyOf(run), class: sum.late.length ? "pb-late" : "" });
        tr.appendChild(el("td", {}, run.case));
        var td = el("td");
        td.appendChild(el("a", { href: pb.pageUrl("procedures/" + run.procedure.id) }, run.procedure.title));
        tr.appendChild(td);
        tr.appendChild(el("td", {}, sum.done + "/" + sum.total));
        tr.appendChild(el("td", {}, sum.next ? sum.next.text + (sum.nextDue ? "（截止 " + R.fmt(sum.nextDue) + "）" : "") : "—"));
        tr.appendChild(el("td", {}, sum.late.length ? String(sum.late.length) : "—"));
        body.appendChild(tr);
      });
      table.appendChild(body);
      host.appendChild(table);
    });
    var clear = el("button", { type: "button", class: "md-button pb-danger" }, "清除全部记录");
    clear.addEventListener("click", function () {
      if (!window.confirm("清除本浏览器中全部 " + runs.length + " 条检查单记录？清除后无法恢复，建议先逐条导出。")) return;
      runs.forEach(function (r) { R.remove(r); });
      pb.store.keys("active:").concat(pb.store.keys("draft:")).forEach(function (k) { pb.store.remove(k); });
      render(host);
    });
    host.appendChild(clear);
  }

  function init() {
    document.querySelectorAll("[data-pb-open-runs]").forEach(render);
  }

  pb.onPage(init);
  pb.store.watch(function (key) { if (key.indexOf("run:") === 0) init(); });
})();
