"""Drill facilitator console and participant handout in a real browser (training: test_training.py)."""

from __future__ import annotations

import datetime as dt
import json

import markdown
import pytest

from macros.model import duration_delta

from .conftest import serious_violations

pytestmark = pytest.mark.browser
DRILL = "powerbank-fire"
CONSOLE = "[data-pb-drill-console]"


def seconds(page) -> int:
    """Drill clock shown on the console, in seconds."""
    h, m, s = page.inner_text("[data-pb-clock]").split(" ")[0].split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def revealed(page):
    return page.eval_on_selector_all("[data-pb-inject][data-pb-revealed='yes']", "els => els.map(e => e.dataset.pbInject)")


def open_drill(page, url, name="张导演", role="facilitator"):
    page.goto(url + f"drills/{DRILL}/")
    page.wait_for_function("() => window.pb && pb.events")
    page.evaluate("([n, r]) => pb.events.setIdentity({name: n, role: r})", [name, role])
    page.wait_for_selector("[data-pb-clock][data-pb-state]")


def press(page, label):
    page.click(f"{CONSOLE} button:has-text('{label}')")


def report(page) -> dict:
    with page.expect_download() as js:
        press(page, "导出报告 JSON")
    return json.loads(open(js.value.path(), encoding="utf-8").read())


