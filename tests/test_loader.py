"""The loader and `playbook` CLI: exact messages for broken files, exit codes, export."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from macros.cli import main
from macros.errors import PlaybookInvalid
from macros.loader import load

from .conftest import BROKEN, ROOT, copy_with_overlay

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


class TestBrokenCorpus:
    @pytest.mark.parametrize("case", CASES)
    def test_exact_message(self, case, tmp_path, monkeypatch, capsys):
        """Each broken file gives exactly the pinned file:line:col message and exit 1."""
        copy_with_overlay(tmp_path, BROKEN / case)
        monkeypatch.chdir(tmp_path)
        assert main(["validate", "playbook"]) == 1
        err = capsys.readouterr().err
        expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
        assert expected == err
        assert "Traceback" not in err

    def test_every_rule_has_a_failing_case(self, tmp_path):
        """Each named cross-file rule (macros/checks.RULES) fires in at least one corpus case, so
        deleting or weakening a rule changes some case's pinned message."""
        from macros.checks import RULES

        fired: dict[str, list[str]] = {}
        for case in CASES:
            target = copy_with_overlay(tmp_path / case, BROKEN / case)
            try:
                load(target)
            except PlaybookInvalid as e:
                for err in e.errors:
                    fired.setdefault(getattr(err, "rule", ""), []).append(case)
        missing = sorted(set(RULES) - set(fired))
        assert [] == missing, "add a case to tests/fixtures/broken/ that breaks these rules"
        assert all(r.doc for r in RULES.values()), "each rule says in its docstring which invariant it checks"

    def test_every_case_has_expectation(self):
        """A corpus case without expected.txt would test nothing."""
        missing = [c for c in CASES if not (BROKEN / c / "expected.txt").is_file()]
        assert [] == missing, "add expected.txt (the exact stderr) to these cases"


class TestCli:
    def test_validate_real_playbook(self):
        """The shipped playbook validates cleanly through the installed console script path."""
        result = subprocess.run([sys.executable, "-m", "macros.cli", "validate"], capture_output=True, text=True, cwd=ROOT)
        assert 0 == result.returncode, result.stderr
        assert "playbook OK" in result.stderr

    def test_broken_copy_exits_1_without_traceback(self, tmp_path):
        """A broken procedure in a copy: exit 1, file:line and field named, no traceback."""
        copy_with_overlay(tmp_path, BROKEN / "unknown-role")
        result = subprocess.run([sys.executable, "-m", "macros.cli", "validate", "playbook"],
                                capture_output=True, text=True, cwd=tmp_path)
        assert 1 == result.returncode
        assert "playbook/procedures/beta.yml:13:9: blocks[0].steps[0].owner: unknown role 'manager'" in result.stderr
        assert "Traceback" not in result.stderr

    def test_missing_directory(self, tmp_path, monkeypatch, capsys):
        """A wrong directory is an error message, not a crash."""
        monkeypatch.chdir(tmp_path)
        assert 1 == main(["validate", "nowhere"])
        assert "nowhere:1:1: playbook directory not found (pass the folder that holds plan.yml)" in capsys.readouterr().err

    def test_export_json_holds_every_procedure(self, pb, capsys):
        """`playbook export --format json` prints valid JSON with every procedure and its hash."""
        assert 0 == main(["export", "--format", "json", str(ROOT / "playbook")])
        data = json.loads(capsys.readouterr().out)
        assert sorted(pb.procedures) == sorted(p["id"] for p in data["procedures"])
        assert all(len(p["hash"]) == 16 for p in data["procedures"])
        assert data["plan"]["version"] == pb.plan["version"]


class TestLoad:
    def test_byte_order_mark_is_accepted(self, tmp_path, fixture_pb):
        """A file saved by Windows Notepad (UTF-8 with BOM) loads like the same file without it
        (issue 19; positions stay right: broken/bom-with-error)."""
        target = copy_with_overlay(tmp_path)
        roles = target / "roles.yml"
        roles.write_bytes(b"\xef\xbb\xbf" + roles.read_bytes())
        assert fixture_pb.roles == load(target).roles

    def test_all_errors_reported_at_once(self, tmp_path):
        """Two broken files give two errors in one PlaybookInvalid, sorted by file."""
        target = copy_with_overlay(tmp_path, BROKEN / "unknown-field")
        (target / "roles.yml").write_text("roles: []\n", encoding="utf-8")
        with pytest.raises(PlaybookInvalid) as exc:
            load(target)
        files = [e.file.name for e in exc.value.errors]
        assert ["beta.yml", "beta.yml", "roles.yml"] == files

    def test_procedures_in_lifecycle_order(self, pb):
        """Procedures are ordered by their first seed section, so indexes read in case order."""
        firsts = [tuple(int(n) for n in p["sections"][0].split(".")) for p in pb.procedures.values()]
        assert sorted(firsts) == firsts


class TestHostileInput:
    """Inputs too large to keep as fixture files are generated here."""

    @pytest.mark.parametrize("content,message", [
        # A file over the size limit is refused before parsing.
        ("roles: [" + "x, " * 400_000 + "]\n", "over the 1048576-byte limit"),
        # Deep nesting cannot exhaust the parser's recursion.
        ("roles: " + "[" * 50_000 + "]" * 50_000 + "\n", "nesting is too deep"),
    ])
    def test_refused_quickly_with_a_message(self, content, message, tmp_path, monkeypatch, capsys):
        """The file is refused with file:line and a reason, within seconds, without a traceback."""
        import time

        target = copy_with_overlay(tmp_path)
        (target / "roles.yml").write_text(content, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        # CPU time of this process, not wall-clock: other work on a shared 2-core machine (a second
        # `make test`, CI neighbours) must not fail this; a parser that burns time still does.
        began = time.process_time()
        assert 1 == main(["validate", "playbook"])
        assert time.process_time() - began < 10
        err = capsys.readouterr().err
        assert err.startswith("playbook/roles.yml:1:1: ") and message in err


# Every JSON type by the words an author reads, both for what the schema expects and what was written.
TYPE_WORDS = [
    ("string", 5, "expected text, got a whole number 5"),
    ("integer", "5", "expected a whole number, got text '5'"),
    ("number", True, "expected a number, got true or false True"),
    ("boolean", 1.5, "expected true or false, got a number 1.5"),
    ("array", {"a": 1}, "expected a list, got a mapping {'a': 1}"),
    ("object", [1], "expected a mapping, got a list [1]"),
    ("null", "x", "expected nothing, got text 'x'"),
    (["integer", "null"], "x", "expected a whole number or nothing, got text 'x'"),
    ("string", None, "expected text, got nothing"),
]


@pytest.mark.parametrize("expected,value,message", TYPE_WORDS, ids=[m for _, _, m in TYPE_WORDS])
def test_type_errors_name_types_in_words(tmp_path, expected, value, message):
    from macros.loader import schema_errors
    from macros.source import read

    schema = {"type": "object", "properties": {"x": {"type": expected, "description": "d"}}}
    texts = {"common.schema.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema"}', "t.schema.json": json.dumps(schema)}
    path = tmp_path / "t.yml"
    path.write_text(json.dumps({"x": value}), encoding="utf-8")  # JSON is YAML
    errors = schema_errors(read(path), "t", texts)
    assert [message] == [e.message for e in errors]
    assert errors[0].fix == f"write {message.split(',')[0][len('expected '):]} here"
