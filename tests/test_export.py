"""macros/export.py: what the built site publishes for other systems."""

from __future__ import annotations

import json

from macros.export import write_exports
from macros.loader import SCHEMA_DIR


def test_playbook_json_and_every_schema_are_published(fixture_pb, tmp_path):
    written = write_exports(fixture_pb, tmp_path)
    schemas = sorted(SCHEMA_DIR.glob("*.schema.json"))
    assert written == [tmp_path / "playbook.json", *(tmp_path / "schemas" / s.name for s in schemas)]
    for s in schemas:
        assert (tmp_path / "schemas" / s.name).read_bytes() == s.read_bytes()
    text = (tmp_path / "playbook.json").read_text(encoding="utf-8")
    # Readable by a person too: indented, Chinese as written (not \\u escapes), a final newline.
    assert text == json.dumps(fixture_pb.export(), ensure_ascii=False, indent=2) + "\n"
    assert text.startswith('{\n  "plan": {') and "接收投诉" in text


def test_publishing_again_over_the_last_build_works(fixture_pb, tmp_path):
    write_exports(fixture_pb, tmp_path)
    assert len(write_exports(fixture_pb, tmp_path)) == 1 + len(list(SCHEMA_DIR.glob("*.schema.json")))


def test_playbook_json_holds_every_part_with_procedure_fingerprints(fixture_pb, tmp_path):
    write_exports(fixture_pb, tmp_path)
    data = json.loads((tmp_path / "playbook.json").read_text(encoding="utf-8"))
    assert {"acts", "provisions"} <= set(data["laws"]) and data["metrics"] == fixture_pb.metrics
    assert data["synonyms"] == fixture_pb.synonyms and [d["id"] for d in data["drills"]] == list(fixture_pb.drills)
    assert [p["hash"] for p in data["procedures"]] == [fixture_pb.procedure_hash(p) for p in fixture_pb.procedures.values()]
