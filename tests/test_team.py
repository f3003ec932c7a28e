"""Team databases against a real server (pouchdb-server, tests/couchdb.py): first what the server
itself enforces (the design relies on it), then `playbook team` and the rules of
macros/couchdb/validate_doc_update.js as members meet them over HTTP."""

from __future__ import annotations

import contextlib
import itertools
import json

import httpx
import pytest

from macros import cli, team

from .conftest import FIXTURES

PASSWORD = "pw-张三-1"
_ids = itertools.count(1)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def event(actor: str, n: int | None = None, **fields) -> dict:
    n = n or next(_ids) + 500000
    e = {"v": 1, "id": uid(n), "log": "run:" + uid(999), "type": "tick", "step": "greet",
         "at": "2026-11-29T20:31:00.000+08:00", "actor": {"name": actor, "role": "agent"}, "device": uid(1)}
    e.update(fields)
    return {"_id": e["id"], **e}


@pytest.fixture
def admin(couchdb):
    couch = team.Couch(couchdb.url, *couchdb.admin)
    yield couch
    couch.close()


@pytest.fixture
def names():
    """Unique team and user names per test on the shared session server."""
    n = next(_ids)
    return {"team": f"t{n}", "other": f"o{n}", "alice": f"alice{n}", "bob": f"bob{n}"}


def session(couchdb, name: str, password: str = PASSWORD) -> contextlib.closing[httpx.Client]:
    """A member's client signed in with CouchDB's cookie session, as the browser does."""
    client = couchdb.client()
    r = client.post("/_session", json={"name": name, "password": password})
    assert r.status_code == 200, r.text
    assert "AuthSession" in client.cookies
    return contextlib.closing(client)


def make_team(admin, team_id: str, *members: str) -> str:
    db = team.create(admin, team_id)
    for m in members:
        team.add_member(admin, team_id, m, PASSWORD)
    return db


# ---- What the server enforces ------------------------------------------------------------------

def test_server_checks_security_sessions_and_validation(couchdb, admin, names):
    """pouchdb-server really enforces what the design relies on: _users passwords, the cookie
    session, per-database _security, and validate_doc_update with `this` = the design document."""
    db = make_team(admin, names["team"], names["alice"])
    with couchdb.client() as anonymous:
        assert anonymous.get(f"/{db}/_all_docs").status_code == 401
        assert anonymous.post("/_session", json={"name": names["alice"], "password": "wrong"}).status_code == 401
    with session(couchdb, names["alice"]) as alice:
        assert alice.get("/_session").json()["userCtx"]["name"] == names["alice"]
        assert alice.get(f"/{db}/_all_docs").status_code == 200
        refused = alice.put(f"/{db}/x", json={"not": "an event"})
        assert refused.status_code == 403 and "not an event" in refused.json()["reason"]  # the ddoc's schema was read
        assert alice.put(f"/{db}/_security", json={}).status_code in (401, 403)
        assert alice.put(f"/{db}/_design/evil", json={"validate_doc_update": "function(){}"}).status_code in (401, 403)


def test_a_team_without_members_is_closed(couchdb, admin, names):
    """CouchDB opens a database whose member lists are both empty to everybody; ours never are."""
    db = make_team(admin, names["team"])
    assert admin.call("GET", f"/{db}/_security")["members"] == {"names": [], "roles": ["_admin"]}
    with couchdb.client() as anonymous:
        assert anonymous.get(f"/{db}/_all_docs").status_code == 401
        assert anonymous.put(f"/{db}/{uid(1)}", json=event("x", 1)).status_code == 401


# ---- The rules, through the server --------------------------------------------------------------

def test_member_appends_own_events_and_nothing_else(couchdb, admin, names):
    db = make_team(admin, names["team"], names["alice"], names["bob"])
    with session(couchdb, names["alice"]) as alice, session(couchdb, names["bob"]) as bob:
        mine = event(names["alice"])
        r = alice.put(f"/{db}/{mine['_id']}", json=mine)
        assert r.status_code == 201, r.text
        rev = r.json()["rev"]

        forged = event(names["bob"])
        r = alice.put(f"/{db}/{forged['_id']}", json=forged)
        assert r.status_code == 403 and "is not the signed-in user" in r.json()["reason"]

        edited = {**mine, "_rev": rev, "step": "other"}
        for client in (alice, bob):
            r = client.put(f"/{db}/{mine['_id']}", json=edited)
            assert r.status_code == 403 and "never changed" in r.json()["reason"]
            r = client.delete(f"/{db}/{mine['_id']}", params={"rev": rev})
            assert r.status_code == 403 and "never deleted" in r.json()["reason"]

        # Replication (PouchDB pushes with new_edits=false) meets the same rules.
        pushed = {**edited, "_rev": "2-" + "a" * 32, "_revisions": {"start": 2, "ids": ["a" * 32, rev.split("-")[1]]}}
        r = bob.post(f"/{db}/_bulk_docs", json={"new_edits": False, "docs": [pushed]})
        assert "never changed" in json.dumps(r.json())
        assert alice.get(f"/{db}/{mine['_id']}").json()["step"] == "greet"

        bad = event(names["alice"], type="close")  # a close carries no step (schema if/then)
        r = alice.put(f"/{db}/{bad['_id']}", json=bad)
        assert r.status_code == 403 and "not an event" in r.json()["reason"]
        # Bob sees Alice's event: the team shares one record.
        assert bob.get(f"/{db}/{mine['_id']}").json()["actor"]["name"] == names["alice"]

    # The server admin removes events at the end of the retention period.
    assert admin.call("DELETE", f"/{db}/{mine['_id']}", params={"rev": rev})["ok"]


