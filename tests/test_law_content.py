"""How the playbook applies the law (domain review L*, T*, C*, P*, X*). Each test fails on the
content the review found and names the offending step, so a later edit cannot quietly undo a fix."""

from __future__ import annotations

import re

from macros.model import duration_parts


def _step(pb, ref):
    pid, sid = ref.split(".")
    return next(s for _, s in pb.steps(pb.procedures[pid]) if s["id"] == sid)


def _all_texts(pb):
    """(where, text) for every step, situation, drill and training text a frontline reader sees."""
    for p in pb.procedures.values():
        for _, s in pb.steps(p):
            yield f"{p['id']}.{s['id']}", s["text"] + s.get("note", "")
    for s in pb.situations:
        yield f"situation {s['id']}", s["description"]
    for d in pb.drills.values():
        for i in d["injects"]:
            for e in i["expected"]:
                yield f"drill {d['id']}.{i['id']}", e["action"]
        for n in d["facilitator_notes"]:
            yield f"drill {d['id']} note", n


def _minutes(iso):
    parts = duration_parts(iso)
    return parts.get("D", 0) * 1440 + parts.get("H", 0) * 60 + parts.get("MI", 0)


class TestFood:
    def test_punitive_food_damages_need_producer_or_knowing_seller(self, pb):
        """L1/L7: 10×/3× only against the producer or a seller who knew; safety standard; reasonable quantity."""
        step = _step(pb, "goods-disposition.food-damages")
        for must in ("生产者", "明知", "食品安全标准", "合理生活消费"):
            assert must in step["text"], must
        assert {"food-148", "food-spc-2024", "food-spc-2024-knowledge"} <= set(step["laws"])
        assert "经营明知" in pb.provisions["food-148"]["rule"]

    def test_platform_is_never_the_first_payer_by_article_148(self, pb):
        """L2/C6: 首负责任 binds the producer or seller; the platform pays first only when 自营 or by 44/131/promise."""
        bad = [w for w, t in _all_texts(pb) for sentence in re.split("[。；]", t)
               if "首负责任" in sentence and "平台" in sentence and not re.search("自营|不说成|而不是", sentence)]
        assert [] == bad
        assert {"xfz-44", "food-131", "spc-online-3-4"} <= set(_step(pb, "goods-disposition.advance-payment")["laws"])

    def test_food_drill_answer_is_refund_plus_loss_plus_punitive(self, pb):
        """C7: the drill's figure is the total the consumer gets, from the 148 numbers."""
        nums = {n["key"]: n["value"] for n in pb.provisions["food-148"]["numbers"]}
        price, loss = 39, 420
        punitive = max(nums["price-multiplier"] * price, nums["loss-multiplier"] * loss, nums["minimum"])
        notes = " ".join(pb.drills["food-illness"]["facilitator_notes"])
        assert f"{price + loss + punitive:g} 元" in notes


class TestPunitiveForDefects:
    def test_knowing_defect_path_goes_to_counsel(self, pb):
        """L6: 消保法55(2) / 民法典1207 is a step owned by legal counsel."""
        step = _step(pb, "goods-disposition.defect-punitive")
        assert "legal-counsel" == step["owner"]
        assert {"xfz-55", "civil-1202-1207"} <= set(step["laws"])


class TestClocks:
    def test_refund_clock_is_not_a_tick(self, pb):
        """T2: the refund is counted from the recorded logistics sign-for date, never from a tick."""
        refund = _step(pb, "goods-disposition.refund")
        assert "due_from" not in refund and "签收" in refund["text"]
        assert "物流签收" in _step(pb, "goods-disposition.receive-return")["text"]

    def test_delay_anchors(self, pb):
        """L3/T1: the 15-day threshold runs from the request or from receipt, not from intake (no P12D)."""
        step = _step(pb, "investigation-tracking.escalate-overdue")
        assert "P12D" != step.get("due") and "samr-penalty-9" in step["laws"]
        assert "提出退货申请之日" in step["text"] and "签收" in step["text"]

    def test_regulator_and_odr_clocks(self, pb):
        """L10/T4/L15: ODR 10 working days; the regulator's own clock is not the platform's."""
        step = _step(pb, "consumer-protection.regulator-liaison")
        assert "odr-10" in step["laws"] and "不是平台的答复期限" in step["text"]


class TestSafetyReport:
    def test_every_safety_path_reaches_the_same_day_report(self, pb):
        """L5/T3: the immediate report is on every safety or food-violation path, at any severity."""
        for ref in ("intake.safety-screen", "classify.safety-report", "crisis-response.notify-regulator",
                    "goods-disposition.warn-consumers"):
            assert "safety-report" in _step(pb, ref).get("procedures", []), ref
        report = _step(pb, "safety-report.report-authority")
        assert {"xfz-19", "food-62"} <= set(report["laws"]) and _minutes(report["due"]) <= 8 * 60
        assert not [s["id"] for _, s in pb.steps(pb.procedures["safety-report"]) if "min_severity" in s.get("condition", {})]
        assert "min_severity" not in _step(pb, "crisis-response.notify-regulator").get("condition", {})


class TestApproval:
    def test_legal_review_depends_on_basis_not_only_severity(self, pb):
        """C8: fraud, food and injury cases reach legal review at any severity."""
        step = _step(pb, "decision.legal-review")
        assert "condition" not in step
        for must in ("欺诈", "食品", "人身伤害"):
            assert must in step["text"]

    def test_response_levels_and_backup(self, pb):
        """A5: crisis response levels with triggers and a lead, a backup approver, termination criteria."""
        em = pb.plan["emergency"]
        assert len(em["levels"]) >= 3 and all(lv["lead"] in pb.roles for lv in em["levels"])
        assert em["backup"] and em["termination"]


class TestPrivacy:
    def test_health_information(self, pb):
        """P1: notice, separate consent, minimal sharing, custodian, whatever the severity."""
        step = _step(pb, "evidence.protect-health-data")
        assert "condition" not in step
        assert {"pipl-28", "pipl-29-30", "pipl-23"} <= set(step["laws"])
        for must in ("单独同意", "保管人", "商家"):
            assert must in step["text"]

    def test_retention_from_closure_and_breach(self, pb):
        """P3/P5: complaint files kept from case closure; a breach step under PIPL 57."""
        assert "结案" in _step(pb, "records-archive.retain")["text"]
        assert "pipl-57" in _step(pb, "tech-support.notify-breach")["laws"]


class TestDocuments:
    def test_decision_notice_wording_and_recourse(self, pb):
        """X2: no 'X对此次投诉负有责任' template; recourse to 复核, 12315 and 诉讼."""
        body = pb.templates["decision-notice"]["body"]
        assert "负有责任" not in body
        for must in ("复核", "12315", "诉讼"):
            assert must in body

    def test_crisis_statement_title_is_a_phrase(self, pb):
        """X1: the title uses a short event name, not the full event sentence."""
        body = pb.templates["crisis-statement"]["body"]
        assert body.splitlines()[0] == "关于{title_event}的情况说明"
