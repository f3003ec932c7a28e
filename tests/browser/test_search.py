"""Chinese search on the real site, in a real browser (it is known to fail silently elsewhere)."""

from __future__ import annotations

import re

import pytest

from tools.site_search import open_search, result_paths

pytestmark = pytest.mark.browser


@pytest.fixture
def search(page, real_url):
    """Type queries into the real site's search box; returns the result paths (top 3 by default)."""
    open_search(page, real_url)
    return lambda query, limit=3: result_paths(page, query, limit)


@pytest.mark.parametrize("query,expected", [
    # A legal term inside a longer phrase (needs word segmentation).
    ("三倍赔偿", "/procedures/goods-disposition/"),
    # A seed section title as staff would type it.
    ("证据保全", "/procedures/evidence/"),
    # Colloquial: without splitting the query in the browser this finds nothing at all.
    ("顾客说充电宝起火了", "/procedures/crisis-response/"),
    ("记者打电话来问", "/procedures/crisis-communication/"),
    # A title typed exactly ranks its page first among three (the walkthrough: #3).
    ("赔偿计算", "/aids/compensation/"),
])
def test_query_finds_procedure(search, query, expected):
    """The expected procedure is among the first three result pages."""
    assert expected in search(query)


# The walkthrough's four failures (shared/reviews/2026-11-29-user-walkthrough.md, task 5), each with
# the pages a staff member in that case needs: intake, evidence, compensation, quality, crisis.
WALKTHROUGH = {
    "顾客说吃了拉肚子": {"/procedures/intake/", "/procedures/evidence/", "/procedures/goods-disposition/",
                  "/procedures/crisis-response/", "/aids/compensation/"},
    "充电器发烫融化了": {"/procedures/crisis-response/", "/procedures/quality-appraisal/", "/procedures/evidence/",
                  "/procedures/goods-disposition/"},
    "买到假货了怎么赔": {"/aids/compensation/", "/procedures/goods-disposition/"},
    "快递压坏了": {"/procedures/goods-disposition/", "/procedures/intake/", "/procedures/evidence/", "/aids/compensation/"},
}


@pytest.mark.parametrize("query", list(WALKTHROUGH))
def test_walkthrough_query_finds_a_useful_page(search, query):
    """Each query that failed in the walkthrough has a page for the case among the first three,
    and neither statistics page wins it (a tag 赔偿统计 pulled them into every 赔 query)."""
    top = search(query)
    assert WALKTHROUGH[query] & set(top), top
    assert not [p for p in top if "statistics" in p], top


def test_one_result_per_drill(search):
    """A drill's scenario finds its handout once: the facilitator page is not a second result."""
    paths = search("充电宝起火视频登上热搜", limit=20)
    assert 1 == len([p for p in paths if p.startswith("/drills/powerbank-fire")]), paths


def test_query_is_split_into_words(page, real_url):
    """The splitter sends the worker whole indexed words with the handbook words for colloquial
    phrasings, and never a lone character (发 matched 发布)."""
    open_search(page, real_url)
    result_paths(page, "证据")  # the index is loaded and the splitter has its vocabulary
    sent = page.evaluate("window.pbSearchSplit('充电器发烫融化了')").replace("\u3007", "").split(" ")
    assert "安全隐患" in sent and "起火" in sent
    assert [] == [w for w in sent if len(w) == 1]
    assert "的了吗" == page.evaluate("window.pbSearchSplit('的了吗')")  # only function words: as typed


def test_drill_injects_and_expected_actions_find_no_facilitator_page(page, real_url, pb):
    """A participant who types a drill's inject or an expected action into the search box reaches
    no facilitator page (injects, expected actions, evaluation), only handouts and other pages."""
    open_search(page, real_url)
    leaks = []
    for did, d in pb.drills.items():
        texts = [i["message"] for i in d["injects"]] + [e["action"] for i in d["injects"] for e in i["expected"]]
        for text in texts:
            for path in result_paths(page, text, limit=50):
                if path == f"/drills/{did}/":
                    leaks.append((text, path))
    assert [] == leaks


def test_three_results_fit_on_a_phone(page, real_url):
    """On a 375 px wide phone, at least three results are fully visible without scrolling."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(real_url)
    page.click("label.md-header__button[for='__search']")
    result_paths(page, "退款")
    tops = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })")
    visible = [t for t in tops if t[1] <= 667 and t[0] >= 0]
    assert len(visible) >= 3, tops


def test_modules_are_used(page, real_url):
    """The pure splitter module that tests/js/search-query.test.js checks is used, loaded when the
    search box is first focused (not part of every page load)."""
    page.goto(real_url)
    assert re.search(r"search-segment\.js", page.content())
    assert page.evaluate("!(window.pb && window.pb.searchQuery)")
    page.locator("input.md-search__input").click()
    page.wait_for_function("window.pb.searchQuery && typeof window.pb.searchQuery.split === 'function'")


def test_query_typed_before_the_splitter_arrives_is_split(page, real_url):
    """Nothing typed is lost while the splitter loads: a colloquial query typed while its module is
    still on its way (held back here) is answered, split, once it arrives. Unsplit, it finds nothing."""
    held = []
    page.route("**/core/search-query.js", lambda route: held.append(route))
    page.goto(real_url)
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("() => /键入以开始搜索|Type to start/.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=60000)
    box.fill("顾客说充电宝起火了")
    box.press("End")
    while not held:
        page.wait_for_timeout(20)
    assert page.evaluate("!window.pb.searchQuery")
    held[0].continue_()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    assert any("/procedures/crisis-response/" in h for h in hrefs[:5]), hrefs
