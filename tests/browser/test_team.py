"""Team mode in a real browser against a real server: two signed-in members in separate browser
contexts, the site and pouchdb-server on one origin (tests/couchdb.py serve_site), as deployed."""

from __future__ import annotations

import itertools

import pytest

from macros import team

from tools.localserver import free_port, serve

from ..conftest import FIXTURE_PLAYBOOK, FIXTURES, build_site
from .conftest import start_run as start_in_checklist

PASSWORD = "pw-团队-1"
WAIT = 15000  # ms: "within a few seconds" on a loaded 2-core CI machine
_n = itertools.count(1)


@pytest.fixture(scope="module")
def team_served(tmp_path_factory, couchdb):
    """The fixture site built in team mode (CouchDB at the same-origin path /couchdb/), served with
    pouchdb-server behind /couchdb/ on one free port, as the deployment guide's reverse proxy does."""
    dest = tmp_path_factory.mktemp("team-site")
    server = serve(dest, couchdb=couchdb.url)
    try:
        result = build_site(FIXTURES / "site" / "mkdocs.yml", dest, {
            "PLAYBOOK_DIR": str(FIXTURE_PLAYBOOK), "PLAYBOOK_TEAM_COUCHDB": "/couchdb/", "SITE_URL": server.url})
        assert result.returncode == 0, result.stderr
        yield dest, server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def team_site(team_served):
    return team_served[0]


@pytest.fixture(scope="module")
def origin(team_served):
    return team_served[1]


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


def wait_on_server(page, event_id):
    """Until the team database has the event (asked with the member's own session)."""
    assert page.evaluate("""async ([id, ms]) => {
        for (const end = Date.now() + ms; Date.now() < end; await new Promise(r => setTimeout(r, 200)))
            if ((await pb.team.api("GET", "team-browser-a/" + id)).status === 200) return true;
        return false; }""", [event_id, WAIT])


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


def test_runs_page_shows_open_cases_overdue_steps_and_holders_then_archives(pair, origin):
    alice, bob = pair
    log = alice.evaluate("""async () => {
        const log = "run:" + pb.events.uuid();
        const hourAgo = pb.events.isoAt(Date.now() - 3600000, 480);
        await pb.events.record(log, "start", {value: {case: "OVERDUE-1", procedure: "alpha", version: "1.0.0",
            start: hourAgo, title: "阿尔法", checklist: {blocks: [{id: "b", title: "B"}], severities: [],
            steps: [{id: "record", text: "记录诉求", owner: "客服专员", due: "PT30M"},
                    {id: "confirm", text: "确认方案", owner: "处理专员", due: "P1D"}]}}});
        return log;
    }""")
    bob.goto(origin + "runs/")
    row = bob.locator(f"tr[data-pb-team-log='{log}']")
    row.wait_for(timeout=WAIT)
    cells = row.locator("td").all_inner_texts()
    assert cells == ["OVERDUE-1", "阿尔法", "记录诉求（客服专员）", "alice（团队成员）"]
    bobs = tick(bob, log, "record")
    bob.wait_for_function("log => document.querySelector(`tr[data-pb-team-log='${log}'] td:nth-child(3)`).textContent === '—'"
                          " && document.querySelector(`tr[data-pb-team-log='${log}'] td:nth-child(4)`).textContent.startsWith('bob')",
                          arg=log, timeout=WAIT)
    # Alice closes the case; once her events are on the server she archives it from her runs page.
    closing = alice.evaluate("async log => (await pb.events.record(log, 'close', {})).event.id", log)
    wait_on_server(alice, closing)
    wait_for_events(alice, log, [bobs])
    alice.goto(origin + "runs/")
    # Archiving is refused while any of the run's events waits for the server's confirmation (as it
    # should be); a loaded machine confirms later than the server stores, so wait for the bar to say so.
    alice.wait_for_selector(".pb-team-bar[data-pb-team-phase=synced][data-pb-team-waiting='0']", timeout=WAIT)
    alice.locator(f"li[data-pb-team-log='{log}'] button").click()
    alice.wait_for_function("log => !document.querySelector(`li[data-pb-team-log='${log}']`)", arg=log, timeout=WAIT)
    assert alice.evaluate("log => pb.events.listNow(log).length", log) == 0
    assert alice.evaluate("log => Object.keys(localStorage).filter(k => k.includes(log)).length", log) == 0
    late = bob.evaluate("async log => (await pb.events.record(log, 'note', {step: 'record', value: '补记'})).event.id", log)
    wait_on_server(bob, late)  # a late event of the archived run is not kept in Alice's browser either
    alice.reload()  # nothing comes back from the local replica
    alice.wait_for_selector(".pb-team-bar[data-pb-team-phase=synced]", timeout=WAIT)
    assert alice.evaluate("""async ([id, ms]) => {  // the late event reached Alice's replica and was dropped
        const db = new PouchDB("pb-team-browser-a");
        for (const end = Date.now() + ms; Date.now() < end; await new Promise(r => setTimeout(r, 200)))
            if (await db.get(id).then(() => false, e => e.reason === "deleted")) return true;
        return false; }""", [late, WAIT])
    assert alice.evaluate("log => pb.events.listNow(log).length", log) == 0
    assert alice.evaluate("id => pb.team.api('GET', 'team-browser-a/' + id).then(r => r.status)", closing) == 200
    assert bob.evaluate("log => pb.events.listNow(log).length", log) == 4  # the others keep theirs


