// Convergence of the event model: three simulated writers (tabs or devices) act on one run with a
// seeded random interleaving of actions, reloads and duplicated, reordered deliveries. Once every
// event has reached every writer, all folded states are identical, whatever the seed.
const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../docs/assets/javascripts/core/events.js");

// make mutation runs this once per mutant, so it may ask for fewer seeds (CONVERGENCE_SEEDS).
const SEEDS = Number(process.env.CONVERGENCE_SEEDS) || 300;
const STEPS = ["record", "confirm", "escalate", "notify"];
const ZONES = [480, 0, -300];

function rng(seed) { // mulberry32: small, seedable, good enough for interleavings
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function simulate(seed) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  let counter = 0;
  const uuid = () => {
    counter += 1;
    const h = (seed.toString(16).padStart(8, "0") + counter.toString(16).padStart(24, "0"));
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const log = "run:" + uuid();
  let clock = Date.UTC(2026, 10, 29, 1, 0);
  const writers = ZONES.map((zone, i) => ({
    name: "写入者" + i, zone, skew: Math.floor(rand() * 600000) - 300000, device: uuid(),
    stored: new Map(), mine: new Set(), inbox: [],
  }));
  function make(w, type, fields) {
    const e = { v: 1, id: uuid(), log, type, at: E.isoAt(clock + w.skew, w.zone), actor: { name: w.name, role: "agent" }, device: w.device, ...fields };
    assert.equal(E.check(e), "", JSON.stringify(e));
    return e;
  }
  function append(w, e) {
    w.stored.set(e.id, e);
    w.mine.add(e.id);
    for (const other of writers) if (other !== w) other.inbox.push(e);
  }
  append(writers[0], make(writers[0], "start", { value: { case: "2026001", procedure: "alpha", version: "1", severity: "low", start: E.isoAt(clock, 480) } }));
  for (let i = 0; i < 60; i++) {
    clock += Math.floor(rand() * 5000);
    const w = pick(writers);
    const roll = rand();
    if (roll < 0.25 && w.inbox.length) {
      // deliver a random batch, sometimes twice, in shuffled order
      const batch = w.inbox.splice(0, 1 + Math.floor(rand() * w.inbox.length));
      if (rand() < 0.3) batch.push(...batch.slice(0, 2));
      batch.sort(() => rand() - 0.5).forEach((e) => w.stored.set(e.id, e));
      continue;
    }
    if (roll < 0.3) { w.mine = new Set(); continue; } // reload: a new tab session forgets its own ids
    const view = E.foldRun([...w.stored.values()]);
    if (!view.start) continue;
    const step = pick(STEPS);
    const action = pick(["tick", "tick", "untick", "skip", "note", "outcome", "undo", "close", "reopen", "severity"]);
    if (action === "undo") {
      const target = E.lastUndoable([...w.stored.values()], Object.fromEntries([...w.mine].map((id) => [id, true])));
      if (target) append(w, make(w, "undo", { target: target.id }));
    } else if (action === "skip") append(w, make(w, "skip", { step, value: "理由 " + i }));
    else if (action === "note") append(w, make(w, "note", { step, value: rand() < 0.2 ? "" : "备注 " + i }));
    else if (action === "outcome") append(w, make(w, "outcome", { field: "satisfaction", value: 1 + Math.floor(rand() * 5) }));
    else if (action === "severity") append(w, make(w, "severity", { value: pick(["low", "high"]) }));
    else if (action === "close" || action === "reopen") append(w, make(w, action, {}));
    else append(w, make(w, action, { step }));
  }
  // final delivery of everything, with duplicates
  for (const w of writers) { w.inbox.concat(w.inbox).forEach((e) => w.stored.set(e.id, e)); w.inbox = []; }
  return writers.map((w) => E.foldRun([...w.stored.values()]));
}

test(`${SEEDS} seeds: three writers converge to one folded state`, () => {
  let nonTrivial = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const states = simulate(seed);
    const first = JSON.stringify(states[0]);
    for (const s of states.slice(1)) assert.equal(JSON.stringify(s), first, `seed ${seed}`);
    assert.deepEqual(states[0].problems, [], `seed ${seed}`);
    if (Object.keys(states[0].steps).length && states[0].history.some((h) => h.undone)) nonTrivial++;
  }
  assert.ok(nonTrivial > SEEDS / 4, `only ${nonTrivial} seeds exercised undo with steps`);
});

test("the same events in any arrival order fold alike (merge is commutative and idempotent)", () => {
  for (let seed = 1; seed <= 50; seed++) {
    const [a] = simulate(seed);
    const events = a.history.map((h) => h.event);
    const rand = rng(seed * 7);
    const shuffled = events.concat(events.slice(0, 5)).sort(() => rand() - 0.5);
    assert.equal(JSON.stringify(E.foldRun(shuffled)), JSON.stringify(a));
  }
});
