// The forms of a procedure page that most visits never open: who you are (asked once per
// browser), starting a run, importing a colleague's export, a case carried from another checklist,
// and the case facts and outcome. Loaded by checklist.js on demand.
(function () {
  "use strict";
  var pb = window.pb;
  var el = pb.el;
  var E = pb.events;
  var C = pb.checklist;
  var select = C.select;
  var viewerZone = C.viewerZone;
  var activeKey = C.activeKey;
  var checklistOf = C.checklistOf;
  var refresh = C.refresh;
  var runsHere = C.runsHere;
  var MAX_IMPORT = 5 * 1024 * 1024;
  function page() { return C.page(); }
  // A real case number, or one from the practice range that drills and training use.
  function caseAllowed(data, c) {
    var practice = data.caseNumber.practice && new RegExp(data.caseNumber.practice.pattern).test(c);
    return E.RE.case.test(c) && (practice || new RegExp(data.caseNumber.pattern).test(c));
  }
  // The case number as typed: full-width digits and hyphens (an input method's full-width mode)
  // become ASCII; spaces, invisible and bidi control characters (pasted from a ticket system)
  // are refused with their own message rather than the format rule. Returns [number, problem].
  function checkCase(data, raw) {
    var c = String(raw).normalize("NFKC").trim();
    if (/[^\x21-\x7e]/.test(c)) return [c, "投诉编号中有空格、不可见字符或方向控制字符（常见于从其他系统复制），请删除后重新输入。"];
    return [c, caseAllowed(data, c) ? "" : "投诉编号格式不对：" + data.caseNumber.description];
  }
  function localInputValue(ms) { return E.isoAt(ms, viewerZone(ms)).slice(0, 16); }

  // A labelled field with its help text (read out with the field).
  function field(label, input, help) {
    var wrap = el("div", { class: "pb-field" });
    wrap.appendChild(el("label", { for: input.id }, label));
    wrap.appendChild(input);
    if (help) {
      var h = el("small", { class: "pb-help", id: input.id + "-help" }, help);
      input.setAttribute("aria-describedby", h.id);
      wrap.appendChild(h);
    }
    return wrap;
  }

  // ---- Identity -------------------------------------------------------------------------

  function owners() {
    var seen = {};
    return page().data.steps.map(function (s) { return s.owner; }).filter(function (o) { return o && !seen[o] && (seen[o] = true); });
  }

  function identityFields(form) {
    var who = E.identityNow() || { name: "", role: "" };
    var name = el("input", { id: "pb-name", name: "name", required: "", autocomplete: "name", maxlength: "40" });
    name.value = who.name;
    var role = el("input", { id: "pb-role", name: "role", required: "", list: "pb-roles", maxlength: "40" });
    role.value = who.role;
    var list = el("datalist", { id: "pb-roles" });
    owners().forEach(function (o) { list.appendChild(el("option", { value: o })); });
    form.appendChild(field("您的姓名", name, "记录在您做的每一步上；本浏览器记住，可随时更改。"));
    form.appendChild(field("您的角色", role, ""));
    form.appendChild(list);
    return function () { return { name: name.value.trim(), role: role.value.trim() }; };
  }

  function identityForm(panel, after) {
    var form = el("form", { class: "pb-identity", novalidate: "" });
    form.appendChild(el("h2", { class: "pb-panel-title" }, "请先填写您的姓名和角色"));
    var read = identityFields(form);
    var error = el("p", { class: "pb-error", role: "alert" });
    form.appendChild(error);
    form.appendChild(el("button", { type: "submit", class: "md-button md-button--primary" }, "保存"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      E.setIdentity(read()).then(function () { page().editIdentity = false; (after || refresh)(); }, function (err) { error.textContent = err.message + "。"; });
    });
    panel.appendChild(form);
  }

  // A 受理时间 ahead of this device's clock (review 5.2) is a typing slip or a clock running slow:
  // warned, and taken only when submitted again unchanged. Not refused: with a slow clock the
  // true time is ahead, and every time limit counts from it.
  function ahead(startMs) {
    var min = Math.round((startMs - Date.now()) / 6e4);
    return "受理时间比本设备现在的时间晚 " + (min >= 2880 ? Math.round(min / 1440) + " 天" : min >= 120 ? Math.round(min / 60) + " 小时" : min + " 分钟") +
      "，各步骤时限都从受理时间起算。请核对；如果时间无误（本设备时钟慢了），再点一次“开始记录”按此时间开始。";
  }

  function startForm(panel, data) {
    var needsSeverity = data.steps.some(function (s) { return s.minRank > 0; });
    // Deadlines that follow the severity ask for it too, but do not require it (unset: the highest level's).
    var asksSeverity = needsSeverity || data.steps.some(function (s) { return s.dueBySeverity; });
    var needsCategory = data.steps.some(function (s) { return s.categories && s.categories.length; });
    var form = el("form", { class: "pb-start", novalidate: "" });
    var readIdentity = E.identityNow() ? null : identityFields(form);
    // A text keyboard: numbers from ticket systems carry hyphens, practice numbers letters.
    var caseIn = el("input", { id: "pb-case", name: "case", required: "", type: "text", inputmode: "text", autocomplete: "off",
      autocapitalize: "characters", spellcheck: "false", enterkeyhint: "next", placeholder: data.caseNumber.example });
    form.appendChild(field("投诉编号", caseIn, data.caseNumber.description));
    var startIn = el("input", { id: "pb-start", name: "start", type: "datetime-local", required: "" });
    startIn.value = localInputValue(Date.now());
    form.appendChild(field("受理时间", startIn, "默认为现在（本机时区 " + E.zoneLabel(viewerZone(Date.now())) + "）；受理更早时请改为实际受理时间，时限从此刻起算。"));
    var sevIn = null;
    if (asksSeverity) {
      sevIn = select("pb-severity", data.severities.map(function (s) { return [s.id, s.name]; }));
      if (!needsSeverity) sevIn.removeAttribute("required");
      form.appendChild(field("严重程度", sevIn, (needsSeverity ? "部分步骤只适用于较高级别；" : "时限按严重程度计算，未选时按最高级别；") + "拿不准时取更高一级。"));
    }
    var catIn = select("pb-category", data.categories.map(function (c) { return [c.id, c.name]; }));
    if (!needsCategory) catIn.removeAttribute("required");
    form.appendChild(field("投诉类别", catIn, needsCategory ? "部分步骤只适用于特定类别。" : "用于统计分析。"));
    var srcIn = select("pb-source", data.sources.map(function (c) { return [c.id, c.name]; }));
    srcIn.removeAttribute("required");
    form.appendChild(field("投诉来源", srcIn, "用于统计分析。"));
    var error = el("p", { class: "pb-error", role: "alert" });
    var confirmed = "";
    form.appendChild(error);
    form.appendChild(el("button", { type: "submit", class: "md-button md-button--primary" }, "开始记录"));
    carryIn(form, data, { case: caseIn, severity: sevIn, category: catIn });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var checked = checkCase(data, caseIn.value);
      var caseNumber = checked[0];
      var startMs = new Date(startIn.value).getTime();
      var who = readIdentity ? readIdentity() : null;
      var problem = "";
      if (who && (!who.name || !who.role)) problem = "请填写您的姓名和角色。";
      else if (checked[1]) problem = checked[1];
      else if (isNaN(startMs)) problem = "请填写受理时间。";
      else if (startMs > Date.now() + 300000 && confirmed !== startIn.value) { problem = ahead(startMs); confirmed = startIn.value; } // shown once: the same time again confirms it
      else if (needsSeverity && !sevIn.value) problem = "请选择严重程度。";
      else if (needsCategory && !catIn.value) problem = "请选择投诉类别。";
      else if (runsHere().some(function (r) { return r.run.case === caseNumber; })) problem = "投诉 " + caseNumber + " 已有一条本检查单的记录，请在下方继续该记录。";
      error.textContent = problem;
      if (problem) return;
      (who ? E.setIdentity(who) : Promise.resolve()).then(function () {
        var log = "run:" + E.uuid();
        E.tab.set(activeKey(), log);
        return E.record(log, "start", { value: {
          case: caseNumber, procedure: data.id, version: data.version, hash: data.hash, title: data.title,
          severity: sevIn && sevIn.value ? sevIn.value : null, category: catIn.value || null, source: srcIn.value || null,
          start: E.isoAt(startMs, viewerZone(startMs)), checklist: checklistOf(data),
        } });
      }).then(function () {
        page().startOpen = false;
        page().carry = null;
        refresh();
        // Where the user goes on: the first step's tick (focus fell to <body>: walkthrough 1.7).
        var tick = document.querySelector(".pb-step:not([hidden]) .pb-check");
        if (tick) tick.focus();
      }, function (err) { error.textContent = err.message; });
    });
    panel.appendChild(form);
    var importIn = el("input", { type: "file", accept: "application/json,.json", id: "pb-import" });
    importIn.addEventListener("change", function () { importFile(importIn.files[0]); importIn.value = ""; });
    panel.appendChild(field("或导入已导出的 JSON 记录（同一投诉的记录会合并）", importIn, ""));
  }

  // ?case=&severity=&category= (a link from another checklist of the case) opens this checklist's
  // run of that case in this tab, or the start form filled with it; the address loses them.
  function carry(url) {
    var c = url.searchParams.get("case");
    var have = runsHere().filter(function (r) { return r.run.case === c; })[0];
    E.tab.set(activeKey(), have ? have.log : null);
    page().carry = have ? null : { case: c, severity: url.searchParams.get("severity"), category: url.searchParams.get("category") };
    page().startOpen = !have;
    ["case", "severity", "category"].forEach(function (k) { url.searchParams.delete(k); });
    history.replaceState(history.state, "", url.href);
    refresh();
  }

  // A link from another checklist of the same case (?case=&severity=&category=, read by
  // checklist.js into page().carry) fills the form; values that fail the rules are left out.
  function carryIn(form, data, inputs) {
    var carry = page().carry;
    if (!carry) return;
    var checked = checkCase(data, carry.case);
    if (checked[1]) {
      pb.notice("链接中的投诉编号不符合编号规则，已忽略，请手动填写。" + data.caseNumber.description, "warning");
      return;
    }
    inputs.case.value = checked[0];
    ["severity", "category"].forEach(function (k) {
      var input = inputs[k];
      if (input && carry[k] && Array.prototype.some.call(input.options, function (o) { return o.value && o.value === carry[k]; })) input.value = carry[k];
    });
    form.insertBefore(el("p", { class: "pb-hint pb-carried" }, "已带入投诉 " + checked[0] + " 的编号" + (inputs.severity && inputs.severity.value ? "、严重程度" : "") +
      (inputs.category.value ? "和类别" : "") + "。请核对受理时间后开始记录。"), form.firstChild);
  }

  // Merge-import: a colleague's export of the same run merges with ours (union of events);
  // importing the same file twice adds nothing. The whole file is checked before anything is stored.
  function importFile(file) {
    if (!file) return;
    if (file.size > MAX_IMPORT) return pb.notice("导入失败：" + file.name + " 大于 5 MB，不是本站导出的记录。", "failure");
    Promise.all([file.text(), pb.script("core/run-import.js")]).then(function (got) {
      var text = got[0];
      var I = pb.runImport;
      var rule = page().data.caseNumber;
      var result = I.check(file.name, text, { procedure: page().data.id, casePatterns: [rule.pattern].concat(rule.practice ? [rule.practice.pattern] : []) });
      if (result.problem) return pb.notice(result.problem, "failure");
      return E.appendAll(result.events).then(function (r) {
        if (result.logs.length === 1) E.tab.set(activeKey(), result.logs[0]);
        var m = I.message(file.name, result, r);
        pb.notice(m[0], m[1]);
        refresh();
      });
    }, function (err) { pb.notice("导入失败：" + err.message, "failure"); });
  }

  // Case facts and outcome: each field change appends one event for that field only.
  function caseForm(run, data) {
    var box = el("details", { class: "pb-outcome" });
    if (page().outcomeOpen) box.setAttribute("open", "");
    var summary = box.appendChild(el("summary", {}, "案件信息与结果（结案时填写）"));
    // Opened from its summary (a click or a key) or from the box drawn before this module loaded
    // (outcomeOpen 1), the cursor goes to the first field; a redraw that draws the box open again
    // (its toggle event comes later) leaves focus where it is.
    box.addEventListener("toggle", function () {
      if (box.open && (document.activeElement === summary || page().outcomeOpen === 1)) sev.focus();
      page().outcomeOpen = box.open;
    });
    var o = run.outcome;
    var inputs = [];
    function add(label, input, value, fieldName, parse, type) {
      input.value = value;
      input.setAttribute("data-pb-field", fieldName);
      box.appendChild(field(label, input, ""));
      inputs.push({ input: input, field: fieldName, parse: parse, type: type || "outcome" });
    }
    var sev = select("pb-out-severity", data.severities.map(function (s) { return [s.id, s.name]; }));
    add("严重程度", sev, run.severity || "", "severity", function (v) { return v || undefined; }, "severity");
    var resolved = select("pb-out-resolved", [["yes", "已解决"], ["no", "未解决"]]);
    resolved.removeAttribute("required");
    add("问题是否解决", resolved, o.resolved === true ? "yes" : o.resolved === false ? "no" : "", "resolved", function (v) { return v ? v === "yes" : null; });
    var sat = select("pb-out-satisfaction", [["5", "5 很满意"], ["4", "4"], ["3", "3"], ["2", "2"], ["1", "1 很不满意"]]);
    sat.removeAttribute("required");
    add("回访满意度", sat, o.satisfaction ? String(o.satisfaction) : "", "satisfaction", function (v) { return v ? Number(v) : null; });
    add("赔偿金额（元，含退款以外的赔付）", el("input", { id: "pb-out-compensation", type: "number", min: "0", step: "0.01", inputmode: "decimal" }),
      o.compensation === null ? "" : String(o.compensation), "compensation", function (v) { return v === "" ? null : Math.round(Math.max(0, Number(v)) * 100) / 100; });
    add("提出的改进措施数", el("input", { id: "pb-out-improvements", type: "number", min: "0", step: "1", inputmode: "numeric" }),
      o.improvements === null ? "" : String(o.improvements), "improvements", function (v) { return v === "" ? null : Math.max(0, Math.round(Number(v))); });
    add("商品签收日期（用于无理由退货等期限）", el("input", { id: "pb-out-signed", type: "date" }), run.signedFor || "", "sign-for", function (v) { return v || null; }, "sign-for");
    box.addEventListener("change", function (ev) {
      var it = inputs.filter(function (x) { return x.input === ev.target; })[0];
      if (!it) return;
      var value = it.parse(it.input.value);
      var now = C.current();
      if (value === undefined || !now) return;
      var before = it.type === "outcome" ? now.run.outcome[it.field] : it.type === "severity" ? now.run.severity : now.run.signedFor;
      if (value === before || (typeof value === "number" && isNaN(value))) return;
      C.act(it.type, it.type === "outcome" ? { field: it.field, value: value } : { value: value });
    });
    return box;
  }

  pb.checklistStart = { startForm: startForm, identityForm: identityForm, carry: carry, caseForm: caseForm };
})();
