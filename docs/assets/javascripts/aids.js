// Decision-aid pages: read the form, apply the rules of core/aids.js to the data embedded in the
// page, and show the result as text with the law cited beside it. No rule lives in this file.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("aids")) return;
  var el = pb.el;
  var core, W; // core/aids.js and core/workdays.js: taken in init(), once every script of the page has run (page.js)

  function cite(law) {
    var span = el("span", { class: "pb-cite" });
    span.appendChild(document.createTextNode("依据："));
    span.appendChild(el("a", { href: law.url }, law.label));
    if (law.verify) span.appendChild(el("span", { class: "pb-tag pb-tag-verify" }, "使用前请核实"));
    return span;
  }
  function line(parent, label, value, laws, data) {
    var p = el("p", { class: "pb-result-line" });
    if (label) p.appendChild(el("strong", {}, label));
    p.appendChild(document.createTextNode(value));
    (laws || []).forEach(function (id) {
      if (data && data.cites[id]) { p.appendChild(document.createTextNode(" ")); p.appendChild(cite(data.cites[id])); }
    });
    parent.appendChild(p);
    return p;
  }
  function verify(p) { p.appendChild(document.createTextNode(" ")); p.appendChild(el("span", { class: "pb-tag pb-tag-verify" }, "使用前请核实")); }
  function uncovered(year) { return year + " 年的法定节假日安排尚未收录，无法按工作日计算；请按国务院办公厅公布的安排人工核对。"; }

  var views = {
    triage: function (data, form, out) {
      var answers = {};
      data.triage.questions.forEach(function (q) { answers[q.id] = (form.querySelector('input[name="' + q.id + '"]:checked') || {}).value; });
      var r = core.triage(data, answers, form.elements.amount.value);
      if (r.error) { out.appendChild(el("p", { class: "pb-error", "data-pb-error": "" }, r.error)); return; }
      var sev = data.severities.filter(function (s) { return s.id === r.severity; })[0];
      var head = el("p", { class: "pb-verdict pb-sev-" + sev.rank, "data-pb-severity": sev.id });
      head.appendChild(el("span", { class: "pb-sev-badge" }, sev.name));
      head.appendChild(document.createTextNode(" 定级 " + pb.durationZh(sev.grade) + "内，首次联系 " + pb.durationZh(sev.acknowledge) + "内，处理 " + pb.durationZh(sev.resolve) + "内"));
      out.appendChild(head);
      if (r.reasons.length) {
        out.appendChild(el("p", {}, "理由："));
        var ul = el("ul", { "data-pb-reasons": "" });
        r.reasons.forEach(function (why) { ul.appendChild(el("li", {}, why)); });
        out.appendChild(ul);
      } else {
        out.appendChild(el("p", {}, "没有任何一项适用，按最低级别处理。"));
      }
      out.appendChild(el("p", { class: "pb-help" }, data.rule));
    },
    compensation: function (data, form, out) {
      var promise = data.compensation.promise;
      var box = form.querySelector("[data-pb-promise]");
      if (box) box.hidden = !(promise && promise.price_multiplier);
      var inputs = {};
      ["price", "loss", "goods", "seller", "basis", "party", "knew", "excluded"].forEach(function (k) { inputs[k] = form.elements[k].value; });
      inputs.promise = form.elements.promise.checked;
      var r = core.compensation(data, inputs);
      if (r.error) { out.appendChild(el("p", { class: "pb-error", "data-pb-error": "" }, r.error)); return; }
      var lines = el("div", { "data-pb-compensation": "", "data-pb-total": String(r.total / 100), "data-pb-punitive": String(r.punitive / 100) });
      r.lines.forEach(function (text, i) {
        var p = el("p", { class: "pb-result-line" + (i === 0 ? " pb-verdict" : "") });
        p.appendChild(el("span", { "data-pb-line": String(i) }, text));
        if (i === 1) r.laws.forEach(function (id) { if (data.cites[id]) { p.appendChild(document.createTextNode(" ")); p.appendChild(cite(data.cites[id])); } });
        lines.appendChild(p);
      });
      out.appendChild(lines);
      line(out, "退货、换货、修理与实际损失：", "商品不符合质量要求时可以主张；运费等必要费用由经营者承担。", data.compensation.remedy_laws, data);
    },
    deadlines: function (data, form, out) {
      var dates = {};
      ["signed", "received", "applied", "accepted", "regulator"].forEach(function (k) { if (form.elements[k].value) dates[k] = form.elements[k].value; });
      var today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10); // the date in China
      if (W.isWorkday(data.calendar, today) === null) out.appendChild(el("p", { class: "pb-error", "data-pb-uncovered": "today" }, "今天所在的" + uncovered(+today.slice(0, 4))));
      var r = core.deadlines(data, dates, data.calendar), L = data.deadlines.laws;
      var labels = {
        last_return: ["七日无理由退货最后一天：", [L.no_reason_offset, L.no_reason_days]],
        refund_target: ["内部退款目标：", [L.refund_days]],
        refund_due: ["法定最迟退款日（含当日）：", [L.refund_days]],
        refund_delay_after: ["此日之后仍未退款，视为故意拖延（处罚界限，不是宽限期）：", [L.delay_days]],
        return_delay_after: ["此日之后仍未办理退货手续，视为故意拖延：", [L.delay_days]],
        burden_until: ["经营者承担瑕疵举证责任至：", [L.burden_months]],
        regulator_reply: ["书面回复内部目标（工作日）：", []],
        odr_reply: ["ODR 件与消费者协商的最后一天：", [L.odr_working_days]],
      };
      Object.keys(labels).forEach(function (k) {
        if (!r[k]) return;
        var p = line(out, labels[k][0], r[k].date || uncovered(r[k].uncovered), labels[k][1], data);
        p.setAttribute("data-pb-date", k);
        if (r[k].uncovered) p.setAttribute("data-pb-uncovered", String(r[k].uncovered));
        if (k === "last_return" && r[k].extended) {
          var x = line(out, "", "最后一天是法定节假日或休息日：消费者在 " + r[k].extended + "（含当日）提出退货的，不得以超期为由拒绝（民法典第203条）。");
          x.setAttribute("data-pb-extended", r[k].extended);
          verify(x);
        } else if (k === "last_return" && r[k].uncovered) {
          line(out, "", uncovered(r[k].uncovered)).setAttribute("data-pb-uncovered", String(r[k].uncovered));
        }
      });
      if (!Object.keys(r).length) out.appendChild(el("p", { class: "pb-help" }, "填写任一日期即可得出对应期限。"));
    },
  };

  function init() {
    core = pb.aids;
    W = pb.workdays;
    document.querySelectorAll("[data-pb-aid]").forEach(function (root) {
      var kind = root.getAttribute("data-pb-aid");
      if (!views[kind] || root.getAttribute("data-pb-ready")) return;
      root.setAttribute("data-pb-ready", "1");
      var data = JSON.parse(root.getAttribute("data-pb-json"));
      var form = root.querySelector("form");
      var out = root.querySelector("[data-pb-result]");
      var update = function () { out.textContent = ""; views[kind](data, form, out); };
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      update();
    });
  }

  pb.onPage(init);
})();
