"""Decision-aid rules against the worked cases (the browser is checked against the same table)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from macros import aids

from .conftest import FIXTURES

CASES = yaml.safe_load((FIXTURES / "aids-cases.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["triage"], ids=lambda c: f"{c['answers']}-{c['amount']}")
def test_triage(pb, case):
    """The level is the highest any answer implies; unsure counts as yes."""
    level, reasons = aids.triage(pb, case["answers"], case["amount"])
    assert case["severity"] == level
    assert bool(reasons) == (case["severity"] != "minor")


@pytest.mark.parametrize("case", CASES["compensation"], ids=lambda c: f"{c['basis']}-{c['goods']}-{c['price']}-{c['loss']}-{c['excluded']}")
def test_compensation(pb, case):
    """Extra damages follow the statutory multiple and minimum, or are excluded."""
    out = aids.compensation(pb, price=case["price"], goods=case["goods"], basis=case["basis"],
                            loss=case["loss"], excluded=case["excluded"])
    assert case["punitive"] == out["punitive"]


@pytest.mark.parametrize("case", CASES["deadlines"], ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items()))
def test_deadlines(pb, case):
    """Dates count as the statutes say (day after signing; 7 days; 15 days; 6 months)."""
    inputs = {k: dt.date.fromisoformat(v) for k, v in case.items() if k in ("signed", "received", "applied", "accepted")}
    expected = {k: dt.date.fromisoformat(v) for k, v in case.items() if k not in inputs}
    assert expected == aids.deadlines(pb, **inputs)


def test_numbers_come_from_laws(pb):
    """The calculator's multipliers and minimums are the fact sheet's numbers."""
    c = pb.aids["compensation"]
    assert (3, 500) == (pb.number(c["fraud"]["multiplier"]), pb.number(c["fraud"]["minimum"]))
    assert (10, 3, 1000) == tuple(pb.number(c["food"][k]) for k in ("price_multiplier", "loss_multiplier", "minimum"))
