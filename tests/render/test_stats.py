"""The statistics page's data for stats.js."""

from __future__ import annotations

import dataclasses

from macros.render import stats
from macros.render.html import Linker

from . import page_data


def _data(pb) -> dict:
    return page_data(stats.render(pb, Linker("reference/statistics.md")))[0]


def test_practice_range_is_optional(fixture_pb):
    """With a practice range the page tells practice cases apart by its pattern; without one
    (organisation.schema.json makes it optional) the pattern is null and the page still renders."""
    assert "^LX20[0-9]{2}[0-9]{3}$" == _data(fixture_pb)["practicePattern"]
    case = {k: v for k, v in fixture_pb.organisation["case_number"].items() if k != "practice"}
    pb = dataclasses.replace(fixture_pb, organisation={**fixture_pb.organisation, "case_number": case})
    data = _data(pb)
    assert data["practicePattern"] is None and case["pattern"] == data["casePattern"]
