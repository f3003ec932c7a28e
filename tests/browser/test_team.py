"""Team mode in a real browser against a real server: two signed-in members in separate browser
contexts, the site and pouchdb-server on one origin (tests/couchdb.py serve_site), as deployed."""

from __future__ import annotations

import itertools

import pytest

from macros import team

from .. import couchdb as harness
from ..conftest import FIXTURE_PLAYBOOK, FIXTURES, build_site

PASSWORD = "pw-团队-1"
WAIT = 15000  # ms: "within a few seconds" on a loaded 2-core CI machine
_n = itertools.count(1)


@pytest.fixture(scope="module")
def team_site(tmp_path_factory):
    """The fixture site built in team mode (CouchDB at the same-origin path /couchdb/)."""
    dest = tmp_path_factory.mktemp("team-site")
    result = build_site(FIXTURES / "site" / "mkdocs.yml", dest,
                        {"PLAYBOOK_DIR": str(FIXTURE_PLAYBOOK), "PLAYBOOK_TEAM_COUCHDB": "/couchdb/"})
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="module")
def origin(team_site, couchdb):
    server, url = harness.serve_site(team_site, couchdb.url)
    yield url
    harness.stop_site(server)


@pytest.fixture(scope="module")
def teams(couchdb):
    """Team a (alice, bob) and team b (carol)."""
    admin = team.Couch(couchdb.url, *couchdb.admin)
    team.create(admin, "browser-a")
    team.create(admin, "browser-b")
    for name in ("alice", "bob"):
        team.add_member(admin, "browser-a", name, PASSWORD)
    team.add_member(admin, "browser-b", "carol", PASSWORD)
    admin.close()
    return {"a": "browser-a", "b": "browser-b"}


def signed_in(browser, origin, team_id, name, password=PASSWORD, expect="synced"):
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin)
    page.wait_for_selector(".pb-team-bar form")
    page.fill("#pb-team-id", team_id)
    page.fill("#pb-team-name", name)
    page.fill("#pb-team-password", password)
    page.click(".pb-team-bar button[type=submit]")
    page.wait_for_selector(f".pb-team-bar[data-pb-team-phase={expect}]", timeout=WAIT)
    return context, page


@pytest.fixture(scope="module")
def pair(browser, origin, teams):
    """Alice and Bob signed in, for the module (signing in costs seconds on a loaded machine)."""
    a_ctx, alice = signed_in(browser, origin, teams["a"], "alice")
    b_ctx, bob = signed_in(browser, origin, teams["a"], "bob")
    yield alice, bob
    a_ctx.close()
    b_ctx.close()


def start_run(page) -> str:
    """A run started in page through pb.events; returns its log id."""
    return page.evaluate("""async () => {
        const log = "run:" + pb.events.uuid();
        await pb.events.record(log, "start", {value: {case: "T" + Date.now(), procedure: "alpha", version: "1.0.0",
            start: pb.events.isoAt(Date.now(), 480)}});
        return log;
    }""")


def tick(page, log, step):
    return page.evaluate("async ([log, step]) => (await pb.events.record(log, 'tick', {step})).event.id", [log, step])


def ids(page, log):
    return sorted(page.evaluate("log => pb.events.listNow(log).map(e => e.id)", log))


def wait_synced(page):
    page.wait_for_function("pb.team.state().phase === 'synced' && pb.team.state().waiting === 0", timeout=WAIT)


def wait_for_events(page, log, wanted):
    page.wait_for_function("([log, wanted]) => wanted.every(id => pb.events.listNow(log).some(e => e.id === id))",
                           arg=[log, wanted], timeout=WAIT)


def fold(page, log):
    return page.evaluate("""log => { const r = pb.events.foldRun(pb.events.listNow(log));
        return {steps: r.steps, case: r.case, history: r.history.map(h => h.event.id)}; }""", log)


def test_bar_shows_who_is_signed_in_and_synced(pair):
    alice, _ = pair
    status = alice.locator(".pb-team-bar .pb-team-status").inner_text()
    assert "团队 browser-a" in status and "已登录：alice" in status and "已同步" in status
    assert alice.evaluate("pb.events.identityNow().name") == "alice"  # events carry the signed-in user


def test_concurrent_ticks_converge(pair):
    alice, bob = pair
    log = start_run(alice)
    wait_for_events(bob, log, ids(alice, log))
    a = tick(alice, log, "record")
    b = tick(bob, log, "confirm")
    c = tick(bob, log, "record")  # both tick the same step: two events, one state
    for page in (alice, bob):
        wait_for_events(page, log, [a, b, c])
    assert fold(alice, log) == fold(bob, log)
    assert set(fold(alice, log)["steps"]) == {"record", "confirm"}


