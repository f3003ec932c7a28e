"""macros/model.py: durations, section order and the review date, the arithmetic behind every
time target and the plan's review."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.model import add_duration, duration_delta, duration_parts, duration_zh


@pytest.mark.parametrize("value, delta", [
    ("PT30M", dt.timedelta(minutes=30)), ("PT2H", dt.timedelta(hours=2)), ("P7D", dt.timedelta(days=7)),
    ("P1W2DT3H4M", dt.timedelta(weeks=1, days=2, hours=3, minutes=4)),
])
def test_fixed_durations(value, delta):
    assert duration_delta(value) == delta


@pytest.mark.parametrize("value", ["P1Y", "P1M", "P1Y2M", "P1MT2H"])
def test_calendar_durations_have_no_fixed_length(value):
    with pytest.raises(ValueError) as caught:
        duration_delta(value)
    assert str(caught.value) == f"calendar duration has no fixed length: {value!r}"


@pytest.mark.parametrize("value", ["P", "PT", "P1H", "2H", "P1DT", "PT1D", "p1d", "P1.5D"])
def test_not_a_duration(value):
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        duration_parts(value)


@pytest.mark.parametrize("value, zh", [
    ("PT2H", "2 小时"), ("P1DT12H", "1 天 12 小时"), ("P1Y2M3W4DT5H6M", "1 年 2 个月 3 周 4 天 5 小时 6 分钟"),
])
def test_duration_in_chinese(value, zh):
    assert duration_zh(value) == zh


@pytest.mark.parametrize("start, value, end", [
    ("2026-01-31", "P1M", "2026-02-28"), ("2024-01-31", "P1M", "2024-02-29"), ("2024-02-29", "P1Y", "2025-02-28"),
    ("2026-11-30", "P1M", "2026-12-30"), ("2026-12-15", "P1M", "2027-01-15"), ("2026-05-31", "P13M", "2027-06-30"),
    ("2026-01-01", "P1Y6M", "2027-07-01"), ("2026-12-31", "P1W1D", "2027-01-08"), ("2026-03-10", "P0D", "2026-03-10"),
])
def test_add_duration_keeps_the_day_or_the_month_end(start, value, end):
    assert add_duration(dt.date.fromisoformat(start), value) == dt.date.fromisoformat(end)


def test_sections_sort_as_numbers_once_each(fixture_pb):
    assert fixture_pb.sort_sections(["1.10", "1.9", "10.1", "2.1", "1.9", "2"]) == ["1.9", "1.10", "2", "2.1", "10.1"]


def test_review_due_is_the_last_review_plus_the_interval(fixture_pb):
    assert (fixture_pb.plan["review"]["last"], fixture_pb.plan["review"]["interval"]) == ("2026-01-01", "P6M")
    assert fixture_pb.review_due() == dt.date(2026, 7, 1)
