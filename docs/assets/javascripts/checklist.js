// Checklist runs on procedure pages: start a run for a case, tick or skip steps, see what is
// due and late, export and import the record. All text reaches the DOM through textContent.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("checklist")) return;
  var el = pb.el;
  var button = pb.button;
  var download = pb.download;
  var R = pb.runs;
  var page = null; // the current procedure page's state, replaced on every navigation

  function localInputValue(date) {
    return R.fmt(date).replace(" ", "T");
  }

  function activeKey(data) { return "active:" + data.id; }

  // ---- Start form and run list ---------------------------------------------------

  // The form is built when asked for: on a phone the steps stay in view above the fold, and the
  // page is ready sooner (the form's inputs were most of this module's load-time layout cost).
  function renderStart(panel, data) {
    panel.appendChild(el("h2", { class: "pb-panel-title" }, "为一件投诉开始记录"));
    if (page.startOpen) {
      startForm(panel, data);
    } else {
      panel.appendChild(button("新建记录", function () {
        page.startOpen = true;
        refresh();
        document.getElementById("pb-case").focus();
      }, "md-button--primary pb-start-open"));
    }
    var mine = R.list().filter(function (r) { return r.procedure.id === data.id; });
    if (mine.length) {
      panel.appendChild(el("h2", { class: "pb-panel-title" }, "本检查单进行中的记录"));
      var ul = el("ul", { class: "pb-run-list" });
      mine.forEach(function (run) {
        var sum = R.summary(run);
        var li = el("li");
        li.appendChild(el("span", {}, "投诉 " + run.case + " · " + sum.done + "/" + sum.total + (sum.late.length ? " · 超时 " + sum.late.length : "") + " "));
        li.appendChild(button("继续", function () { pb.store.set(activeKey(data), run.case); refresh(); }));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(el("p", { class: "pb-hint" }, "未开始记录时，勾选不会被保存。"));
  }

  function startForm(panel, data) {
    var needsSeverity = data.steps.some(function (s) { return s.minRank > 0; });
    var needsCategory = data.steps.some(function (s) { return s.categories && s.categories.length; });
    var form = el("form", { class: "pb-start", novalidate: "" });

    var caseIn = el("input", { id: "pb-case", name: "case", required: "", inputmode: "numeric", autocomplete: "off",
      pattern: data.caseNumber.pattern.replace(/^\^|\$$/g, ""), placeholder: data.caseNumber.example });
    form.appendChild(field("投诉编号", caseIn, data.caseNumber.description));
    var startIn = el("input", { id: "pb-start", name: "start", type: "datetime-local", required: "" });
    startIn.value = localInputValue(new Date());
    form.appendChild(field("受理时间", startIn, "默认为现在；受理更早时请改为实际受理时间，时限从此刻起算。"));
    var sevIn = null;
    if (needsSeverity) {
      sevIn = select("pb-severity", data.severities.map(function (s) { return [s.id, s.name]; }));
      form.appendChild(field("严重程度", sevIn, "部分步骤只适用于较高级别；拿不准时取更高一级。"));
    }
    // Category and source feed the statistics (7.3); category is required when steps depend on it.
    var catIn = select("pb-category", data.categories.map(function (c) { return [c.id, c.name]; }));
    if (!needsCategory) catIn.removeAttribute("required");
    form.appendChild(field("投诉类别", catIn, needsCategory ? "部分步骤只适用于特定类别。" : "用于统计分析。"));
    var srcIn = select("pb-source", data.sources.map(function (c) { return [c.id, c.name]; }));
    srcIn.removeAttribute("required");
    form.appendChild(field("投诉来源", srcIn, "用于统计分析。"));
    var error = el("p", { class: "pb-error", role: "alert" });
    form.appendChild(error);
    form.appendChild(el("button", { type: "submit", class: "md-button md-button--primary" }, "开始记录"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var caseNumber = caseIn.value.trim();
      var problem = "";
      var practice = data.caseNumber.practice && new RegExp(data.caseNumber.practice.pattern).test(caseNumber);
      if (!practice && !new RegExp(data.caseNumber.pattern).test(caseNumber)) problem = "投诉编号格式不对：" + data.caseNumber.description;
      else if (isNaN(Date.parse(startIn.value))) problem = "请填写受理时间。";
      else if (sevIn && !sevIn.value) problem = "请选择严重程度。";
      else if (needsCategory && !catIn.value) problem = "请选择投诉类别。";
      else if (pb.store.get(R.key(data.id, caseNumber))) problem = "投诉 " + caseNumber + " 已有一条本检查单的记录，请在下方继续该记录。";
      error.textContent = problem;
      if (problem) return;
      var run = R.create(data, {
        caseNumber: caseNumber,
        startedAt: new Date(startIn.value).toISOString(),
        severity: sevIn ? sevIn.value : null,
        category: catIn.value || null,
        source: srcIn.value || null,
      });
      R.save(run);
      pb.store.set(activeKey(data), caseNumber);
      refresh();
    });
    panel.appendChild(form);
    var importIn = el("input", { type: "file", accept: "application/json,.json", id: "pb-import" });
    importIn.addEventListener("change", function () { importFile(importIn.files[0], data); });
    panel.appendChild(field("或导入已导出的 JSON 记录", importIn, ""));
  }

  function field(label, input, help) {
    var wrap = el("div", { class: "pb-field" });
    var lab = el("label", { for: input.id }, label);
    wrap.appendChild(lab);
    wrap.appendChild(input);
    if (help) {
      var h = el("small", { class: "pb-help", id: input.id + "-help" }, help);
      input.setAttribute("aria-describedby", h.id);
      wrap.appendChild(h);
    }
    return wrap;
  }

  function select(id, options) {
    var s = el("select", { id: id, required: "" });
    s.appendChild(el("option", { value: "" }, "请选择"));
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0] }, o[1])); });
    return s;
  }

  function importFile(file, data) {
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var run;
      try { run = JSON.parse(reader.result); } catch (e) { return pb.notice("导入失败：" + file.name + " 不是有效的 JSON。", "failure"); }
      var problem = R.problem(run);
      if (!problem && run.procedure.id !== data.id) problem = "该记录属于检查单“" + run.procedure.title + "”，请在那一页导入";
      if (problem) return pb.notice("导入失败：" + file.name + "：" + problem + "。", "failure");
      if (pb.store.get(R.keyOf(run)) && !window.confirm("投诉 " + run.case + " 在本检查单已有记录，用导入的记录替换它吗？")) return;
      R.save(run);
      pb.store.set(activeKey(data), run.case);
      pb.notice("已导入投诉 " + run.case + " 的记录。", "success");
      refresh();
    };
    reader.readAsText(file);
  }

  // ---- Active run ------------------------------------------------------------------

  function renderRun(panel, data, run) {
    var sum = R.summary(run);
    var sev = data.severities.filter(function (s) { return s.id === run.severity; })[0];
    var head = el("div", { class: "pb-run-head" });
    head.appendChild(el("h2", { class: "pb-panel-title" }, "投诉 " + run.case + (sev ? " · " + sev.name : "")));
    head.appendChild(el("p", {}, "开始于 " + R.fmt(run.startedAt) + (run.closedAt ? "，结案于 " + R.fmt(run.closedAt) : "")));
    var bar = el("progress", { max: String(sum.total), value: String(sum.done), "aria-label": "进度" });
    head.appendChild(bar);
    head.appendChild(el("p", { class: "pb-progress-text", "data-pb-progress": sum.done + "/" + sum.total }, "已完成 " + sum.done + "/" + sum.total + (sum.complete ? "，必做步骤已全部完成" : "")));
    if (sum.next) {
      var next = el("p", { class: "pb-next-step" });
      next.appendChild(el("strong", {}, "下一步："));
      var a = el("a", { href: "#step-" + sum.next.id }, sum.next.text);
      next.appendChild(a);
      if (sum.nextDue) next.appendChild(el("span", {}, "（截止 " + R.fmt(sum.nextDue) + "）"));
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
    panel.appendChild(head);

    if (run.procedure.hash !== data.hash) {
      var known = data.steps.map(function (s) { return s.id; });
      var gone = Object.keys(run.state).filter(function (id) { return known.indexOf(id) < 0; });
      var box = el("div", { class: "admonition warning pb-changed", role: "status" });
      box.appendChild(el("p", { class: "admonition-title" }, "检查单已修改"));
      box.appendChild(el("p", {}, "本记录开始于版本 " + run.procedure.version + "，此后检查单有改动。已勾选的步骤按步骤编号保留。"));
      if (gone.length) {
        var ul = el("ul", { class: "pb-gone" });
        var byId = {};
        run.steps.forEach(function (s) { byId[s.id] = s; });
        gone.forEach(function (id) {
          var st = run.state[id];
          ul.appendChild(el("li", { "data-pb-gone": id }, (byId[id] ? byId[id].text : id) + "（" + (st.status === "done" ? "已完成 " : "已跳过 ") + R.fmt(st.at) + "，现已不在检查单中）"));
        });
        box.appendChild(ul);
      }
      panel.appendChild(box);
    }

    panel.appendChild(outcomeForm(run));

    var actions = el("div", { class: "pb-actions" });
    actions.appendChild(button("撤销上一步", function () {
      var id = R.undo(run);
      if (id) { R.save(run); refresh(); } else pb.notice("没有可撤销的操作。", "info");
    }));
    actions.appendChild(button("导出 Markdown", function () { download("run-" + run.procedure.id + "-" + run.case + ".md", R.markdown(run), "text/markdown"); }));
    actions.appendChild(button("导出 JSON", function () { download("run-" + run.procedure.id + "-" + run.case + ".json", JSON.stringify(run, null, 2), "application/json"); }));
    actions.appendChild(button("打印", function () { window.print(); }));
    actions.appendChild(button(run.closedAt ? "重新打开" : "结案", function () {
      run.closedAt = run.closedAt ? null : new Date().toISOString();
      run.log.push({ at: new Date().toISOString(), action: run.closedAt ? "close" : "reopen-run" });
      R.save(run);
      refresh();
    }));
    actions.appendChild(button("切换或新建记录", function () { pb.store.remove(activeKey(data)); page.startOpen = true; refresh(); }));
    actions.appendChild(button("清除本记录", function () {
      if (!window.confirm("清除投诉 " + run.case + " 的这条记录？清除后无法恢复，建议先导出。")) return;
      R.remove(run);
      pb.store.keys("draft:").filter(function (k) { return k.slice(-(run.case.length + 1)) === ":" + run.case; })
        .forEach(function (k) { pb.store.remove(k); });
      pb.store.remove(activeKey(data));
      refresh();
    }, "pb-danger"));
    panel.appendChild(actions);
  }

  // Outcome of the case, for the statistics (seed 7.3.3); all optional.
  function outcomeForm(run) {
    var box = el("details", { class: "pb-outcome" });
    box.appendChild(el("summary", {}, "结果与统计信息（结案时填写）"));
    var o = run.outcome;
    var resolved = select("pb-out-resolved", [["yes", "已解决"], ["no", "未解决"]]);
    resolved.removeAttribute("required");
    resolved.value = o.resolved === true ? "yes" : o.resolved === false ? "no" : "";
    var sat = select("pb-out-satisfaction", [["5", "5 很满意"], ["4", "4"], ["3", "3"], ["2", "2"], ["1", "1 很不满意"]]);
    sat.removeAttribute("required");
    sat.value = o.satisfaction ? String(o.satisfaction) : "";
    var comp = el("input", { id: "pb-out-compensation", type: "number", min: "0", step: "0.01", inputmode: "decimal" });
    comp.value = o.compensation === null ? "" : String(o.compensation);
    var imp = el("input", { id: "pb-out-improvements", type: "number", min: "0", step: "1", inputmode: "numeric" });
    imp.value = o.improvements === null ? "" : String(o.improvements);
    box.appendChild(field("问题是否解决", resolved, ""));
    box.appendChild(field("回访满意度", sat, ""));
    box.appendChild(field("赔偿金额（元，含退款以外的赔付）", comp, ""));
    box.appendChild(field("提出的改进措施数", imp, ""));
    box.addEventListener("change", function () {
      run.outcome = {
        resolved: resolved.value ? resolved.value === "yes" : null,
        satisfaction: sat.value ? Number(sat.value) : null,
        compensation: comp.value === "" ? null : Math.max(0, Number(comp.value)),
        improvements: imp.value === "" ? null : Math.max(0, Math.round(Number(imp.value))),
      };
      run.log.push({ at: new Date().toISOString(), action: "outcome" });
      R.save(run);
    });
    return box;
  }

  function decorateSteps(root, data, run) {
    var sum = run ? R.summary(run) : null;
    var applicable = run ? R.applicable(run).map(function (s) { return s.id; }) : null;
    var now = new Date();
    root.querySelectorAll(".pb-step").forEach(function (li) {
      var id = li.getAttribute("data-pb-step");
      var box = li.querySelector(".pb-check");
      var ctl = li.querySelector(".pb-step-run");
      if (ctl) ctl.remove();
      li.classList.remove("pb-done", "pb-skipped", "pb-late");
      li.hidden = false;
      if (!run) { box.checked = false; return; }
      if (applicable.indexOf(id) < 0) { li.hidden = true; return; }
      var st = run.state[id];
      box.checked = !!st && st.status === "done";
      ctl = el("div", { class: "pb-step-run" });
      var due = sum.due[id];
      if (st) {
        li.classList.add(st.status === "done" ? "pb-done" : "pb-skipped");
        ctl.appendChild(el("span", { class: "pb-stamp" }, (st.status === "done" ? "完成于 " : "跳过于 ") + R.fmt(st.at) + (st.reason ? "：" + st.reason : "")));
      } else if (due) {
        var late = due < now;
        if (late) li.classList.add("pb-late");
        ctl.appendChild(el("span", { class: "pb-stamp" + (late ? " pb-late-text" : "") }, (late ? "已超时，截止 " : "截止 ") + R.fmt(due)));
      } else if (data.steps.some(function (s) { return s.id === id && s.due; })) {
        ctl.appendChild(el("span", { class: "pb-stamp" }, "前置步骤完成后开始计时"));
      }
      if (!st) ctl.appendChild(button("跳过", function () { askSkip(li, id, run); }, "pb-small"));
      ctl.appendChild(button(run.notes[id] ? "编辑备注" : "备注", function () { askNote(li, id, run); }, "pb-small"));
      if (run.notes[id]) ctl.appendChild(el("p", { class: "pb-step-note" }, "备注：" + run.notes[id]));
      li.querySelector(".pb-step-main").after(ctl);
    });
    root.querySelectorAll("a.pb-template").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      if (run) url.searchParams.set("case", run.case); else url.searchParams.delete("case");
      if (a.href !== url.href) a.setAttribute("href", url.href); // unchanged links cost no restyle
    });
    root.querySelectorAll(".pb-block").forEach(function (block) {
      var old = block.querySelector(".pb-block-progress");
      if (old) old.remove();
      if (!run) return;
      var ids = Array.prototype.map.call(block.querySelectorAll(".pb-step:not([hidden])"), function (li) { return li.getAttribute("data-pb-step"); });
      var done = ids.filter(function (id) { return R.isClosed(run, id); }).length;
      block.insertBefore(el("p", { class: "pb-block-progress", "data-pb-block-progress": done + "/" + ids.length }, "本段进度 " + done + "/" + ids.length), block.firstChild);
    });
  }

  function inlineForm(li, label, value, onSave) {
    var old = li.querySelector(".pb-inline");
    if (old) old.remove();
    var form = el("form", { class: "pb-inline" });
    var id = "pb-inline-" + li.getAttribute("data-pb-step");
    var input = el("textarea", { id: id, rows: "2", required: "" });
    input.value = value || "";
    form.appendChild(el("label", { for: id }, label));
    form.appendChild(input);
    form.appendChild(el("button", { type: "submit", class: "md-button pb-small" }, "保存"));
    form.appendChild(button("取消", function () { form.remove(); }, "pb-small"));
    form.addEventListener("submit", function (ev) { ev.preventDefault(); onSave(input.value.trim()); });
    li.appendChild(form);
    input.focus();
  }

  function askSkip(li, id, run) {
    inlineForm(li, "跳过的理由（必填）", "", function (reason) {
      if (!reason) return;
      R.change(run, id, "skip", reason);
      R.save(run);
      refresh();
    });
  }

  function askNote(li, id, run) {
    inlineForm(li, "备注（只写处理所需的信息）", run.notes[id], function (text) {
      if (text) run.notes[id] = text; else delete run.notes[id];
      run.log.push({ at: new Date().toISOString(), step: id, action: "note" });
      R.save(run);
      refresh();
    });
  }

  // ---- Wiring ----------------------------------------------------------------------

  function currentRun(data) {
    var active = pb.store.get(activeKey(data));
    return active ? pb.store.get(R.key(data.id, active)) || null : null;
  }

  function refresh() {
    if (!page || !document.body.contains(page.root)) return;
    var run = currentRun(page.data);
    var panel = page.panel;
    panel.textContent = "";
    panel.hidden = false;
    if (run) renderRun(panel, page.data, run); else renderStart(panel, page.data);
    decorateSteps(page.root.parentNode, page.data, run);
  }

  function init() {
    var root = document.querySelector("[data-pb-procedure]");
    if (!root || root.getAttribute("data-pb-ready")) { if (!root) page = null; return; }
    root.setAttribute("data-pb-ready", "1");
    page = { root: root, data: JSON.parse(root.getAttribute("data-pb-json")), panel: root.querySelector("[data-pb-run-panel]") };
    page.root.parentNode.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box.classList || !box.classList.contains("pb-check")) return;
      var run = currentRun(page.data);
      if (!run) return;
      var id = box.closest(".pb-step").getAttribute("data-pb-step");
      R.change(run, id, box.checked ? "done" : "reopen");
      R.save(run);
      refresh();
      var again = document.getElementById(box.id);
      if (again) again.focus();
    });
    refresh();
  }

  pb.onPage(init);
  pb.store.watch(function (key) { if (key.indexOf("run:") === 0 || key.indexOf("active:") === 0) refresh(); });
  // Deadlines pass while the page is open. Only a run has deadlines; redrawing the start form
  // would discard what was typed into it.
  setInterval(function () {
    if (page && currentRun(page.data) && !document.querySelector(".pb-inline") && !page.panel.contains(document.activeElement)) refresh();
  }, 60000);
})();
