"""Screenshots for reviewers (make docs-shots): what the printed outputs look like, without running anything.

    python tools/docs_shots.py [OUT_DIR]     (default: shots/, linked from the README)

Builds the real handbook into a temporary folder, serves it on a free loopback port and, in
Debian's Chromium, writes:
  printed-run.png        a checklist run printed as a record (打印记录), print media
  printed-letter.png     the acknowledgement letter filled in and printed
  pdf-cover.png, pdf-contents.png   the first two pages of `make pdf` (WeasyPrint)
  statistics.png         the statistics page with the sample records loaded
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.browser import launch, note_step, skip_step, start_run  # noqa: E402
from tools.localserver import serve  # noqa: E402
from tools.pdf import make_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STUB_PRINT = "() => { window.print = () => { window.__printed = true; }; }"  # the dialog, not the layout


def shot(page, path: Path, what: str) -> None:
    page.wait_for_timeout(300)  # fonts and layout settle
    page.screenshot(path=str(path), full_page=True)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {what}")


def printed_run(page, origin: str, out: Path) -> None:
    """A run of the intake checklist started and worked through the page as staff would."""
    start_run(page, origin + "procedures/intake/", case="2026118", severity="general", category="product-quality",
              role="受理客服")
    for step in ("greet-and-listen", "safety-screen", "record-basics"):
        page.check(f"#pb-check-{step}")
    note_step(page, "record-basics", "客户要求电话回访，下午三点后方便。")
    skip_step(page, "collect-initial-evidence", "客户暂未提供照片，约定明日补充")
    page.evaluate(STUB_PRINT)
    page.click("button:has-text('打印记录')")
    page.wait_for_function("window.__printed === true")
    page.emulate_media(media="print")
    shot(page, out / "printed-run.png", "a run printed as a record")
    page.emulate_media(media="screen")


def printed_letter(page, origin: str, out: Path) -> None:
    page.goto(origin + "forms/acknowledgement/?case=2026118")
    page.wait_for_selector("[data-pb-template-form][data-pb-ready]")
    for name, value in [("customer_name", "李先生"), ("received_at", "2026-11-30 09:05"),
                        ("handler", "投诉处理专员张女士（工号 1024）"), ("reply_by", "2026-12-02"),
                        ("contact", "App“我的投诉”页面或客服热线"),
                        ("privacy_link", "App“我的投诉”页面的《投诉个人信息处理说明》")]:
        page.fill(f"[name='{name}']", value)
    page.evaluate(STUB_PRINT)
    page.click("button:has-text('打印')")
    page.emulate_media(media="print")
    shot(page, out / "printed-letter.png", "the acknowledgement letter, printed")
    page.emulate_media(media="screen")


def pdf_pages(page, site: Path, out: Path, tmp: Path) -> None:
    pdf = make_pdf(site, tmp / "handbook.pdf")
    for number, name in [(1, "pdf-cover.png"), (2, "pdf-contents.png")]:
        viewer = page.context.browser.new_page(viewport={"width": 900, "height": 1200})  # a fresh viewer reads #page
        viewer.goto(pdf.as_uri() + f"#page={number}&toolbar=0&view=Fit")
        viewer.wait_for_timeout(2500)  # the PDF viewer renders asynchronously
        viewer.screenshot(path=str(out / name))
        viewer.close()
        print(f"{(out / name).relative_to(ROOT) if (out / name).is_relative_to(ROOT) else out / name}: page {number} of make pdf")


def statistics(page, origin: str, out: Path) -> None:
    page.goto(origin + "reference/statistics/")
    page.click("button:has-text('载入示例数据')")
    page.wait_for_selector("[data-pb-stats][data-pb-result]")
    shot(page, out / "statistics.png", "statistics with the sample records")


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "shots"
    out = out if out.is_absolute() else Path.cwd() / out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docs-shots-") as d:
        tmp = Path(d)
        site = tmp / "site"
        server = serve(site)
        try:
            print("building the handbook …", file=sys.stderr)
            build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                                   cwd=ROOT, capture_output=True, text=True, env={**__import__("os").environ,
                                   "SITE_URL": server.url, "NO_MKDOCS_2_WARNING": "1"})
            if build.returncode:
                print(build.stderr, file=sys.stderr)
                return build.returncode
            with sync_playwright() as p:
                browser = launch(p)
                page = browser.new_page(viewport={"width": 900, "height": 1200}, locale="zh-CN",
                                        timezone_id="Asia/Shanghai")
                printed_run(page, server.url, out)
                printed_letter(page, server.url, out)
                statistics(page, server.url, out)
                pdf_pages(page, site, out, tmp)
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
