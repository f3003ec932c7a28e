// pb.quiz: a training path's progress as a pure fold over its events (log "quiz:<path>", types as
// core/events.js defines them), quiz scoring and the review schedule. No DOM, no storage.
// module (step = module id, value true/false) · answer (field = question id, value = choice
// index or null) · submit: grades the questions answered since the previous submit (the whole
// quiz, or the due questions of a review) · undo (target).
// Review: a question missed in a submission is asked again one day later and one week after
// the miss; a right answer at a due review moves it on, a wrong one starts it over.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"));
  else (root.pb = root.pb || {}).quiz = factory(root.pb.events);
})(typeof self !== "undefined" ? self : this, function (E) {
  "use strict";
  var DAY = 86400000;
  var STEPS = [DAY, 7 * DAY]; // after the miss: a day, then a week

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function choice(v) { return typeof v === "number" && v >= 0 && v === Math.floor(v); }

  // {questionId: {chosen, answer, ok}} and the count right, for the given questions only.
  function score(questions, answers) {
    var results = {}, right = 0;
    questions.forEach(function (q) {
      var chosen = has(answers, q.id) && choice(answers[q.id]) ? answers[q.id] : null;
      var ok = chosen === q.answer;
      if (ok) right++;
      results[q.id] = { chosen: chosen, answer: q.answer, ok: ok };
    });
    return { right: right, total: questions.length, text: right + "/" + questions.length, results: results };
  }

  function fold(events, questions) {
    questions = questions || [];
    var st = { modules: {}, answers: {}, submissions: [], review: {}, last: null };
    var byId = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    var ordered = E.order(events).filter(function (e) { return !E.check(e); });
    var off = E.cancelled(ordered);
    var asked = {}; // questions answered since the last submit
    ordered.forEach(function (e) {
      if (off[e.id]) return;
      var ms = E.instant(e.at);
      if (e.type === "module") {
        if (e.value) st.modules[e.step] = { at: e.at, actor: e.actor }; else delete st.modules[e.step];
      } else if (e.type === "answer") {
        if (e.value === null) delete st.answers[e.field]; else st.answers[e.field] = e.value;
        if (has(byId, e.field)) asked[e.field] = true;
      } else if (e.type === "submit") {
        var ids = Object.keys(asked);
        var graded = ids.length ? questions.filter(function (q) { return asked[q.id]; }) : questions;
        var s = score(graded, st.answers);
        var sub = { at: e.at, mode: graded.length < questions.length ? "review" : "quiz", score: s, actor: e.actor };
        st.submissions.push(sub);
        if (sub.mode === "quiz") st.last = sub;
        graded.forEach(function (q) { schedule(st.review, q.id, s.results[q.id].ok, ms); });
        asked = {};
      }
    });
    return st;
  }

  function schedule(review, q, ok, ms) {
    var r = review[q];
    if (!ok) { review[q] = { missed: ms, stage: 0, due: ms + STEPS[0] }; return; }
    if (!r || ms < r.due) return; // right, and nothing due: nothing changes
    if (r.stage + 1 >= STEPS.length) { delete review[q]; return; }
    r.stage += 1;
    r.due = Math.max(ms, r.missed + STEPS[r.stage]);
  }

  // Question ids due for review at `now`, and the next due time after it (or null).
  function due(st, now) {
    var ids = Object.keys(st.review);
    var now_ = ids.filter(function (q) { return st.review[q].due <= now; });
    var later = ids.map(function (q) { return st.review[q].due; }).filter(function (t) { return t > now; });
    return { ids: now_.sort(), next: later.length ? Math.min.apply(null, later) : null };
  }

  return { score: score, fold: fold, due: due, DAY: DAY };
});
