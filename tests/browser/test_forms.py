"""Fill-in templates in a real browser: live text, required fields, downloads, drafts, escaping."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

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
    assert "【编号】" in out and "case_number" not in out  # empty fields named in Chinese


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
    page.wait_for_selector("[data-pb-template-form][data-pb-ready]")  # the form's module has run
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


def test_letter_prints_alone_in_a_cjk_serif_with_date_and_sender(page, notice, tmp_path):
    """打印 on a letter page prints the finished letter only (no site chrome, form or labels), in
    Noto Serif CJK, ending with the sender and today's date; the download carries them too."""
    import datetime as dt
    import unicodedata

    page.goto(notice)
    page.fill("#pb-f-customer", "王女士")
    page.fill("#pb-f-case_number", "2026001")
    today = dt.date.today()
    date = f"{today.year}年{today.month}月{today.day}日"
    assert page.inner_text(".pb-letter-sign").split("\n") == ["示例商城", date]  # organisation.yml name
    # The print dialog itself is stubbed (a function given to evaluate would be called: wrap it).
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    assert not page.evaluate("window.__printed")
    page.click("button:has-text('打印')")
    assert page.evaluate("window.__printed")
    out = tmp_path / "letter.pdf"
    page.pdf(path=str(out), format="A4")
    reader = PdfReader(out)
    # NFKC: Noto CJK maps some glyphs to Kangxi radicals (⽰ for 示) in the PDF's text layer.
    text = unicodedata.normalize("NFKC", "".join("".join(p.extract_text().split()) for p in reader.pages))
    assert "王女士您好:您的投诉2026001已通过【渠道】受理" in text and "示例商城" in text and date in text, text
    assert "称呼" not in text and "下载" not in text and "测试站点" not in text
    assert 1 == len(reader.pages)  # no blank sheet after a one-page letter
    # Chromium embeds CJK OpenType fonts as nameless Type3 fonts: ask it which font drew the text.
    page.emulate_media(media="print")
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    cdp.send("CSS.enable")
    for selector in ("pre.pb-template-body", ".pb-letter-sign"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
        assert fonts[0] == "Noto Serif CJK SC", (selector, fonts)
    page.emulate_media(media="screen")
    with page.expect_download() as txt:
        page.click("button:has-text('下载 .txt')")
    assert open(txt.value.path(), encoding="utf-8").read().endswith("\n\n示例商城\n" + date + "\n")


def test_letter_opened_from_a_run_has_case_number_and_acceptance_time(page, fixture_url):
    """From a run's step, the letter gets the run's case number and its acceptance time (China
    time), unless the person already typed one."""
    start_run(page, fixture_url + "procedures/alpha/", case="2026124", severity="low", start="2026-11-28T21:00")
    page.click("#step-record a.pb-template")
    page.wait_for_selector("[data-pb-template-form][data-pb-ready]")  # the form's module has run
    assert "2026124" == page.input_value("#pb-f-case_number")
    page.wait_for_function("() => document.querySelector('#pb-f-received_at').value !== ''")
    # The browser's zone is the test machine's; the letter states China time.
    expected = page.evaluate("() => pb.events.isoAt(new Date(2026, 10, 28, 21, 0).getTime(), 480).slice(0, 16).replace('T', ' ')")
    assert expected == page.input_value("#pb-f-received_at")
    assert f"受理时间 {expected}" in page.inner_text("[data-pb-template-output]")
