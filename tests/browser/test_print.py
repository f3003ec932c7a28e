"""The printable handbook: one print page holding every procedure, and a PDF with a CJK font."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tools.pdf import make_pdf

from .conftest import start_run

pytestmark = pytest.mark.browser


def test_pdf_of_whole_handbook(browser, real_site, pb, tmp_path):
    """The PDF is produced, long enough to hold the plan, and embeds a CJK font (no tofu boxes)."""
    out = make_pdf(real_site, tmp_path / "handbook.pdf", browser=browser)
    reader = PdfReader(out)
    assert len(reader.pages) > 3 * len(pb.procedures)
    fonts = {str(f.get_object().get("/BaseFont", "")) for page in reader.pages[:20]
             for f in page["/Resources"].get("/Font", {}).values()}
    assert any("WenQuanYi" in f or "Noto" in f for f in fonts), fonts
    text = "".join(page.extract_text() for page in reader.pages[:40])
    assert pb.procedures["intake"]["title"] in text  # real Chinese text, not boxes


def test_print_page_has_every_procedure_with_empty_boxes(page, real_url, pb):
    """The print page holds each procedure once, and checkboxes print as empty squares."""
    page.goto(f"{real_url}print_page/")
    page.emulate_media(media="print")
    ids = page.eval_on_selector_all("[data-pb-procedure]", "els => els.map(e => e.dataset.pbProcedure)")
    assert sorted(pb.procedures) == sorted(ids)
    style = page.eval_on_selector(".pb-check", "e => [getComputedStyle(e).appearance, getComputedStyle(e).borderTopStyle, e.checked]")
    assert ["none", "solid", False] == style
    assert page.locator(".pb-run-panel").first.is_hidden()


def test_run_record_prints_to_pdf(page, fixture_url, tmp_path):
    """打印记录 puts the run on paper as a record that can stand on file: case number, checklist,
    severity, status, each step's state with who and when (zone shown), the skip reason, a note,
    the outcome and the footer with export time and checklist hash; none of the page's chrome."""
    start_run(page, fixture_url + "procedures/alpha/", case="2026123", severity="low")
    page.check("#pb-check-record")
    page.click("#step-confirm .pb-step-run button:has-text('跳过')")
    page.fill("#pb-inline-confirm", "客户撤回投诉")
    page.click("#step-confirm .pb-inline button[type=submit]")
    page.click("#step-record .pb-step-run button:has-text('备注')")
    page.fill("#pb-inline-record", "客户电话 1")
    page.click("#step-record .pb-inline button[type=submit]")
    page.click(".pb-outcome summary")
    page.fill("#pb-out-compensation", "1260")
    page.press("#pb-out-compensation", "Tab")
    page.wait_for_function("document.querySelector('.pb-history summary').textContent.includes('5')")
    page.evaluate("window.print = () => { window.__printed = true; }")  # the dialog itself; Chromium prints below
    page.click("button:has-text('打印记录')")
    page.wait_for_function("window.__printed === true")
    out = tmp_path / "run.pdf"
    page.pdf(path=str(out), format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    squashed = "".join(text.split())
    for wanted in ["投诉处理记录", "2026123", "严重程度", "一般", "处理中", "☑完成", "☒跳过", "客户撤回投诉",
                   "张三（客服专员）", "UTC+8", "备注（张三（客服专员））：客户电话1", "赔偿金额", "1260.00元",
                   "操作记录", "导出时间", "检查单指纹"]:
        assert wanted in squashed, wanted
    hash_ = page.evaluate("() => pb.events.foldRun(pb.events.listNow(pb.events.tab.get('active:alpha'))).start.hash")
    assert hash_ and hash_ in squashed
    assert "切换或新建记录" not in squashed and "导出 Markdown" not in text  # the page's controls are not on paper
