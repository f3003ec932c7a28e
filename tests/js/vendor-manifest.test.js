// Node's built-in runner (node --test tests/js/): pure JS modules are tested here, table-driven.
// This first test only guards the shared manifest that tools/vendor.py reads.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pkg = require("../../package.json");

test("every vendored package is pinned to an exact version", () => {
  for (const name of Object.keys(pkg.vendor)) {
    assert.match(pkg.devDependencies[name] || "", /^\d+\.\d+\.\d+$/, name);
  }
});
