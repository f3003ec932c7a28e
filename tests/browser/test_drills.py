"""Drill facilitator console, participant handout and training quizzes in a real browser."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from .conftest import serious_violations

pytestmark = pytest.mark.browser
DRILL = "powerbank-fire"


def seconds(page) -> int:
    """Drill clock shown on the console, in seconds."""
    h, m, s = page.inner_text("[data-pb-clock]").split(" ")[0].split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def revealed(page):
    return page.eval_on_selector_all("[data-pb-inject][data-pb-revealed='yes']", "els => els.map(e => e.dataset.pbInject)")


class TestFacilitator:
    def test_clock_start_pause_resume_reveals_injects(self, page, real_url, pb):
        """Injects are revealed when the drill clock reaches them; a pause stops the clock."""
        page.clock.install(time=dt.datetime(2026, 5, 1, 9, 0))
        page.goto(real_url + f"drills/{DRILL}/")
        assert "idle" == page.get_attribute("[data-pb-clock]", "data-pb-state")
        assert [] == revealed(page)
        page.click("[data-pb-drill-console] button:has-text('开始')")
        assert ["video"] == revealed(page)  # the T+0 inject
        page.clock.run_for("20:00")
        assert ["video", "customer-call"] == revealed(page)
        assert 19 * 60 + 58 <= seconds(page) <= 20 * 60
        page.click("[data-pb-drill-console] button:has-text('暂停')")
        paused_at = seconds(page)
        page.clock.run_for("30:00")
        assert paused_at == seconds(page)
        assert 2 == len(revealed(page))
        page.click("[data-pb-drill-console] button:has-text('继续')")
        page.clock.run_for("11:00")
        assert ["video", "customer-call", "activate"] == revealed(page)

    def test_reveal_by_hand_observe_rate_and_survive_reload(self, page, real_url):
        """Manual reveal, observations, ratings and notes are kept across a reload."""
        page.goto(real_url + f"drills/{DRILL}/")
        page.click("[data-pb-inject='journalist'] button.pb-reveal")
        page.check("[data-pb-observe='journalist:0']")
        page.select_option("[data-pb-rate='one-voice']", "s")
        page.fill("#pb-drill-notes", "发言人 10 分钟内就位")
        page.reload()
        assert "journalist" in revealed(page)
        assert page.is_checked("[data-pb-observe='journalist:0']")
        assert "s" == page.input_value("[data-pb-rate='one-voice']")
        assert "发言人 10 分钟内就位" == page.input_value("#pb-drill-notes")

    def test_report_export_prefilled(self, page, real_url, tmp_path):
        """The AAR draft holds the timeline, ratings and gaps (low ratings and missed actions)."""
        page.goto(real_url + f"drills/{DRILL}/")
        page.click("[data-pb-inject='video'] button.pb-reveal")
        page.check("[data-pb-observe='video:0']")
        page.select_option("[data-pb-rate='sales-stopped']", "u")
        with page.expect_download() as js:
            page.click("button:has-text('导出报告草稿 JSON')")
        data = json.loads(open(js.value.path(), encoding="utf-8").read())
        assert ["video"] == [t["inject"] for t in data["timeline"]]
        assert 1 == len(data["timeline"][0]["observed"]) and 1 == len(data["timeline"][0]["missed"])
        assert any("2 小时内停售" in g for g in data["gaps"])
        assert any(g.startswith("未观察到") for g in data["gaps"])
        with page.expect_download() as md:
            page.click("button:has-text('导出报告草稿 Markdown')")
        text = open(md.value.path(), encoding="utf-8").read()
        assert "## 时间线" in text and "U 未能完成" in text and "## 改进计划" in text

    def test_axe_drill_page(self, page, real_url):
        """No serious or critical WCAG A/AA violation on a drill page."""
        page.goto(real_url + f"drills/{DRILL}/")
        assert [] == serious_violations(page)


def test_handout_has_no_facilitator_content(page, real_url, pb):
    """The participant handout shows scenario and roles, never notes, injects or expected actions."""
    for did, d in pb.drills.items():
        page.goto(real_url + f"drills/{did}-handout/")
        text = page.inner_text("article")
        assert d["scenario"] in text
        for role in d["participants"]:
            assert pb.roles[role["role"]]["name"] in text
        secret = d["facilitator_notes"] + [i["message"] for i in d["injects"]] + [e["action"] for i in d["injects"] for e in i["expected"]]
        leaked = [s for s in secret if s in text]
        assert [] == leaked, did
        assert 0 == page.locator("[data-pb-drill-console], [data-pb-inject]").count()


class TestTraining:
    def test_quiz_scoring_and_links(self, page, real_url, pb):
        """The score counts right answers; each question explains and links to its procedure."""
        t = pb.training["case-handling"]
        page.goto(real_url + "training/case-handling/")
        for i, q in enumerate(t["quiz"]):
            choice = q["answer"] if i % 2 == 0 else (q["answer"] + 1) % len(q["choices"])
            page.check(f"[data-pb-question='{q['id']}'] input[value='{choice}']")
        page.click("[data-pb-quiz] button[type=submit]")
        right = len(range(0, len(t["quiz"]), 2))
        assert f"{right}/{len(t['quiz'])}" == page.get_attribute("[data-pb-score]", "data-pb-result")
        first = t["quiz"][0]
        feedback = page.locator(f"[data-pb-question='{first['id']}'] [data-pb-feedback]")
        assert first["explanation"] in feedback.inner_text()
        assert feedback.locator("a").get_attribute("href").rstrip("/").endswith(f"procedures/{first['procedure']}")

    def test_progress_kept(self, page, real_url):
        """Completed modules and answers survive a reload."""
        page.goto(real_url + "training/frontline/")
        page.check("#pb-mod-principles")
        page.reload()
        assert page.is_checked("#pb-mod-principles")
        assert "1/4" == page.get_attribute("[data-pb-training-progress]", "data-pb-done")

    def test_axe_training_page(self, page, real_url):
        """No serious or critical WCAG A/AA violation on a training page."""
        page.goto(real_url + "training/frontline/")
        assert [] == serious_violations(page)
