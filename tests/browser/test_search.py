"""Chinese search on the real site, in a real browser (it is known to fail silently elsewhere)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def top_paths(page, base, query):
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    out = []
    for h in hrefs:
        path = "/" + h.split("://", 1)[1].split("/", 1)[1].split("#")[0].split("?")[0]
        if path not in out:
            out.append(path)
    return out[:3]


@pytest.mark.parametrize("query,expected", [
    # A legal term inside a longer phrase (needs word segmentation).
    ("三倍赔偿", "/procedures/goods-disposition/"),
    # A seed section title as staff would type it.
    ("证据保全", "/procedures/evidence/"),
    # Colloquial: without splitting the query in the browser this finds nothing at all.
    ("顾客说充电宝起火了", "/procedures/crisis-response/"),
    ("记者打电话来问", "/procedures/crisis-communication/"),
])
def test_query_finds_procedure(page, real_url, query, expected):
    """The expected procedure is among the first three result pages."""
    assert expected in top_paths(page, real_url, query)


def test_query_is_split_into_words(page, real_url):
    """The query splitter turns a colloquial sentence into topic words."""
    page.goto(real_url)
    words = page.evaluate("window.pbSplitQuery('顾客说充电宝起火了')").split(" ")
    assert len(words) >= 3
    assert "顾客充电宝起火" == "".join(words)  # function words 说 and 了 dropped
