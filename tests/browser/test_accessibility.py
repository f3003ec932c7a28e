"""axe-core on every page type, in the light and the dark colour scheme."""

from __future__ import annotations

import pytest

from .conftest import serious_violations

pytestmark = pytest.mark.browser

PAGES = [
    "",                               # start page
    "procedures/goods-disposition/",  # procedure (checklist)
    "forms/decision-notice/",         # template
    "aids/compensation/",             # calculator
    "drills/powerbank-fire/",         # drill (facilitator)
    "drills/powerbank-fire-handout/", # drill handout
    "training/frontline/",            # training
    "reference/statistics/",          # statistics
    "reference/laws/",                # legal reference
    "runs/",                          # open runs
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page(page, real_url, path, scheme):
    """No serious or critical WCAG A/AA violation."""
    page.emulate_media(color_scheme=scheme)
    page.goto(real_url + path)
    expected = "slate" if scheme == "dark" else "default"
    assert expected == page.get_attribute("body", "data-md-color-scheme")
    assert [] == serious_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results(page, real_url, scheme):
    """The open search with results passes too."""
    page.emulate_media(color_scheme=scheme)
    page.goto(real_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("退款")
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=60000)  # index built first (see test_xss)
    assert [] == serious_violations(page)