class TestClock:
    def test_start_pauses_and_hours(self, page, real_url, pb):
        """Every pause is subtracted (review D1), hours run past 60 minutes (D2), injects are
        revealed at their planned time (D4)."""
        page.clock.install(time=dt.datetime(2026, 5, 1, 9, 0))
        open_drill(page, real_url)
        assert "idle" == page.get_attribute("[data-pb-clock]", "data-pb-state")
        press(page, "开始")
        page.wait_for_function("() => document.querySelector('[data-pb-inject=video]').dataset.pbRevealed === 'yes'")
        for _ in range(2):
            page.clock.run_for("10:00")
            press(page, "暂停")
            page.clock.run_for("05:00")
            press(page, "继续")
        page.clock.run_for("55:00")
        page.wait_for_timeout(50)
        assert 75 * 60 - 3 <= seconds(page) <= 75 * 60 + 3
        assert page.inner_text("[data-pb-clock]").startswith("01:1")
        clocks = {t["inject"]: t["clock"] for t in report(page)["timeline"]}
        second = pb.drills[DRILL]["injects"][1]
        minutes = int(duration_delta(second["at"]).total_seconds() // 60)
        assert f"00:{minutes:02d}:00" == clocks[second["id"]]  # its planned time, whatever the tick

    def test_system_clock_jump_reveals_nothing(self, page, real_url):
        """Moving the system clock 10 hours forward does not reveal every inject (review 5.6)."""
        page.clock.install(time=dt.datetime(2026, 5, 1, 9, 0))
        open_drill(page, real_url)
        press(page, "开始")
        page.wait_for_function("() => document.querySelector('[data-pb-inject=video]').dataset.pbRevealed === 'yes'")
        page.clock.run_for("00:05")
        page.clock.set_system_time(dt.datetime(2026, 5, 1, 19, 0))
        page.clock.run_for("00:03")
        assert ["video"] == revealed(page)
        assert "系统时间发生了跳变" in page.inner_text("article")


class TestConsole:
    def test_sticky_next_and_attribution(self, page, real_url, pb):
        """The console stays in view at the last inject; 「下一条」 reveals injects in plan order;
        observations, ratings and notes show who and when."""
        page.set_viewport_size({"width": 1280, "height": 800})
        open_drill(page, real_url)
        order = [i["id"] for i in pb.drills[DRILL]["injects"]]
        press(page, "下一条")
        press(page, "下一条")
        page.wait_for_function("n => document.querySelectorAll('[data-pb-revealed=yes]').length === n", arg=2)
        assert order[:2] == revealed(page)
        last = page.locator(f"[data-pb-inject='{order[-1]}']")
        last.scroll_into_view_if_needed()
        box = page.locator(CONSOLE).bounding_box()
        assert 0 <= box["y"] < 200 and page.locator(CONSOLE).is_visible()
        page.check(f"[data-pb-observe='{order[0]}:0']")
        page.wait_for_function(f"() => /张导演/.test(document.querySelector(\"[data-pb-observe='{order[0]}:0']\").parentNode.textContent)")
        page.fill("#pb-drill-note", "发言人 10 分钟内就位")
        page.press("#pb-drill-note", "Enter")
        page.wait_for_selector("[data-pb-note]", state="attached")
        assert "张导演：发言人 10 分钟内就位" in page.locator("[data-pb-note]").first.text_content()

    def test_two_tabs_keep_both(self, page, real_url, context):
        """An observation in one tab and a note in another are both kept (review 1.11)."""
        open_drill(page, real_url)
        press(page, "下一条")
        other = context.new_page()
        open_drill(other, real_url, "李评估", "evaluator")
        page.check("[data-pb-observe='video:0']")
        other.fill("#pb-drill-note", "B 的记录")
        other.press("#pb-drill-note", "Enter")
        other.wait_for_selector("[data-pb-note]", state="attached")
        page.wait_for_selector("[data-pb-note]", state="attached")  # A sees B's note
        assert page.is_checked("[data-pb-observe='video:0']")
        page.reload()
        page.wait_for_selector("[data-pb-note]", state="attached")
        assert page.is_checked("[data-pb-observe='video:0']")
        other.close()

    def test_sessions_keep_history(self, page, real_url):
        """A new session starts clean; the earlier one stays listed with its date and its reveals."""
        open_drill(page, real_url)
        press(page, "下一条")
        page.wait_for_function("() => document.querySelectorAll('[data-pb-revealed=yes]').length === 1")
        press(page, "新场次")
        page.wait_for_function("() => document.querySelectorAll('#pb-drill-session option').length === 2")
        assert [] == revealed(page)
        first = page.eval_on_selector_all("#pb-drill-session option", "os => os.map(o => [o.value, o.textContent])")[0]
        assert dt.date.today().isoformat() in first[1] or "2026" in first[1]
        page.select_option("#pb-drill-session", first[0])
        page.wait_for_function("() => document.querySelectorAll('[data-pb-revealed=yes]').length === 1")

    def test_report_local_time_people_and_safe_markdown(self, browser, real_url):
        """The AAR uses local time, lists participants and evaluators, and keeps typed text as text."""
        ctx = browser.new_context(timezone_id="Asia/Shanghai")
        page = ctx.new_page()
        try:
            open_drill(page, real_url)
            press(page, "下一条")
            page.click("summary:has-text('记录与参演人员')")
            page.fill("#pb-drill-participant", "王客服")
            page.fill("#pb-drill-participant-role", "受理客服")
            page.click("button:has-text('登记')")
            page.wait_for_function("() => /王客服/.test(document.querySelector('[data-pb-people]').textContent)")
            page.fill("#pb-drill-note", "<img src=x onerror=alert(1)> [点我](javascript:alert(2))")
            page.press("#pb-drill-note", "Enter")
            page.wait_for_selector("[data-pb-note]", state="attached")
            page.select_option("[data-pb-rate='sales-stopped']", "u")
            page.wait_for_function("() => /张导演/.test(document.querySelector(\"[data-pb-rate='sales-stopped']\").parentNode.textContent)")
            data = report(page)
            assert ["王客服（受理客服）"] == [p["name"] for p in data["participants"]]
            assert ["张导演"] == [p["name"] for p in data["evaluators"]]
            assert any("2 小时内停售" in g for g in data["gaps"])
            with page.expect_download() as md:
                press(page, "导出报告 Markdown")
            text = open(md.value.path(), encoding="utf-8").read()
            assert "（UTC+08:00）" in text and "Z" not in text.split("## 时间线")[0]
            assert "参演人员：王客服（受理客服）" in text and "导调与评估人员：张导演" in text
            html = markdown.markdown(text)
            assert "<img" not in html and "<a " not in html and "href" not in html
        finally:
            ctx.close()

    def test_saved_drill_of_todays_format_is_migrated(self, page, real_url):
        """A drill saved by today's main (pb:drill:<id>) appears as an earlier session with its reveals,
        observations, ratings and notes; a broken one ({}) leaves a working console (review 2.10)."""
        old = {"startedAt": 1764378000000, "pausedAt": 1764379800000, "pausedMs": 0,
               "revealed": {"video": {"at": "2025-11-29T01:00:00.000Z", "elapsed": 0}},
               "observed": {"video:0": "2025-11-29T01:05:00.000Z"}, "ratings": {"one-voice": "s"}, "notes": "旧的导演记录"}
        page.goto(real_url)
        page.evaluate("v => { localStorage.setItem('pb:drill:powerbank-fire', v); localStorage.setItem('pb:drill:food-illness', '{}'); }", json.dumps(old))
        open_drill(page, real_url)
        page.wait_for_function("() => document.querySelectorAll('[data-pb-revealed=yes]').length === 1")
        assert page.is_checked("[data-pb-observe='video:0']")
        assert "s" == page.input_value("[data-pb-rate='one-voice']")
        assert "旧的导演记录" in page.locator("[data-pb-notes]").text_content()
        assert "paused" == page.get_attribute("[data-pb-clock]", "data-pb-state")
        assert seconds(page) == 30 * 60
        page.goto(real_url + "drills/food-illness/")
        page.wait_for_selector("[data-pb-clock][data-pb-state='idle']")
        press(page, "开始")
        page.wait_for_selector("[data-pb-clock][data-pb-state='running']")
        # A stored drill of the wrong shape is reported by its key, and the console still works.
        page.evaluate("localStorage.setItem('pb:drill:peak-outage', JSON.stringify({revealed: null, observed: 'x'}))")
        page.goto(real_url + "drills/peak-outage/")
        page.wait_for_selector(".pb-notice:has-text('drill:peak-outage')")
        assert "格式不正确" in page.inner_text(".pb-notice:has-text('drill:peak-outage')")
        press(page, "开始")
        page.wait_for_selector("[data-pb-clock][data-pb-state='running']")

    def test_axe_drill_page(self, page, real_url):
        """No serious or critical WCAG A/AA violation on a drill page."""
        open_drill(page, real_url)
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
