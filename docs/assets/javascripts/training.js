// Training paths: module completion, the self-check quiz and the review of missed questions.
// Every tick and answer is an event in the log "quiz:<path>" (pb.events); the page shows the fold
// (pb.quiz), so two tabs never overwrite each other. Today's stored progress is migrated once.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("training")) return;
  var el = pb.el;
  var current = null;

  function fmtDay(ms) { var d = new Date(ms); return (d.getMonth() + 1) + "月" + d.getDate() + "日"; }

  function init() {
    var root = document.querySelector("[data-pb-training]");
    if (!root || root.getAttribute("data-pb-ready")) return;
    root.setAttribute("data-pb-ready", "1");
    var data = JSON.parse(root.getAttribute("data-pb-json"));
    var log = "quiz:" + data.id;
    var page = root.parentNode;
    var progress = root.querySelector("[data-pb-training-progress]");
    var modules = page.querySelectorAll("[data-pb-module]");
    var form = page.querySelector("[data-pb-quiz]");
    var score = form && form.querySelector("[data-pb-score]");
    var reviewBox = el("div", { class: "pb-review", "data-pb-review": "", "aria-live": "polite" });
    var st = pb.quiz.fold([], data.quiz);
    var mode = "quiz"; // or "review": only the due questions are shown and graded
    var shownResult = null;

    function append(type, fields) {
      return pb.askIdentity().then(function () { return pb.events.record(log, type, fields); }).then(reload);
    }
    function reload() {
      return pb.events.list(log).then(function (events) { st = pb.quiz.fold(events, data.quiz); draw(); });
    }

    function showProgress() {
      var done = Object.keys(st.modules).length;
      progress.textContent = "已完成模块 " + done + "/" + modules.length + (st.last ? "；最近一次自测 " + st.last.score.text : "");
      progress.setAttribute("data-pb-done", done + "/" + modules.length);
    }

    // Marks every graded question right or wrong with an icon and words, and shows the right option.
    function grade(result) {
      data.quiz.forEach(function (q) {
        var set = form.querySelector('[data-pb-question="' + q.id + '"]');
        var fb = set.querySelector("[data-pb-feedback]");
        fb.textContent = "";
        set.classList.remove("pb-right", "pb-wrong");
        set.removeAttribute("data-pb-verdict");
        set.querySelectorAll(".pb-choice").forEach(function (label) {
          label.classList.remove("pb-correct", "pb-chosen");
          var tag = label.querySelector(".pb-choice-tag");
          if (tag) tag.remove();
        });
        var r = result && result.results[q.id];
        if (!r) return;
        set.classList.add(r.ok ? "pb-right" : "pb-wrong");
        set.setAttribute("data-pb-verdict", r.ok ? "right" : "wrong");
        set.querySelectorAll(".pb-choice").forEach(function (label) {
          var v = Number(label.querySelector("input").value);
          if (v === q.answer) { label.classList.add("pb-correct"); label.appendChild(el("span", { class: "pb-choice-tag" }, "（正确答案）")); }
          else if (v === r.chosen) { label.classList.add("pb-chosen"); label.appendChild(el("span", { class: "pb-choice-tag" }, "（你的选择）")); }
        });
        fb.appendChild(el("strong", { class: "pb-verdict" }, r.chosen === null ? "✗ 未作答。" : r.ok ? "✓ 正确。" : "✗ 错误。"));
        fb.appendChild(document.createTextNode(" " + q.explanation + " "));
        fb.appendChild(el("a", { href: q.procedure.url }, "复习：" + q.procedure.title));
      });
    }

    function drawReview() {
      reviewBox.textContent = "";
      var due = pb.quiz.due(st, Date.now());
      reviewBox.setAttribute("data-pb-due", String(due.ids.length));
      if (mode === "review") {
        reviewBox.appendChild(el("p", {}, "复习模式：只显示到期的错题。"));
        reviewBox.appendChild(pb.button("退出复习", function () { mode = "quiz"; shownResult = null; draw(); }));
      } else if (due.ids.length) {
        reviewBox.appendChild(el("p", {}, "有 " + due.ids.length + " 道错题到期复习（答错后隔一天、隔一周各复习一次）。"));
        reviewBox.appendChild(pb.button("开始复习", function () { mode = "review"; shownResult = null; draw(); }));
      } else if (due.next) {
        reviewBox.appendChild(el("p", {}, "下次复习错题：" + fmtDay(due.next) + "。"));
      }
    }

    function draw() {
      showProgress();
      modules.forEach(function (li) { li.querySelector(".pb-module-done").checked = !!st.modules[li.getAttribute("data-pb-module")]; });
      if (!form) return;
      var due = pb.quiz.due(st, Date.now()).ids;
      data.quiz.forEach(function (q) {
        var set = form.querySelector('[data-pb-question="' + q.id + '"]');
        set.hidden = mode === "review" && (shownResult ? !shownResult.results[q.id] : due.indexOf(q.id) < 0);
      });
      form.querySelectorAll('input[type="radio"]').forEach(function (r) {
        if (mode === "quiz") r.checked = st.answers[r.name] === Number(r.value);
        else if (!shownResult) r.checked = false;
      });
      var result = mode === "review" ? shownResult : st.last ? st.last.score : null;
      grade(result);
      score.textContent = result ? (mode === "review" ? "复习得分 " : "得分 ") + result.text : "";
      if (result) score.setAttribute("data-pb-result", result.text); else score.removeAttribute("data-pb-result");
      form.querySelector("button[type=submit]").textContent = mode === "review" ? "提交复习" : "提交并查看得分";
      drawReview();
    }

    modules.forEach(function (li) {
      var box = li.querySelector(".pb-module-done");
      box.addEventListener("change", function () { append("module", { step: li.getAttribute("data-pb-module"), value: box.checked }); });
    });
    if (form) {
      form.before(reviewBox);
      form.addEventListener("change", function (ev) {
        var r = ev.target;
        if (r.type !== "radio" || mode !== "quiz") return;
        append("answer", { field: r.name, value: Number(r.value) });
      });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var answers = {};
        var asked = data.quiz.filter(function (q) { return !form.querySelector('[data-pb-question="' + q.id + '"]').hidden; });
        asked.forEach(function (q) {
          var r = form.querySelector('[data-pb-question="' + q.id + '"] input:checked');
          if (r) answers[q.id] = Number(r.value);
        });
        if (mode === "review") shownResult = pb.quiz.score(asked, answers);
        // The questions asked are answered again (or left null) just before the submit that grades them.
        pb.askIdentity().then(function () {
          var now = Date.now();
          var stamp = function (e, ms) { e.at = pb.events.isoAt(ms, -new Date(ms).getTimezoneOffset()); return e; };
          var events = asked.map(function (q) {
            return stamp(pb.events.newEvent(log, "answer", { field: q.id, value: q.id in answers ? answers[q.id] : null }), now);
          }).concat([stamp(pb.events.newEvent(log, "submit", {}), now + 1)]);
          return pb.events.appendAll(events);
        }).then(reload);
      });
    }

    migrate(data.id, data.quiz.map(function (q) { return q.id; })).then(reload);
    current = reload;
  }

  // Today's "pb:training:<id>" becomes events once (ids derived from the key: repeats add nothing).
  function migrate(id, questions) {
    var key = "training:" + id;
    if (pb.storedKeys(key).indexOf(key) < 0) return Promise.resolve();
    return pb.script("storage.js").then(function () { return pb.script("core/legacy.js"); }).then(function () {
      var old = pb.store.get(key);
      if (old === undefined) return;
      var got = pb.legacy.training(id, old, { key: key, now: new Date().toISOString(), actor: pb.events.identityNow(), device: pb.events.device(), questions: questions });
      if (got.problem) pb.notice("已保存的培训进度有误：" + got.problem + "。", "warning");
      return pb.events.appendAll(got.events);
    });
  }

  pb.onPage(init);
  if (pb.events && pb.events.subscribe) pb.events.subscribe(function () { if (current && document.querySelector("[data-pb-training]")) current(); });
})();
