"""Chinese-text lint: half-width punctuation in Chinese text, and terms the handbook uses one way.

Checked: every string value in playbook/**/*.yml (parsed, so YAML's own ':' and ',' never count,
and each hit names the value's line), docs/**/*.md outside code, and the HTML templates in
macros/render/templates/ outside tags and Jinja code. A hit is `file:line: message (fix)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .source import read

# Han characters, CJK punctuation, full-width forms and curly quotes: text around them is Chinese.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019]")
FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
SKIP = " \t*_~"  # spaces and Markdown emphasis between a mark and its neighbour

# One spelling per term (review X4, X5): wrong form → right form.
TERMS = {"做出": "作出", "先行赔偿": "先行赔付", "维修": "修理"}
# Fields that hold search synonyms: people type 维修, so it stays there on purpose (keywords of a
# page; said, the colloquial phrasings of playbook/synonyms.yml).
TERM_EXEMPT_FIELDS = {"keywords", "said"}


@dataclass(frozen=True)
class Hit:
    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character from i in direction step that is not a space or emphasis mark."""
    j = i + step
    while 0 <= j < len(text) and text[j] in SKIP:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def punctuation(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) for each half-width mark with Chinese text right before or after it."""
    for i, ch in enumerate(text):
        if ch in FULL and (CJK.match(_neighbour(text, i, -1)) or CJK.match(_neighbour(text, i, 1))):
            snippet = text[max(0, i - 6): i + 7].replace("\n", " ")
            yield i, f"half-width '{ch}' in Chinese text near “{snippet}” (use '{FULL[ch]}')"


def terms(text: str) -> Iterator[tuple[int, str]]:
    for wrong, right in TERMS.items():
        for m in re.finditer(wrong, text):
            yield m.start(), f"term “{wrong}” (write “{right}”)"


def _strings(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, path + (i,))


def lint_yaml(path: Path) -> list[Hit]:
    doc = read(path)
    hits = []
    for vpath, text in _strings(doc.data):
        if not CJK.search(text):
            continue
        line = doc.where(vpath)[0]
        block = 1 if "\n" in text.rstrip("\n") else 0  # a '|' block starts on the line after its key
        checks = [punctuation(text)]
        if not TERM_EXEMPT_FIELDS & {p for p in vpath if isinstance(p, str)}:
            checks.append(terms(text))
        for found in checks:
            for offset, message in found:
                hits.append(Hit(path, line + block + text.count("\n", 0, offset), message))
    return hits


# Markdown: code, macro calls, link targets and HTML tags are not prose.
_MD_OUT = [(re.compile(r"`[^`]*`"), "x"), (re.compile(r"\{\{.*?\}\}"), ""), (re.compile(r"\]\([^)]*\)"), "]"),
           (re.compile(r"<[^>]+>"), "")]
# Templates: a Jinja expression prints (Chinese) text; statements, comments and tags print none.
_J2_OUT = [(re.compile(r"\{\{.*?\}\}"), "字"), (re.compile(r"\{[%#].*?[%#]\}"), ""), (re.compile(r"<[^>]+>"), "")]


def _lint_lines(path: Path, lines: list[str], rules: list) -> list[Hit]:
    hits = []
    for n, raw in enumerate(lines, 1):
        text = raw
        for rx, sub in rules:
            text = rx.sub(sub, text)
        hits += [Hit(path, n, m) for _, m in punctuation(text)]
        hits += [Hit(path, n, m) for _, m in terms(text)]
    return hits


def lint_markdown(path: Path) -> list[Hit]:
    lines = path.read_text(encoding="utf-8").split("\n")
    keep, fenced, front = [], False, bool(lines and lines[0] == "---")
    for n, line in enumerate(lines):
        if front:
            front = not (n > 0 and line == "---")
            line = ""
        elif line.lstrip().startswith("```"):
            fenced, line = not fenced, ""
        elif fenced:
            line = ""
        keep.append(line)
    return _lint_lines(path, keep, _MD_OUT)


def lint_template(path: Path) -> list[Hit]:
    return _lint_lines(path, path.read_text(encoding="utf-8").split("\n"), _J2_OUT)


def lint_tree(root: Path) -> list[Hit]:
    """Every hit under a project root: playbook YAML, docs Markdown, page templates."""
    hits: list[Hit] = []
    for p in sorted((root / "playbook").rglob("*.yml")):
        hits += lint_yaml(p)
    for p in sorted((root / "docs").rglob("*.md")):
        hits += lint_markdown(p)
    for p in sorted((root / "macros" / "render" / "templates").glob("*.j2")):
        hits += lint_template(p)
    return hits
