"""Browser copies expire (issue 13, review P2): on page load, closed runs and drafts whose last event
is older than the rulebook's period (taxonomy.yml target browser-copies) are removed with a notice
naming them; open runs are never removed, only listed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Events written straight into storage with old times, as a browser left alone for weeks holds them.
SEED = """() => {
  const E = pb.events, day = 86400000, now = Date.now();
  E.setIdentity({name: '张三', role: '客服专员'});
  const at = (d) => E.isoAt(now - d * day, 480);
  const put = (log, type, d, fields) => {
    const e = {...E.newEvent(log, type, fields), at: at(d)};
    localStorage.setItem('pb:ev:' + log + '/' + e.id, JSON.stringify(e));
    return log;
  };
  const run = (c, d0, ...more) => {
    const log = put('run:' + E.uuid(), 'start', d0, {value: {case: c, procedure: 'alpha', version: '0.1.0', title: '接收投诉', start: at(d0)}});
    more.forEach(([t, d]) => put(log, t, d));
    return log;
  };
  return {
    oldClosed: run('2026001', 60, ['close', 40]),
    oldOpen: run('2026002', 60),
    newClosed: run('2026003', 40, ['close', 5]),
    oldDraft: put('draft:notice:2026004', 'field', 45, {field: 'name', value: '李四'}),
    newDraft: put('draft:notice:2026005', 'field', 3, {field: 'name', value: '王五'}),
  };
}"""


def logs_stored(page):
    return page.evaluate("[...new Set(Object.keys(localStorage).filter(k => k.startsWith('pb:ev:')).map(k => k.slice(6, k.lastIndexOf('/'))))]")


def test_expired_runs_and_drafts_are_removed_with_a_notice(page, fixture_url):
    page.goto(fixture_url)
    logs = page.evaluate(SEED)
    assert 5 == len(logs_stored(page))
    page.goto(fixture_url + "runs/")
    page.wait_for_selector(".pb-expired")
    removed = page.inner_text(".pb-expired")
    assert "自动删除 2 份" in removed and "30 天" in removed, removed
    assert "投诉 2026001" in removed and "投诉 2026004" in removed and "2026003" not in removed, removed
    assert "不是正式记录" in removed
    stale = page.inner_text(".pb-stale-runs")
    assert "投诉 2026002" in stale and "不会自动删除" in stale and "2026003" not in stale, stale
    assert sorted(logs_stored(page)) == sorted([logs["oldOpen"], logs["newClosed"], logs["newDraft"]])
    # The runs list drawn before the removal is redrawn without the removed run.
    page.wait_for_function("!document.querySelector(\"[data-pb-case='2026001']\")")
    assert page.locator("[data-pb-case='2026002']").count() and page.locator("[data-pb-case='2026003']").count()
    # A closed run shows when it will be removed (last event 5 days ago + 30 days); an open run does not.
    page.wait_for_function("document.querySelector(\"[data-pb-case='2026003'] tbody tr\").textContent.includes('自动删除')")
    assert "自动删除" not in page.inner_text("[data-pb-case='2026002'] tbody tr")
    # The page says where retention is described, citing the period from the rulebook.
    assert "最后一次操作 30 天后由浏览器自动删除" in page.inner_text("article")
    page.reload()
    page.wait_for_selector(".pb-stale-runs")
    assert 0 == page.locator(".pb-expired").count()  # nothing more to remove; the open run is still only listed
