// Loaded by event-store.js only when old keys exist. One-time conversion of checklist runs saved before the event model (localStorage keys
// "pb:run:<procedure>:<case>", one whole object each) into events. The old keys are left as
// they were (nothing stored is deleted); "pb:migrated" lists the keys already converted, and the
// converted events have ids derived from the old key, so two tabs converting at once agree.
(function () {
  "use strict";
  var pb = window.pb;
  var E = pb.events;
  var backend = null;
  try { backend = window.localStorage || null; } catch (e) { backend = null; }
  if (!backend) return;

  function migrate() {
    var keys;
    try { keys = Object.keys(backend).filter(function (k) { return k.indexOf("pb:run:") === 0; }); } catch (e) { return; }
    if (!keys.length) return;
    var done;
    try { done = JSON.parse(backend.getItem("pb:migrated") || "{}") || {}; } catch (e) { done = {}; }
    var todo = keys.filter(function (k) { return !Object.prototype.hasOwnProperty.call(done, k); });
    if (!todo.length) return;
    var problems = [];
    var events = [];
    todo.forEach(function (k) {
      var record;
      done[k] = null; // reported once; the old value stays where it is
      try { record = JSON.parse(backend.getItem(k)); } catch (e) { problems.push(k + "：不是有效的 JSON"); return; }
      var conv = pb.runImport.fromLegacy(record, k);
      if (!conv.events.length) { problems.push(k + "：" + conv.problems.join("；")); return; }
      conv.problems.forEach(function (p) { problems.push(k + "：" + p); });
      events = events.concat(conv.events);
      done[k] = conv.events[0].log;
    });
    // receive(), not appendAll(): pages already drawn hear of the converted runs.
    E.receive(events).then(function (r) {
      if (r.unsaved) return; // the store has said why; try again on the next load
      try { backend.setItem("pb:migrated", JSON.stringify(done)); } catch (e) { /* retried next load */ }
      if (problems.length && pb.notice) {
        pb.notice("旧格式的检查单记录已转换，其中有些内容无法转换，原记录已原样保留：" + problems.slice(0, 3).join("；") + (problems.length > 3 ? " 等" : "") + "。", "warning");
      }
    });
  }

  pb.script("core/run-import.js").then(migrate);
})();
