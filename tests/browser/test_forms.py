"""Fill-in templates in a real browser: live text, required fields, downloads, drafts, escaping."""

from __future__ import annotations

import pytest

from .conftest import serious_violations, start_run

pytestmark = pytest.mark.browser
XSS = '<img src=x onerror="window.__xss=1">'


@pytest.fixture
def notice(fixture_url):
    return fixture_url + "forms/notice/"


def test_text_follows_the_form(page, notice):
    """Typed values appear in the finished text at once; empty ones show as placeholders."""
    page.goto(notice)
    page.fill("#pb-f-customer", "王女士")
    out = page.inner_text("[data-pb-template-output]")
    assert out.startswith("王女士您好")
    assert "【case_number】" in out


def test_required_fields_block_copy(page, notice):
    """Copy, print and download refuse until required fields are filled, naming them."""
    page.goto(notice)
    page.click("button:has-text('复制全文')")
    assert "称呼" in page.inner_text(".pb-template ~ .pb-error, .pb-error")
    assert "true" == page.get_attribute("#pb-f-customer", "aria-invalid")


def test_markup_stays_text(page, notice):
    """A value holding markup is shown as text and never runs."""
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(notice)
    page.fill("#pb-f-customer", XSS)
    page.fill("#pb-f-case_number", "2026001")
    assert XSS in page.inner_text("[data-pb-template-output]")
    assert 0 == page.locator("[data-pb-template-output] img").count()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None and [] == dialogs


def test_downloads(page, notice):
    """Filled templates download as .txt and .md, named after the template and case."""
    page.goto(notice)
    page.fill("#pb-f-customer", "王女士")
    page.fill("#pb-f-case_number", "2026001")
    with page.expect_download() as txt:
        page.click("button:has-text('下载 .txt')")
    assert "notice-2026001.txt" == txt.value.suggested_filename
    assert open(txt.value.path(), encoding="utf-8").read().startswith("王女士您好")
    with page.expect_download() as md:
        page.click("button:has-text('下载 .md')")
    assert open(md.value.path(), encoding="utf-8").read().startswith("# 受理通知\n\n王女士您好")


DRAFT_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('pb:ev:draft:')).map(k => k.split('/')[0])"


def test_run_prefills_case_and_draft_is_kept_when_run_is_cleared(page, fixture_url):
    """A run's template link carries its case number; the letter's draft is an event log of that
    case, and clearing the run keeps it: another checklist of the same case may still need it (6.4)."""
    start_run(page, fixture_url + "procedures/alpha/", severity="low")
    page.click("#step-record a.pb-template")
    page.wait_for_selector("[data-pb-template-form]")
    assert "2026001" == page.input_value("#pb-f-case_number")
    assert [] == page.evaluate(DRAFT_KEYS)
    page.fill("#pb-f-customer", "王女士")
    page.click("button:has-text('保存草稿')")
    page.wait_for_function(f"() => ({DRAFT_KEYS}).length > 0")
    assert {"pb:ev:draft:notice:2026001"} == set(page.evaluate(DRAFT_KEYS))
    page.goto(fixture_url + "procedures/alpha/")
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('清除本记录')")
    page.wait_for_selector(".pb-start-open")
    assert {"pb:ev:draft:notice:2026001"} == set(page.evaluate(DRAFT_KEYS))
    page.goto(fixture_url + "forms/notice/?case=2026001")
    page.wait_for_function("() => document.querySelector('#pb-f-customer').value === '王女士'")


def test_axe_template_page(page, notice):
    """No serious or critical WCAG A/AA violation on a template page."""
    page.goto(notice)
    assert [] == serious_violations(page)
