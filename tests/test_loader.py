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


# Every kind of schema violation, as the message and fix a writer reads (macros/loader.schema_errors).
# (schema of the document, the document, [(field, message, fix), ...] in the order reported)
SCHEMA_WORDS = [
    ({"properties": {"title": {}, "steps": {}}, "additionalProperties": False}, {"titel": 1, "zzz": 2},
     [("titel", "unknown field 'titel'", "remove it; did you mean 'title'?"),
      ("zzz", "unknown field 'zzz'", "remove it; allowed: steps, title")]),
    ({"additionalProperties": False}, {"x": 1}, [("x", "unknown field 'x'", "remove it; allowed: ")]),
    ({"properties": {"a": {}, "b": {}}, "required": ["a", "b"]}, {},
     [("", "missing required field 'a'", "add a:"), ("", "missing required field 'b'", "add b:")]),
    ({"properties": {"owner": {"description": "负责角色的 id。"}}, "required": ["owner"]}, {},
     [("", "missing required field 'owner'", "add owner: 负责角色的 id。")]),
    ({"properties": {}, "required": ["owner"]}, {}, [("", "missing required field 'owner'", "add owner:")]),
    ({"properties": {"x": {"minLength": 1}}}, {"x": ""}, [("x", "must not be empty", "add at least one item")]),
    ({"properties": {"x": {"minItems": 1, "x-fix": "list one role"}}}, {"x": []}, [("x", "must not be empty", "list one role")]),
    ({"properties": {"x": {"minItems": 2}}}, {"x": [1]}, [("x", "needs at least 2 items", "add at least one item")]),
    ({"properties": {"x": {"maxItems": 2}}}, {"x": [1, 2, 3]},
     [("x", "has 3 items, more than 2", "split the list into several blocks (pause points)")]),
    ({"properties": {"x": {"maxItems": 1, "x-fix": "one only"}}}, {"x": [1, 2]}, [("x", "has 2 items, more than 1", "one only")]),
    ({"properties": {"x": {"uniqueItems": True, "x-fix": "ignored"}}}, {"x": [1, 1]},
     [("x", "lists the same value twice", "remove the repeated value")]),
    ({"properties": {"x": {"anyOf": [{"type": "integer"}, {"pattern": "^P"}], "description": "时长，如 PT2H。"}}}, {"x": "Q"},
     [("x", "'Q' has the wrong format", "时长，如 PT2H。")]),
    ({"properties": {"x": {"oneOf": [{"type": "string"}, {"type": "integer"}], "x-fix": "text or a number"}}}, {"x": 1.5},
     [("x", "1.5 is not valid here", "text or a number")]),
    ({"properties": {"x": {"pattern": "^[a-z]+$", "description": "小写字母。"}}}, {"x": "A"},
     [("x", "'A' has the wrong format", "小写字母。")]),
    ({"properties": {"x": {"pattern": "^[a-z]+$", "x-fix": "use lowercase", "description": "d"}}}, {"x": "A"},
     [("x", "'A' has the wrong format", "use lowercase")]),
    ({"properties": {"x": {"enum": ["a", 2]}}}, {"x": "b"}, [("x", "'b' is not allowed", "use one of: a, 2")]),
    ({"properties": {"x": {"minimum": 0, "description": "金额（元）。"}}}, {"x": -1},
     [("x", "-1 is less than the minimum of 0", "金额（元）。")]),
    ({"properties": {"x": {"minimum": 0}}}, {"x": -1}, [("x", "-1 is less than the minimum of 0", "")]),
    # A boolean subschema has no words of its own: jsonschema's message (with no path), no fix, no crash.
    ({"properties": {"x": False}}, {"x": 1}, [("", "False schema does not allow 1", "")]),
    # Each error of a document is reported, whichever comes first.
    ({"properties": {"a": {}, "b": {"type": "integer"}}, "additionalProperties": False}, {"b": "x", "c": 1},
     [("c", "unknown field 'c'", "remove it; allowed: a, b"), ("b", "expected a whole number, got text 'x'", "write a whole number here")]),
    ({"properties": {"a": {"type": "integer"}, "b": {}}, "required": ["b"]}, {"a": "x"},
     [("a", "expected a whole number, got text 'x'", "write a whole number here"), ("", "missing required field 'b'", "add b:")]),
]


@pytest.mark.parametrize("schema,data,expected", SCHEMA_WORDS, ids=[e[0][1] for _, _, e in SCHEMA_WORDS])
def test_schema_errors_say_what_is_wrong_and_how_to_fix_it(tmp_path, schema, data, expected):
    from macros.loader import schema_errors
    from macros.source import read

    texts = {"common.schema.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema"}',
             "t.schema.json": json.dumps({"type": "object", **schema})}
    path = tmp_path / "t.yml"
    path.write_text(json.dumps(data), encoding="utf-8")
    errors = schema_errors(read(path), "t", texts)
    assert sorted(expected) == sorted((e.field, e.message, e.fix) for e in errors)


@pytest.mark.parametrize("value,words", [
    (True, "true or false True"), (3, "a whole number 3"), (2.5, "a number 2.5"), ("s", "text 's'"),
    ([1], "a list [1]"), ({"k": 1}, "a mapping {'k': 1}"),
])
def test_type_errors_name_the_value_found_in_words(tmp_path, value, words):
    from macros.loader import schema_errors
    from macros.source import read

    texts = {"common.schema.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema"}',
             "t.schema.json": json.dumps({"properties": {"x": {"type": "null"}}})}
    path = tmp_path / "t.yml"
    path.write_text(json.dumps({"x": value}), encoding="utf-8")
    assert [f"expected nothing, got {words}"] == [e.message for e in schema_errors(read(path), "t", texts)]


