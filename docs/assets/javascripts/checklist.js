// Checklist runs on procedure pages, on the event model: every action appends one event (tick,
// skip, note, outcome field, ...) and the page draws the fold of the run's events, so a form
// left open, another tab or an import can never overwrite anything. Each tab keeps its own
// active run (sessionStorage or ?run=<uuid>). All text reaches the DOM through textContent.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("checklist")) return;
  var el = pb.el;
  var button = pb.button;
  var E = pb.events;
  var page = null; // the current procedure page's state, replaced on every navigation

  // Times are shown in the viewer's zone with the zone written out.
  function viewerZone(ms) { return -new Date(ms).getTimezoneOffset(); }
  function when(at) { return E.fmt(at, viewerZone); }
  function activeKey() { return "active:" + page.data.id; }
  function checklistOf(data) { return { steps: data.steps, blocks: data.blocks, severities: data.severities }; }

  function runsHere() {
    return E.logsNow("run:").map(function (log) { return { log: log, run: E.foldRun(E.listNow(log)) }; })
      .filter(function (r) { return r.run.procedure === page.data.id && !r.run.discarded; });
  }

  function current() {
    var log = E.tab.get(activeKey());
    if (!log) return null;
    var events = E.listNow(log);
    var run = E.foldRun(events);
    if (!run.start || run.procedure !== page.data.id || run.discarded) return null;
    return { log: log, events: events, run: run };
  }

  function act(type, fields) {
    var cur = current();
    if (!cur) { pb.notice("本标签页当前没有打开的记录，操作未记录。", "failure"); refresh(); return Promise.resolve(null); }
    return E.record(cur.log, type, fields).then(function (r) { refresh(); return r; }, function (err) {
      pb.notice("操作未记录：" + err.message, "failure");
      refresh();
    });
  }

  // ---- Start form and run list ---------------------------------------------------------

  // The form is built when asked for: on a phone the steps stay in view above the fold, and the
  // page is ready sooner.
  function renderStart(panel, data) {
    panel.appendChild(el("h2", { class: "pb-panel-title" }, "为一件投诉开始记录"));
    if (page.startOpen && pb.checklistStart) {
      pb.checklistStart.startForm(panel, data);
    } else {
      panel.appendChild(button("新建记录", openStart, "md-button--primary pb-start-open"));
    }
    var mine = runsHere();
    if (mine.length) {
      panel.appendChild(el("h2", { class: "pb-panel-title" }, "本检查单的记录"));
      var ul = el("ul", { class: "pb-run-list" });
      mine.forEach(function (r) {
        var sum = E.summary(r.run, checklistOf(data), Date.now());
        var li = el("li", { "data-pb-run": r.log });
        li.appendChild(el("span", {}, "投诉 " + r.run.case + " · " + sum.done + "/" + sum.total + (r.run.closedAt ? " · 已结案" : "") + (sum.late.length ? " · 超时 " + sum.late.length : "") + " "));
        li.appendChild(button("继续", function () { E.tab.set(activeKey(), r.log); refresh(); }));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(el("p", { class: "pb-hint" }, "未开始记录时，勾选不会被保存。"));
  }

  function select(id, options) {
    var s = el("select", { id: id, required: "" });
    s.appendChild(el("option", { value: "" }, "请选择"));
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0] }, o[1])); });
    return s;
  }

  // ---- Active run ------------------------------------------------------------------------

  function renderRun(panel, data, cur) {
    var run = cur.run;
    var checklist = checklistOf(data);
    var sum = E.summary(run, checklist, Date.now());
    var sev = data.severities.filter(function (s) { return s.id === run.severity; })[0];
    var head = el("div", { class: "pb-run-head" });
    head.appendChild(el("h2", { class: "pb-panel-title" }, "投诉 " + run.case + (sev ? " · " + sev.name : "") + (run.closedAt ? " · 已结案" : "")));
    head.appendChild(el("p", {}, "受理于 " + when(run.startedAt) + (run.closedAt ? "，结案于 " + when(run.closedAt) : "")));
    head.appendChild(el("progress", { max: String(sum.total), value: String(sum.done), "aria-label": "进度" }));
    head.appendChild(el("p", { class: "pb-progress-text", "data-pb-progress": sum.done + "/" + sum.total }, "已完成 " + sum.done + "/" + sum.total + (sum.complete ? "，必做步骤已全部完成" : "")));
    if (sum.next) {
      var next = el("p", { class: "pb-next-step" });
      next.appendChild(el("strong", {}, "下一步："));
      next.appendChild(el("a", { href: "#step-" + sum.next.id }, sum.next.text));
      if (sum.nextDue) next.appendChild(el("span", {}, "（截止 " + when(sum.nextDue) + "）"));
      head.appendChild(next);
    }
    if (sum.late.length) {
      var late = el("p", { class: "pb-late-summary", role: "status" });
      late.appendChild(el("strong", {}, "已超时 " + sum.late.length + " 项："));
      sum.late.forEach(function (s, i) {
        if (i) late.appendChild(document.createTextNode("、"));
        late.appendChild(el("a", { href: "#step-" + s.id }, s.text));
      });
      head.appendChild(late);
    }
    // The case's other checklists (open-runs.js, loaded once this browser holds another run).
    var related = pb.openRuns && pb.openRuns.caseRuns(run, sum, when);
    if (related) head.appendChild(related);
    else if (!pb.openRuns && E.logsNow("run:").length > 1) pb.script("open-runs.js").then(refresh);
    var unsaved = E.unsaved();
    if (unsaved) head.appendChild(el("p", { class: "pb-error pb-unsaved", role: "alert" }, "有 " + unsaved + " 项操作只在本页内存中、未能保存到本地存储。请导出 JSON 记录。"));
    if (run.problems.length || run.future.length) {
      head.appendChild(el("p", { class: "pb-hint pb-run-problems" }, (run.future.length ? run.future.length + " 个事件来自更新版本的网站，已保留但未计入；" : "") +
        (run.problems.length ? run.problems.length + " 个事件无法使用：" + run.problems[0].problem : "")));
    }
    // A time before the start, before what it undoes, or ahead of this clock (review 5.1).
    var odd = E.clockIssues(run, Date.now());
    if (odd.length) {
      var e0 = odd[0].event;
      head.appendChild(el("p", { class: "pb-error pb-clock", role: "status" }, "设备时钟可能有误：" + e0.actor.name + E.describe(e0, E.stepTexts(checklist)) +
        "记于 " + when(e0.at) + "，" + odd[0].why + (odd.length > 1 ? "等 " + odd.length + " 项" : "") + "。记录和导出保留原时间。"));
    }
    var who = E.identityNow();
    var me = el("p", { class: "pb-identity-line" }, "操作人：" + (who ? who.name + "（" + who.role + "）" : "未填写") + " ");
    me.appendChild(button("更改", function () { page.editIdentity = true; refresh(); }, "pb-small"));
    head.appendChild(me);
    panel.appendChild(head);

    var gone = E.gone(run, checklist);
    if ((run.start.hash && run.start.hash !== data.hash) || gone.length) {
      var box = el("div", { class: "admonition warning pb-changed", role: "status" });
      box.appendChild(el("p", { class: "admonition-title" }, "检查单已修改"));
      box.appendChild(el("p", {}, "本记录开始于版本 " + run.start.version + "，此后检查单有改动。已勾选的步骤按步骤编号保留。"));
      if (gone.length) {
        var ul = el("ul", { class: "pb-gone" });
        var old = E.stepTexts(run.start.checklist);
        gone.forEach(function (id) {
          var st = run.steps[id];
          ul.appendChild(el("li", { "data-pb-gone": id }, (old[id] || id) + "（" + (st.status === "done" ? "已完成 " : "已跳过 ") + when(st.by.at) + "，现已不在检查单中）"));
        });
        box.appendChild(ul);
      }
      panel.appendChild(box);
    }

    panel.appendChild(runBar(run, data, sum));
    panel.appendChild(caseBox(run, data));
    panel.appendChild(historyList(cur, checklist));

    var actions = el("div", { class: "pb-actions" });
    actions.appendChild(button("撤销上一步", function () {
      var target = E.lastUndoable(current().events, E.tab.mine());
      if (!target) return pb.notice("本标签页没有可撤销的操作。要撤销别人或其他标签页的操作，请在“操作记录”中选择。", "info");
      undo(target);
    }));
    [["导出 Markdown", "md"], ["导出 JSON", "json"], ["导出 CSV", "csv"]].forEach(function (x) {
      actions.appendChild(button(x[0], function () { withRecord(function (cur, checklist) { pb.exportRecord(x[1], cur, checklist); }); }));
    });
    actions.appendChild(button("打印记录", function () { withRecord(function (cur, checklist) { pb.printRecord(cur, checklist); }); }));
    actions.appendChild(button(run.closedAt ? "重新打开" : "结案", function () { act(run.closedAt ? "reopen" : "close"); }));
    actions.appendChild(button("切换或新建记录", function () { E.tab.set(activeKey(), null); openStart(); }));
    actions.appendChild(button("清除本记录", function () {
      if (!window.confirm("清除投诉 " + run.case + " 的这条检查单记录？它将从列表中消失（操作记录保留，可在“进行中”页恢复）。模板草稿不受影响。")) return;
      act("discard").then(function () { E.tab.set(activeKey(), null); refresh(); });
    }, "pb-danger"));
    panel.appendChild(actions);
  }

  function undo(target) {
    var texts = E.stepTexts(checklistOf(page.data));
    act("undo", { target: target.id }).then(function (r) {
      if (r) pb.notice("已撤销：" + E.describe(target, texts) + "（" + target.actor.name + "，" + when(target.at) + "）", "info");
    });
  }

  // The record's builders and its printed layout load on first export or print (run-print.js).
  function withRecord(then) {
    pb.script("core/mdtext.js").then(function () { return pb.script("core/run-export.js"); })
      .then(function () { return pb.script("run-print.js"); })
      .then(function () { var cur = current(); if (cur) then(cur, checklistOf(page.data)); }, function (err) { pb.notice(err.message, "failure"); });
  }

  // Who did what and when; any event in force can be undone from here.
  function historyList(cur, checklist) {
    var box = el("details", { class: "pb-history" });
    if (page.historyOpen) box.setAttribute("open", "");
    box.addEventListener("toggle", function () { page.historyOpen = box.open; });
    box.appendChild(el("summary", {}, "操作记录（" + cur.run.history.length + "）"));
    var texts = E.stepTexts(checklist);
    var byId = {};
    cur.events.forEach(function (e) { byId[e.id] = e; });
    var ol = el("ol", { class: "pb-history-list", reversed: "" });
    cur.run.history.slice().reverse().forEach(function (h) {
      var e = h.event;
      var li = el("li", { "data-pb-event": e.id, class: h.undone ? "pb-undone" : "" },
        when(e.at) + " · " + e.actor.name + "（" + e.actor.role + "）· " + E.describe(e, texts, byId) + (h.undone ? "（已撤销）" : "") + " ");
      if (!h.undone && e.type !== "start") li.appendChild(button("撤销", function () { undo(e); }, "pb-small"));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    return box;
  }

  // Pinned to the screen's foot while a run is open: the case, progress, the next deadline (a tap
  // goes to that step) and the severity, changed in one tap.
  function runBar(run, data, sum) {
    var bar = el("div", { class: "pb-runbar", role: "region", "aria-label": "当前记录" });
    var soon = sum.soonest;
    bar.appendChild(el("a", { href: "#step-" + (soon || sum.next || { id: "top" }).id }, run.case + " · " + sum.done + "/" + sum.total + (soon ? " · 截止 " + when(sum.due[soon.id]).slice(5) : "")));
    var sev = bar.appendChild(select("pb-bar-severity", data.severities.map(function (s) { return [s.id, s.name]; })));
    sev.setAttribute("aria-label", "严重程度");
    sev.value = run.severity || "";
    sev.addEventListener("change", function () { if (sev.value) act("severity", { value: sev.value }); });
    return bar;
  }

  // Case facts and outcome (checklist-start.js caseForm): a closed box until the forms module is
  // loaded; opening it loads the module, which redraws the box open (outcomeOpen 1: with the
  // cursor in its first field).
  function caseBox(run, data) {
    if (pb.checklistStart) return pb.checklistStart.caseForm(run, data);
    var box = el("details", { class: "pb-outcome" });
    box.appendChild(el("summary", {}, "案件信息与结果（结案时填写）"));
    box.addEventListener("toggle", function () { if (box.open) { page.outcomeOpen = 1; withForms(); } });
    return box;
  }

  function decorateSteps(root, data, cur) {
    var run = cur && cur.run;
    var checklist = checklistOf(data);
    var sum = run ? E.summary(run, checklist, Date.now()) : null;
    var applicable = run ? E.applicable(run, checklist).map(function (s) { return s.id; }) : null;
    var now = Date.now();
    root.querySelectorAll(".pb-said").forEach(function (s) { s.textContent = ""; });
    root.querySelectorAll(".pb-step").forEach(function (li) {
      var id = li.getAttribute("data-pb-step");
      var box = li.querySelector(".pb-check");
      var ctl = li.querySelector(".pb-step-run");
      if (ctl) ctl.remove();
      li.classList.remove("pb-done", "pb-skipped", "pb-late");
      li.hidden = false;
      if (!run) { box.checked = false; return; }
      if (applicable.indexOf(id) < 0) { li.hidden = true; return; }
      var st = run.steps[id];
      box.checked = !!st && st.status === "done";
      ctl = el("div", { class: "pb-step-run" });
      var due = sum.due[id];
      if (st) {
        li.classList.add(st.status === "done" ? "pb-done" : "pb-skipped");
        ctl.appendChild(el("span", { class: "pb-stamp" }, (st.status === "done" ? "完成于 " : "跳过于 ") + when(st.by.at) + " · " + st.by.name + (st.reason ? "：" + st.reason : "")));
      } else if (due) {
        var isLate = due < now && !run.closedAt;
        if (isLate) li.classList.add("pb-late");
        ctl.appendChild(el("span", { class: "pb-stamp" + (isLate ? " pb-late-text" : "") }, (isLate ? "已超时，截止 " : "截止 ") + when(due)));
      } else if (due === null) {
        ctl.appendChild(el("span", { class: "pb-stamp" }, "前置步骤完成后开始计时"));
      }
      if (!st) ctl.appendChild(button("跳过", function () { askSkip(li, id); }, "pb-small"));
      var note = run.notes[id];
      ctl.appendChild(button(note ? "编辑备注" : "备注", function () { askNote(li, id); }, "pb-small"));
      if (note) ctl.appendChild(el("p", { class: "pb-step-note" }, "备注（" + note.by.name + "，" + when(note.by.at) + "）：" + note.text));
      li.querySelector(".pb-step-main").after(ctl);
    });
    // Templates open on this run's case; the next checklists also on its severity and category.
    root.querySelectorAll("a.pb-template, a.pb-proc").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      var proc = a.classList.contains("pb-proc");
      var carry = run ? { case: run.case, severity: proc && run.severity, category: proc && run.category } : {};
      ["case", "severity", "category"].forEach(function (k) { if (carry[k]) url.searchParams.set(k, carry[k]); else url.searchParams.delete(k); });
      if (a.href !== url.href) a.setAttribute("href", url.href); // unchanged links cost no restyle
    });
    root.querySelectorAll(".pb-block").forEach(function (block) {
      var old = block.querySelector(".pb-block-progress");
      if (old) old.remove();
      if (!run) return;
      var ids = Array.prototype.map.call(block.querySelectorAll(".pb-step:not([hidden])"), function (li) { return li.getAttribute("data-pb-step"); });
      var done = ids.filter(function (id) { return E.isClosed(run, id); }).length;
      block.insertBefore(el("p", { class: "pb-block-progress", "data-pb-block-progress": done + "/" + ids.length }, "本段进度 " + done + "/" + ids.length), block.firstChild);
    });
  }

  // A note or skip form records only its own event when saved: whatever happened meanwhile
  // (ticks here, events from other tabs) stays. Saved (onSave: a promise of the event stored, or
  // true) or cancelled, it closes and focus goes back to the step's 备注 button; a save stored
  // says so in the step's live region (pb-said).
  function inlineForm(li, label, value, onSave) {
    var old = li.querySelector(".pb-inline");
    if (old) old.remove();
    var form = el("form", { class: "pb-inline" });
    var id = "pb-inline-" + li.getAttribute("data-pb-step");
    var input = el("textarea", { id: id, rows: "2", maxlength: "10000" });
    input.value = value || "";
    form.appendChild(el("label", { for: id }, label));
    form.appendChild(input);
    form.appendChild(el("button", { type: "submit", class: "md-button pb-small" }, "保存"));
    form.appendChild(button("取消", function () { close(); }, "pb-small"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var saved = onSave(input.value.trim());
      if (saved) close(saved);
    });
    li.appendChild(form);
    input.focus();
    function close(saved) {
      form.remove();
      Promise.resolve(saved).then(function (r) {
        (li.querySelector(".pb-step-run button:last-of-type") || li.querySelector(".pb-check")).focus();
        if (r && r.saved !== false) li.querySelector(".pb-said").textContent = "已保存";
      });
    }
  }

  function askSkip(li, id) {
    inlineForm(li, "跳过的理由（必填）", "", function (reason) {
      return reason && act("skip", { step: id, value: reason });
    });
  }

  function askNote(li, id) {
    var cur = current();
    var note = cur && cur.run.notes[id];
    inlineForm(li, "备注（只写处理所需的信息）", note ? note.text : "", function (text) {
      return (note ? note.text : "") === text || act("note", { step: id, value: text });
    });
  }

  // A new start form opens with the cursor in its first field: the case number (the name while
  // this browser has no identity).
  function openStart() {
    page.startOpen = true;
    withForms(function () { document.getElementById(E.identityNow() ? "pb-case" : "pb-name").focus(); });
  }

  // The start, identity and import forms are loaded when first needed (checklist-start.js).
  function withForms(then) {
    pb.script("checklist-start.js").then(function () { refresh(); if (then) then(); }, function (err) { pb.notice(err.message, "failure"); });
  }

  // ---- Wiring ----------------------------------------------------------------------------

  function refresh() {
    if (!page || !document.body.contains(page.root)) return;
    var cur = current();
    var panel = page.panel;
    // Keep a focused case/outcome field (someone is typing in it) across a redraw.
    var keep = panel.querySelector(".pb-outcome");
    keep = keep && keep.querySelector("[data-pb-field]") && keep.contains(document.activeElement) ? keep : null; // not the closed box before its form loads
    panel.textContent = "";
    panel.hidden = false;
    if ((page.editIdentity || (!E.identityNow() && cur)) && pb.checklistStart) pb.checklistStart.identityForm(panel);
    else if (page.editIdentity || (!E.identityNow() && cur)) { withForms(); return; }
    else if (cur) renderRun(panel, page.data, cur);
    else renderStart(panel, page.data);
    document.documentElement.classList.toggle("pb-has-bar", !!panel.querySelector(".pb-runbar"));
    if (keep) { var fresh = panel.querySelector(".pb-outcome"); if (fresh) fresh.replaceWith(keep); }
    decorateSteps(page.root.parentNode, page.data, page.editIdentity ? null : cur);
  }

  // ?run=<uuid> opens that run in this tab (from the runs page); validated like any input.
  // ?case= (a link from another checklist of the case): see checklist-start.js carry().
  function fromUrl() {
    var url = new URL(window.location.href);
    var id = url.searchParams.get("run");
    if (id === null && url.searchParams.has("case")) withForms(function () { pb.checklistStart.carry(url); });
    if (id === null) return;
    var log = "run:" + id;
    var run = E.RE.uuid.test(id) ? E.foldRun(E.listNow(log)) : null;
    if (!run) pb.notice("链接中的记录编号“" + id.slice(0, 60) + "”格式不对，已忽略。", "failure");
    else if (!run.start) pb.notice("本浏览器中没有链接所指的记录（" + id + "）。可以导入同事导出的 JSON 记录。", "failure");
    else if (run.procedure !== page.data.id) pb.notice("链接所指的记录属于另一张检查单（" + run.procedure + "）。", "failure");
    else E.tab.set(activeKey(), log);
    url.searchParams.delete("run");
    history.replaceState(history.state, "", url.href);
  }

  function init() {
    var root = document.querySelector("[data-pb-procedure]");
    if (!root || root.getAttribute("data-pb-ready")) { if (!root) page = null; return; }
    root.setAttribute("data-pb-ready", "1");
    page = { root: root, data: JSON.parse(root.getAttribute("data-pb-json")), panel: root.querySelector("[data-pb-run-panel]") };
    fromUrl();
    page.root.parentNode.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box.classList || !box.classList.contains("pb-check")) return;
      var id = box.closest(".pb-step").getAttribute("data-pb-step");
      var cur = current();
      if (!cur) { box.checked = false; return; }
      act(box.checked ? "tick" : "untick", { step: id }).then(function () {
        var again = document.getElementById(box.id);
        if (again) again.focus();
      });
    });
    refresh();
  }

  pb.checklist = {
    page: function () { return page; }, current: current, refresh: refresh, act: act, runsHere: runsHere, select: select,
    viewerZone: viewerZone, activeKey: activeKey, checklistOf: checklistOf,
  };
  pb.onPage(init);
  // Events from other tabs or a sync: redraw, except over a half-filled start form.
  E.subscribe(function () {
    if (page && (current() || !page.startOpen)) refresh();
  });
  // Deadlines pass while the page is open. Only a run has deadlines; redrawing the start form
  // would discard what was typed into it.
  setInterval(function () {
    if (page && current() && !document.querySelector(".pb-inline") && !page.panel.contains(document.activeElement)) refresh();
  }, 60000);
})();
