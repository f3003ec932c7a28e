"""The printable handbook: one print page holding every procedure, and a PDF with a CJK font."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tools.pdf import make_pdf

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
