"""Decision aids in a real browser, against the same worked cases as the Python rules."""

from __future__ import annotations

import pytest
import yaml

from ..conftest import FIXTURES
from .conftest import serious_violations

pytestmark = pytest.mark.browser
CASES = yaml.safe_load((FIXTURES / "aids-cases.yml").read_text(encoding="utf-8"))


def test_triage_cases(page, real_url):
    """Each worked triage case gives the same level in the page as in Python."""
    page.goto(real_url + "aids/triage/")
    for case in CASES["triage"]:
        page.reload()
        for qid, answer in case["answers"].items():
            page.check(f"[data-pb-question='{qid}'] input[value='{answer}']")
        page.fill("#pb-amount", str(case["amount"]))
        assert case["severity"] == page.get_attribute("[data-pb-severity]", "data-pb-severity"), case


def test_compensation_cases(page, real_url):
    """Each worked compensation case gives the same amount, with formula and citation."""
    page.goto(real_url + "aids/compensation/")
    for case in CASES["compensation"]:
        page.fill("#pb-price", str(case["price"]))
        page.select_option("#pb-goods", case["goods"])
        page.select_option("#pb-basis", case["basis"])
        page.fill("#pb-loss", str(case["loss"]))
        page.set_checked("#pb-excluded", case["excluded"])
        found = page.locator("[data-pb-punitive]")
        amount = float(found.get_attribute("data-pb-punitive")) if found.count() else 0.0
        assert case["punitive"] == amount, case
        if amount:
            assert "依据" in found.inner_text() and "max(" in found.inner_text()


def test_deadline_cases(page, real_url):
    """Each worked deadline case gives the same date."""
    page.goto(real_url + "aids/deadlines/")
    for case in CASES["deadlines"]:
        page.reload()
        for key in ("signed", "received", "applied", "accepted"):
            if key in case:
                page.fill(f"#pb-{key}", case[key])
        for key, expected in case.items():
            if key not in ("signed", "received", "applied", "accepted"):
                assert expected in page.inner_text(f"[data-pb-date='{key}']"), case


@pytest.mark.parametrize("path", ["aids/triage/", "aids/compensation/", "aids/penalties/"])
def test_axe(page, real_url, path):
    """No serious or critical WCAG A/AA violation on the calculator pages."""
    page.goto(real_url + path)
    assert [] == serious_violations(page)
