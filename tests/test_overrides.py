"""Theme partials we copy from Material stay Material's partials: only the change we mean differs."""

from __future__ import annotations

import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
THEME = Path(material.__file__).parent / "templates"


def lines(path: Path) -> list[str]:
    """The template's lines without its leading {#- ... -#} comment."""
    text = re.sub(r"\A\s*\{#-.*?-#\}\s*", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [line for line in text.splitlines() if line.strip()]


def test_content_partial_is_materials_with_the_chips_after_the_page():
    """overrides/partials/content.html only moves the tags include after the content: a Material
    upgrade that changes its partial fails here instead of silently losing the change."""
    ours, theirs = lines(ROOT / "overrides/partials/content.html"), lines(THEME / "partials/content.html")
    tags = '{% include "partials/tags.html" %}'
    assert theirs.index(tags) < theirs.index("{{ page.content }}")
    assert ours.index(tags) == ours.index("{{ page.content }}") + 1
    assert [x for x in ours if x != tags] == [x for x in theirs if x != tags]
