"""The page-weight budget (issue 14): our own JS + CSS ≤ 20 KB gzipped on every page of the real
site, measured as bench/budgets.py measures it, and a real page load requesting nothing of ours
that the measure does not count (modules loaded later must really be later)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location("budgets", Path(__file__).resolve().parents[2] / "bench" / "budgets.py")
budgets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(budgets)


def test_own_js_and_css_within_budget(real_site):
    """Every built page: own scripts and extra.css, after the build's minification, ≤ 20 KB gzipped."""
    weights = budgets.page_weights(real_site)
    over = {str(p.relative_to(real_site)): round(w / 1024, 1) for p, w in weights.items() if w > budgets.WEIGHT_BUDGET}
    assert len(weights) > 50
    assert {} == over


OWN_REQUEST = re.compile(r"/assets/(javascripts/(?!bundle|workers|lunr)\S+\.js|stylesheets/(?!main\.|palette\.)\S+\.css)$")


@pytest.mark.parametrize("path", ["procedures/intake/", "drills/food-illness/", "training/frontline/",
                                  "forms/acknowledgement/", "reference/statistics/", "aids/triage/", ""])
def test_page_load_requests_only_counted_files(page, real_url, real_site, path):
    """What a page of each kind requests of ours while it loads (until the network is idle) is
    exactly what the bench counts: lazy modules are not fetched at load."""
    requested = set()
    page.on("request", lambda r: (m := OWN_REQUEST.search(r.url.split("?")[0])) and requested.add(m.group(1)))
    page.goto(real_url + path)
    page.wait_for_load_state("networkidle")
    counted = {str(f.relative_to(real_site / "assets")) for f in budgets.own_assets(real_site, real_site / path / "index.html")}
    assert requested == counted
