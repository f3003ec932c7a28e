"""The whole handbook as a Chinese PDF, with WeasyPrint (paged media: page numbers in the contents).

    python tools/pdf.py [SITE_DIR] [OUT.pdf] [--playbook DIR]

Input is the built site's print page (mkdocs-print-site-plugin: every page in nav order, one
section each). Chromium's printing cannot put page numbers into a table of contents, and the
plugin's own contents are built by script with English boilerplate; WeasyPrint lays out CSS
paged media (`target-counter`, running strings, page counters) from the HTML alone. So this
keeps the page's content, drops the theme's stylesheets and scripts, and adds a Chinese cover,
a contents page from the sections' headings, and tools/pdf.css (A4, CJK fonts, running footers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CSS = Path(__file__).with_name("pdf.css")

# A page's section and its heading (after the page's tags, if any).
SECTION = re.compile(r'<section class="print-page" id="([^"]+)"[^>]*>\s*(?:<nav class=\'md-tags\'>(?:(?!</nav>).)*</nav>)?\s*<h1[^>]*>(.*?)</h1>', re.S)
PLUGIN_TOC = re.compile(r'<section class="print-page">\s*<div id="print-page-toc".*?</section>', re.S)
COVER = re.compile(r'<section id="print-site-cover-page">.*?</section>', re.S)
THEME = re.compile(r'<link rel="stylesheet"[^>]*>|<script\b.*?</script>', re.S)
TAGS = re.compile(r"<[^>]+>")


class PdfError(Exception):
    """A problem the user can fix (missing build, unreadable plan); printed as one line."""


def text_of(fragment: str) -> str:
    """A heading's text: tags and the permalink sign dropped, entities decoded, then re-escaped."""
    return html.escape(html.unescape(TAGS.sub("", fragment)).replace("¶", "").strip())


def contents(page: str) -> str:
    """The contents: one entry per section (page) of the print page, children indented under the
    section they belong to ("procedures-intake" under "procedures"), each with its page number."""
    found = SECTION.findall(page)
    ids = {sid for sid, _ in found}
    items = []
    for sid, heading in found:
        child = any(sid.startswith(parent + "-") for parent in ids if parent != sid)
        items.append(f'<li class="{"pb-toc-child" if child else "pb-toc-top"}"><a href="#{sid}">{text_of(heading)}</a></li>')
    return f'<section class="pb-toc"><h1 class="pb-toc-title">目录</h1><ol>{"".join(items)}</ol></section>'


def cover(plan: dict, today: dt.date) -> str:
    e = html.escape
    return (f'<section class="pb-cover"><p class="pb-cover-kind">内部资料</p><h1 class="pb-cover-title">{e(plan["title"])}</h1>'
            f'<p>版本 {e(str(plan["version"]))}　生效日期 {e(str(plan["effective"]))}</p>'
            f'<p>印制日期 {today.year}年{today.month}月{today.day}日</p>'
            '<p class="pb-cover-note">本文件由 playbook/ 数据生成，以网站上的最新版本为准。</p></section>')


def document(page: str, plan: dict, today: dt.date) -> str:
    """The print page rewritten for paged media: theme styles and scripts out, cover and contents in."""
    if not SECTION.search(page):
        raise PdfError("the print page has no sections: build the site first (make build)")
    page = THEME.sub("", page)
    page = PLUGIN_TOC.sub(lambda _: contents(page), page, count=1)
    page = COVER.sub(lambda _: cover(plan, today), page, count=1)
    return page.replace("</head>", f"<style>{CSS.read_text(encoding='utf-8')}</style></head>", 1)


def make_pdf(site: Path, out: Path, playbook: Path = ROOT / "playbook", today: dt.date | None = None) -> Path:
    """Write the handbook PDF of the built `site` to `out` (A4, Chinese cover, contents, footers)."""
    import weasyprint

    source = site / "print_page" / "index.html"
    if not source.is_file():
        raise PdfError(f"{source} is missing: build the site first (make build)")
    try:
        plan = yaml.safe_load((playbook / "plan.yml").read_text(encoding="utf-8"))
    except OSError as err:
        raise PdfError(f"{playbook / 'plan.yml'}: cannot read ({err.strerror})") from None
    doc = document(source.read_text(encoding="utf-8"), plan, today or dt.date.today())
    out.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=doc, base_url=source.as_uri()).write_pdf(out)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "dist" / "handbook.pdf")
    parser.add_argument("--playbook", type=Path, default=ROOT / "playbook")
    args = parser.parse_args(argv)
    try:
        print(make_pdf(args.site, args.out, args.playbook))
    except PdfError as err:
        print(f"pdf: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
