"""The browser event store (event-store.js over core/events.js): appends, cross-tab delivery,
identity, and honest failure reports."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LOG = "run:0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a"
IDENTITY = "localStorage.setItem('pb:identity', JSON.stringify({name: '张三', role: 'agent'}))"
START = """(log) => pb.events.record(log, 'start', {value: {case: '2026001', procedure: 'alpha', version: '1',
    start: pb.events.isoAt(Date.now(), 480)}})"""


@pytest.fixture
def home(page, fixture_url):
    page.goto(fixture_url + "runs/")  # a page that keeps state in the browser loads the store
    page.evaluate(IDENTITY)
    return page


def test_append_list_and_event_shape(home):
    """An appended event is listed, stored under its own key, and carries actor, device and offset."""
    result = home.evaluate(START, LOG)
    assert result["saved"] is True
    events = home.evaluate("log => pb.events.list(log)", LOG)
    assert 1 == len(events)
    e = events[0]
    assert {"name": "张三", "role": "agent"} == e["actor"]
    assert e["at"].endswith(("+00:00", "Z")) or e["at"][-6] in "+-"
    assert home.evaluate("k => localStorage.getItem(k) !== null", f"pb:ev:{LOG}/{e['id']}")
    assert [LOG] == home.evaluate("pb.events.logs('run:')")


def test_other_tab_is_told_within_a_second(home, fixture_url):
    """A second tab's subscriber hears of a new event in under a second (clock read in both tabs,
    so a loaded machine's test-driver delays do not count), and lists it."""
    other = home.context.new_page()
    other.goto(fixture_url + "runs/")
    other.evaluate("window.__heard = []; pb.events.subscribe(c => window.__heard.push([Date.now(), c])); 0")
    sent = home.evaluate("log => { const t = Date.now(); return (" + START + ")(log).then(() => t); }", LOG)
    for _ in range(100):  # polled from here: a background tab's own timers are throttled
        if other.evaluate("window.__heard.length"):
            break
        home.wait_for_timeout(100)
    heard, change = other.evaluate("window.__heard[0]")
    assert heard - sent < 1000
    assert [LOG] == change["logs"]
    assert 1 == len(other.evaluate("log => pb.events.list(log)", LOG))


def test_duplicates_are_one_event(home):
    """Appending the same event twice (a duplicated delivery) stores it once."""
    home.evaluate(START, LOG)
    r = home.evaluate("log => pb.events.list(log).then(es => pb.events.appendAll(es.concat(es)))", LOG)
    assert (0, 2) == (r["added"], r["duplicates"])


def test_invalid_event_is_refused(home):
    """An invalid event is rejected with the field named, and nothing is stored."""
    msg = home.evaluate("""log => pb.events.record(log, 'tick', {}).then(() => 'saved', e => e.message)""", LOG)
    assert msg.startswith("step")
    assert 0 == home.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pb:ev:')).length")


def test_full_storage_is_never_reported_as_saved(home):
    """A quota error resolves saved: false with the reason, and the notice says storage is full."""
    home.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); }; }""")
    r = home.evaluate(START, LOG)
    assert (False, "full") == (r["saved"], r["reason"])
    assert "存储空间已满" in home.inner_text(".pb-notice")


def test_disabled_storage_is_reported_as_disabled(page, fixture_url):
    """With storage blocked (SecurityError) the notice says it is disabled, not full (2.13)."""
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('denied', 'SecurityError'); } });""")
    page.goto(fixture_url + "runs/")
    page.evaluate("pb.events.setIdentity({name: '张三', role: 'agent'})")
    r = page.evaluate(START, LOG)
    assert (False, "disabled") == (r["saved"], r["reason"])
    text = page.inner_text(".pb-notice")
    assert "禁止了本地存储" in text and "已满" not in text


def test_unreadable_stored_event_is_reported_and_kept(home, fixture_url):
    """A corrupt stored event is named in a notice, left in place, and the other events still load."""
    home.evaluate(START, LOG)
    home.evaluate("localStorage.setItem('pb:ev:run:x/y', '{broken')")
    home.reload()
    assert 1 == len(home.evaluate("log => pb.events.list(log)", LOG))
    assert "pb:ev:run:x/y" in home.inner_text(".pb-notice")
    assert "{broken" == home.evaluate("localStorage.getItem('pb:ev:run:x/y')")


def test_identity_is_kept_per_browser_and_changeable(home, fixture_url):
    home.evaluate("pb.events.setIdentity({name: '李四', role: 'lead'})")
    other = home.context.new_page()
    other.goto(fixture_url + "runs/")
    assert {"name": "李四", "role": "lead"} == other.evaluate("pb.events.identity()")
