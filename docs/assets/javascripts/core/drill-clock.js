// pb.drillClock: a drill session as a pure fold over its events (log "drill:<drill>:<session>",
// types as core/events.js defines them), the drill clock, which injects are due, and the
// after-action report. No DOM, no storage.
// clock (value start | pause | resume | stop) · reveal (step = inject id) · observe (step =
// "<inject>-<n>", value true/false) · rate (field = task id, value = 1-based place on the drill's
// rating scale, or null) · note (field = inject id, "drill" for the whole drill, or "participant"
// for a participant's name and role) · undo (target = the event it cancels).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"));
  else (root.pb = root.pb || {}).drillClock = factory(root.pb.events);
})(typeof self !== "undefined" ? self : this, function (E) {
  "use strict";
  var MINUTE = 60000;
  // More disagreement than this between the wall clock and the tab's monotonic clock in one
  // tick is a change of the system time, not time passing.
  var JUMP_MS = 5000;
  var GENERAL = "drill", PARTICIPANT = "participant";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // "01:15:07": hours are not wrapped (a drill runs 90–180 minutes).
  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  // The observe step of expected action n of an inject, and back.
  function observeStep(inject, n) { return inject + "-" + n; }

  function fold(events) {
    var st = { date: null, startedAt: null, pausedAt: null, pausedMs: 0, revealed: {}, observed: {}, ratings: {},
      notes: [], participants: [], people: [] };
    var ordered = E.order(events).filter(function (e) { return !E.check(e); });
    var off = E.cancelled(ordered);
    var people = {};
    ordered.forEach(function (e) {
      if (off[e.id] || e.type === "undo") return;
      var ms = E.instant(e.at);
      if (st.date === null) st.date = e.at;
      var who = JSON.stringify([e.actor.name, e.actor.role]);
      if (!people[who]) { people[who] = true; st.people.push({ name: e.actor.name, role: e.actor.role }); }
      var by = { at: e.at, actor: e.actor };
      switch (e.type) {
        case "clock":
          if (e.value === "start" || e.value === "resume") {
            if (st.startedAt === null) st.startedAt = ms;
            else if (st.pausedAt !== null) { st.pausedMs += Math.max(0, ms - st.pausedAt); st.pausedAt = null; }
          } else if (st.startedAt !== null && st.pausedAt === null) st.pausedAt = ms; // pause, stop
          break;
        case "reveal":
          if (!Object.prototype.hasOwnProperty.call(st.revealed, e.step)) st.revealed[e.step] = { at: e.at, actor: e.actor, elapsed: elapsed(st, ms) };
          break;
        case "observe":
          if (e.value) st.observed[e.step] = by; else delete st.observed[e.step];
          break;
        case "rate":
          if (e.value === null) delete st.ratings[e.field]; else st.ratings[e.field] = { value: e.value, at: e.at, actor: e.actor };
          break;
        case "note":
          if (!e.value.trim()) break;
          if (e.field === PARTICIPANT) st.participants.push({ name: e.value.trim(), by: by });
          else st.notes.push({ id: e.id, at: e.at, actor: e.actor, text: e.value, inject: e.field === GENERAL ? null : e.field });
          break;
      }
    });
    return st;
  }

  function elapsed(st, now) {
    if (st.startedAt === null) return 0;
    var end = st.pausedAt !== null ? st.pausedAt : now;
    return Math.max(0, end - st.startedAt - st.pausedMs);
  }

  function status(st) { return st.startedAt === null ? "idle" : st.pausedAt !== null ? "paused" : "running"; }

  // The next inject in plan order that has not been revealed.
  function next(injects, st) {
    return injects.filter(function (i) { return !Object.prototype.hasOwnProperty.call(st.revealed, i.id); })[0] || null;
  }

  // Which injects to reveal automatically in this tick. prev: {wall, mono, elapsed} of the last
  // tick in this tab (null on the first). A jump of the system clock reveals nothing and says so;
  // a reload reveals what fell due while the page was closed.
  function tick(injects, st, prev, wall, mono) {
    var ms = elapsed(st, wall);
    var jumped = !!prev && Math.abs((wall - prev.wall) - (mono - prev.mono)) > JUMP_MS;
    var due = [];
    if (status(st) === "running" && !jumped) {
      due = injects.filter(function (i) {
        return !Object.prototype.hasOwnProperty.call(st.revealed, i.id) && i.at * MINUTE <= ms;
      });
    }
    return { elapsed: ms, jumped: jumped, reveal: due, state: { wall: wall, mono: mono, elapsed: ms } };
  }

  // The after-action report as data; times stay ISO instants, formatting is the page's job.
  function report(data, st, now) {
    var timeline = data.injects.filter(function (i) { return st.revealed[i.id]; }).map(function (i) {
      var r = st.revealed[i.id];
      return { inject: i.id, plannedMinute: i.at, revealedAt: r.at, clock: clock(r.elapsed), from: i.from, by: r.actor || null, onTime: r.elapsed === i.at * MINUTE,
        observed: i.expected.filter(function (_, k) { return st.observed[observeStep(i.id, k)]; }),
        missed: i.expected.filter(function (_, k) { return !st.observed[observeStep(i.id, k)]; }),
        notes: st.notes.filter(function (n) { return n.inject === i.id; }) };
    });
    var ratings = data.tasks.map(function (t) {
      var r = st.ratings[t.id];
      var place = r ? data.scale[r.value - 1] : null;
      return { task: t.id, text: t.text, objective: t.objective, rating: place ? place.value : null, label: place ? place.label : null, by: r ? r.actor : null };
    });
    var gaps = ratings.filter(function (r) { return r.rating === "m" || r.rating === "u"; }).map(function (r) { return r.text + "（" + r.label + "）"; })
      .concat(timeline.reduce(function (acc, t) { return acc.concat(t.missed.map(function (m) { return "未观察到：" + m; })); }, []));
    return { format: "pb-drill-report", drill: data.id, title: data.title, date: st.date, exportedAt: new Date(now).toISOString(),
      elapsed: clock(elapsed(st, now)), participants: st.participants, evaluators: st.people, timeline: timeline, ratings: ratings, gaps: gaps,
      notes: st.notes };
  }

  // The instant an inject falls due on this session's clock (for a reveal stamped at its planned time).
  function dueAt(st, inject) {
    return st.startedAt === null ? null : st.startedAt + st.pausedMs + inject.at * MINUTE;
  }

  return { clock: clock, fold: fold, elapsed: elapsed, status: status, next: next, tick: tick, report: report, dueAt: dueAt,
    observeStep: observeStep, GENERAL: GENERAL, PARTICIPANT: PARTICIPANT, JUMP_MS: JUMP_MS };
});
