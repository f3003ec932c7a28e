// The team databases' validate_doc_update (macros/couchdb/validate_doc_update.js), run the way
// pouchdb-server and CouchDB run it: the source evaluated as one function expression, called with
// `this` = the design document that carries playbook/schemas/event.schema.json.
// tests/team/test_server_rules.py checks the same rules through a real server.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const source = fs.readFileSync(path.join(ROOT, "macros", "couchdb", "validate_doc_update.js"), "utf8");
const schema = require("../../playbook/schemas/event.schema.json");
const cases = require("../fixtures/events/cases.json");
const validate = new Function("return " + source)(); // eslint-disable-line no-new-func
const ddoc = { _id: "_design/playbook", schema };

const ALICE = { name: "alice", roles: [] };
const SEC = { admins: { names: ["lead"], roles: ["team-admin"] }, members: { names: ["alice", "bob"], roles: [] } };

// undefined when accepted, else the refusal text (CouchDB turns {forbidden} into a 403).
function verdict(doc, old, user, design) {
  try {
    validate.call(design || ddoc, doc, old || null, user || ALICE, SEC);
    return undefined;
  } catch (e) {
    if (!e || typeof e.forbidden !== "string") throw e; // a crash is a bug, not a refusal
    return e.forbidden;
  }
}

function tick(fields) {
  return Object.assign({
    _id: "5f0c6a52-8a3c-4b8e-9d41-7e2b1c0a9f12", v: 1, id: "5f0c6a52-8a3c-4b8e-9d41-7e2b1c0a9f12",
    log: "run:0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a", type: "tick", step: "greet",
    at: "2026-11-29T20:31:00.000+08:00", actor: { name: "alice", role: "agent" },
    device: "9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
  }, fields);
}

test("the source is a single function expression (CouchDB and pouchdb-server evaluate it so)", () => {
  assert.match(source, /^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
  assert.equal(typeof validate, "function");
});

const rules = [
  ["own new event", tick(), null, ALICE, undefined],
  ["with replication fields", tick({ _rev: "1-abc", _revisions: { start: 1, ids: ["abc"] } }), null, ALICE, undefined],
  ["forged actor", tick({ actor: { name: "bob", role: "agent" } }), null, ALICE, /actor bob is not the signed-in user alice/],
  ["edit of an existing event", tick({ _rev: "1-abc", step: "other" }), tick({ _rev: "1-abc" }), ALICE, /exists already/],
  ["identical re-put of an existing event", tick({ _rev: "1-abc" }), tick({ _rev: "1-abc" }), ALICE, /exists already/],
  ["rewrite of a deleted event's tombstone", tick(), { _id: tick()._id, _rev: "2-x", _deleted: true }, ALICE, /exists already/],
  ["deletion by a member", { _id: tick()._id, _rev: "2-x", _deleted: true }, tick({ _rev: "1-abc" }), ALICE, /never deleted/],
  ["deletion by the server admin", { _id: tick()._id, _deleted: true }, tick(), { name: "root", roles: ["_admin"] }, undefined],
  ["deletion by a database admin (name)", { _id: tick()._id, _deleted: true }, tick(), { name: "lead", roles: [] }, undefined],
  ["deletion by a database admin (role)", { _id: tick()._id, _deleted: true }, tick(), { name: "x", roles: ["team-admin"] }, undefined],
  ["admin restores someone else's event", tick(), null, { name: "root", roles: ["_admin"] }, undefined],
  ["admin still cannot store a non-event", tick({ type: "bogus" }), null, { name: "root", roles: ["_admin"] }, /not an event/],
  ["_id differs from the event id", tick({ _id: "other" }), null, ALICE, /_id must be the event id/],
  ["attachment", tick({ _attachments: { "x.txt": { data: "eA==" } } }), null, ALICE, /no attachments/],
  ["schema: missing actor", tick({ actor: undefined }), null, ALICE, /not an event: \(document\): actor is required/],
  ["schema: unknown field", tick({ extra: 1 }), null, ALICE, /unknown field extra/],
  ["schema: wrong type", tick({ v: "1" }), null, ALICE, /v: should be 1/],
  ["schema: conditional rule (tick without step)", tick({ step: undefined }), null, ALICE, /step is required/],
  ["schema: nested $ref (start case with markup)", tick({ type: "start", step: undefined, value: { case: "<b>", procedure: "intake", version: "1", start: "2026-11-29T20:00:00+08:00" } }), null, ALICE, /value\.case: does not match/],
  ["drafts stay in the browser", tick({ log: "draft:complaint-letter:2026001", type: "field", step: undefined, field: "name", value: "x" }), null, ALICE, /checklist runs only, not draft/],
  ["design document by a member", { _id: "_design/evil", validate_doc_update: "function(){}" }, null, ALICE, /only an admin/],
  ["design document by an admin", { _id: "_design/playbook" }, null, { name: "root", roles: ["_admin"] }, undefined],
];

for (const [name, doc, old, user, expected] of rules) {
  test(`rule: ${name}`, () => {
    // JSON round trip drops fields set to undefined, as the HTTP body would.
    const got = verdict(JSON.parse(JSON.stringify(doc)), old, user);
    if (expected === undefined) assert.equal(got, undefined);
    else assert.match(got || "(accepted)", expected);
  });
}

test("a database without the schema refuses everything (fails closed)", () => {
  assert.match(verdict(tick(), null, ALICE, { _id: "_design/playbook" }), /no event schema/);
});

test("a schema keyword the server does not know refuses (fails closed)", () => {
  const future = Object.assign({}, schema, { dependentRequired: { step: ["log"] } });
  assert.match(verdict(tick(), null, ALICE, { schema: future }), /does not know schema keyword dependentRequired/);
});

// The shared event table (also checked against core/events.js and, in Python, the schema):
// the server accepts exactly the valid events, as their own actor, in run logs.
for (const c of cases) {
  test(`event table: ${c.name} → ${c.verdict}`, () => {
    const e = c.event;
    const doc = e && typeof e === "object" && !Array.isArray(e) ? Object.assign({ _id: String(e.id) }, e) : { _id: "x", value: e };
    const name = e && e.actor && typeof e.actor.name === "string" ? e.actor.name : "alice";
    const got = verdict(JSON.parse(JSON.stringify(doc)), null, { name, roles: [] });
    const inRun = typeof e.log === "string" && e.log.indexOf("run:") === 0;
    if (c.verdict === "ok" && inRun) assert.equal(got, undefined);
    else if (c.verdict === "ok") assert.match(got, /checklist runs only/);
    else assert.match(got || "(accepted)", /not an event/);
  });
}
