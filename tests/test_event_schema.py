"""The browser event schema (playbook/schemas/event.schema.json) against the shared case table that
tests/js/events.test.js checks core/events.js with: the schema and the JS validator agree."""

from __future__ import annotations

import json

import jsonschema
import pytest

from macros.loader import SCHEMA_DIR

from .conftest import ROOT

CASES = json.loads((ROOT / "tests" / "fixtures" / "events" / "cases.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((SCHEMA_DIR / "event.schema.json").read_text(encoding="utf-8"))


def test_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    """Valid events pass; invalid ones and newer versions (kept but not folded) fail version 1."""
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(case["event"]))
    if case["verdict"] == "ok":
        assert [] == [e.message for e in errors]
    else:
        assert errors


def test_schema_is_published(tmp_path):
    """The site publishes the event schema with the others."""
    from macros.export import write_exports

    class Stub:
        def export(self):
            return {}

    written = write_exports(Stub(), tmp_path)
    assert tmp_path / "schemas" / "event.schema.json" in written
