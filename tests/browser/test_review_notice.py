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
