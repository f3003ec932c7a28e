"""Type a query into the built site's search box and read the result pages, as a user sees them.

Shared by the browser tests and bench/search.py, so both judge the same thing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Material's zh texts: the placeholder shown for an empty box once the index is ready, and the one
# shown while it loads.
_READY = "键入以开始搜索|Type to start"
_WAITING = _READY + "|正在初始化搜索引擎|Initializing"


def open_search(page, base_url: str) -> None:
    """Load a page and open its search box (the index loads in the background)."""
    page.goto(base_url)
    page.locator("input.md-search__input").click()


def result_paths(page, query: str, limit: int = 3) -> list[str]:
    """The first `limit` distinct result pages (URL paths) for a query typed into the open box.

    The box is cleared first and the answer awaited by the result header leaving the placeholder,
    so a page can run many queries without reloading the index."""
    box = page.locator("input.md-search__input")
    box.fill("")
    # The index is loaded (a slow machine may take long on the first query of a session).
    page.wait_for_function(
        f"() => /{_READY}/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=60000)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        f"() => !/{_WAITING}/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=30000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    out: list[str] = []
    for h in hrefs:
        path = urlsplit(h).path
        if path not in out:
            out.append(path)
    return out[:limit]
