// Decision aids: the rules of macros/aids.py applied in the browser to the data embedded in the
// page (legal numbers resolved from laws.yml). Results cite the law beside every figure.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("aids")) return;
  var el = pb.el;

  function cite(law) {
    var span = el("span", { class: "pb-cite" });
    span.appendChild(document.createTextNode("依据："));
    span.appendChild(el("a", { href: law.url }, law.label));
    if (law.verify) span.appendChild(el("span", { class: "pb-tag pb-tag-verify" }, "使用前请核实"));
    return span;
  }
  function line(parent, label, value, laws) {
    var p = el("p", { class: "pb-result-line" });
    p.appendChild(el("strong", {}, label));
    p.appendChild(document.createTextNode(value));
    (laws || []).forEach(function (l) { p.appendChild(document.createTextNode(" ")); p.appendChild(cite(l)); });
    parent.appendChild(p);
    return p;
  }
  function money(n) { return "¥" + n.toFixed(2); }
  function num(form, name) { var v = parseFloat(form.elements[name].value); return isNaN(v) || v < 0 ? 0 : v; }
  function g(n) { return String(+n); }

  // ---- Rules (mirror macros/aids.py) -------------------------------------------------

  var rules = {
    triage: function (data, answers, amount) {
      var rank = {};
      data.severities.forEach(function (s) { rank[s.id] = s.rank; });
      var hits = [];
      data.questions.forEach(function (q) {
        var a = answers[q.id];
        if (a === "yes" || a === "unsure") hits.push([q.severity, q.text + (a === "unsure" ? "（不确定，按“是”处理）" : "")]);
      });
      data.amount.thresholds.forEach(function (t) {
        if (amount >= t.min) hits.push([t.severity, data.amount.label + " ≥ " + g(t.min)]);
      });
      if (!hits.length) return { severity: data["default"], reasons: [] };
      var top = Math.max.apply(null, hits.map(function (h) { return rank[h[0]]; }));
      var level = Object.keys(rank).filter(function (id) { return rank[id] === top; })[0];
      return { severity: level, reasons: hits.filter(function (h) { return rank[h[0]] === top; }).map(function (h) { return h[1]; }) };
    },
    compensation: function (data, price, goods, basis, loss, excluded) {
      if (basis === "none") return { punitive: 0, formula: "" };
      if (basis === "fraud") {
        if (excluded) return { punitive: 0, formula: "", excluded: data.fraud.exclusions };
        var f = data.fraud;
        return { punitive: round(Math.max(f.multiplier * price, f.minimum)), formula: "max(" + g(f.multiplier) + " × " + price.toFixed(2) + ", " + g(f.minimum) + ")", law: f.law };
      }
      if (basis === "food" && goods === "food") {
        if (excluded) return { punitive: 0, formula: "", excluded: data.food.exclusions };
        var d = data.food;
        return { punitive: round(Math.max(d.priceMultiplier * price, d.lossMultiplier * loss, d.minimum)),
          formula: "max(" + g(d.priceMultiplier) + " × " + price.toFixed(2) + ", " + g(d.lossMultiplier) + " × " + loss.toFixed(2) + ", " + g(d.minimum) + ")", law: d.law };
      }
      return null;
    },
    deadlines: function (data, dates) {
      var out = {};
      if (dates.signed) out.last_return = addDays(dates.signed, data.no_reason_offset + data.no_reason_days - 1);
      if (dates.received) out.refund_due = addDays(dates.received, data.refund_days);
      if (dates.applied) out.delay_after = addDays(dates.applied, data.delay_days);
      if (dates.accepted) out.burden_until = addMonths(dates.accepted, data.burden_months);
      return out;
    },
  };
  function round(n) { return Math.round(n * 100) / 100; }

  // Dates as YYYY-MM-DD strings computed in UTC, so no time zone can shift a day.
  function parse(s) { var p = s.split("-").map(Number); return new Date(Date.UTC(p[0], p[1] - 1, p[2])); }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function addDays(s, n) { var d = parse(s); d.setUTCDate(d.getUTCDate() + n); return iso(d); }
  function addMonths(s, n) {
    var d = parse(s);
    var day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + n);
    var last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return iso(d);
  }
  pb.aidRules = rules;

  // ---- Pages -------------------------------------------------------------------------

  var views = {
    triage: function (root, data, form, out) {
      var answers = {};
      data.questions.forEach(function (q) { answers[q.id] = (form.querySelector('input[name="' + q.id + '"]:checked') || {}).value; });
      var r = rules.triage(data, answers, num(form, "amount"));
      var sev = data.severities.filter(function (s) { return s.id === r.severity; })[0];
      var head = el("p", { class: "pb-verdict pb-sev-" + sev.rank, "data-pb-severity": sev.id });
      head.appendChild(el("span", { class: "pb-sev-badge" }, sev.name));
      head.appendChild(document.createTextNode(" 首次联系 " + pb.durationZh(sev.acknowledge) + "内，处理 " + pb.durationZh(sev.resolve) + "内"));
      out.appendChild(head);
      if (r.reasons.length) {
        out.appendChild(el("p", {}, "理由："));
        var ul = el("ul");
        r.reasons.forEach(function (why) { ul.appendChild(el("li", {}, why)); });
        out.appendChild(ul);
      } else {
        out.appendChild(el("p", {}, "没有任何一项适用，按最低级别处理。"));
      }
      out.appendChild(el("p", { class: "pb-help" }, data.rule));
    },
    compensation: function (root, data, form, out) {
      var price = num(form, "price"), loss = num(form, "loss");
      var goods = form.elements.goods.value, basis = form.elements.basis.value;
      var excluded = form.elements.excluded.checked;
      line(out, "退货、换货或修理：", "商品不符合质量要求时可以主张；运费等必要费用由经营者承担。", data.remedies.slice(0, 1));
      line(out, "赔偿实际损失：", loss ? money(loss) + "（按票据核定）" : "有损失时按票据核定", data.remedies.slice(1));
      var r = rules.compensation(data, price, goods, basis, loss, excluded);
      if (!r) {
        line(out, "惩罚性赔偿：", "食品安全标准依据只适用于食品，请把商品类型改为“食品”或改选其他依据。");
        return;
      }
      if (r.excluded) {
        line(out, "惩罚性赔偿：", "不适用（属于除外情形）。", r.excluded);
      } else if (r.formula) {
        var p = line(out, "惩罚性赔偿：", money(r.punitive) + " = " + r.formula, [r.law]);
        p.setAttribute("data-pb-punitive", String(r.punitive));
      } else {
        line(out, "惩罚性赔偿：", "无（未主张欺诈或食品安全标准）。");
      }
    },
    deadlines: function (root, data, form, out) {
      var dates = {};
      ["signed", "received", "applied", "accepted"].forEach(function (k) { if (form.elements[k].value) dates[k] = form.elements[k].value; });
      var r = rules.deadlines(data, dates);
      var labels = {
        last_return: ["七日无理由退货最后一天：", [data.laws.no_reason_offset, data.laws.no_reason_days]],
        refund_due: ["最迟退款日：", [data.laws.refund_days]],
        delay_after: ["此日之后仍未处理，视为故意拖延：", [data.laws.delay_days]],
        burden_until: ["经营者承担瑕疵举证责任至：", [data.laws.burden_months]],
      };
      Object.keys(labels).forEach(function (k) {
        if (r[k]) line(out, labels[k][0], r[k], labels[k][1]).setAttribute("data-pb-date", k);
      });
      if (!Object.keys(r).length) out.appendChild(el("p", { class: "pb-help" }, "填写任一日期即可得出对应期限。"));
    },
  };

  function init() {
    document.querySelectorAll("[data-pb-aid]").forEach(function (root) {
      var kind = root.getAttribute("data-pb-aid");
      if (!views[kind] || root.getAttribute("data-pb-ready")) return;
      root.setAttribute("data-pb-ready", "1");
      var data = JSON.parse(root.getAttribute("data-pb-json"));
      var form = root.querySelector("form");
      var out = root.querySelector("[data-pb-result]");
      var update = function () { out.textContent = ""; views[kind](root, data, form, out); };
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      update();
    });
  }

  pb.onPage(init);
})();