def test_members_of_one_team_cannot_touch_another(couchdb, admin, names):
    db_a = make_team(admin, names["team"], names["alice"])
    db_b = make_team(admin, names["other"], names["bob"])
    with session(couchdb, names["alice"]) as alice:
        assert alice.get(f"/{db_b}/_all_docs").status_code == 401
        assert alice.get(f"/{db_b}/_changes").status_code == 401
        e = event(names["alice"])
        assert alice.put(f"/{db_b}/{e['_id']}", json=e).status_code == 401
        assert alice.put(f"/{db_a}/{e['_id']}", json=e).status_code == 201


def test_removed_member_loses_access_at_once(couchdb, admin, names):
    db = make_team(admin, names["team"], names["alice"], names["bob"])
    with session(couchdb, names["bob"]) as bob:
        assert bob.get(f"/{db}/_all_docs").status_code == 200
        team.remove_member(admin, names["team"], names["bob"])
        assert bob.get(f"/{db}/_all_docs").status_code == 401  # same session cookie, next request
    assert team.members(admin, names["team"]) == [names["alice"]]


# ---- The command line ----------------------------------------------------------------------------

def run_cli(monkeypatch, capsys, couchdb, *argv, password=None, member_password=PASSWORD):
    monkeypatch.setenv("PLAYBOOK_COUCHDB_PASSWORD", password or couchdb.admin[1])
    monkeypatch.setenv("PLAYBOOK_MEMBER_PASSWORD", member_password)
    code = cli.main(["team", "--url", couchdb.url, "--user", couchdb.admin[0], *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_creates_admits_lists_and_removes(monkeypatch, capsys, couchdb, names):
    t, alice = names["team"], names["alice"]
    assert run_cli(monkeypatch, capsys, couchdb, "create", t)[0] == 0
    code, out, _ = run_cli(monkeypatch, capsys, couchdb, "add", t, alice)
    assert code == 0 and "created user" in out
    code, out, _ = run_cli(monkeypatch, capsys, couchdb, "add", t, alice)  # already a user: password kept
    assert code == 0 and "created user" not in out
    assert run_cli(monkeypatch, capsys, couchdb, "members", t)[1].split() == [alice]
    assert run_cli(monkeypatch, capsys, couchdb, "update", t)[1].strip() == "rules already current"
    assert run_cli(monkeypatch, capsys, couchdb, "remove", t, alice)[0] == 0
    with session(couchdb, alice) as client:  # the account stays, the access goes
        assert client.get(f"/team-{t}/_all_docs").status_code == 401


@pytest.mark.parametrize("case", ["exists", "wrong password", "unreachable", "no such team", "bad team id",
                                  "not a member", "new user without password"])
def test_cli_errors_are_one_line(monkeypatch, capsys, couchdb, names, case):
    t = names["team"]
    run_cli(monkeypatch, capsys, couchdb, "create", t)
    argv, kwargs, expected = {
        "exists": (["create", t], {}, f"team '{t}' exists already"),
        "wrong password": (["create", "x" + t], {"password": "nope"}, "wrong name or password"),
        "unreachable": (["create", "x" + t], {}, "cannot reach CouchDB"),
        "no such team": (["add", "missing-team", "zed"], {}, "no team 'missing-team'"),
        "bad team id": (["create", "Team A"], {}, "team id 'Team A'"),
        "not a member": (["remove", t, "nobody"], {}, "'nobody' is not a member"),
        "new user without password": (["add", t, "new" + t], {"member_password": ""}, "does not exist yet"),
    }[case]
    if case == "unreachable":
        from tools.localserver import free_port

        monkeypatch.setattr(couchdb, "url", f"http://127.0.0.1:{free_port()}", raising=False)
    code, out, err = run_cli(monkeypatch, capsys, couchdb, *argv, **kwargs)
    assert code == 1
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err, err


def test_cli_exports_closed_cases_from_the_server(monkeypatch, capsys, couchdb, admin, names, tmp_path):
    """Events written by members over HTTP come back as the archive: closed case only."""
    db = make_team(admin, names["team"])
    events = json.loads((FIXTURES / "team" / "case-events.json").read_text(encoding="utf-8"))
    people = {"张三": names["alice"], "李四": names["bob"]}
    for member in people.values():
        team.add_member(admin, names["team"], member, PASSWORD)
    clients = {k: session(couchdb, v).thing for k, v in people.items()}
    for e in events:
        e = {**e, "actor": {**e["actor"], "name": people[e["actor"]["name"]]}}
        r = clients[next(k for k, v in people.items() if v == e["actor"]["name"])].put(f"/{db}/{e['id']}", json=e)
        assert r.status_code in (201, 403, 409), r.text  # the duplicate delivery is refused as an edit
    for c in clients.values():
        c.close()
    code, out, err = run_cli(monkeypatch, capsys, couchdb, "export", names["team"], str(tmp_path / "archive"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == ["2026001.json", "2026001.md"]
    data = json.loads((tmp_path / "archive" / "2026001.json").read_text(encoding="utf-8"))
    assert len(data["runs"]) == 2 and sum(len(r["events"]) for r in data["runs"]) == 18
    md = (tmp_path / "archive" / "2026001.md").read_text(encoding="utf-8")
    assert f"· {names['bob']}（handler） · 关闭" in md

    # Retention: a purge before the closing day keeps the case, after it deletes every event of it.
    assert run_cli(monkeypatch, capsys, couchdb, "purge", names["team"], "--closed-before", "2026-11-29")[1].startswith(
        "deleted 0 event(s)")
    code, out, err = run_cli(monkeypatch, capsys, couchdb, "purge", names["team"], "--closed-before", "2026-11-30")
    assert code == 0 and out.startswith("deleted 18 event(s) of 1 case(s)"), err
    left = {e["id"] for e in team.events(admin, names["team"])}
    assert left == {e["id"] for e in events if e["log"].endswith("9003")}  # the open case stays


def test_update_reinstalls_changed_rules_and_keeps_the_members(admin, names):
    t, alice = names["team"], names["alice"]
    db = make_team(admin, t, alice)
    assert team.update(admin, t) is False  # created with the current rules
    old = admin.http.get(f"/{db}/{team.DESIGN_ID}").json()
    stale = {**old, "playbook": "0.0.1", "validate_doc_update": "function () {}"}
    assert admin.http.put(f"/{db}/{team.DESIGN_ID}", json=stale).status_code == 201
    assert team.update(admin, t) is True
    now = admin.http.get(f"/{db}/{team.DESIGN_ID}").json()
    assert {k: v for k, v in now.items() if k != "_rev"} == team.design_document()
    assert admin.http.get(f"/{db}/_security").json() == team.security([alice])
    assert team.members(admin, t) == [alice]
    assert team.update(admin, t) is False


def test_a_team_with_no_members_lists_none(admin, names):
    make_team(admin, names["team"])
    assert team.members(admin, names["team"]) == []


@pytest.mark.parametrize("status, body, message", [
    (401, {"error": "unauthorized"}, "CouchDB at http://couch.test refused user 'admin': wrong name or password "
                                     "(check --user and PLAYBOOK_COUCHDB_PASSWORD)"),
    (403, {"error": "forbidden", "reason": "only admins"}, "adding x: CouchDB refused: only admins (a server admin is needed)"),
    (403, {"error": "forbidden"}, "adding x: CouchDB refused: forbidden (a server admin is needed)"),
    (403, None, "adding x: CouchDB refused: forbidden (a server admin is needed)"),
    (409, {"error": "conflict", "reason": "Document update conflict."}, "adding x: CouchDB answered 409 Document update conflict."),
    (500, {"error": "boom"}, "adding x: CouchDB answered 500 boom"),
    (502, None, "adding x: CouchDB answered 502 Bad Gateway"),
    (404, ["not", "a", "mapping"], "adding x: CouchDB answered 404 Not Found"),
])
def test_refusals_read_as_one_line(status, body, message):
    couch = team.Couch("http://couch.test/", "admin", "pw")
    try:
        response = httpx.Response(status, json=body) if body is not None else httpx.Response(status, text="<html>")
        assert str(couch.refusal(response, "adding x")) == message
    finally:
        couch.close()


def test_cli_without_an_admin_password_says_how_to_give_one(monkeypatch, capsys):
    monkeypatch.delenv("PLAYBOOK_COUCHDB_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # not a terminal: no prompt
    assert cli.main(["team", "--url", "http://127.0.0.1:9", "members", "t1"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "playbook team: no admin password (set PLAYBOOK_COUCHDB_PASSWORD or run on a terminal)\n")


def test_cli_update_says_when_rules_changed(monkeypatch, capsys, couchdb, admin, names):
    t = names["team"]
    db = make_team(admin, t)
    old = admin.http.get(f"/{db}/{team.DESIGN_ID}").json()
    admin.http.put(f"/{db}/{team.DESIGN_ID}", json={**old, "playbook": "0.0.1"})
    assert run_cli(monkeypatch, capsys, couchdb, "update", t)[:2] == (0, "rules updated\n")


@pytest.mark.parametrize("text, ok", [("2026-11-30", True), ("2026-02-30", False), ("30/11/2026", False)])
def test_purge_dates_are_calendar_days_in_china_time(text, ok):
    import argparse
    import datetime as dt

    if ok:
        assert cli.day(text) == dt.datetime(2026, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    else:
        with pytest.raises(argparse.ArgumentTypeError, match=f"^{text!r} is not a date YYYY-MM-DD$"):
            cli.day(text)
