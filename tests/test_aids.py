"""Decision-aid rules (macros/aids.py) against the worked cases; core/aids.js (tests/js/aids.test.js)
and the pages (tests/browser/test_aids.py) are checked against the same table, wording included."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from macros import aids, workdays

from .conftest import FIXTURES

CASES = yaml.safe_load((FIXTURES / "aids-cases.yml").read_text(encoding="utf-8"))
DEFAULTS = {"goods": "other", "seller": "third", "party": "seller", "knew": "unsure", "excluded": "", "promise": False, "loss": ""}


@pytest.fixture(scope="module")
def data(pb):
    return aids.data(pb)


def row_data(data, row):
    """The rules data, with the row's published promise if it sets one."""
    if "promise_multiplier" not in row:
        return data
    promise = {**data["compensation"]["promise"], "price_multiplier": row["promise_multiplier"]}
    return {**data, "compensation": {**data["compensation"], "promise": promise}}


@pytest.mark.parametrize("case", CASES["triage"], ids=lambda c: c["name"])
def test_triage(data, case):
    """The level is the highest any answer or the amount implies; unsure counts as yes; bad amounts are refused."""
    r = aids.triage(data, case["answers"], case["amount"])
    if case.get("error"):
        assert r == {"error": data["triage"]["texts"]["bad_amount"]}
        return
    assert case["severity"] == r["severity"]
    assert bool(r["reasons"]) == (case["severity"] != data["triage"]["default"])
    if any(v == "unsure" for v in case["answers"].values()):
        assert any(x.endswith("（不确定，按“是”处理）") for x in r["reasons"])


@pytest.mark.parametrize("case", CASES["compensation"], ids=lambda c: c["name"])
def test_compensation(data, case):
    """Refund + loss + punitive = total, in the exact sentences an agent reads aloud."""
    r = aids.compensation(row_data(data, case), {**DEFAULTS, **case["inputs"]})
    if "error" in case:
        assert {"error": data["compensation"]["texts"][case["error"]]} == r
        return
    for k in ("refund", "loss", "punitive", "total"):
        assert aids.cents(case[k]) == r[k], k
    assert (aids.cents(case["conditional"]) if "conditional" in case else None) == r["conditional"]
    assert case["lines"] == r["lines"]


def test_no_tenfold_against_a_seller_who_did_not_know(data):
    """Review L1: food damages never reach a seller who did not know, whatever the amounts."""
    for price in ("1", "99.99", "100", "5000"):
        r = aids.compensation(data, {**DEFAULTS, "goods": "food", "basis": "food", "knew": "no", "loss": "300", "price": price})
        assert 0 == r["punitive"] and r["conditional"] is None


@pytest.mark.parametrize("case", CASES["deadlines"], ids=lambda c: c["name"])
def test_deadlines(pb, data, case):
    """Dates count as the statutes say; working days follow the official calendar; uncovered years are said."""
    assert case["expect"] == aids.deadlines(data, case["dates"], pb.calendar)


@pytest.mark.parametrize("case", CASES["workdays"], ids=lambda c: c["name"])
def test_workdays(pb, case):
    day = dt.date.fromisoformat(case["date"])
    if "add" in case:
        got = workdays.add_workdays(pb.calendar, day, case["add"])
        assert case["result"] == ({"date": got["date"].isoformat()} if "date" in got else got)
    else:
        assert case["workday"] == workdays.is_workday(pb.calendar, day)


def test_numbers_come_from_laws(pb, data):
    """The calculator's multipliers and minimums are the fact sheet's numbers."""
    c = data["compensation"]
    assert (3, 500) == (c["fraud"]["multiplier"], c["fraud"]["minimum"])
    assert (10, 3, 1000) == (c["food"]["price_multiplier"], c["food"]["loss_multiplier"], c["food"]["minimum"])
    assert 2 == c["defect"]["max_multiplier"]


def test_calendar_covers_this_year_and_says_what_it_lacks(pb):
    """chinesecalendar covers to 2026; 2027 is absent until holidays.yml or the package adds it."""
    assert 2026 in pb.calendar["years"] and 2027 not in pb.calendar["years"]
    assert pb.calendar["on"]["2026-10-10"].endswith("调休上班")


def test_holidays_file_adds_a_year(tmp_path):
    """A year in holidays.yml is covered before the package catches up."""
    t = workdays.table({"years": [{"year": 2027, "source": "通知", "off": [{"date": "2027-01-01", "name": "元旦"}], "on": []}]})
    assert 2027 in t["years"]
    assert workdays.is_workday(t, dt.date(2027, 1, 1)) is False
    assert workdays.is_workday(t, dt.date(2027, 1, 4)) is True