def test_server_refuses_forgery_edits_and_other_teams(pair, teams):
    alice, _ = pair
    log = start_run(alice)
    mine = ids(alice, log)[0]
    wait_on_server(alice, mine)
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
    server = serve(team_site, couchdb=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    try:
        context, page = signed_in(browser, server.url, teams["a"], "alice", expect="unreachable")
        assert "无法连接团队服务器" in page.locator(".pb-team-bar").inner_text()
        context.close()
    finally:
        server.stop()


def test_checklist_ticks_replicate_end_to_end(pair, origin):
    """A run started and ticked on the checklist page shows, ticked, on the other member's
    checklist page, and the other member's tick comes back without a reload."""
    alice, bob = pair
    case = f"2026{next(_n):03d}9"
    start_in_checklist(alice, origin + "procedures/alpha/", case=case, severity="low")
    alice.check("#pb-check-record")
    log = alice.evaluate("() => pb.events.tab.get('active:alpha')")
    tick_id = alice.evaluate("log => pb.events.listNow(log).filter(e => e.type === 'tick').pop().id", log)
    wait_on_server(alice, tick_id)
    bob.goto(origin + f"procedures/alpha/?run={log.removeprefix('run:')}")  # as the runs page links it
    bob.wait_for_function("() => document.querySelector('#pb-check-record') && document.querySelector('#pb-check-record').checked",
                          timeout=WAIT)
    assert case in bob.inner_text(".pb-run-head")
    bob.check("#pb-check-confirm")
    alice.wait_for_function("() => document.querySelector('#pb-check-confirm').checked", timeout=WAIT)
    assert "bob" in alice.inner_text("#step-confirm")


def test_statistics_read_the_team_database(pair, origin, browser):
    """The statistics page counts the team's runs from the server, archived ones included, and
    asks a member who is not signed in to sign in first."""
    alice, _ = pair
    log = alice.evaluate("""async () => {
        const log = "run:" + pb.events.uuid();
        await pb.events.record(log, "start", {value: {case: "2026777", procedure: "alpha", version: "1.0.0",
            start: pb.events.isoAt(Date.now() - 7200000, 480)}});
        await pb.events.record(log, "close", {});
        return log; }""")
    for event_id in alice.evaluate("log => pb.events.listNow(log).map(e => e.id)", log):
        wait_on_server(alice, event_id)
    alice.evaluate("log => pb.team.archive(log)", log)
    alice.goto(origin + "reference/statistics/")
    alice.click("button:has-text('统计本浏览器中的记录')")
    alice.wait_for_selector("[data-pb-loaded]")
    local = int(alice.get_attribute("[data-pb-loaded]", "data-pb-loaded"))
    alice.click("button:has-text('统计团队数据库中的记录')")
    # Every other run of the team is replicated here too; the archived one is only on the server.
    alice.wait_for_function("n => document.querySelector('[data-pb-loaded]') && "
                            "document.querySelector('[data-pb-loaded]').dataset.pbLoaded === String(n)", arg=local + 1, timeout=WAIT)
    assert "团队数据库（browser-a）" in alice.inner_text("[data-pb-stats-report]")
    context = browser.new_context()
    try:
        guest = context.new_page()
        guest.goto(origin + "reference/statistics/")
        guest.click("button:has-text('统计团队数据库中的记录')")
        guest.wait_for_selector(".pb-notice")
        assert "请先在页面顶部登录团队" in guest.inner_text(".pb-notice")
    finally:
        context.close()


def test_sync_library_loads_only_in_team_mode(team_site, fixture_site):
    """Pages without team mode keep their weight: no PouchDB, no team module."""
    team_page = (team_site / "index.html").read_text(encoding="utf-8")
    plain_page = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert "pouchdb.min.js" in team_page and "team.js" in team_page and 'name="pb-team-couchdb"' in team_page
    assert "pouchdb" not in plain_page and "team.js" not in plain_page and "pb-team" not in plain_page
