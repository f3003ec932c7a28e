"""macros/cli.py in process: `playbook validate`, `playbook export`, the team commands' wording, and
the help every command prints (golden: tests/golden/cli-help.txt, update with --update-golden)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import cli
from macros.loader import load

from .conftest import ROOT, copy_with_overlay

GOLDEN = ROOT / "tests" / "golden" / "cli-help.txt"
HELPS = [[], ["validate"], ["export"], ["team"], *(["team", a] for a in
         ("create", "update", "members", "add", "remove", "export", "purge"))]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(argv))
        except SystemExit as e:
            code = e.code
    return code, out.getvalue(), err.getvalue()


def test_help_of_every_command(monkeypatch, request):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("PLAYBOOK_COUCHDB_URL", raising=False)
    monkeypatch.delenv("PLAYBOOK_COUCHDB_USER", raising=False)
    text = ""
    for argv in HELPS:
        code, out, _ = run(*argv, "--help")
        assert code == 0
        text += f"$ {' '.join(['playbook', *argv, '--help'])}\n{out}\n"
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [[], ["team"], ["team", "--url", "http://x"], ["export", "--format", "JSON"],
                                  ["team", "purge", "t1"]])
def test_incomplete_commands_are_usage_errors(argv):
    code, out, err = run(*argv)
    assert code == 2 and out == "" and err.startswith("usage: playbook")


def test_validate_lists_warnings_and_counts(tmp_path):
    root = copy_with_overlay(tmp_path)
    pb = load(root)
    code, out, err = run("validate", str(root))
    n = len(pb.warnings)
    assert code == 0 and out == "" and n > 1
    assert err.splitlines() == [f"warning: {w}" for w in pb.warnings] + [
        f"{n} organisation settings to fill in (playbook/organisation.yml); the site shows 「待本单位填写」 until then.",
        "playbook OK: 2 procedures, 1 templates, 1 drills, 1 training paths"]


def test_validate_and_export_read_the_real_playbook_by_default(pb):
    code, _, err = run("validate")
    assert code == 0 and err.splitlines()[-1].startswith(f"playbook OK: {len(pb.procedures)} procedures, ")
    code, out, _ = run("export")
    assert code == 0 and out.endswith("}\n") and len(json.loads(out)["procedures"]) == len(pb.procedures) > 20


def test_export_prints_the_plan_as_json(tmp_path):
    root = copy_with_overlay(tmp_path)
    code, out, err = run("export", str(root), "--format", "json")
    assert (code, err) == (0, "") and out == json.dumps(load(root).export(), ensure_ascii=False, indent=2) + "\n"


def test_team_server_and_admin_come_from_the_environment(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "team_main", lambda args: seen.append((args.url, args.user)) or 0)
    monkeypatch.delenv("PLAYBOOK_COUCHDB_URL", raising=False)
    monkeypatch.delenv("PLAYBOOK_COUCHDB_USER", raising=False)
    assert cli.main(["team", "members", "t1"]) == 0
    monkeypatch.setenv("PLAYBOOK_COUCHDB_URL", "https://couch.example:6984")
    monkeypatch.setenv("PLAYBOOK_COUCHDB_USER", "ops")
    assert cli.main(["team", "members", "t1"]) == 0
    assert seen == [("http://127.0.0.1:5984", "admin"), ("https://couch.example:6984", "ops")]


def fake_team(**returns):
    return SimpleNamespace(check_member_name=lambda name: None, **{k: (lambda *a, v=v: v) for k, v in returns.items()})


@pytest.mark.parametrize("action, returns, extra, said", [
    ("create", {"create": "team-t1"}, {}, "created team-t1 on http://couch.test; add members with `playbook team add t1 NAME`"),
    ("update", {"update": True}, {}, "rules updated"),
    ("update", {"update": False}, {}, "rules already current"),
    ("members", {"members": ["李四", "张三"]}, {}, "李四\n张三"),
    ("add", {"add_member": True}, {"name": "王五"}, "created user and admitted 王五 to team t1"),
    ("add", {"add_member": False}, {"name": "王五"}, "admitted 王五 to team t1"),
    ("remove", {"remove_member": None}, {"name": "王五"}, "removed 王五 from team t1"),
    ("export", {"export": ["a.json", "a.md", "b.json", "b.md"]}, {"directory": Path("out")}, "2 closed case(s) written to out"),
    ("purge", {"purge": (2, 9, True)}, {"closed_before": dt.datetime(2026, 1, 1)},
     "deleted 9 event(s) of 2 case(s) closed before 2026-01-01; tombstones purged"),
    ("purge", {"purge": (1, 3, False)}, {"closed_before": dt.datetime(2026, 1, 1)},
     "deleted 3 event(s) of 1 case(s) closed before 2026-01-01; tombstones remain until the server purges them"),
])
def test_team_actions_say_what_they_did(monkeypatch, capsys, action, returns, extra, said):
    monkeypatch.setenv("PLAYBOOK_MEMBER_PASSWORD", "pw")
    args = SimpleNamespace(action=action, team="t1", **extra)
    assert cli.run_team_action(fake_team(**returns), SimpleNamespace(url="http://couch.test"), args) == 0
    assert capsys.readouterr().out == said + "\n"
