"""The legal-reference page lists under each provision exactly the elements that cite it."""

from __future__ import annotations

import dataclasses

from macros.render import laws
from macros.render.html import Linker


def _without(item: dict, key: str) -> dict:
    return {k: v for k, v in item.items() if k != key}


def _cited_a1(pb) -> str:
    """The rendered 引用处 list of provision a-1."""
    out = laws.render(pb, Linker("reference/laws.md"))
    start = out.index('id="law-a-1"')
    return out[start:out.index("</div>", start)]


def test_elements_citing_no_law_are_left_out(fixture_pb):
    """laws, quiz and a question's laws are optional (template and training schemas): a template,
    a training path or a question without them cites nothing, and the page still lists the rest."""
    t = fixture_pb.training["basics"]
    pb = dataclasses.replace(fixture_pb, templates={"notice": _without(fixture_pb.templates["notice"], "laws")},
                             training={"basics": {**t, "quiz": [_without(q, "laws") for q in t["quiz"]]},
                                       "bare": {**_without(t, "quiz"), "id": "bare", "title": "无自测题"}})
    cited = _cited_a1(pb)
    assert "引用处（1）" in cited and "#step-record" in cited
    assert "受理通知" not in cited and "自测题" not in cited

