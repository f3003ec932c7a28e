"""Migration: a browser store saved in the format used before events (tests/fixtures/events/
legacy-store.json, whole run objects under pb:run:<procedure>:<case>) is converted to events on
first load; nothing stored is deleted, a second load converts nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

STORE = json.loads((Path(__file__).parent.parent / "fixtures" / "events" / "legacy-store.json").read_text(encoding="utf-8"))


def test_saved_store_in_the_old_format_is_converted(page, fixture_url):
    page.goto(fixture_url)
    page.evaluate("s => Object.entries(s).forEach(([k, v]) => localStorage.setItem(k, v))", STORE)
    page.evaluate("localStorage.setItem('pb:identity', JSON.stringify({name: '张三', role: '客服专员'}))")
    page.goto(fixture_url + "runs/")
    page.wait_for_selector("[data-pb-case='2026001'] [data-pb-run]")
    assert 1 == page.locator("[data-pb-case='2026002'] [data-pb-run]").count()
    assert "已结案" in page.inner_text("[data-pb-case='2026002']")
    assert "pb:run:alpha:2026003" in page.inner_text(".md-content__inner")  # reported, kept
    page.click("[data-pb-case='2026001'] a")
    page.wait_for_selector(".pb-run-head")
    assert page.is_checked("#pb-check-record")
    assert "组长在场" in page.inner_text("#step-escalate .pb-stamp")
    assert "客户电话 138" in page.inner_text("#step-record .pb-step-note")
    assert "1/2" != page.get_attribute("[data-pb-progress]", "data-pb-progress")  # high: escalate applies
    count = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pb:ev:')).length")
    page.reload()
    page.wait_for_selector(".pb-run-head")
    assert count == page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pb:ev:')).length")
    for key, value in STORE.items():  # nothing stored before is changed or deleted
        assert value == page.evaluate("k => localStorage.getItem(k)", key), key
