// Training paths: module completion and the self-check quiz (score, explanations, links back to
// the procedure each question tests). Progress is kept in this browser only.
(function () {
  "use strict";
  var pb = window.pb;
  // Instant navigation inserts this page's scripts again; the first run's subscription serves all pages.
  if (pb.loaded("training")) return;

  function init() {
    var root = document.querySelector("[data-pb-training]");
    if (!root || root.getAttribute("data-pb-ready")) return;
    root.setAttribute("data-pb-ready", "1");
    var data = JSON.parse(root.getAttribute("data-pb-json"));
    var key = "training:" + data.id;
    var st = pb.store.get(key) || { modules: {}, answers: {}, submitted: null };
    var page = root.parentNode;
    var progress = root.querySelector("[data-pb-training-progress]");
    var modules = page.querySelectorAll("[data-pb-module]");

    function showProgress() {
      var done = Object.keys(st.modules).length;
      progress.textContent = "已完成模块 " + done + "/" + modules.length + (st.score ? "；最近一次自测 " + st.score : "");
      progress.setAttribute("data-pb-done", done + "/" + modules.length);
    }
    modules.forEach(function (li) {
      var id = li.getAttribute("data-pb-module");
      var box = li.querySelector(".pb-module-done");
      box.checked = !!st.modules[id];
      box.addEventListener("change", function () {
        if (box.checked) st.modules[id] = new Date().toISOString(); else delete st.modules[id];
        pb.store.set(key, st);
        showProgress();
      });
    });

    var form = page.querySelector("[data-pb-quiz]");
    function grade(show) {
      var right = 0;
      data.quiz.forEach(function (q) {
        var set = form.querySelector('[data-pb-question="' + q.id + '"]');
        var fb = set.querySelector("[data-pb-feedback]");
        fb.textContent = "";
        set.classList.remove("pb-right", "pb-wrong");
        var chosen = st.answers[q.id];
        if (chosen !== undefined && chosen === q.answer) right++;
        if (!show) return;
        var ok = chosen === q.answer;
        set.classList.add(ok ? "pb-right" : "pb-wrong");
        fb.appendChild(document.createTextNode((chosen === undefined ? "未作答。" : ok ? "正确。" : "不正确。") + q.explanation + " "));
        var a = document.createElement("a");
        a.href = q.procedure.url;
        a.textContent = "复习：" + q.procedure.title;
        fb.appendChild(a);
      });
      return right;
    }
    if (form) {
      form.querySelectorAll('input[type="radio"]').forEach(function (r) {
        r.checked = st.answers[r.name] === Number(r.value);
        r.addEventListener("change", function () { st.answers[r.name] = Number(r.value); pb.store.set(key, st); });
      });
      var score = form.querySelector("[data-pb-score]");
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var right = grade(true);
        st.submitted = new Date().toISOString();
        st.score = right + "/" + data.quiz.length;
        pb.store.set(key, st);
        score.textContent = "得分 " + st.score;
        score.setAttribute("data-pb-result", st.score);
        showProgress();
      });
      if (st.submitted) { grade(true); score.textContent = "得分 " + st.score; score.setAttribute("data-pb-result", st.score); }
    }
    showProgress();
  }

  pb.onPage(init);
})();
