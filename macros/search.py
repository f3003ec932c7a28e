"""Site search tuning: which pages rank first, which never appear, and colloquial keywords.

Material's search reads `search: {boost, exclude}` from each page's meta when it indexes the page;
the macros that render a page set it through page_search(). After the build, with_synonyms() adds
the synonym table (playbook/synonyms.yml) to the written index: colloquial keywords on the pages
that are about a handbook word, and the table itself for the query splitter in the browser
(docs/assets/javascripts/core/search-query.js).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

# Task pages first: a query describes a job to do, and a procedure, decision aid or template does
# it; role pages repeat every step of their procedures and reference pages restate the rules, so
# they would otherwise outrank the page that has the checklist.
BOOST = {
    "procedure": 3.0,
    "aid": 3.0,
    "template": 2.0,
    "training": 1.0,
    "handout": 0.5,
    "statistics": 0.5,
    "start": 0.5,
    "role": 0.2,
    "reference": 0.2,
    "coverage": 0.1,
}
# Kinds that never appear in search: a drill's facilitator page holds the injects, expected
# actions and evaluation, which participants must not be able to look up.
EXCLUDE = {"drill-facilitator"}
# A colloquial keyword weighs more than body text but far less than a title: the query also
# searches the handbook words themselves, and Material matches each query word as a prefix, so a
# generic word (要求) must not lift every page with a keyword that starts with it (要求赔).
KEYWORDS_BOOST = 10.0
# PB_SEARCH=plain builds Material's own search (jieba, tags) without any of this: the baseline of
# bench/search.py. Facilitator pages stay out either way.
PLAIN = os.environ.get("PB_SEARCH") == "plain"


def page_search(kind: str) -> dict[str, Any]:
    """The `search` page meta for a page of this kind."""
    if kind in EXCLUDE:
        return {"exclude": True}
    if PLAIN:
        return {}
    return {"boost": BOOST[kind]}


def _plain(text: str) -> str:
    return re.sub(r"<[^>]*>|[\u200b\s]", "", text)


def page_keywords(entries: list[dict[str, Any]], synonyms: list[dict[str, Any]]) -> list[str]:
    """Colloquial phrasings of the handbook words in a page's title, headings and tags."""
    about = "\n".join(_plain(e.get("title", "")) for e in entries)
    about += "\n" + "\n".join(str(t) for e in entries[:1] for t in e.get("tags", []))
    found: list[str] = []
    for group in synonyms:
        if any(word in about for word in group["means"]):
            found.extend(s for s in group["said"] if s not in found)
    return found


def with_synonyms(index: dict[str, Any], synonyms: list[dict[str, Any]]) -> dict[str, Any]:
    """The search index with keywords on each page's first entry and the synonym table in its config."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in index["docs"]:
        pages.setdefault(entry["location"].split("#")[0], []).append(entry)
    for entries in pages.values():
        keywords = page_keywords(entries, synonyms)
        if keywords:
            entries[0]["keywords"] = keywords
    index["config"]["fields"]["keywords"] = {"boost": KEYWORDS_BOOST}
    index["config"]["pb_synonyms"] = [{"means": g["means"], "said": g["said"]} for g in synonyms]
    return index


def write_synonyms(site_dir: Path, synonyms: list[dict[str, Any]]) -> None:
    """Rewrite the built search index with the synonyms (after Material's search plugin wrote it)."""
    path = site_dir / "search" / "search_index.json"
    if PLAIN or not path.is_file():
        return
    index = with_synonyms(json.loads(path.read_text(encoding="utf-8")), synonyms)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
