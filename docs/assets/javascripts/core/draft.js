// pb.draft: a letter draft as a pure fold over its events (log "draft:<template>:<case>", types as
// core/events.js defines them): each "field" event sets one form field, the latest wins; "clear"
// empties the draft; "undo" cancels an event. Form field names use "_", event fields "-".
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./events.js"));
  else (root.pb = root.pb || {}).draft = factory(root.pb.events);
})(typeof self !== "undefined" ? self : this, function (E) {
  "use strict";

  function toField(name) { return name.replace(/_/g, "-"); }
  function toName(field) { return field.replace(/-/g, "_"); }

  // {values: {name: text}, at: latest ISO time or null, actor of the latest edit}
  function fold(events) {
    var values = {}, last = null;
    var ordered = E.order(events).filter(function (e) { return !E.check(e); });
    var off = E.cancelled(ordered);
    ordered.forEach(function (e) {
      if (off[e.id]) return;
      if (e.type === "field") values[toName(e.field)] = e.value;
      else if (e.type === "clear") values = {};
      else return;
      last = e;
    });
    return { values: values, at: last ? last.at : null, actor: last ? last.actor : null };
  }

  // Names of `current` fields that differ from the folded values: what an edit has to append.
  function changes(folded, current) {
    return Object.keys(current).filter(function (k) {
      return (Object.prototype.hasOwnProperty.call(folded, k) ? folded[k] : "") !== current[k];
    });
  }

  // The draft's log; a case number a log id cannot hold files the draft under "-" (no case).
  function log(templateId, caseNumber) {
    return "draft:" + templateId + ":" + (caseNumber && E.RE.case.test(caseNumber) ? caseNumber : "-");
  }

  return { fold: fold, changes: changes, log: log, toField: toField };
});
