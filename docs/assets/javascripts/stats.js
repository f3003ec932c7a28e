// Statistics from exported run records (seed 7.3), computed in the browser: nothing is uploaded.
// pb.stats.compute is pure so tests can compare it with an independent computation.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("stats")) return;
  var el = pb.el;
  var R = pb.runs;
  var SVG = "http://www.w3.org/2000/svg";
  var HOUR = 3600000;

  function isoWeek(ms) {
    var d = new Date(ms);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    var day = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + 4 - day);
    var start = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
    var week = Math.ceil(((d - start) / 86400000 + 1) / 7);
    return d.getUTCFullYear() + "-W" + (week < 10 ? "0" : "") + week;
  }
  function inc(map, key, n) { map[key] = (map[key] || 0) + (n === undefined ? 1 : n); }
  function sorted(map) { return Object.keys(map).sort().map(function (k) { return [k, map[k]]; }); }
  function round(n, d) { var f = Math.pow(10, d || 1); return Math.round(n * f) / f; }

  // Read files' JSON into records, reporting by file name what was skipped or doubtful.
  function collect(files, data) {
    var records = [], problems = [], seen = {};
    files.forEach(function (f) {
      var parsed;
      try { parsed = JSON.parse(f.text); } catch (e) { problems.push(f.name + "：不是有效的 JSON,已跳过。"); return; }
      var items = Array.isArray(parsed) ? parsed : [parsed];
      items.forEach(function (run, i) {
        var where = f.name + (Array.isArray(parsed) ? " 第 " + (i + 1) + " 条" : "");
        var why = R.problem(run);
        if (why) { problems.push(where + "：不是检查单记录(" + why + "），已跳过。"); return; }
        var key = R.keyOf(run);
        if (seen[key]) { problems.push(where + "：与 " + seen[key] + " 是同一案件同一检查单的重复记录，只计一次。"); return; }
        seen[key] = where;
        if (run.procedure.version !== data.version) problems.push(where + "：基于预案版本 " + run.procedure.version + "（当前 " + data.version + "），已计入。");
        records.push(run);
      });
    });
    return { records: records, problems: problems };
  }

  function compute(records, data) {
    var rank = {}, resolve = {};
    data.severities.forEach(function (s) { rank[s.id] = s.rank; resolve[s.id] = s.resolveHours; });
    var cases = {};
    records.slice().sort(function (a, b) { return Date.parse(a.startedAt) - Date.parse(b.startedAt); }).forEach(function (run) {
      var c = cases[run.case] || (cases[run.case] = { runs: [], start: Infinity, close: -Infinity, open: false, severity: null, category: null, source: null,
        outcome: { resolved: null, satisfaction: null, compensation: null, improvements: null } });
      c.runs.push(run);
      c.start = Math.min(c.start, Date.parse(run.startedAt));
      if (run.closedAt) c.close = Math.max(c.close, Date.parse(run.closedAt)); else c.open = true;
      if (run.severity && (!c.severity || rank[run.severity] > rank[c.severity])) c.severity = run.severity;
      c.category = c.category || run.category;
      c.source = c.source || run.source;
      Object.keys(c.outcome).forEach(function (k) { if (run.outcome && run.outcome[k] !== null && run.outcome[k] !== undefined) c.outcome[k] = run.outcome[k]; });
    });
    var list = Object.keys(cases).map(function (k) { return cases[k]; });
    var closed = list.filter(function (c) { return !c.open; });
    var out = { cases: list.length, closed: closed.length, byMonth: {}, byWeek: {}, byCategory: {}, bySeverity: {}, bySource: {}, stage: {}, overdue: {} };
    list.forEach(function (c) {
      inc(out.byMonth, new Date(c.start).toISOString().slice(0, 7));
      inc(out.byWeek, isoWeek(c.start));
      inc(out.byCategory, c.category || "");
      inc(out.bySeverity, c.severity || "");
      inc(out.bySource, c.source || "");
    });
    var hours = closed.map(function (c) { return (c.close - c.start) / HOUR; });
    out.handlingHours = hours.length ? round(hours.reduce(function (a, b) { return a + b; }, 0) / hours.length) : null;
    var timed = closed.filter(function (c) { return c.severity; });
    var onTime = timed.filter(function (c) { return (c.close - c.start) / HOUR <= resolve[c.severity]; });
    out.onTimeRate = timed.length ? round(100 * onTime.length / timed.length) : null;
    records.forEach(function (run) {
      if (run.closedAt) {
        var st = out.stage[run.procedure.id] || (out.stage[run.procedure.id] = { title: run.procedure.title, n: 0, hours: 0 });
        st.n++; st.hours += (Date.parse(run.closedAt) - Date.parse(run.startedAt)) / HOUR;
      }
      var due = R.dueTimes(run);
      run.steps.forEach(function (s) {
        var state = run.state[s.id];
        if (state && state.status === "done" && due[s.id] && Date.parse(state.at) > due[s.id].getTime()) {
          var k = run.procedure.title + ":" + s.text;
          inc(out.overdue, k);
        }
      });
    });
    Object.keys(out.stage).forEach(function (k) { out.stage[k].mean = round(out.stage[k].hours / out.stage[k].n); });
    out.overdueTotal = Object.keys(out.overdue).reduce(function (a, k) { return a + out.overdue[k]; }, 0);
    var withResolved = closed.filter(function (c) { return c.outcome.resolved !== null; });
    out.resolutionRate = withResolved.length ? round(100 * withResolved.filter(function (c) { return c.outcome.resolved; }).length / withResolved.length) : null;
    var sat = list.filter(function (c) { return c.outcome.satisfaction; }).map(function (c) { return c.outcome.satisfaction; });
    out.satisfaction = sat.length ? round(sat.reduce(function (a, b) { return a + b; }, 0) / sat.length, 2) : null;
    out.compensationCases = list.filter(function (c) { return c.outcome.compensation > 0; }).length;
    out.compensationTotal = round(list.reduce(function (a, c) { return a + (c.outcome.compensation || 0); }, 0), 2);
    out.improvements = list.reduce(function (a, c) { return a + (c.outcome.improvements || 0); }, 0);
    return out;
  }

  // ---- Drawing -----------------------------------------------------------------------

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A bar (or line) chart of [label, value] rows, with its numbers as a table and a CSV download.
  function chart(host, id, title, rows, unit, kind) {
    var fig = el("figure", { class: "pb-chart", "data-pb-chart": id });
    fig.appendChild(el("figcaption", {}, title));
    var w = 640, h = 220, pad = 28, max = Math.max.apply(null, rows.map(function (r) { return r[1]; }).concat([1]));
    var s = svg("svg", { viewBox: "0 0 " + w + " " + (h + 40), role: "img", "aria-label": title, class: "pb-svg" });
    var step = (w - 2 * pad) / Math.max(rows.length, 1);
    var points = [];
    rows.forEach(function (r, i) {
      var x = pad + i * step, bh = (h - pad) * r[1] / max, y = h - bh;
      if (kind === "line") points.push((x + step / 2) + "," + y);
      else s.appendChild(svg("rect", { x: x + step * 0.15, y: y, width: step * 0.7, height: bh, class: "pb-bar" }));
      s.appendChild(svg("text", { x: x + step / 2, y: y - 4, "text-anchor": "middle", class: "pb-value" }, String(r[1])));
      s.appendChild(svg("text", { x: x + step / 2, y: h + 16, "text-anchor": "middle", class: "pb-label" }, r[0].length > 8 ? r[0].slice(0, 8) + "…" : r[0]));
    });
    if (kind === "line" && points.length) s.appendChild(svg("polyline", { points: points.join(" "), class: "pb-line", fill: "none" }));
    s.appendChild(svg("line", { x1: pad, y1: h, x2: w - pad, y2: h, class: "pb-axis" }));
    fig.appendChild(s);
    var details = el("details");
    details.appendChild(el("summary", {}, "数据表"));
    var table = el("table", { class: "pb-table" });
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "项目"));
    head.appendChild(el("th", { scope: "col" }, unit));
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", {}, r[0]));
      tr.appendChild(el("td", { "data-pb-cell": r[0] }, String(r[1])));
      body.appendChild(tr);
    });
    table.appendChild(body);
    details.appendChild(table);
    var csv = el("button", { type: "button", class: "md-button pb-btn pb-small" }, "下载 CSV");
    csv.addEventListener("click", function () {
      var quote = function (v) { return '"' + String(v).replace(/"/g, '""') + '"'; };
      var text = "\ufeff" + [["项目", unit]].concat(rows).map(function (r) { return r.map(quote).join(","); }).join("\r\n") + "\r\n";
      pb.download(id + ".csv", text, "text/csv;charset=utf-8");
    });
    details.appendChild(csv);
    fig.appendChild(details);
    var def = (host.metrics || []).filter(function (m) { return m.id === id; })[0];
    if (def) fig.appendChild(el("p", { class: "pb-help" }, "定义：" + def.definition + " 计算：" + def.formula));
    host.node.appendChild(fig);
  }

  function figure(host, id, label, value) {
    var card = el("div", { class: "pb-kpi", "data-pb-kpi": id });
    card.appendChild(el("span", { class: "pb-kpi-value" }, value === null ? "—" : String(value)));
    card.appendChild(el("span", { class: "pb-kpi-label" }, label));
    var def = host.metrics.filter(function (m) { return m.id === id; })[0];
    if (def) card.setAttribute("title", def.definition + " " + def.formula);
    host.kpis.appendChild(card);
  }

  function render(root, data, result) {
    var out = root.querySelector("[data-pb-stats-output]");
    out.textContent = "";
    var s = compute(result.records, data);
    var names = function (map) { return function (r) { return [map[r[0]] || (r[0] ? r[0] : "未填"), r[1]]; }; };
    var sevName = {};
    data.severities.forEach(function (x) { sevName[x.id] = x.name; });
    var host = { node: out, metrics: data.metrics, kpis: el("div", { class: "pb-kpis" }) };
    out.appendChild(host.kpis);
    figure(host, "cases", "投诉件数", s.cases);
    figure(host, "closed", "已结案", s.closed);
    figure(host, "handling-time", "平均处理时长（小时）", s.handlingHours);
    figure(host, "on-time-rate", "按时办结率 %", s.onTimeRate);
    figure(host, "resolution-rate", "问题解决率 %", s.resolutionRate);
    figure(host, "satisfaction", "平均满意度", s.satisfaction);
    figure(host, "compensation", "赔偿件数", s.compensationCases);
    figure(host, "compensation-total", "赔偿总额（元）", s.compensationTotal);
    figure(host, "improvements", "改进措施", s.improvements);
    figure(host, "overdue-steps", "逾期完成的步骤", s.overdueTotal);
    chart(host, "count-by-month", "按月投诉数量", sorted(s.byMonth), "件数", "bar");
    chart(host, "count-by-week", "按周投诉数量", sorted(s.byWeek), "件数", "line");
    chart(host, "count-by-category", "按类别", sorted(s.byCategory).map(names(data.categories)), "件数", "bar");
    chart(host, "count-by-severity", "按严重程度", sorted(s.bySeverity).map(names(sevName)), "件数", "bar");
    chart(host, "count-by-source", "按来源", sorted(s.bySource).map(names(data.sources)), "件数", "bar");
    chart(host, "stage-time", "各阶段平均用时（小时）", Object.keys(s.stage).map(function (k) { return [s.stage[k].title, s.stage[k].mean]; }), "小时", "bar");
    var top = sorted(s.overdue).sort(function (a, b) { return b[1] - a[1]; }).slice(0, 10);
    chart(host, "overdue-steps", "最常逾期的步骤", top, "次数", "bar");
    root.setAttribute("data-pb-result", JSON.stringify(s));
  }

  function init() {
    var root = document.querySelector("[data-pb-stats]");
    if (!root || root.getAttribute("data-pb-ready")) return;
    root.setAttribute("data-pb-ready", "1");
    var data = JSON.parse(root.getAttribute("data-pb-json"));
    var input = root.querySelector("#pb-stats-files");
    var zone = root.querySelector("[data-pb-dropzone]");
    var report = root.querySelector("[data-pb-stats-report]");

    function load(fileList) {
      var files = Array.prototype.slice.call(fileList || []);
      Promise.all(files.map(function (f) { return f.text().then(function (t) { return { name: f.name, text: t }; }); })).then(function (texts) {
        var result = collect(texts, data);
        report.textContent = "";
        report.appendChild(el("p", { "data-pb-loaded": String(result.records.length) }, "已载入 " + result.records.length + " 条记录(" + files.length + " 个文件）。"));
        if (result.problems.length) {
          var ul = el("ul", { class: "pb-problems" });
          result.problems.forEach(function (p) { ul.appendChild(el("li", {}, p)); });
          report.appendChild(ul);
        }
        render(root, data, result);
      });
    }
    input.addEventListener("change", function () { load(input.files); });
    zone.addEventListener("dragover", function (ev) { ev.preventDefault(); zone.classList.add("pb-drag"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("pb-drag"); });
    zone.addEventListener("drop", function (ev) { ev.preventDefault(); zone.classList.remove("pb-drag"); load(ev.dataTransfer.files); });
  }

  pb.stats = { compute: compute, collect: collect };
  pb.onPage(init);
})();
