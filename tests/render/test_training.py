"""A training path's page."""

from __future__ import annotations

import dataclasses

from macros.render import training
from macros.render.html import Linker

from . import page_data


def test_a_path_without_a_quiz_has_no_quiz_section(fixture_pb):
    """The quiz is optional (training.schema.json): without one the page has modules and cases
    but no 自测题 section, and the page script gets an empty quiz."""
    t = {k: v for k, v in fixture_pb.training["basics"].items() if k != "quiz"}
    out = training.render(dataclasses.replace(fixture_pb, training={"basics": t}), "basics", Linker("training/basics.md"))
    assert "{ #modules }" in out and "{ #cases }" in out
    assert "{ #quiz }" not in out and "自测题" not in out
    assert {"id": "basics", "quiz": []} == page_data(out)[0]
