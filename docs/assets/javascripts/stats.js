// Statistics page (seed 7.3): loads exported run files (or this browser's run event logs, or the
// sample), computes the metrics with pb.stats (core/stats.js, loaded with the first records), and shows each as a Chart.js chart
// with its table and a CSV download underneath. Nothing is uploaded.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("stats-page")) return;
  var el = pb.el;
  var S = null; // pb.stats (core/stats.js), loaded with the first records to count
  var charts = [];

  function context(data) {
    var sev = {};
    data.severities.forEach(function (s) { sev[s.id] = s; });
    return { severities: sev, categories: data.categories, sources: data.sources, version: data.version,
      casePattern: data.casePattern, practicePattern: data.practicePattern, procedures: data.procedures };
  }

  function css(name, fallback) {
    return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
  }

  // Long labels wrap onto lines of at most n characters (Chart.js draws an array as lines).
  function wrap(text, n) {
    var out = [];
    for (var i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
    return out.length > 1 ? out : text;
  }

  // One figure: caption, chart, definition, then the data table and its CSV (always present).
  // spec: {id, title, unit, rows: [[label, value]], horizontal, colors, labels (chart labels)}
  function chart(host, spec) {
    var fig = el("figure", { class: "pb-chart", "data-pb-chart": spec.id });
    fig.appendChild(el("figcaption", {}, spec.title));
    var def = host.metrics.filter(function (m) { return m.id === spec.id; })[0];
    var canvasBox = el("div", { class: "pb-chart-canvas" + (spec.horizontal ? " pb-chart-tall" : "") });
    if (spec.horizontal) canvasBox.style.height = Math.max(8, 2.2 * spec.rows.length + 3) + "em";
    var canvas = el("canvas", { role: "img", "aria-label": spec.title + "：" + spec.rows.map(function (r) { return r[0] + " " + r[1] + spec.unit; }).join("；") });
    canvasBox.appendChild(canvas);
    fig.appendChild(canvasBox);
    if (def) fig.appendChild(el("p", { class: "pb-help" }, "定义：" + def.definition + " 计算：" + def.formula));
    var details = el("details", { class: "pb-chart-data" });
    details.appendChild(el("summary", {}, "数据表"));
    var table = el("table", { class: "pb-table" });
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "项目"));
    head.appendChild(el("th", { scope: "col" }, spec.unit));
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    spec.rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", {}, r[0]));
      tr.appendChild(el("td", { "data-pb-cell": r[0] }, String(r[1])));
      body.appendChild(tr);
    });
    table.appendChild(body);
    details.appendChild(table);
    details.appendChild(pb.button("下载 CSV", function () {
      pb.download(spec.id + ".csv", S.csv([["项目", spec.unit]].concat(spec.rows)), "text/csv;charset=utf-8");
    }, "pb-small"));
    fig.appendChild(details);
    host.node.appendChild(fig);
    if (!window.Chart) { details.open = true; return; } // the table alone still tells everything
    var fg = css("--md-default-fg-color", "#333");
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = fg;
    var c = new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels || spec.rows.map(function (r) { return r[0]; }),
        datasets: [{ label: spec.unit, data: spec.rows.map(function (r) { return r[1]; }),
          backgroundColor: spec.colors || css("--md-primary-fg-color", "#4051b5"), borderColor: css("--md-primary-fg-color", "#4051b5") }] },
      options: {
        indexAxis: spec.horizontal ? "y" : "x", maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: function (items) { return spec.rows[items[0].dataIndex][0]; } } } },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0, precision: spec.horizontal ? spec.precision : undefined }, beginAtZero: true },
          y: { ticks: { autoSkip: !spec.horizontal, precision: spec.horizontal ? undefined : spec.precision }, beginAtZero: true },
        },
      },
    });
    charts.push(c);
  }

  function kpi(host, id, label, value) {
    var card = el("div", { class: "pb-kpi", "data-pb-kpi": id });
    card.appendChild(el("span", { class: "pb-kpi-value" }, value === null ? "—" : String(value)));
    card.appendChild(el("span", { class: "pb-kpi-label" }, label));
    var def = host.metrics.filter(function (m) { return m.id === id; })[0];
    if (def) card.setAttribute("title", def.definition + " " + def.formula);
    host.kpis.appendChild(card);
  }

  function byCount(a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }

  function render(root, data, records) {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var out = root.querySelector("[data-pb-stats-output]");
    out.textContent = "";
    var s = S.compute(records, context(data));
    var named = function (names) { return function (e) { return [e[0] ? names[e[0]] || e[0] : "未填", e[1]]; }; };
    var pairs = function (o) { return Object.keys(o).map(function (k) { return [k, o[k]]; }); };
    var host = { node: out, metrics: data.metrics, kpis: el("div", { class: "pb-kpis" }) };
    out.appendChild(host.kpis);
    kpi(host, "cases", "投诉件数", s.cases);
    kpi(host, "closed", "已结案", s.closed);
    kpi(host, "handling-time", "平均处理时长（天）", s.handlingDays);
    kpi(host, "on-time-rate", "按时办结率 %", s.onTimeRate);
    kpi(host, "resolution-rate", "问题解决率 %", s.resolutionRate);
    kpi(host, "satisfaction", "平均满意度", s.satisfaction);
    kpi(host, "compensation", "赔偿件数", s.compensationCases);
    kpi(host, "compensation-total", "赔偿总额（元）", s.compensationTotal);
    kpi(host, "improvements", "改进措施", s.improvements);
    kpi(host, "overdue-steps", "逾期完成的步骤", s.overdueTotal);
    var months = pairs(s.byMonth);
    chart(host, { id: "count-by-month", title: "按月投诉数量", unit: "件数", rows: months, precision: 0,
      labels: months.map(function (r) { return r[0].replace(/^(\d{4})-0?(\d+)$/, "$1年$2月"); }) });
    var weeks = pairs(s.byWeek);
    chart(host, { id: "count-by-week", title: "按周投诉数量（周一至周日，北京时间）", unit: "件数", type: "line", precision: 0,
      rows: weeks.map(function (r) { return [r[0] + "（" + S.weekLabel(r[0]) + "）", r[1]]; }),
      labels: weeks.map(function (r) { return S.weekLabel(r[0]); }) });
    chart(host, { id: "count-by-category", title: "按类别", unit: "件数", horizontal: true, precision: 0,
      rows: pairs(s.byCategory).sort(byCount).map(named(data.categories)) });
    // Severities in rank order, each in its colour (the same CSS variables as the badges).
    var sevs = data.severities.slice().sort(function (a, b) { return a.rank - b.rank; }).filter(function (x) { return s.bySeverity[x.id]; });
    var sevRows = sevs.map(function (x) { return [x.name, s.bySeverity[x.id]]; });
    var sevColors = sevs.map(function (x) { return css("--pb-sev-" + x.rank, "#888"); });
    if (s.bySeverity[""]) { sevRows.push(["未定", s.bySeverity[""]]); sevColors.push(css("--pb-sev-0", "#888")); }
    chart(host, { id: "count-by-severity", title: "按严重程度（由轻到重）", unit: "件数", rows: sevRows, colors: sevColors, precision: 0 });
    chart(host, { id: "count-by-source", title: "按来源", unit: "件数", horizontal: true, precision: 0,
      rows: pairs(s.bySource).sort(byCount).map(named(data.sources)) });
    var stages = Object.keys(s.stage).map(function (k) { return [s.stage[k].title, s.stage[k].meanDays]; }).sort(byCount);
    chart(host, { id: "stage-time", title: "各阶段平均用时（天）", unit: "天", rows: stages, horizontal: true,
      labels: stages.map(function (r) { return wrap(r[0], 16); }) });
    var top = s.overdue.slice(0, 10);
    chart(host, { id: "overdue-steps", title: "最常逾期的步骤（前 10）", unit: "次数", horizontal: true, precision: 0,
      rows: top.map(function (o) { return [o.procedure + "：" + o.step, o.count]; }),
      labels: top.map(function (o) { return [o.procedure + "："].concat(wrap(o.step, 24)); }) });
    root.setAttribute("data-pb-result", JSON.stringify(s));
  }

  function report(root, result, files) {
    var box = root.querySelector("[data-pb-stats-report]");
    box.textContent = "";
    box.appendChild(el("p", { "data-pb-loaded": String(result.records.length) },
      "已载入 " + result.records.length + " 条记录（" + files + " 个来源）" + (result.practice ? "；" + result.practice + " 条练习记录不计入" : "") + "。"));
    if (result.problems.length) {
      var ul = el("ul", { class: "pb-problems" });
      result.problems.forEach(function (p) { ul.appendChild(el("li", {}, p)); });
      box.appendChild(ul);
    }
  }

  function init() {
    var root = document.querySelector("[data-pb-stats]");
    if (!root || root.getAttribute("data-pb-ready")) return;
    root.setAttribute("data-pb-ready", "1");
    var data = JSON.parse(root.getAttribute("data-pb-json"));
    var input = root.querySelector("#pb-stats-files");
    var zone = root.querySelector("[data-pb-dropzone]");
    var actions = root.querySelector("[data-pb-stats-actions]");

    function show(texts) {
      pb.script("core/stats.js").then(function () { S = pb.stats; showNow(texts); },
        function (err) { pb.notice(err.message, "failure"); });
    }
    function showNow(texts) {
      var ctx = context(data);
      ctx.now = Date.now();
      var result = S.collect(texts, ctx);
      report(root, result, texts.length);
      render(root, data, result.records);
    }
    function load(fileList) {
      var files = Array.prototype.slice.call(fileList || []);
      root.querySelector("[data-pb-stats-report]").textContent = "正在读取 " + files.length + " 个文件…";
      Promise.all(files.map(function (f) { return f.text().then(function (t) { return { name: f.name, text: t }; }); })).then(show);
    }
    actions.appendChild(pb.button("载入示例数据", function () {
      var url = root.getAttribute("data-pb-sample");
      fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (t) { show([{ name: "sample-runs.json", text: t }]); })
        .catch(function () { pb.notice("无法读取示例数据（离线版请下载示例记录后用上面的按钮选择文件）。", "warning"); });
    }, "pb-sample"));
    actions.appendChild(pb.button("统计本浏览器中的记录", function () {
      pb.events.logs("run:").then(function (logs) { return Promise.all(logs.map(pb.events.list)); }).then(function (lists) {
        show([{ name: "本浏览器中的记录", text: JSON.stringify({ events: [].concat.apply([], lists) }) }]);
      });
    }, "pb-local"));
    // Team mode: the team's whole record straight from its database, archived runs included.
    if (document.querySelector('meta[name="pb-team-couchdb"]')) {
      actions.appendChild(pb.button("统计团队数据库中的记录", function () {
        var box = root.querySelector("[data-pb-stats-report]");
        if (!pb.team) { pb.notice("团队功能未能加载，请刷新页面后重试。", "warning"); return; }
        box.textContent = "正在读取团队数据库…";
        pb.team.events(function (n) { box.textContent = "正在读取团队数据库…已读取 " + n + " 条。"; }).then(function (events) {
          show([{ name: "团队数据库（" + pb.team.state().team + "）", text: JSON.stringify({ events: events }) }]);
        }, function (err) { box.textContent = ""; pb.notice(err.message, "warning"); });
      }, "pb-team-stats"));
    }
    input.addEventListener("change", function () { load(input.files); });
    zone.addEventListener("dragover", function (ev) { ev.preventDefault(); zone.classList.add("pb-drag"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("pb-drag"); });
    zone.addEventListener("drop", function (ev) { ev.preventDefault(); zone.classList.remove("pb-drag"); load(ev.dataTransfer.files); });
  }

  // Print: every table open and every chart redrawn at the paper's width.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".pb-chart-data").forEach(function (d) { d.open = true; });
    charts.forEach(function (c) { c.resize(); });
  });
  window.addEventListener("afterprint", function () { charts.forEach(function (c) { c.resize(); }); });

  pb.onPage(init);
})();