def test_json_type_and_type_name_of_unlisted_things():
    """A type name the table does not know is passed through; so is a Python type YAML can still yield."""
    import datetime

    from macros.loader import _json_type, _type_name

    assert _json_type(None) == "null" and _json_type(datetime.date(2026, 1, 1)) == "date"
    assert _type_name("date") == "date" and _type_name(["date", "null"]) == "date or nothing"


def _copy(tmp_path):
    return copy_with_overlay(tmp_path)


def _errors(root) -> list[str]:
    with pytest.raises(PlaybookInvalid) as caught:
        load(root)
    return [str(e) for e in caught.value.errors]


def test_every_unreadable_file_is_reported_not_only_the_first(tmp_path):
    root = _copy(tmp_path)
    (root / "procedures" / "alpha.yml").write_text("id: [unclosed\n", encoding="utf-8")
    (root / "templates" / "notice.yml").write_text("id: [unclosed\n", encoding="utf-8")
    errors = _errors(root)
    assert len(errors) == 2 and "alpha.yml:" in errors[0] and "notice.yml:" in errors[1], errors


def test_every_unknown_rule_reference_in_a_file_is_reported(tmp_path):
    root = _copy(tmp_path)
    path = root / "procedures" / "alpha.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: 见{rule:target.nosuch}，", 1)
                    .replace("summary: ", "summary: 见{rule:threshold.nosuch}，", 1), encoding="utf-8")
    errors = _errors(root)
    assert sum("unknown rule reference" in e for e in errors) == 2, errors


def test_a_file_validated_as_one_kind_is_validated_again_as_another(tmp_path):
    """The validation cache is keyed by kind and content: a procedure copied into templates/ is
    not a valid template because the same bytes passed as a procedure."""
    root = _copy(tmp_path)
    (root / "templates" / "alpha.yml").write_bytes((root / "procedures" / "alpha.yml").read_bytes())
    errors = _errors(root)
    assert errors and all("templates/alpha.yml" in e for e in errors)
    assert any("unknown field" in e or "missing required field" in e for e in errors)


def test_a_folder_kind_with_no_files_loads_as_empty(tmp_path):
    root = _copy(tmp_path)
    for name in ("drills", "training"):
        for f in (root / name).glob("*.yml"):
            f.unlink()
    try:
        pb = load(root)
    except PlaybookInvalid as e:  # cross-file references to the removed files are fine; a crash is not
        assert all("drill" in str(x) or "training" in str(x) for x in e.errors), e
    else:
        assert pb.drills == {} and pb.training == {}


def test_loaded_playbook_knows_its_folder_and_every_single_file(tmp_path, caplog):
    import logging

    import yaml

    root = _copy(tmp_path)
    (root / "holidays.yml").write_text(json.dumps({"years": [{"year": 2027, "source": "通知", "on": [],
                                                             "off": [{"date": "2027-01-01", "name": "元旦"}]}]}),
                                       encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.playbook")
    pb = load(root)
    assert "playbook loaded: 2 procedures" in caplog.messages
    assert pb.holidays["years"][0]["year"] == 2027
    warning = next(w for w in pb.warnings if w.field == "complaint_hotline")
    assert (warning.message, warning.fix) == ("not filled in yet", "fill it in; until then the site shows 「待本单位填写」")
    assert pb.root == root
    data = {n: yaml.safe_load((root / f"{n}.yml").read_text(encoding="utf-8")) for n in
            ("situations", "aids", "metrics", "holidays", "synonyms", "organisation", "taxonomy", "plan")}
    assert pb.situations == data["situations"]["situations"] and pb.metrics == data["metrics"]["metrics"]
    assert pb.holidays == data["holidays"] and pb.synonyms == data["synonyms"]["synonyms"]
    assert set(pb.aids) == set(data["aids"]) and pb.plan["version"] == data["plan"]["version"]


def test_a_file_named_like_a_folder_is_a_stray_top_level_file(tmp_path):
    import shutil

    from macros.loader import discover

    root = _copy(tmp_path)
    shutil.rmtree(root / "drills")
    (root / "drills").write_text("x", encoding="utf-8")
    found, errors = discover(root)
    assert [(e.file.name, e.message, e.fix.split(":")[0]) for e in errors] == [
        ("drills", "no schema applies to this file", "top-level files are")]
    assert all(kind != "drill" for _, kind in found)


def test_elements_are_in_plan_order_then_by_id():
    """Indexes, navigation and role pages list elements by first seed section (as numbers, so 1.10
    after 1.9), then by id: not by file name."""
    from types import SimpleNamespace

    from macros.loader import _in_plan_order

    docs = {k: SimpleNamespace(data={"sections": s, "k": k}) for k, s in
            [("a", ["2.1"]), ("b", ["1.10"]), ("c", ["1.9", "0.1"]), ("d", ["1.9"]), ("e", ["10.1"])]}
    assert list(_in_plan_order(docs)) == ["c", "d", "b", "a", "e"]
    assert _in_plan_order(docs)["b"] == {"sections": ["1.10"], "k": "b"}
