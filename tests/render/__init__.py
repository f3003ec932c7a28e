"""Tests of macros/render: golden renders of the fixture playbook and focused checks of each renderer."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


def page_data(out: str) -> list[Any]:
    """Every data-pb-json attribute of a render, read as the browser's scripts read it."""
    found: list[Any] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(json.loads(v) for k, v in attrs if k == "data-pb-json")

    Parser().feed(out)
    return found
