"""Every playbook file against its JSON Schema (one case per file), and the schemas themselves."""

from __future__ import annotations

import json

import pytest

from macros.loader import SCHEMA_DIR, discover, schema_errors
from macros.source import read

from .conftest import ROOT

FILES, STRAY = discover(ROOT / "playbook")


@pytest.mark.parametrize("path,kind", FILES, ids=[str(p.relative_to(ROOT)) for p, _ in FILES])
def test_file_matches_schema(path, kind):
    """The file parses as safe YAML and matches its kind's schema."""
    errors = schema_errors(read(path), kind)
    assert [] == [str(e) for e in errors]


def test_every_file_has_a_schema():
    """No file in playbook/ falls outside the known kinds (it would never be validated)."""
    assert [] == [str(e) for e in STRAY]


def test_every_file_names_its_schema():
    """Each file starts with a yaml-language-server modeline pointing at its schema, for editors."""
    wrong = []
    for path, kind in FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / first.split("$schema=")[-1]).resolve()
        if not first.startswith("# yaml-language-server: $schema=") or target != SCHEMA_DIR / f"{kind}.schema.json":
            wrong.append(str(path.relative_to(ROOT)))
    assert [] == wrong, "start these files with '# yaml-language-server: $schema=<relative path to schema>'"


def _properties(schema, path="#"):
    """Yield (path, name, subschema) for every declared property in a schema tree."""
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{path}/{name}", name, sub
        for key, sub in schema.items():
            if key in ("properties",):
                for name, s in sub.items():
                    yield from _properties(s, f"{path}/{name}")
            elif isinstance(sub, (dict, list)):
                yield from _properties(sub, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, sub in enumerate(schema):
            yield from _properties(sub, f"{path}/{i}")


@pytest.mark.parametrize("schema", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
class TestSchemaQuality:
    def test_every_field_is_described(self, schema):
        """Each property says how it renders, so authors and editors can rely on it."""
        data = json.loads(schema.read_text(encoding="utf-8"))
        missing = [p for p, _, sub in _properties(data) if "description" not in sub]
        assert [] == missing

    def test_objects_are_closed(self, schema):
        """Every object schema forbids unknown fields (typos must fail, not vanish)."""
        data = json.loads(schema.read_text(encoding="utf-8"))
        open_objects = []

        def walk(node, path):
            if isinstance(node, dict):
                if node.get("type") == "object" and node.get("additionalProperties") is not False:
                    open_objects.append(path)
                for k, v in node.items():
                    walk(v, f"{path}/{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{path}/{i}")

        walk(data, "#")
        assert [] == open_objects
