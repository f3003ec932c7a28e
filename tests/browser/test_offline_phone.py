"""Installable and offline on a phone (issue 16): the service worker (macros/worker.py) on a 375 × 812
screen. A page once opened keeps working when the signal goes (checklist, search); a new build is
offered as 「有新版本，刷新」 and used only once accepted, never mixed with the old one; no worker on
file:// (the offline edition's test is in test_offline.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from ..conftest import FIXTURES, MKDOCS, ROOT, copy_with_overlay
from .conftest import serve, start_run

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
# Records the worker registrations a page asks for (init script, before any of ours runs).
SPY = """(() => { window.__pbRegistered = [];
  if (!self.ServiceWorkerContainer) return;
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (url, ...rest) {
    window.__pbRegistered.push(String(url)); return register.call(this, url, ...rest); }; })()"""
# A worker controls the page only once it is active, that is after its install precached every file.
CONTROLLED = "navigator.serviceWorker.controller !== null"


@pytest.fixture
def phone(browser):
    """A phone-sized browser context in which service workers run (the suite blocks them elsewhere)."""
    context = browser.new_context(service_workers="allow", **PHONE)
    yield context
    context.close()


def installed(context, url):
    """Open url and wait until the worker controls it, with the site precached."""
    page = context.new_page()
    page.add_init_script(SPY)
    page.goto(url)
    page.wait_for_function(CONTROLLED, timeout=60_000)
    return page


def test_checklist_and_search_work_offline(phone, real_url):
    """After one visit online, the network is cut: the checklist reloads from the worker's cache,
    a run is started and ticked and survives a reload, another checklist opens, search finds it."""
    page = installed(phone, real_url + "procedures/intake/")
    assert [real_url + "sw.js"] == [page.evaluate("u => new URL(u, location.href).href", u)
                                    for u in page.evaluate("window.__pbRegistered")]
    phone.set_offline(True)
    page.reload()
    assert page.evaluate("performance.getEntriesByType('navigation')[0].workerStart > 0")  # served by the worker
    start_run(page, real_url + "procedures/intake/", severity="general")
    page.check("#pb-check-greet-and-listen")
    page.reload()
    assert page.is_checked("#pb-check-greet-and-listen")
    page.goto(real_url + "procedures/evidence/?h=证据")  # search highlight parameter: the same cached page
    page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    box = page.locator("input.md-search__input")
    page.click("label.md-header__button[for='__search']")
    box.fill("证据保全")
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=60000)  # index built first (see test_xss)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any("procedures/evidence/" in h for h in hrefs[:6])


def test_offline_page_asks_the_network_for_nothing(phone, real_url):
    """Offline, a page the worker serves requests nothing it cannot answer: every file a page of each
    kind loads is precached (the print-site plugin's styles and script belong to the print page alone;
    every page used to load them, so offline each page made three failing requests, and online they
    held the load event of a page otherwise served from the phone)."""
    page = installed(phone, real_url + "procedures/intake/")
    page.wait_for_load_state("networkidle")
    phone.set_offline(True)
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    for path in ("procedures/intake/", "forms/acknowledgement/", "drills/food-illness/", "aids/triage/", ""):
        page.goto(real_url + path)
        page.wait_for_load_state("networkidle")
        assert ([], True) == (failed, page.evaluate("performance.getEntriesByType('navigation')[0].workerStart > 0")), path


def test_offline_without_the_worker_fails(browser, real_url):
    """Control for the test above: the same cut with no worker leaves the reload with nothing."""
    context = browser.new_context(service_workers="block", **PHONE)
    page = context.new_page()
    page.goto(real_url + "procedures/intake/")
    context.set_offline(True)
    with pytest.raises(Exception):
        page.reload()
    context.close()


def test_no_worker_on_file(phone, real_site):
    """The served build opened from disk registers nothing (browsers refuse workers on file://)."""
    page = phone.new_page()
    page.add_init_script(SPY)
    page.goto((real_site / "procedures" / "intake" / "index.html").as_uri())
    page.wait_for_load_state("load")  # page.js registers in a load listener, which has run by now
    assert page.evaluate("typeof pb.script === 'function'")  # page.js did run
    assert [] == page.evaluate("window.__pbRegistered")


@pytest.fixture(scope="module")
def deploy(tmp_path_factory):
    """A site served on its own port (dir `live`) and a second build of it (dir `next`) in which the
    procedure alpha has a new title: both built at once, from copies of the fixture playbook, with
    the same site_url. Calling the fixture's value copies `next` over `live`: a new deployment."""
    tmp = tmp_path_factory.mktemp("deploy")
    live, nxt = tmp / "live", tmp / "next"
    live.mkdir()
    server = serve(live)
    try:
        old_pb = copy_with_overlay(tmp / "old")
        new_pb = copy_with_overlay(tmp / "new")
        alpha = new_pb / "procedures" / "alpha.yml"
        alpha.write_text(alpha.read_text(encoding="utf-8").replace("title: 接收投诉", "title: 接收投诉（新版）", 1), encoding="utf-8")
        builds = [subprocess.Popen(
            [*MKDOCS, "build", "--strict", "-q",
             "-f", str(FIXTURES / "site" / "mkdocs.yml"), "-d", str(dest)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": server.url, "PLAYBOOK_DIR": str(pb)})
            for pb, dest in ((old_pb, live), (new_pb, nxt))]
        for b in builds:
            assert 0 == b.wait(), b.stderr.read().decode()
        # Copied files get the time of the copy, as a deployment gives them: copies keeping the
        # parallel build's older times would make the server answer the update check "304 not modified".
        yield server.url, lambda: shutil.copytree(nxt, live, dirs_exist_ok=True, copy_function=shutil.copyfile)
    finally:
        server.stop()


def test_update_is_offered_and_used_only_when_accepted(phone, deploy):
    """A rebuild is deployed: the page keeps the build it has (also on reload) and offers
    「有新版本，刷新」; accepting reloads into the new build, and no page of the old one is served
    afterwards, in this tab or a new one."""
    url, publish = deploy
    page = installed(phone, url + "procedures/alpha/")
    assert "接收投诉（新版）" not in page.title()
    publish()
    page.reload()
    assert "（新版）" not in page.title()  # cache first: the build in hand until the user switches
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    offer = page.get_by_role("button", name="有新版本，刷新")
    offer.wait_for(timeout=60_000)  # the new build precached and waiting
    assert "（新版）" not in page.title()
    with page.expect_navigation():
        offer.click()
    page.wait_for_function("document.title.includes('（新版）')")
    assert 0 == page.get_by_role("button", name="有新版本，刷新").count()
    page.reload()
    assert "（新版）" in page.title()
    other = phone.new_page()
    other.goto(url + "procedures/alpha/")
    assert "（新版）" in other.title()
    # Only the new build's copies are left in the cache (Workbox deletes the outdated ones on activation).
    keys = json.loads(other.evaluate("""async () => JSON.stringify((await Promise.all((await caches.keys())
        .map(async n => (await (await caches.open(n)).keys()).map(r => r.url)))).flat())"""))
    alpha = [k for k in keys if "/procedures/alpha/index.html" in k]
    assert 1 == len(alpha)
