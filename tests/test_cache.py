"""macros/cache.py: repeated builds skip work only for what did not change, and a damaged or
missing cache never changes a result."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from macros import loader
from macros.errors import PlaybookInvalid
from tests.conftest import FIXTURE_PLAYBOOK, ROOT, copy_with_overlay


@pytest.fixture
def cache(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(path))
    return path


@pytest.fixture
def validations(monkeypatch):
    """Names of the files schema-validated, in order."""
    seen: list[str] = []
    real = loader.schema_errors

    def counting(doc, kind, texts=None):
        seen.append(doc.path.name)
        return real(doc, kind, texts)

    monkeypatch.setattr(loader, "schema_errors", counting)
    return seen


def test_a_second_load_validates_nothing_and_gives_the_same_playbook(tmp_path, cache, validations):
    root = copy_with_overlay(tmp_path)
    first = loader.load(root)
    assert "plan.yml" in validations
    validations.clear()
    second = loader.load(root)
    assert validations == []
    assert second.procedures == first.procedures and second.roles == first.roles


def test_an_edited_file_alone_is_validated_again_and_its_error_is_not_cached(tmp_path, cache, validations):
    root = copy_with_overlay(tmp_path)
    loader.load(root)
    edited = root / "procedures" / "alpha.yml"
    edited.write_text(edited.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    for _ in range(2):
        validations.clear()
        with pytest.raises(PlaybookInvalid, match=r"alpha\.yml:\d+:\d+: bogus: unknown field 'bogus'"):
            loader.load(root)
        assert validations == ["alpha.yml"]


def test_a_changed_schema_applies_at_once_in_the_same_process(tmp_path, cache, monkeypatch):
    root = copy_with_overlay(tmp_path)
    loader.load(root)
    schemas = tmp_path / "schemas"
    shutil.copytree(loader.SCHEMA_DIR, schemas)
    plan = json.loads((schemas / "plan.schema.json").read_text(encoding="utf-8"))
    plan["required"].append("sponsor")
    plan["properties"]["sponsor"] = {"type": "string", "description": "who funds the plan"}
    (schemas / "plan.schema.json").write_text(json.dumps(plan), encoding="utf-8")
    monkeypatch.setattr(loader, "SCHEMA_DIR", schemas)  # as when a schema is edited under mkdocs serve
    with pytest.raises(PlaybookInvalid, match="missing required field 'sponsor'"):
        loader.load(root)


@pytest.mark.parametrize("damage", ["garbage", "folder in its place", "cache path is a file", "off"])
def test_a_damaged_or_disabled_cache_means_validating_everything(tmp_path, cache, validations, monkeypatch, damage):
    root = copy_with_overlay(tmp_path)
    loader.load(root)
    record = cache / "schema" / "validated.txt"
    if damage == "garbage":
        record.write_bytes(b"\xff\xfe not a hash\n" + os.urandom(64))
    elif damage == "folder in its place":
        record.unlink()
        record.mkdir()
    elif damage == "cache path is a file":
        monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(record))
    else:
        monkeypatch.setenv("PLAYBOOK_CACHE_DIR", "")
    validations.clear()
    loader.load(root)
    assert len(validations) == len(list(root.rglob("*.yml")))


def test_the_cache_is_off_when_the_variable_is_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    loader.load(copy_with_overlay(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook"]


RENDER = """
from macros.loader import load
from macros.render import procedure
from macros.render.html import Linker
print(procedure.render(load({root!r}), "alpha", Linker("procedures/alpha.md")))
"""


def test_compiled_templates_are_reused_and_a_corrupt_one_is_recompiled(tmp_path):
    def render(cache_dir: str) -> str:
        result = subprocess.run([sys.executable, "-c", RENDER.format(root=str(FIXTURE_PLAYBOOK))], cwd=ROOT,
                                env={**os.environ, "PLAYBOOK_CACHE_DIR": cache_dir}, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    uncached = render("")
    assert render(str(tmp_path)) == uncached
    compiled = list((tmp_path / "jinja").iterdir())
    assert compiled, "no template was cached"
    assert render(str(tmp_path)) == uncached
    for f in compiled:
        f.write_bytes(b"damaged")
    assert render(str(tmp_path)) == uncached


def test_cache_folder_is_made_where_asked_or_turned_off(tmp_path, monkeypatch):
    from macros.cache import ROOT as PACKAGE_ROOT
    from macros.cache import cache_dir

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    rows = [
        (str(tmp_path / "new" / "deeper"), tmp_path / "new" / "deeper" / "jinja"),  # parents made
        (str(tmp_path / "new" / "deeper"), tmp_path / "new" / "deeper" / "jinja"),  # and found again
        ("", None),  # PLAYBOOK_CACHE_DIR= turns the cache off
        (str(blocker), None),  # not a folder: no cache, no error
    ]
    for base, want in rows:
        monkeypatch.setenv("PLAYBOOK_CACHE_DIR", base)
        assert want == cache_dir("jinja"), base
        assert want is None or want.is_dir()
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR")
    assert PACKAGE_ROOT / ".cache" / "playbook" / "schema" == cache_dir("schema")


def test_cache_key_names_the_installed_validator_release():
    from importlib.metadata import version

    from macros.cache import _validator_release

    assert f"jsonschema-{version('jsonschema')}.dist-info" == _validator_release()
