"""Organisation settings as the pages show them."""

from __future__ import annotations

import pytest

from macros.render.organisation import render_rule, value


@pytest.mark.parametrize("setting, unit, shown", [
    (200, "元", "200 元"),
    (2.5, "倍", "2.5 倍"),
    # A number without a unit gets no trailing space.
    (3, "", "3"),
    ("热线 <1>", "", "热线 &lt;1&gt;"),
    (None, "元", '<span class="pb-unfilled">待本单位填写</span>'),
])
def test_value(setting, unit, shown):
    assert shown == str(value(setting, unit))


def test_value_without_a_unit_argument():
    assert "3" == str(value(3))


@pytest.mark.parametrize("rid, shown", [
    ("org.authority.agent.max_amount", "200 元"),
    ("severity.high.acknowledge", "30 分钟"),
    ("org.complaint_hotline", '<span class="pb-unfilled">待本单位填写</span>'),
])
def test_rule_macro(fixture_pb, rid, shown):
    """{{ rule(id) }} on a page: the rule's wording (or the visible unfilled marker) in a span
    naming the rule, which the drift tests and the page scripts look up."""
    assert f'<span class="pb-rule" data-pb-rule="{rid}">{shown}</span>' == render_rule(fixture_pb, rid)
