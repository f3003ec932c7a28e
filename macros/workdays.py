"""China's working-day table, built once per load from the chinesecalendar package plus
playbook/holidays.yml, and the same date rules as docs/assets/javascripts/core/workdays.js.

The table is published to the browser; a year it does not cover is reported, never guessed
(chinesecalendar raises NotImplementedError for years it has no official arrangement for).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import add_duration

FIRST_YEAR = 2024  # older years are never needed by a live case; keeps the page data small


def table(holidays_doc: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """{years, off: {date: name}, on: {date: name}}: off = holidays on weekdays, on = make-up
    working days on weekends, for every year from FIRST_YEAR the package or the playbook covers."""
    import chinese_calendar as cc
    from chinese_calendar import constants

    added = {y["year"]: y for y in holidays_doc.get("years", [])}
    off: dict[str, str] = {}
    on: dict[str, str] = {}
    years = []
    year = FIRST_YEAR
    while True:
        if year in added:
            off.update({d["date"]: d["name"] for d in added[year]["off"]})
            on.update({d["date"]: d["name"] for d in added[year]["on"]})
        else:
            try:
                cc.is_workday(dt.date(year, 1, 1))
            except NotImplementedError:
                if not any(y > year for y in added):
                    break
                year += 1
                continue
            for day, name in constants.holidays.items():
                if day.year == year and day.weekday() < 5:
                    off[day.isoformat()] = _zh(name)
            for day, name in constants.workdays.items():
                if day.year == year and day.weekday() >= 5:
                    on[day.isoformat()] = _zh(name) + "调休上班"
        years.append(year)
        year += 1
    return {"years": years, "off": dict(sorted(off.items())), "on": dict(sorted(on.items()))}


_NAMES = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
          "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
          "Anti-Fascist 70th Day": "抗战胜利纪念日"}


def _zh(name: Any) -> str:
    text = getattr(name, "value", str(name)).split(",")[0]
    return _NAMES.get(text, text)


def is_workday(t: dict[str, Any], day: dt.date) -> bool | None:
    """True / False, or None when the table does not cover the year."""
    if day.year not in t["years"]:
        return None
    s = day.isoformat()
    if s in t["on"]:
        return True
    if s in t["off"]:
        return False
    return day.weekday() < 5


def next_workday(t: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """{date}: day itself if a working day, else the next one; {uncovered: year} past the table."""
    for _ in range(400):
        w = is_workday(t, day)
        if w is None:
            return {"uncovered": day.year}
        if w:
            return {"date": day}
        day += dt.timedelta(days=1)
    raise ValueError("no working day within 400 days")


def add_workdays(t: dict[str, Any], start: dt.date, n: int) -> dict[str, Any]:
    """The n-th working day after start (start never counts), or {uncovered: year}."""
    day, k = start, 0
    while k < n:
        day += dt.timedelta(days=1)
        w = is_workday(t, day)
        if w is None:
            return {"uncovered": day.year}
        k += w
    return {"date": day}


def add_months(start: dt.date, n: int) -> dt.date:
    return add_duration(start, f"P{n}M")
