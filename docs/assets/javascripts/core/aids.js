// Decision-aid rules (triage, compensation, deadlines) as pure functions over the rules data the
// page embeds (built by macros/aids.py from aids.yml, taxonomy.yml, laws.yml and organisation.yml).
// macros/aids.py implements the same rules; both are checked against tests/fixtures/aids-cases.yml,
// amounts AND wording. Every sentence comes from the data's text templates, never from this file.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./workdays.js"));
  else (root.pb = root.pb || {}).aids = factory(root.pb.workdays);
})(typeof self !== "undefined" ? self : this, function (workdays) {
  "use strict";

  // "{name}" placeholders filled from values; an unknown name is a bug in aids.yml, so it shows.
  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }

  // Money is parsed from what was typed into whole cents, so no float rounding reaches a result.
  // "" → null (nothing entered); anything but a non-negative amount with at most 2 decimals → NaN.
  function cents(raw) {
    var s = raw == null ? "" : String(raw).trim();
    if (s === "") return null;
    var m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
    if (!m) return NaN;
    return Number(m[1]) * 100 + Number(((m[2] || "") + "00").slice(0, 2));
  }
  // 171900 → "1719 元", 50001 → "500.01 元": how an agent reads it aloud.
  function yuan(c) {
    var whole = Math.floor(c / 100), frac = c % 100;
    return (frac ? whole + "." + (frac < 10 ? "0" : "") + frac : String(whole)) + " 元";
  }

  function triage(data, answers, rawAmount) {
    var t = data.triage, rank = {}, hits = [];
    data.severities.forEach(function (s) { rank[s.id] = s.rank; });
    t.questions.forEach(function (q) {
      var a = answers[q.id];
      if (a === "yes" || a === "unsure") hits.push([q.severity, q.text + (a === "unsure" ? t.texts.unsure : "")]);
    });
    var amount = cents(rawAmount);
    if (amount !== null && !(amount >= 0)) return { error: t.texts.bad_amount };
    t.thresholds.forEach(function (th) {
      if (amount !== null && amount >= th.min * 100) hits.push([th.severity, fill(t.texts.threshold, { label: t.amount_label, min: yuan(th.min * 100) })]);
    });
    if (!hits.length) return { severity: t["default"], reasons: [] };
    var top = Math.max.apply(null, hits.map(function (h) { return rank[h[0]]; }));
    var level = data.severities.filter(function (s) { return s.rank === top; })[0].id;
    return { severity: level, reasons: hits.filter(function (h) { return rank[h[0]] === top; }).map(function (h) { return h[1]; }) };
  }

  // What the consumer may claim: refund + loss + punitive = total, each line a sentence with its law.
  // inputs: {price, loss (typed strings), goods: food|other, seller: self|third, party: producer|seller,
  //          knew: yes|no|unsure, basis: none|fraud|food|defect, excluded: "" | exclusion id, promise: bool}
  function compensation(data, inputs) {
    var c = data.compensation, T = c.texts;
    var price = cents(inputs.price), loss = cents(inputs.loss);
    if (price === null || price === 0) return { error: T.need_price };
    if (!(price > 0)) return { error: T.bad_price };
    if (loss === null) loss = 0;
    if (!(loss >= 0)) return { error: T.bad_loss };
    var lines = [], laws = [], punitive = 0, conditional = null, kind = "none";
    var ex = inputs.excluded ? c.exclusions.filter(function (e) { return e.id === inputs.excluded; })[0] : null;
    var basis = inputs.basis;
    if (basis === "food" && inputs.goods !== "food") return { error: T.food_only };
    if (ex && ex.bases.indexOf(basis) >= 0) {
      lines.push(fill(T.excluded, { reason: ex.text, law: ex.law_labels }));
      laws = laws.concat(ex.laws);
    } else if (basis === "fraud") {
      var f = c.fraud, base = f.multiplier * price;
      punitive = Math.max(base, f.minimum * 100); kind = "fraud";
      lines.push(fill(T.fraud, { law: f.label, multiplier: f.multiplier, base: yuan(base), minimum: yuan(f.minimum * 100), punitive: yuan(punitive) }));
      laws.push(f.law);
      var p = c.promise;
      if (inputs.promise && p && p.price_multiplier && p.price_multiplier * price > punitive) {
        lines.push(fill(T.promise, { name: p.name, multiplier: p.price_multiplier, amount: yuan(p.price_multiplier * price), legal: yuan(punitive), law: p.label }));
        punitive = p.price_multiplier * price; kind = "promise"; laws.push(p.law);
      }
    } else if (basis === "food") {
      var d = c.food, amount = Math.max(d.price_multiplier * price, d.loss_multiplier * loss, d.minimum * 100);
      var calc = fill(T.food, { law: d.label, price_multiplier: d.price_multiplier, by_price: yuan(d.price_multiplier * price),
        loss_multiplier: d.loss_multiplier, by_loss: yuan(d.loss_multiplier * loss), minimum: yuan(d.minimum * 100), punitive: yuan(amount) });
      laws.push(d.law);
      if (inputs.party === "producer" || inputs.knew === "yes") {
        punitive = amount; kind = "food"; lines.push(calc);
      } else if (inputs.knew === "no") {
        lines.push(fill(T.food_not_known, { law: d.label }));
      } else {
        conditional = amount; lines.push(fill(T.food_unsure, { law: d.label, punitive: yuan(amount) }));
      }
      lines.push(T.food_reasonable);
    } else if (basis === "defect") {
      var x = c.defect;
      conditional = x.max_multiplier * loss; kind = "defect";
      lines.push(fill(T.defect, { law: x.label, multiplier: x.max_multiplier, punitive: yuan(conditional) }));
      laws.push(x.law);
    } else {
      lines.push(T.none);
    }
    var total = price + loss + punitive;
    var sentence = fill(kind === "defect" ? T.total_defect : T.total, {
      refund: yuan(price), loss: yuan(loss), punitive: yuan(punitive), total: yuan(total),
      punitive_name: kind === "fraud" || kind === "promise" ? T.name_fraud : T.name_punitive });
    lines.unshift(sentence);
    lines.push(inputs.seller === "self" ? T.payer_self : fill(T.payer_third, { promise: c.advance_payment }));
    return { refund: price, loss: loss, punitive: punitive, total: total, conditional: conditional, kind: kind, lines: lines, laws: laws };
  }

  // Dates as "YYYY-MM-DD"; legal periods counted in calendar days from the day after the event
  // (民法典第201条); the consumer's window extended past a closing holiday (第203条, verify).
  function deadlines(data, dates, table) {
    var d = data.deadlines, out = {};
    if (dates.signed) {
      var last = workdays.addDays(dates.signed, d.no_reason_offset + d.no_reason_days - 1);
      out.last_return = { date: last };
      var ext = workdays.nextWorkday(table, last);
      if (ext.uncovered) out.last_return.uncovered = ext.uncovered;
      else if (ext.date !== last) out.last_return.extended = ext.date;
    }
    if (dates.received) {
      out.refund_due = { date: workdays.addDays(dates.received, d.refund_days) };
      out.refund_target = { date: workdays.addDays(dates.received, d.refund_target_days) };
      out.refund_delay_after = { date: workdays.addDays(dates.received, d.delay_days) };
    }
    if (dates.applied) out.return_delay_after = { date: workdays.addDays(dates.applied, d.delay_days) };
    if (dates.accepted) out.burden_until = { date: workdays.addMonths(dates.accepted, d.burden_months) };
    if (dates.regulator) {
      [["regulator_reply", d.regulator_reply_working_days], ["odr_reply", d.odr_working_days]].forEach(function (k) {
        if (k[1] == null) return;
        var r = workdays.addWorkdays(table, dates.regulator, k[1]);
        out[k[0]] = r.uncovered ? { uncovered: r.uncovered } : { date: r.date };
      });
    }
    return out;
  }

  return { fill: fill, cents: cents, yuan: yuan, triage: triage, compensation: compensation, deadlines: deadlines };
});
