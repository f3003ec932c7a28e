"""The overdue-review notice, decided by the reader's date in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

# The fixture plan was last reviewed 2026-01-01 every P6M, so it is due 2026-07-01.


@pytest.mark.parametrize("today,visible", [
    # Before the due date: no notice.
    (dt.datetime(2026, 6, 30, 12), False),
    # After it: the notice shows on every page, even though the site was built earlier or later.
    (dt.datetime(2026, 7, 2, 12), True),
])
def test_notice_follows_the_clock(page, fixture_url, today, visible):
    """The notice is shown exactly when the reader's date is past the review date."""
    page.clock.set_fixed_time(today)
    for path in ("", "procedures/alpha/", "about/plan/"):
        page.goto(fixture_url + path)
        notice = page.locator("[data-pb-review-notice]")
        assert visible == notice.is_visible(), path


@pytest.mark.parametrize("zone,utc,visible", [
    # 2026-07-01 16:30 UTC is already 2 July in Shanghai: past the due date there, not in UTC.
    ("Asia/Shanghai", dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.timezone.utc), True),
    ("UTC", dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.timezone.utc), False),
    # 2026-07-02 03:00 UTC is still 1 July in Los Angeles: not yet past it there.
    ("America/Los_Angeles", dt.datetime(2026, 7, 2, 3, tzinfo=dt.timezone.utc), False),
])
def test_notice_uses_the_readers_local_date(browser, fixture_url, zone, utc, visible):
    """The date compared is the reader's calendar day, not the UTC one."""
    context = browser.new_context(timezone_id=zone)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(utc)
        page.goto(fixture_url + "procedures/alpha/")
        assert visible == page.locator("[data-pb-review-notice]").is_visible()
    finally:
        context.close()
