// The runs list ([data-pb-open-runs]): every checklist run in this browser, grouped by case number,
// each opening its procedure page on that run (?run=<uuid>). Runs are folded from their events;
// one unreadable run is listed as such and never hides the others.
(function () {
  "use strict";
  var pb = window.pb;
  if (pb.loaded("open-runs")) return;
  var E = pb.events;
  var el = pb.el;

  function when(at) { return E.fmt(at, function (ms) { return -new Date(ms).getTimezoneOffset(); }); }

  function collect() {
    var good = [];
    var bad = [];
    E.logsNow("run:").forEach(function (log) {
      try {
        var run = E.foldRun(E.listNow(log));
        if (!run.start) bad.push({ log: log, problem: (run.problems[0] || { problem: "缺少开始事件" }).problem });
        else good.push(run);
      } catch (err) {
        bad.push({ log: log, problem: String(err && err.message) });
      }
    });
    return { runs: good, bad: bad };
  }

  // Progress, next and late steps now, against the checklist the run started on.
  function summarize(run) { return E.summary(run, run.start.checklist || { steps: [], blocks: [], severities: [] }, Date.now()); }

  function row(run) {
    var sum = summarize(run);
    var tr = el("tr", { "data-pb-run": run.log, class: sum.late.length ? "pb-late" : "" });
    var td = el("td");
    td.appendChild(el("a", { href: pb.pageUrl("procedures/" + run.procedure) + "?run=" + run.log.slice(4) }, run.start.title || run.procedure));
    tr.appendChild(td);
    tr.appendChild(el("td", {}, (run.discarded ? "已清除" : run.closedAt ? "已结案 " + when(run.closedAt) : "进行中") + expiry(run)));
    tr.appendChild(el("td", {}, sum.done + "/" + sum.total));
    tr.appendChild(el("td", {}, run.closedAt ? "—" : sum.next ? sum.next.text + (sum.nextDue ? "（截止 " + when(sum.nextDue) + "）" : "") : "—"));
    tr.appendChild(el("td", {}, sum.late.length ? String(sum.late.length) : "—"));
    var last = run.history[run.history.length - 1].event;
    tr.appendChild(el("td", {}, last.actor.name + " · " + when(last.at)));
    var act = el("td");
    if (run.discarded) {
      act.appendChild(pb.button("恢复", function () { restore(run); }, "pb-small"));
      act.appendChild(pb.button("永久删除", function () {
        if (window.confirm("永久删除投诉 " + run.case + " 的这条检查单记录？删除后无法恢复，建议先导出。")) E.purge(run.log).then(init);
      }, "pb-small pb-danger"));
    }
    tr.appendChild(act);
    return tr;
  }

  // When this browser removes a closed or cleared run (core/retention.js, fetched by the store on
  // page load when there are runs; the list is redrawn then). Team mode archives instead.
  function expiry(run) {
    var meta = document.querySelector('meta[name="pb-browser-retention"]');
    if (!pb.retention || !meta || !(run.closedAt || run.discarded) || document.querySelector('meta[name="pb-team-couchdb"]')) return "";
    var until = pb.retention.expiresAt(E.listNow(run.log), meta.getAttribute("content"));
    return until ? "，" + when(until) + " 自动删除" : "";
  }

  function restore(run) {
    var events = E.listNow(run.log);
    var off = E.cancelled(events);
    Promise.all(events.filter(function (e) { return e.type === "discard" && !off[e.id]; }).map(function (e) {
      return E.record(run.log, "undo", { target: e.id });
    })).then(init, failed);
  }

  function table(runs) {
    var t = el("table", { class: "pb-table pb-open-runs" });
    var head = el("tr");
    ["检查单", "状态", "进度", "下一步", "超时", "最近操作", ""].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    t.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    runs.forEach(function (run) { body.appendChild(row(run)); });
    t.appendChild(body);
    return t;
  }

  // The home page's short form: one line per open case, pointing at its soonest deadline
  // across all of its checklists; the runs page has the full tables.
  function renderCases(host, all) {
    var byCase = {};
    all.runs.forEach(function (r) { if (!r.discarded && !r.closedAt) (byCase[r.case] = byCase[r.case] || []).push(r); });
    var cases = Object.keys(byCase).map(function (c) {
      var next = null;
      var late = 0;
      byCase[c].forEach(function (r) {
        var s = summarize(r);
        late += s.late.length;
        var step = s.soonest || s.next;
        var due = s.soonest ? s.due[s.soonest.id] : null;
        if (step && (!next || (due || Infinity) < (next.due || Infinity))) next = { run: r, step: step, due: due };
      });
      return { case: c, runs: byCase[c], next: next, late: late };
    }).sort(function (a, b) { return (a.next && a.next.due || Infinity) - (b.next && b.next.due || Infinity) || (a.case < b.case ? -1 : 1); });
    if (!cases.length) host.appendChild(el("p", { class: "pb-empty" }, "目前没有进行中的投诉。"));
    var ul = host.appendChild(el("ul", { class: "pb-open-cases" }));
    cases.forEach(function (c) {
      var li = ul.appendChild(el("li", { "data-pb-case": c.case, class: c.late ? "pb-late" : "" }));
      var target = c.next ? c.next.run : c.runs[0];
      li.appendChild(el("a", { href: pb.pageUrl("procedures/" + target.procedure) + "?run=" + target.log.slice(4) }, "投诉 " + c.case));
      li.appendChild(document.createTextNode(" · " + c.runs.length + " 张检查单" + (c.late ? " · 超时 " + c.late + " 项" : "") +
        (c.next ? (c.next.due ? " · 下一截止：" : " · 下一步：") + (target.start.title || target.procedure) + "：" + short(c.next.step.text) + (c.next.due ? "（截止 " + when(c.next.due) + "）" : "") : " · 待结案")));
    });
    host.appendChild(el("p")).appendChild(el("a", { href: pb.pageUrl("runs") }, "全部记录（含已结案、导入和清除）"));
  }

  function render(host) {
    host.textContent = "";
    var all = collect();
    if (host.getAttribute("data-pb-open-runs") === "cases") return renderCases(host, all);
    var shown = all.runs.filter(function (r) { return !r.discarded; });
    var discarded = all.runs.filter(function (r) { return r.discarded; });
    if (!shown.length) host.appendChild(el("p", { class: "pb-empty" }, "目前没有检查单记录。在任一检查单页面点“新建记录”、输入投诉编号即可开始记录。"));
    var byCase = {};
    shown.forEach(function (r) { (byCase[r.case] = byCase[r.case] || []).push(r); });
    var cases = Object.keys(byCase).sort(function (a, b) {
      var open = function (c) { return byCase[c].some(function (r) { return !r.closedAt; }) ? 0 : 1; };
      return open(a) - open(b) || (a < b ? -1 : a > b ? 1 : 0);
    });
    cases.forEach(function (c) {
      var runs = byCase[c].sort(function (a, b) { return E.instant(a.startedAt) - E.instant(b.startedAt); });
      var section = el("section", { class: "pb-case", "data-pb-case": c });
      section.appendChild(el("h2", {}, "投诉 " + c + (runs.every(function (r) { return r.closedAt; }) ? "（已结案）" : "")));
      section.appendChild(table(runs));
      host.appendChild(section);
    });
    if (discarded.length) {
      var box = el("details", { class: "pb-discarded" });
      box.appendChild(el("summary", {}, "已清除的记录（" + discarded.length + "，可恢复）"));
      box.appendChild(table(discarded));
      host.appendChild(box);
    }
    if (all.bad.length) {
      var warn = el("div", { class: "admonition warning pb-bad-runs", role: "status" });
      warn.appendChild(el("p", { class: "admonition-title" }, "无法显示的记录（" + all.bad.length + "）"));
      var ul = el("ul");
      all.bad.forEach(function (b) { ul.appendChild(el("li", { "data-pb-bad-run": b.log }, b.log + "：" + b.problem)); });
      warn.appendChild(ul);
      host.appendChild(warn);
    }
    var tools = el("div", { class: "pb-actions" });
    var input = el("input", { type: "file", accept: "application/json,.json", id: "pb-runs-import" });
    input.addEventListener("change", function () { importFile(input.files[0]); input.value = ""; });
    var label = el("label", { for: "pb-runs-import" }, "导入同事导出的 JSON 记录（同一投诉的记录合并）：");
    tools.appendChild(label);
    tools.appendChild(input);
    if (shown.length) {
      tools.appendChild(pb.button("清除全部记录", function () {
        if (!window.confirm("清除本浏览器中全部 " + shown.length + " 条检查单记录？它们会移到“已清除的记录”，可以恢复。模板草稿、演练和培训记录不受影响。")) return;
        Promise.all(shown.map(function (r) { return E.record(r.log, "discard"); })).then(init, failed);
      }, "pb-danger"));
    }
    host.appendChild(tools);
  }

  function importFile(file) {
    if (!file) return;
    Promise.all([file.text(), pb.script("core/run-import.js")]).then(function (got) {
      var text = got[0];
      var I = pb.runImport;
      var result = I.check(file.name, text, {});
      if (result.problem) return pb.notice(result.problem, "failure");
      return E.appendAll(result.events).then(function (r) {
        var m = I.message(file.name, result, r);
        pb.notice(m[0], m[1]);
        init();
      });
    }, function (err) { pb.notice("导入失败：" + err.message, "failure"); });
  }

  function failed(err) { pb.notice("操作未记录：" + err.message, "failure"); init(); }

  function init() {
    document.querySelectorAll("[data-pb-open-runs]").forEach(render);
  }

  // A step's text cut to a phone line where it only points at the step.
  function short(text) { return text.length > 28 ? text.slice(0, 27) + "…" : text; }

  // The case's other checklists in this browser, and the soonest deadline across all of them.
  function caseRuns(run, sum, when) {
    var others = collect().runs.filter(function (r) { return r.log !== run.log && r.case === run.case && !r.discarded; });
    if (!others.length) return null;
    var box = el("div", { class: "pb-case-runs pb-hint" }, "本投诉的其他检查单：");
    var ul = box.appendChild(el("ul"));
    var soonest = sum.soonest ? { due: sum.due[sum.soonest.id] } : null;
    others.forEach(function (r) {
      var s = summarize(r);
      var li = ul.appendChild(el("li", { "data-pb-case-run": r.log }));
      li.appendChild(el("a", { href: pb.pageUrl("procedures/" + r.procedure) + "?run=" + r.log.slice(4) }, r.start.title || r.procedure));
      li.appendChild(document.createTextNode(" " + s.done + "/" + s.total + (r.closedAt ? " · 已结案" : s.next ? " · 下一步：" + short(s.next.text) + (s.nextDue ? "（截止 " + when(s.nextDue) + "）" : "") : "")));
      var due = s.soonest && s.due[s.soonest.id];
      if (!r.closedAt && due && (!soonest || due < soonest.due)) soonest = { due: due, text: (r.start.title || r.procedure) + "：" + short(s.soonest.text) };
    });
    if (soonest && soonest.text) box.appendChild(el("p", { class: "pb-case-next" }, "全案最近的截止：" + soonest.text + "（截止 " + when(soonest.due) + "）"));
    return box;
  }

  pb.openRuns = { caseRuns: caseRuns };

  pb.onPage(init);
  E.subscribe(init);
})();