def test_calendar_from_the_package_alone():
    """Without holidays.yml additions: every year from 2024 the package covers; holidays on weekdays
    only, make-up working days on weekends only, each named in Chinese, sorted by date."""
    t = workdays.table({})
    assert t["years"] == [2024, 2025, 2026]
    assert t["off"]["2025-01-28"] == "春节" and t["off"]["2025-01-01"] == "元旦" and t["off"]["2025-04-04"] == "清明节"
    assert "2025-02-01" not in t["off"]  # a Saturday of the Spring Festival: a weekend anyway
    assert t["on"]["2025-01-26"] == "春节调休上班" and t["on"]["2025-09-28"] == "国庆节调休上班"
    assert t["on"]["2025-02-08"] == "春节调休上班"  # a Saturday
    for table, weekend in ((t["off"], False), (t["on"], True)):
        days = [dt.date.fromisoformat(d) for d in table]
        assert days == sorted(days) and {d.year for d in days} <= set(t["years"])
        assert all((d.weekday() >= 5) is weekend for d in days)
    assert all(n.endswith("调休上班") and n[:-4] in ("元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节")
               for n in t["on"].values())


def test_holidays_file_covers_a_year_past_a_gap_and_replaces_a_package_year():
    years = [
        {"year": 2026, "source": "通知", "off": [{"date": "2026-01-02", "name": "元旦"}], "on": []},
        {"year": 2028, "source": "通知", "off": [{"date": "2028-01-03", "name": "元旦"}],
         "on": [{"date": "2028-01-29", "name": "春节调休上班"}]},
    ]
    t = workdays.table({"years": years})
    assert t["years"] == [2024, 2025, 2026, 2028]  # 2027: neither the package nor the file
    assert [d for d in t["off"] if d.startswith("2026")] == ["2026-01-02"]
    assert [d for d in t["on"] if d.startswith("2026")] == []
    assert t["off"]["2028-01-03"] == "元旦" and t["on"]["2028-01-29"] == "春节调休上班"
    assert workdays.is_workday(t, dt.date(2027, 3, 1)) is None
    assert workdays.next_workday(t, dt.date(2028, 1, 29)) == {"date": dt.date(2028, 1, 29)}


def test_aid_data_carries_the_organisations_promises_and_targets(pb, tmp_path):
    """The calculators read the published promises and the taxonomy's targets, each from its one file."""
    import yaml

    from macros.loader import load

    d = aids.data(pb)
    assert d["compensation"]["promise"] == {"name": "假一赔 N", "price_multiplier": None, "law": "xfz-44",
                                            "label": aids.law_label(pb, "xfz-44")}
    assert aids.law_label(pb, "xfz-44") == "消费者权益保护法第44条"
    assert d["compensation"]["advance_payment"] == "先行赔付：待本单位填写"
    target = next(t for t in pb.taxonomy["targets"] if t["id"] == "regulator-reply")
    assert d["deadlines"]["regulator_reply_working_days"] == target["within"]["working_days"] == 5
    # Filled in by the organisation: its own words and multiple; without the promise, none.
    root = tmp_path / "playbook"
    import shutil

    shutil.copytree(pb.root, root)
    org = yaml.safe_load((root / "organisation.yml").read_text(encoding="utf-8"))
    for p in org["promises"]:
        if p["id"] == "advance-payment":
            p["text"] = "平台先行赔付，再向商家追偿。"
        if p["id"] == "counterfeit-compensation":
            p["price_multiplier"] = 4
    (root / "organisation.yml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    filled = aids.data(load(root))["compensation"]
    assert filled["advance_payment"] == "平台先行赔付，再向商家追偿。" and filled["promise"]["price_multiplier"] == 4
    org["promises"] = [p for p in org["promises"] if p["id"] not in ("counterfeit-compensation", "advance-payment")]
    (root / "organisation.yml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    bare = aids.data(load(root))["compensation"]
    assert bare["promise"] is None and bare["advance_payment"] == "待本单位填写"


def test_triage_reasons_read_in_full(data):
    """Each reason is the question's text (plus the unsure note only when unsure) or the amount rule."""
    t = data["triage"]
    q = t["questions"][0]  # the only answer given: its reason is the top one
    assert aids.triage(data, {q["id"]: "yes"})["reasons"][0] == q["text"]
    assert aids.triage(data, {q["id"]: "unsure"})["reasons"][0] == q["text"] + t["texts"]["unsure"]
    th = max(t["thresholds"], key=lambda x: x["min"])
    r = aids.triage(data, {}, str(th["min"]))
    assert aids.fill(t["texts"]["threshold"], {"label": t["amount_label"], "min": aids.yuan(th["min"] * 100)}) in r["reasons"]
    assert str(th["min"]) in "".join(r["reasons"]).replace(",", "")


def test_main_prints_what_the_node_tests_check_core_aids_js_against(pb, capsys):
    """`python -m macros.aids`: the real playbook's aid data and the shared case table, as JSON."""
    import json

    import yaml

    aids.main()
    printed = json.loads(capsys.readouterr().out)
    assert printed["data"] == json.loads(json.dumps(aids.data(pb), ensure_ascii=False))
    assert printed["cases"] == yaml.safe_load((FIXTURES / "aids-cases.yml").read_text(encoding="utf-8"))
