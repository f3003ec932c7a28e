// Facilitator console on drill pages: drill clock (start, pause, resume), injects revealed at
// their time or by hand, expected actions marked as observed, critical tasks rated, notes, and
// an after-action report draft exported as Markdown and JSON. State is saved per drill.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("drills")) return;
  var el = pb.el;
  var button = pb.button;
  var download = pb.download;
  var current = null;

  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }
  function fresh() { return { startedAt: null, pausedAt: null, pausedMs: 0, revealed: {}, observed: {}, ratings: {}, notes: "" }; }

  function elapsed(st, now) {
    if (!st.startedAt) return 0;
    var end = st.pausedAt ? st.pausedAt : now;
    return end - st.startedAt - st.pausedMs;
  }

  // The after-action report draft: timeline, ratings, gaps, notes.
  function report(data, st) {
    var scale = {};
    data.scale.forEach(function (r) { scale[r.value] = r.label; });
    var timeline = data.injects.filter(function (i) { return st.revealed[i.id]; }).map(function (i) {
      return { inject: i.id, plannedMinute: i.at, revealedAt: st.revealed[i.id].at, clock: clock(st.revealed[i.id].elapsed), from: i.from,
        observed: i.expected.filter(function (_, k) { return st.observed[i.id + ":" + k]; }),
        missed: i.expected.filter(function (_, k) { return !st.observed[i.id + ":" + k]; }) };
    });
    var ratings = data.tasks.map(function (t) { return { task: t.id, text: t.text, objective: t.objective, rating: st.ratings[t.id] || null }; });
    var gaps = ratings.filter(function (r) { return r.rating === "m" || r.rating === "u"; }).map(function (r) { return r.text + "（" + scale[r.rating] + "）"; })
      .concat(timeline.reduce(function (acc, t) { return acc.concat(t.missed.map(function (m) { return "未观察到：" + m; })); }, []));
    return { format: "pb-drill-report", drill: data.id, title: data.title, exportedAt: new Date().toISOString(),
      elapsed: clock(elapsed(st, Date.now())), timeline: timeline, ratings: ratings, gaps: gaps, notes: st.notes };
  }

  function markdown(data, r) {
    var scale = {};
    data.scale.forEach(function (x) { scale[x.value] = x.label; });
    var out = ["# 演练总结报告（草稿）:" + r.title, "", "- 导出时间：" + r.exportedAt, "- 演练用时：" + r.elapsed, "", "## 时间线", ""];
    r.timeline.forEach(function (t) {
      out.push("- " + t.clock + " 投放「" + t.from + "」（计划 T+" + t.plannedMinute + " 分钟）");
      t.observed.forEach(function (o) { out.push("    - [x] " + o); });
      t.missed.forEach(function (o) { out.push("    - [ ] " + o); });
    });
    out.push("", "## 关键任务评分", "");
    r.ratings.forEach(function (x) { out.push("- " + x.text + "：" + (x.rating ? scale[x.rating] : "未评")); });
    out.push("", "## 差距", "");
    (r.gaps.length ? r.gaps : ["无"]).forEach(function (g) { out.push("- " + g); });
    out.push("", "## 导调记录", "", r.notes || "（无）", "", "## 改进计划", "", "| 措施 | 负责人 | 期限 |", "| --- | --- | --- |", "|  |  |  |");
    return out.join("\n") + "\n";
  }

  function init() {
    var root = document.querySelector("[data-pb-drill]");
    if (!root) { current = null; return; }
    if (root.getAttribute("data-pb-ready")) return;
    root.setAttribute("data-pb-ready", "1");
    var data = JSON.parse(root.getAttribute("data-pb-json"));
    var key = "drill:" + data.id;
    var st = pb.store.get(key) || fresh();
    var save = function () { pb.store.set(key, st); };
    var consoleBox = root.querySelector("[data-pb-drill-console]");
    var page = root.parentNode;

    consoleBox.hidden = false;
    consoleBox.appendChild(el("h2", { class: "pb-panel-title" }, "导调台"));
    var time = el("p", { class: "pb-drill-clock", "data-pb-clock": "", role: "timer", "aria-live": "off" });
    consoleBox.appendChild(time);
    var latest = el("div", { class: "pb-latest-inject", "aria-live": "polite" });
    var controls = el("div", { class: "pb-actions" });
    var startBtn = button("开始", function () {
      var now = Date.now();
      if (!st.startedAt) st.startedAt = now;
      else if (st.pausedAt) { st.pausedMs += now - st.pausedAt; st.pausedAt = null; }
      save(); tick();
    });
    var pauseBtn = button("暂停", function () { if (st.startedAt && !st.pausedAt) { st.pausedAt = Date.now(); save(); tick(); } });
    controls.appendChild(startBtn);
    controls.appendChild(pauseBtn);
    controls.appendChild(button("导出报告草稿 Markdown", function () { download("aar-" + data.id + ".md", markdown(data, report(data, st)), "text/markdown"); }));
    controls.appendChild(button("导出报告草稿 JSON", function () { download("aar-" + data.id + ".json", JSON.stringify(report(data, st), null, 2), "application/json"); }));
    controls.appendChild(button("重置演练", function () {
      if (!window.confirm("清除本次演练的计时、观察、评分和记录？建议先导出报告草稿。")) return;
      st = fresh(); save(); sync(); tick();
    }, "pb-danger"));
    consoleBox.appendChild(controls);
    consoleBox.appendChild(latest);
    var notesId = "pb-drill-notes";
    consoleBox.appendChild(el("label", { for: notesId }, "导调记录"));
    var notes = el("textarea", { id: notesId, rows: "3", class: "pb-drill-notes" });
    notes.value = st.notes;
    notes.addEventListener("input", function () { st.notes = notes.value; save(); });
    consoleBox.appendChild(notes);

    function reveal(inj, at) {
      if (st.revealed[inj.id]) return;
      st.revealed[inj.id] = { at: new Date().toISOString(), elapsed: at };
      save();
    }

    // Inject sections get a "reveal now" button; observed checkboxes and ratings are bound.
    data.injects.forEach(function (inj) {
      var li = page.querySelector('[data-pb-inject="' + inj.id + '"]');
      var b = button("立即投放", function () { reveal(inj, elapsed(st, Date.now())); tick(); }, "pb-small pb-reveal");
      li.querySelector(".pb-inject-head").appendChild(b);
    });
    page.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.hasAttribute("data-pb-observe")) {
        var k = t.getAttribute("data-pb-observe");
        if (t.checked) st.observed[k] = new Date().toISOString(); else delete st.observed[k];
        save();
      } else if (t.hasAttribute("data-pb-rate")) {
        if (t.value) st.ratings[t.getAttribute("data-pb-rate")] = t.value; else delete st.ratings[t.getAttribute("data-pb-rate")];
        save();
      }
    });

    function sync() {
      page.querySelectorAll("[data-pb-observe]").forEach(function (box) { box.checked = !!st.observed[box.getAttribute("data-pb-observe")]; });
      page.querySelectorAll("[data-pb-rate]").forEach(function (s) { s.value = st.ratings[s.getAttribute("data-pb-rate")] || ""; });
      notes.value = st.notes;
    }

    function tick() {
      var now = Date.now();
      var ms = elapsed(st, now);
      if (st.startedAt && !st.pausedAt) {
        data.injects.forEach(function (inj) { if (ms >= inj.at * 60000) reveal(inj, inj.at * 60000); });
      }
      time.textContent = (st.startedAt ? clock(ms) : "00:00:00") + " / 计划 " + clock(data.duration * 60000) + (st.pausedAt ? "（已暂停）" : st.startedAt ? "" : "（未开始）");
      time.setAttribute("data-pb-state", st.pausedAt ? "paused" : st.startedAt ? "running" : "idle");
      startBtn.textContent = st.startedAt ? "继续" : "开始";
      startBtn.disabled = !!st.startedAt && !st.pausedAt;
      pauseBtn.disabled = !st.startedAt || !!st.pausedAt;
      var last = null;
      data.injects.forEach(function (inj) {
        var li = page.querySelector('[data-pb-inject="' + inj.id + '"]');
        var r = st.revealed[inj.id];
        li.classList.toggle("pb-revealed", !!r);
        li.setAttribute("data-pb-revealed", r ? "yes" : "no");
        li.querySelector("[data-pb-inject-status]").textContent = r ? "已投放 " + clock(r.elapsed) : "未投放";
        li.querySelector(".pb-reveal").hidden = !!r;
        if (r) last = inj;
      });
      latest.textContent = "";
      if (last) {
        latest.appendChild(el("p", { class: "pb-latest-title" }, "最新情景注入 · " + last.from));
        latest.appendChild(el("blockquote", {}, last.message));
      }
    }

    current = tick;
    sync();
    tick();
  }

  pb.onPage(init);
  setInterval(function () { if (current && document.querySelector("[data-pb-drill-console]")) current(); }, 1000);
})();
