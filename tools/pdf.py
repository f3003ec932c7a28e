"""Print the whole handbook (the print-site page) to PDF with Debian's Chromium.

    python tools/pdf.py [SITE_DIR] [OUT.pdf]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.localserver import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def make_pdf(site: Path, out: Path, *, browser=None) -> Path:
    """Serve `site` on a free loopback port, open /print_page/ and save it as an A4 PDF at `out`.

    Pass a running Playwright `browser` to reuse it (tests do); otherwise Chromium is started.
    """
    if not (site / "print_page" / "index.html").is_file():
        raise SystemExit(f"{site}/print_page/ is missing: build the site first (make build)")
    server = serve(site)
    try:
        if browser is not None:
            _print(browser, server.url, out)
        else:
            with sync_playwright() as p:
                own = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                _print(own, server.url, out)
                own.close()
    finally:
        server.stop()
    return out


def _print(browser, origin: str, out: Path) -> None:
    page = browser.new_page()
    page.goto(f"{origin}print_page/", wait_until="networkidle")
    # print-site builds its table of contents by script; print only once it and the fonts are ready,
    # or a loaded machine prints a half-laid-out page.
    page.wait_for_function("document.querySelectorAll('#print-page-toc a').length > 10", timeout=60000)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
             header_template="<span></span>",
             footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                             '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
             margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
    page.close()


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "dist" / "handbook.pdf"
    print(make_pdf(site, out))
