"""Shared rendering helpers: escaped HTML from Jinja templates, Markdown headings, page links.

Renderers return Markdown in which every HTML block starts at column 0 with no blank
lines inside: Python-Markdown passes such a block through untouched, whereas indented
lines would become code blocks (Markdown's indented-code rule).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..cache import jinja_bytecode
from ..model import duration_zh

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    bytecode_cache=jinja_bytecode(),
)
_env.filters["duration"] = duration_zh


def html(template: str, **context: Any) -> str:
    """Render a Jinja template (autoescaped) as one raw HTML block."""
    out = _env.get_template(template).render(**context)
    return "\n".join(line.strip() for line in out.splitlines() if line.strip())


def inert(text: str) -> str:
    """Text for one line of Markdown that can only come out as the same text.

    Every piece of Markdown syntax, raw HTML, entity and attr_list brace is made of ASCII
    punctuation, so each ASCII character other than a letter, digit or space becomes a numeric
    character reference (which Markdown passes through and the browser shows as the character).
    Letters, digits and non-ASCII text carry no syntax. Whitespace runs become one space, so the
    text stays on the heading's line. A whitelist by construction, not a list of bad patterns.
    """
    return "".join(c if c == " " or not c.isascii() or c.isalnum() else f"&#{ord(c)};" for c in " ".join(text.split()))


def heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading (so the table of contents, permalinks and search see it) with a stable id,
    whose text is inert: the TOC, search and page title receive it as escaped text."""
    return f"{'#' * level} {inert(text)} {{ #{anchor} }}"


def join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p) + "\n"


def json_data(data: Any) -> str:
    """Data for the page's JavaScript, to be placed in a data-pb-json attribute (Jinja escapes it).

    An attribute rather than <script type="application/json">: Material's instant navigation
    re-executes scripts found in new page content and fails on JSON ones.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# Where each kind of playbook element is documented, relative to docs/ (macros/pages.py generates
# these pages unless a hand-written one with prose exists).
PAGES = {
    "procedure": "procedures/{}.md",
    "template": "forms/{}.md",
    "role": "roles/{}.md",
    "drill": "drills/{}.md",
    "handout": "drills/{}-handout.md",
    "training": "training/{}.md",
    "aid": "aids/{}.md",
}
ANCHORED = {"law": ("reference/laws.md", "law-{}"), "section": ("reference/coverage.md", "sec-{}")}


@dataclass(frozen=True)
class Linker:
    """Builds links from the current page to playbook elements, as MkDocs would lay out the URLs."""

    page: str  # source path of the current page, relative to docs/
    directory_urls: bool = True

    def url_of(self, src: str) -> str:
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def _folder(self) -> str:
        """The folder a browser resolves the current page's relative links against: the URL up to
        its last "/" ("a/b/" and "a/b.html" give "a/b" and "a"), "." at the site's root."""
        return posixpath.dirname(self.url_of(self.page)) or "."

    def to(self, src: str, anchor: str = "") -> str:
        """Relative URL from the current page to another docs page (optionally #anchor)."""
        there = self.url_of(src)
        rel = posixpath.relpath(there or ".", self._folder())
        if there.endswith("/") or not there:  # a directory URL keeps its slash; the same page is "./"
            rel += "/"
        return rel + (f"#{anchor}" if anchor else "")

    def asset(self, path: str) -> str:
        """Relative URL from the current page to a static file under docs/ (served as is)."""
        return posixpath.relpath(path, self._folder())

    def __call__(self, kind: str, ident: str) -> str:
        if kind in ANCHORED:
            src, anchor = ANCHORED[kind]
            return self.to(src, anchor.format(ident.replace(".", "-")))
        return self.to(PAGES[kind].format(ident))