def test_offline_member_keeps_working_and_converges(pair):
    alice, bob = pair
    log = start_run(alice)
    wait_for_events(bob, log, ids(alice, log))
    bob.context.set_offline(True)
    b1 = tick(bob, log, "confirm")  # offline: stored locally, waiting
    b2 = tick(bob, log, "escalate")
    a1 = tick(alice, log, "record")  # online: reaches the server
    bob.wait_for_selector(".pb-team-bar[data-pb-team-phase=offline][data-pb-team-waiting='2']", timeout=WAIT)
    assert "离线，2 条记录待上传" in bob.locator(".pb-team-bar").inner_text()
    assert set(fold(bob, log)["steps"]) == {"confirm", "escalate"}  # still usable offline
    bob.context.set_offline(False)
    wait_for_events(alice, log, [b1, b2])
    wait_for_events(bob, log, [a1])
    assert fold(alice, log) == fold(bob, log)
    bob.wait_for_selector(".pb-team-bar[data-pb-team-phase=synced]", timeout=WAIT)


def test_server_refuses_forgery_edits_and_other_teams(pair, teams):
    alice, _ = pair
    log = start_run(alice)
    mine = ids(alice, log)[0]
    wait_synced(alice)
    answers = alice.evaluate("""async ([log, mine, other]) => {
        const api = (m, p, b) => pb.team.api(m, p, b).then(r => r.status);
        const forged = pb.events.newEvent(log, "tick", {step: "record"});
        forged.actor = {name: "bob", role: "agent"};
        const own = await pb.team.api("GET", "team-browser-a/" + mine);
        return {
          own: own.status,
          forged: await api("PUT", "team-browser-a/" + forged.id, Object.assign({_id: forged.id}, forged)),
          edited: await api("PUT", "team-browser-a/" + mine, Object.assign({}, own.data, {type: "close"})),
          deleted: await api("DELETE", "team-browser-a/" + mine + "?rev=" + own.data._rev),
          otherRead: await api("GET", "team-" + other + "/_all_docs"),
          otherWrite: await api("PUT", "team-" + other + "/x", {}),
        };
    }""", [log, mine, teams["b"]])
    assert answers == {"own": 200, "forged": 403, "edited": 403, "deleted": 403, "otherRead": 401, "otherWrite": 401}
    # An event with someone else's name in this browser (say, imported) is refused when it syncs.
    alice.evaluate("""log => { const e = pb.events.newEvent(log, "tick", {step: "confirm"});
        e.actor = {name: "bob", role: "agent"}; return pb.events.appendAll([e]); }""", log)
    alice.wait_for_selector(".pb-team-bar[data-pb-team-phase=refused]", timeout=WAIT)
    assert "服务器拒绝了 1 条记录" in alice.locator(".pb-team-bar").inner_text()
    assert "is not the signed-in user alice" in alice.locator(".pb-team-bar").inner_text()


def test_wrong_password_is_shown_as_such(browser, origin, teams):
    context, page = signed_in(browser, origin, teams["a"], "alice", password="wrong", expect="signed-out")
    assert "用户名或密码错误" in page.locator(".pb-team-bar [role=alert]").inner_text()
    context.close()


def test_other_team_is_shown_as_not_a_member(browser, origin, teams):
    context, page = signed_in(browser, origin, teams["b"], "alice", expect="signed-out")
    assert "不是团队“browser-b”的成员" in page.locator(".pb-team-bar [role=alert]").inner_text()
    context.close()


def test_unreachable_server_is_shown_as_such(browser, team_site, teams):
    server, url = harness.serve_site(team_site, f"http://127.0.0.1:{harness.free_port()}")
    try:
        context, page = signed_in(browser, url, teams["a"], "alice", expect="unreachable")
        assert "无法连接团队服务器" in page.locator(".pb-team-bar").inner_text()
        context.close()
    finally:
        harness.stop_site(server)


def test_sync_library_loads_only_in_team_mode(team_site, fixture_site):
    """Pages without team mode keep their weight: no PouchDB, no team module."""
    team_page = (team_site / "index.html").read_text(encoding="utf-8")
    plain_page = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert "pouchdb.min.js" in team_page and "team.js" in team_page and 'name="pb-team-couchdb"' in team_page
    assert "pouchdb" not in plain_page and "team.js" not in plain_page and "pb-team" not in plain_page
