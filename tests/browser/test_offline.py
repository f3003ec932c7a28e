"""The offline edition (make offline), unzipped and opened from file:// with the network cut off."""

from __future__ import annotations

import subprocess
import zipfile

import pytest

from ..conftest import ROOT
from .conftest import open_start_form

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_dir(tmp_path_factory):
    """handbook-offline.zip built by `make offline` (into a temporary directory), unzipped."""
    work = tmp_path_factory.mktemp("offline-build")
    result = subprocess.run(["make", "-s", "offline", f"BUILD={work / 'build'}", f"DIST={work / 'dist'}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert 0 == result.returncode, result.stderr
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(work / "dist" / "handbook-offline.zip") as z:
        z.extractall(dest)
    return dest / "offline"


@pytest.fixture
def offline(page, offline_dir):
    """A page that may load only local files; every other request is recorded and refused."""
    external: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.context.route("**/*", guard)
    page.external = external
    return page


def test_search_works_from_file(offline, offline_dir):
    """Search (through the vendored iframe-worker shim) returns the right page on file://."""
    offline.goto((offline_dir / "index.html").as_uri())
    box = offline.locator("input.md-search__input")
    box.click()
    box.fill("证据保全")
    box.press("End")
    offline.wait_for_selector(".md-search-result__item", timeout=60000)  # index built first (see test_xss)
    hrefs = offline.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any("procedures/evidence.html" in h for h in hrefs[:6])
    assert [] == offline.external


def test_checklist_works_from_file(offline, offline_dir):
    """A run started on file:// survives a reload and navigation to another page and back."""
    offline.goto((offline_dir / "procedures" / "intake.html").as_uri())
    open_start_form(offline)
    offline.fill("#pb-name", "张三")
    offline.fill("#pb-role", "客服专员")
    offline.fill("#pb-case", "2026001")
    offline.select_option("#pb-severity", "general")
    offline.click(".pb-start button[type=submit]")
    offline.check("#pb-check-greet-and-listen")
    offline.reload()
    assert offline.is_checked("#pb-check-greet-and-listen")
    offline.click("a.pb-proc >> nth=0")
    offline.wait_for_load_state()
    offline.go_back()
    assert offline.is_checked("#pb-check-greet-and-listen")
    offline.goto((offline_dir / "runs.html").as_uri())
    offline.click("[data-pb-case='2026001'] a")
    assert "procedures/intake.html" in offline.url
    offline.wait_for_selector(".pb-run-head")
    assert offline.is_checked("#pb-check-greet-and-listen")
    assert [] == offline.external


def test_start_page_reaches_procedures_in_one_click(offline, offline_dir):
    """Every situation on the start page links straight to an existing procedure page."""
    offline.goto((offline_dir / "index.html").as_uri())
    links = offline.eval_on_selector_all("[data-pb-situation] a.pb-proc", "els => els.map(e => e.href)")
    assert links
    for href in links:
        offline.goto(href)
        assert offline.locator("[data-pb-procedure]").count() == 1, href
    assert [] == offline.external


def test_no_service_worker_in_the_offline_edition(browser, offline_dir):
    """The zip has no worker or manifest and its pages register none, even where workers may run."""
    from .test_offline_phone import SPY

    assert not (offline_dir / "sw.js").exists() and not (offline_dir / "manifest.webmanifest").exists()
    html = (offline_dir / "procedures" / "intake.html").read_text(encoding="utf-8")
    assert 'name="pb-worker"' not in html and 'rel="manifest"' not in html
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.add_init_script(SPY)
    page.goto((offline_dir / "procedures" / "intake.html").as_uri())
    page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    assert [] == page.evaluate("window.__pbRegistered")
    context.close()
