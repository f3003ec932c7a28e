// Facilitator console on drill pages. Each session of a drill is an event log
// "drill:<drill>:<session>" in pb.events: clock start and pause, inject reveals, observations,
// ratings, notes and participants are events with who and when; pb.drillClock folds them. The
// console stays in view (sticky) while the facilitator scrolls the injects; 「下一条」 reveals
// the next inject; earlier sessions stay listed with their dates; the after-action report
// (Markdown with user text escaped, or JSON) uses local time and names participants and evaluators.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("drills")) return;
  var el = pb.el;
  var button = pb.button;
  var C; // core/drill-clock.js: taken in init(), once every script of the page has run (page.js)
  var current = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // Local time with its zone, e.g. "2026-11-29 09:05（UTC+08:00）".
  function zone(d) {
    var off = -d.getTimezoneOffset();
    return "UTC" + (off < 0 ? "−" : "+") + pad(Math.floor(Math.abs(off) / 60)) + ":" + pad(Math.abs(off) % 60);
  }
  function local(iso, withZone) {
    if (!iso) return "";
    var d = new Date(iso);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + (withZone ? "（" + zone(d) + "）" : "");
  }
  function hm(iso) { var d = new Date(iso); return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function who(actor) { return actor && actor.name ? actor.name : "未署名"; }

  function init() {
    C = pb.drillClock;
    var root = document.querySelector("[data-pb-drill]");
    if (!root) { current = null; return; }
    if (root.getAttribute("data-pb-ready")) return;
    root.setAttribute("data-pb-ready", "1");
    var data = JSON.parse(root.getAttribute("data-pb-json"));
    var prefix = "drill:" + data.id + ":";
    var consoleBox = root.querySelector("[data-pb-drill-console]");
    var article = root.parentNode;
    // A child of the article, so that position: sticky holds it in view across the whole page.
    root.after(consoleBox);
    var log = null; // this tab's session
    var st = C.fold([]);
    var prev = null; // last tick {wall, mono} for the clock-jump check
    var jumpNotice = null;
    var revealing = false; // an automatic reveal is being written

    consoleBox.hidden = false;
    consoleBox.appendChild(el("h2", { class: "pb-panel-title" }, "导调台"));
    var sessionLine = el("div", { class: "pb-drill-sessions" });
    var sessionSelect = el("select", { id: "pb-drill-session", "aria-label": "演练场次" });
    sessionLine.appendChild(el("label", { for: "pb-drill-session" }, "场次"));
    sessionLine.appendChild(sessionSelect);
    sessionLine.appendChild(button("新场次", function () { startSession(); }, "pb-small"));
    consoleBox.appendChild(sessionLine);
    var time = el("p", { class: "pb-drill-clock", "data-pb-clock": "", role: "timer", "aria-live": "off" });
    consoleBox.appendChild(time);
    var controls = el("div", { class: "pb-actions" });
    var startBtn = button("开始", function () { append("clock", { value: C.status(st) === "idle" ? "start" : "resume" }); });
    var pauseBtn = button("暂停", function () { if (C.status(st) === "running") append("clock", { value: "pause" }); });
    var nextBtn = button("下一条", function () {
      var inj = C.next(data.injects, st);
      nextBtn.disabled = true; // until the reveal is folded in, so a double click reveals two, not one twice
      if (inj) reveal(inj);
    }, "md-button--primary pb-next");
    [startBtn, pauseBtn, nextBtn,
      button("导出报告 Markdown", function () {
        var report = C.report(data, st, Date.now());
        // The report's Markdown (core/drill-aar.js, escaped by core/mdtext.js) loads on first export.
        pb.script("core/mdtext.js").then(function () { return pb.script("core/drill-aar.js"); }).then(function () {
          pb.download("aar-" + data.id + ".md", pb.drillAar.markdown(report, { local: local, hm: hm, who: who }), "text/markdown");
        },
          function (err) { pb.notice(err.message, "failure"); });
      }),
      button("导出报告 JSON", function () { pb.download("aar-" + data.id + ".json", JSON.stringify(C.report(data, st, Date.now()), null, 2), "application/json"); }),
    ].forEach(function (b) { controls.appendChild(b); });
    consoleBox.appendChild(controls);
    var latest = el("div", { class: "pb-latest-inject", "aria-live": "polite" });
    consoleBox.appendChild(latest);
    var noteForm = el("form", { class: "pb-drill-note" });
    var noteInput = el("input", { id: "pb-drill-note", type: "text", autocomplete: "off" });
    noteForm.appendChild(el("label", { for: "pb-drill-note" }, "记录"));
    noteForm.appendChild(noteInput);
    noteForm.appendChild(el("button", { type: "submit", class: "md-button pb-btn pb-small" }, "记下"));
    noteForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = noteInput.value.trim();
      if (!text) return;
      var last = data.injects.filter(function (i) { return st.revealed[i.id]; }).pop();
      append("note", { field: last ? last.id : C.GENERAL, value: text }).then(function () { noteInput.value = ""; });
    });
    consoleBox.appendChild(noteForm);
    var more = el("details", { class: "pb-drill-more" });
    more.appendChild(el("summary", {}, "记录与参演人员"));
    var notesList = el("ol", { class: "pb-drill-notes", "data-pb-notes": "" });
    more.appendChild(notesList);
    var partForm = el("form", { class: "pb-drill-participant" });
    var partName = el("input", { id: "pb-drill-participant", type: "text", autocomplete: "off" });
    var partRole = el("input", { id: "pb-drill-participant-role", type: "text", autocomplete: "off" });
    partForm.appendChild(el("label", { for: "pb-drill-participant" }, "参演人员姓名"));
    partForm.appendChild(partName);
    partForm.appendChild(el("label", { for: "pb-drill-participant-role" }, "岗位"));
    partForm.appendChild(partRole);
    partForm.appendChild(el("button", { type: "submit", class: "md-button pb-btn pb-small" }, "登记"));
    partForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!partName.value.trim()) return;
      var role = partRole.value.trim();
      append("note", { field: C.PARTICIPANT, value: partName.value.trim() + (role ? "（" + role + "）" : "") }).then(function () { partName.value = ""; partRole.value = ""; });
    });
    more.appendChild(partForm);
    var people = el("p", { class: "pb-help", "data-pb-people": "" });
    more.appendChild(people);
    consoleBox.appendChild(more);

    // ---- Events --------------------------------------------------------------------

    // A new session is a new log; it is listed once its first event is written.
    function startSession() { log = prefix + pb.events.uuid(); prev = null; return reload(); }
    function append(type, fields, at) {
      if (!log) log = prefix + pb.events.uuid();
      return pb.askIdentity().then(function () {
        var e = pb.events.newEvent(log, type, fields);
        if (at) e.at = pb.events.isoAt(at, -new Date(at).getTimezoneOffset());
        return pb.events.append(e);
      }).then(reload);
    }
    // An automatic reveal is stamped at the instant the drill clock reached the inject.
    function reveal(inj, auto) { return append("reveal", { step: inj.id }, auto ? C.dueAt(st, inj) : null); }
    function reload() {
      return pb.events.logs(prefix).then(function (logs) {
        return Promise.all(logs.map(function (l) { return pb.events.list(l).then(function (evs) { return { log: l, st: C.fold(evs) }; }); }));
      }).then(function (sessions) {
        sessions.sort(function (a, b) { return (a.st.date || "") < (b.st.date || "") ? -1 : 1; });
        if (!log && sessions.length) log = sessions[sessions.length - 1].log; // the latest session
        if (log && !sessions.some(function (x) { return x.log === log; })) sessions.push({ log: log, st: C.fold([]) });
        sessionSelect.textContent = "";
        sessions.forEach(function (s, i) {
          var label = "第 " + (i + 1) + " 场 · " + (s.st.date ? local(s.st.date) : "新场次，未开始") + " · " + Object.keys(s.st.revealed).length + "/" + data.injects.length + " 条已投放";
          sessionSelect.appendChild(el("option", { value: s.log }, label));
        });
        if (!sessions.length) sessionSelect.appendChild(el("option", { value: "" }, "尚未开始"));
        sessionSelect.value = log || "";
        var mine = sessions.filter(function (s) { return s.log === log; })[0];
        st = mine ? mine.st : C.fold([]);
        draw();
      });
    }
    sessionSelect.addEventListener("change", function () { log = sessionSelect.value || null; prev = null; reload(); });

    article.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.hasAttribute("data-pb-observe")) {
        var o = t.getAttribute("data-pb-observe").split(":");
        append("observe", { step: C.observeStep(o[0], o[1]), value: t.checked });
      } else if (t.hasAttribute("data-pb-rate")) {
        var place = data.scale.map(function (r) { return r.value; }).indexOf(t.value);
        append("rate", { field: t.getAttribute("data-pb-rate"), value: place < 0 ? null : place + 1 });
      }
    });
    data.injects.forEach(function (inj) {
      var li = article.querySelector('[data-pb-inject="' + inj.id + '"]');
      li.querySelector(".pb-inject-head").appendChild(button("立即投放", function () { reveal(inj); }, "pb-small pb-reveal"));
    });

    // ---- Drawing -------------------------------------------------------------------

    function stamp(node, info) {
      var tag = node.parentNode.querySelector(".pb-by");
      if (!tag) { tag = el("span", { class: "pb-by" }); node.parentNode.appendChild(tag); }
      tag.textContent = info ? "（" + who(info.actor) + " " + hm(info.at) + "）" : "";
    }

    function draw() {
      article.querySelectorAll("[data-pb-observe]").forEach(function (box) {
        var k = box.getAttribute("data-pb-observe").split(":");
        var o = st.observed[C.observeStep(k[0], k[1])];
        box.checked = !!o;
        stamp(box, o);
      });
      article.querySelectorAll("[data-pb-rate]").forEach(function (s) {
        var r = st.ratings[s.getAttribute("data-pb-rate")];
        s.value = r && data.scale[r.value - 1] ? data.scale[r.value - 1].value : "";
        stamp(s, r);
      });
      notesList.textContent = "";
      st.notes.forEach(function (n) {
        notesList.appendChild(el("li", { "data-pb-note": n.id }, local(n.at) + " " + who(n.actor) + "：" + n.text));
      });
      people.textContent = "参演人员：" + (st.participants.map(function (p) { return p.name; }).join("、") || "未登记") +
        "；导调与评估人员：" + (st.people.map(function (p) { return p.name; }).join("、") || "无");
      tick();
    }

    function tick() {
      var wall = Date.now(), mono = performance.now();
      var t = C.tick(data.injects, st, prev, wall, mono);
      prev = t.state;
      if (t.jumped && !jumpNotice) {
        jumpNotice = pb.notice("系统时间发生了跳变，演练钟可能不准：已停止自动投放。请核对时间，用「下一条」或「立即投放」继续。", "warning");
      }
      if (jumpNotice) t.reveal = [];
      if (t.reveal.length && !revealing) { // one at a time; the reload ticks again
        revealing = true;
        reveal(t.reveal[0], true).then(function () { revealing = false; }, function () { revealing = false; });
        return;
      }
      var status = C.status(st);
      time.textContent = (status === "idle" ? "00:00:00" : C.clock(t.elapsed)) + " / 计划 " + C.clock(data.duration * 60000) +
        (status === "paused" ? "（已暂停）" : status === "idle" ? "（未开始）" : "");
      time.setAttribute("data-pb-state", status);
      startBtn.textContent = status === "idle" ? "开始" : "继续";
      startBtn.disabled = status === "running";
      pauseBtn.disabled = status !== "running";
      var nxt = C.next(data.injects, st);
      nextBtn.disabled = !nxt;
      nextBtn.textContent = nxt ? "下一条（T+" + nxt.at + " 分钟 · " + nxt.from + "）" : "下一条（已全部投放）";
      var last = null;
      data.injects.forEach(function (inj) {
        var li = article.querySelector('[data-pb-inject="' + inj.id + '"]');
        var r = st.revealed[inj.id];
        li.classList.toggle("pb-revealed", !!r);
        li.setAttribute("data-pb-revealed", r ? "yes" : "no");
        li.querySelector("[data-pb-inject-status]").textContent = r ? "已投放 " + C.clock(r.elapsed) + "（" + who(r.actor) + " " + hm(r.at) + "）" : "未投放";
        li.querySelector(".pb-reveal").hidden = !!r;
        if (r) last = inj;
      });
      latest.textContent = "";
      if (last) {
        latest.appendChild(el("p", { class: "pb-latest-title" }, "最新情景注入 · T+" + last.at + " 分钟 · " + last.from));
        latest.appendChild(el("blockquote", {}, last.message));
      }
    }

    current = { tick: tick, reload: reload };
    migrate(data.id, data.scale).then(reload);
  }

  // Today's "pb:drill:<id>" becomes one earlier session (ids derived from the key: repeats add nothing).
  function migrate(id, scale) {
    var key = "drill:" + id;
    if (pb.storedKeys(key).indexOf(key) < 0) return Promise.resolve();
    return pb.script("storage.js").then(function () { return pb.script("core/legacy.js"); }).then(function () {
      var old = pb.store.get(key);
      if (old === undefined) return;
      var got = pb.legacy.drill(id, old, { key: key, now: new Date().toISOString(), actor: pb.events.identityNow(), device: pb.events.device(), scale: scale });
      if (got.problem) pb.notice("已保存的演练记录有误：" + got.problem + "。", "warning");
      return pb.events.appendAll(got.events);
    });
  }

  pb.onPage(init);
  if (pb.events && pb.events.subscribe) pb.events.subscribe(function () { if (current && document.querySelector("[data-pb-drill-console]")) current.reload(); });
  setInterval(function () { if (current && document.querySelector("[data-pb-drill-console]")) current.tick(); }, 1000);
})();
