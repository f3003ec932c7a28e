"""page.js: the page lifecycle shared by every page module (pb.onPage, pb.script)."""

from __future__ import annotations

import time

import pytest

from .conftest import start_run

# Pages whose module uses a core module loaded beside it (macros/__init__.py needs()).
MODULE_PAGES = ["forms/notice/", "drills/outage/", "training/basics/", "aids/deadlines/", "aids/triage/"]


def slow_core_modules(page, seconds=0.8):
    """Make every core/*.js arrive late, as on a phone's network, so that it lands after the page's
    own module: Material's instant navigation inserts a page's scripts all at once and runs each as
    it arrives."""
    def late(route):
        time.sleep(seconds)
        route.continue_()
    page.route("**/assets/javascripts/core/*.js*", late)


def navigate_instantly(page, url):
    """Follow a link the way Material's instant navigation does (no full page load)."""
    page.evaluate("""url => { const a = document.createElement("a"); a.href = url; a.textContent = "go";
        document.querySelector(".md-content").appendChild(a); a.click(); }""", url)
    page.wait_for_url(url)
    assert page.evaluate("() => !!window.pbTestSamePage"), "the page was loaded anew, not instantly"
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", MODULE_PAGES)
def test_a_module_waits_for_its_core_module_on_instant_navigation(page, fixture_url, path):
    """A page module starts only once the page's core modules have run, whatever order they arrive in."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e) + " " + str(e.stack)))
    page.goto(fixture_url)
    page.wait_for_load_state("networkidle")  # Material follows links instantly once it has the sitemap
    page.evaluate("() => { window.pbTestSamePage = true; }")
    slow_core_modules(page)
    navigate_instantly(page, fixture_url + path)
    page.wait_for_selector(".md-content [data-pb-ready]")
    page.wait_for_timeout(300)
    assert errors == []


def test_letter_opened_from_a_run_on_a_slow_network_has_the_acceptance_time(page, fixture_url):
    """The CI failure of 5c91c26: the letter page's module ran before core/draft.js had arrived, so the
    acceptance time from the run was never filled in."""
    start_run(page, fixture_url + "procedures/alpha/", case="2026124", severity="low", start="2026-11-28T21:00")
    slow_core_modules(page)
    page.click("#step-record a.pb-template")
    page.wait_for_selector("[data-pb-template-form][data-pb-ready]")
    page.wait_for_function("() => document.querySelector('#pb-f-received_at').value !== ''", timeout=10000)
    expected = page.evaluate("() => pb.events.isoAt(new Date(2026, 10, 28, 21, 0).getTime(), 480).slice(0, 16).replace('T', ' ')")
    assert expected == page.input_value("#pb-f-received_at")


def test_a_page_whose_modules_already_ran_starts_at_once_on_instant_navigation(page, fixture_url):
    """Back on a checklist by instant navigation, the run is drawn without waiting for checklist.js to
    arrive again: its first run's subscription serves the page (the CI failure of ef595e1, where
    test_instant_navigation_away_and_back read the new page's tick before the script came back)."""
    start_run(page, fixture_url + "procedures/alpha/", severity="low")
    page.check("#pb-check-record")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.pbTestSamePage = true; }")
    held = []
    page.route("**/assets/javascripts/checklist.js*", lambda route: held.append(route))
    page.click("a[href$='roles/agent/']")
    page.wait_for_function("() => location.pathname.endsWith('/roles/agent/') && !document.querySelector('[data-pb-procedure]')")
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/procedures/alpha/') && document.querySelector('.pb-run-head')"
                           " && document.querySelector('#pb-check-record').checked", timeout=10000)
    assert page.evaluate("() => !!window.pbTestSamePage"), "the page was loaded anew, not instantly"
    assert held, "checklist.js was asked for again and held back"
    for route in held:
        route.continue_()
