function (newDoc, oldDoc, userCtx, secObj) {
  // validate_doc_update of every team database (CouchDB 3 and pouchdb-server): the server, not the
  // page, decides what enters the team's record. `this` is the design document; its `schema` field
  // is playbook/schemas/event.schema.json, copied there by `playbook team create|update`, so the
  // rules below never restate the event format. Written in ES5: CouchDB's JavaScript engine
  // (SpiderMonkey) runs it as it is.
  //
  // Refused: deletions and changes of an existing document (except by a database or server admin:
  // retention deletes), events whose actor is not the signed-in user, events outside the run logs,
  // documents whose _id is not their event id, attachments, and anything the event schema rejects.
  // The source must begin with `function`: servers evaluate it as an expression.
  var ANNOTATIONS = { $schema: 1, $id: 1, $defs: 1, $comment: 1, title: 1, description: 1, examples: 1, "default": 1 };
  var schema = this.schema;

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function inList(list, x) { return !!list && list.indexOf(x) >= 0; }
  function isAdmin() {
    var admins = (secObj && secObj.admins) || {};
    if (inList(userCtx.roles, "_admin") || inList(admins.names, userCtx.name)) return true;
    for (var i = 0; i < (userCtx.roles || []).length; i++) if (inList(admins.roles, userCtx.roles[i])) return true;
    return false;
  }
  function refuse(why) { throw ({ forbidden: why }); }

  function typeOf(x) {
    if (x === null) return "null";
    if (Object.prototype.toString.call(x) === "[object Array]") return "array";
    if (typeof x === "number") return Math.floor(x) === x && isFinite(x) ? "integer" : "number";
    return typeof x;
  }
  function isType(x, t) { var actual = typeOf(x); return actual === t || (t === "number" && actual === "integer"); }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function resolve(ref) {
    if (ref.indexOf("#/$defs/") !== 0 || !has(schema.$defs || {}, ref.slice(8))) return null;
    return schema.$defs[ref.slice(8)];
  }

  // The keywords event.schema.json uses (JSON Schema 2020-12); an unknown keyword fails closed.
  // Returns the first problem as "path: message", or "" when x matches s.
  function check(s, x, path) {
    var keys = [], i, k, problem;
    for (k in s) if (has(s, k) && !has(ANNOTATIONS, k)) keys.push(k);
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      problem = keyword(k, s, x, path);
      if (problem) return problem;
    }
    return "";
  }

  function keyword(k, s, x, path) {
    var v = s[k], i, n, p, sub;
    var at = path || "(document)";
    switch (k) {
      case "$ref":
        sub = resolve(v);
        return sub ? check(sub, x, path) : at + ": unknown $ref " + v;
      case "type":
        var types = typeOf(v) === "array" ? v : [v];
        for (i = 0; i < types.length; i++) if (isType(x, types[i])) return "";
        return at + ": should be " + types.join(" or ");
      case "const": return same(x, v) ? "" : at + ": should be " + JSON.stringify(v);
      case "enum":
        for (i = 0; i < v.length; i++) if (same(x, v[i])) return "";
        return at + ": should be one of " + JSON.stringify(v);
      case "pattern": return typeof x !== "string" || new RegExp(v).test(x) ? "" : at + ": does not match " + v;
      case "minLength": return typeof x !== "string" || x.length >= v ? "" : at + ": shorter than " + v;
      case "maxLength": return typeof x !== "string" || x.length <= v ? "" : at + ": longer than " + v;
      case "minimum": return typeof x !== "number" || x >= v ? "" : at + ": less than " + v;
      case "maximum": return typeof x !== "number" || x <= v ? "" : at + ": more than " + v;
      case "required":
        if (typeOf(x) !== "object") return "";
        for (i = 0; i < v.length; i++) if (!has(x, v[i])) return at + ": " + v[i] + " is required";
        return "";
      case "properties":
        if (typeOf(x) !== "object") return "";
        for (p in v) if (has(v, p) && has(x, p)) { n = check(v[p], x[p], path ? path + "." + p : p); if (n) return n; }
        return "";
      case "additionalProperties":
        if (typeOf(x) !== "object") return "";
        for (p in x) {
          if (!has(x, p) || has(s.properties || {}, p)) continue;
          if (v === false) return at + ": unknown field " + p;
          n = check(v, x[p], path ? path + "." + p : p);
          if (n) return n;
        }
        return "";
      case "items":
        if (typeOf(x) !== "array") return "";
        for (i = 0; i < x.length; i++) { n = check(v, x[i], at + "[" + i + "]"); if (n) return n; }
        return "";
      case "allOf":
        for (i = 0; i < v.length; i++) { n = check(v[i], x, path); if (n) return n; }
        return "";
      case "anyOf":
        for (i = 0; i < v.length; i++) if (!check(v[i], x, path)) return "";
        return at + ": matches none of the allowed forms";
      case "oneOf":
        for (i = 0, n = 0; i < v.length; i++) if (!check(v[i], x, path)) n++;
        return n === 1 ? "" : at + ": should match exactly one allowed form";
      case "not": return check(v, x, path) ? "" : at + ": has a form that is not allowed";
      case "if":
        sub = check(v, x, path) ? s["else"] : s.then;
        return sub ? check(sub, x, path) : "";
      case "then": case "else": return ""; // applied by "if"
      default: return at + ": the server does not know schema keyword " + k;
    }
  }

  var id = newDoc._id;
  var admin = isAdmin();
  if (newDoc._deleted) {
    if (admin) return;
    refuse("events are never deleted; only a database admin removes them (retention)");
  }
  if (oldDoc && !admin) refuse("event " + id + " exists already; events are never changed");
  if (id.indexOf("_design/") === 0) {
    if (admin) return;
    refuse("only an admin changes design documents");
  }
  if (!schema) refuse("this database has no event schema; run `playbook team update`");

  var event = {}, k;
  for (k in newDoc) if (has(newDoc, k) && k.charAt(0) !== "_") event[k] = newDoc[k];
  if (newDoc._attachments) refuse("events carry no attachments");
  var problem = check(schema, event, "");
  if (problem) refuse("not an event: " + problem);
  if (event.id !== id) refuse("_id must be the event id " + event.id);
  if (event.log.indexOf("run:") !== 0) refuse("a team database holds checklist runs only, not " + event.log.split(":")[0]);
  if (event.actor.name !== userCtx.name && !admin) refuse("actor " + event.actor.name + " is not the signed-in user " + userCtx.name);
}
