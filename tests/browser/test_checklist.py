"""Checklist runs in a real browser: persistence, navigation, tabs, deadlines, faults, records, access."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from .conftest import active_run, note_step, open_start_form, serious_violations, skip_step, start_run

pytestmark = pytest.mark.browser


@pytest.fixture
def alpha(fixture_url):
    return fixture_url + "procedures/alpha/"


def stored(page):
    """This tab's run, folded from the events in storage (a fresh read, as after a reload)."""
    return active_run(page)


def event_keys(page):
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pb:ev:')).sort()")


def append(page, events):
    return page.evaluate("es => pb.events.appendAll(es)", events)


class TestRun:
    def test_tick_survives_reload(self, page, alpha):
        """A ticked step is still ticked after a reload, and progress counts it."""
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        page.reload()
        assert page.is_checked("#pb-check-record")
        assert "1/2" == page.get_attribute("[data-pb-progress]", "data-pb-progress")
        assert "done" == stored(page)["steps"]["record"]["status"]
        assert "张三" == stored(page)["steps"]["record"]["by"]["name"]

    def test_instant_navigation_away_and_back(self, page, alpha, fixture_url):
        """After instant navigation (no full reload) away and back, the run is shown again."""
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        page.evaluate("window.__noReload = true")
        page.click("a[href$='roles/agent/']")
        page.wait_for_url("**/roles/agent/")
        page.go_back()
        page.wait_for_selector(".pb-run-head")
        assert page.evaluate("window.__noReload === true"), "navigation was a full page load"
        assert page.is_checked("#pb-check-record")

    def test_module_loads_after_instant_navigation(self, page, fixture_url):
        """Arriving at a procedure by instant navigation from a page without the checklist still starts it."""
        page.goto(fixture_url)
        page.evaluate("window.__noReload = true")
        page.click("article a[href$='procedures/alpha/']")
        page.wait_for_selector(".pb-start-open")
        assert page.evaluate("window.__noReload === true"), "navigation was a full page load"

    def test_two_tabs_stay_consistent(self, page, alpha):
        """A tick in one tab appears in another tab on the same run without reloading it."""
        start_run(page, alpha, severity="low")
        other = page.context.new_page()
        other.goto(alpha)
        other.click("[data-pb-run] button:has-text('继续')")
        other.wait_for_selector(".pb-run-head")
        page.check("#pb-check-record")
        other.wait_for_function("document.querySelector('#pb-check-record').checked")
        assert "1/2" == other.get_attribute("[data-pb-progress]", "data-pb-progress")

    def test_skip_with_reason_and_undo(self, page, alpha):
        """Skipping needs a reason, is timestamped and counted; undo restores the step."""
        start_run(page, alpha, severity="low")
        skip_step(page, "record", "客户已在电话中说明")
        assert "客户已在电话中说明" in page.inner_text("#step-record .pb-stamp")
        assert "skipped" == stored(page)["steps"]["record"]["status"]
        page.click("button:has-text('撤销上一步')")
        assert "已撤销：跳过“登记投诉内容。”" in page.inner_text(".pb-notice")
        assert "record" not in stored(page)["steps"]
        assert ["start", "skip", "undo"] == [h["event"]["type"] for h in stored(page)["history"]]

    def test_conditional_steps_follow_severity(self, page, alpha):
        """A step only for the higher severity is hidden in a low run and shown in a high one."""
        start_run(page, alpha, severity="low")
        assert page.is_hidden("#step-escalate")
        start_run(page, alpha, case="2026002", severity="high")
        assert page.is_visible("#step-escalate")

    def test_raising_severity_mid_run_shows_gated_steps_at_once(self, page, alpha):
        """Raising the severity during a run (issue 13) shows the steps it gates without a reload,
        keeps the ticks, and is an event in the history with who and when."""
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        assert page.is_hidden("#step-escalate")
        page.evaluate("window.__noReload = true")
        page.click(".pb-outcome summary")
        page.select_option("#pb-out-severity", "high")
        page.wait_for_selector("#step-escalate:not([hidden])")
        assert page.evaluate("window.__noReload === true"), "the page reloaded"
        assert page.is_checked("#pb-check-record")
        assert "1/3" == page.get_attribute("[data-pb-progress]", "data-pb-progress")
        assert "重大" in page.inner_text(".pb-run-head h2")
        run = stored(page)
        assert "high" == run["severity"] and "done" == run["steps"]["record"]["status"]
        change = [h["event"] for h in run["history"] if h["event"]["type"] == "severity"]
        assert 1 == len(change) and "张三" == change[0]["actor"]["name"]
        page.click(".pb-history summary")
        line = page.inner_text(f"[data-pb-event='{change[0]['id']}']")
        assert "张三" in line and "严重程度改为 重大" in line, line
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", line), line

    def test_case_number_is_checked(self, page, alpha):
        """A case number outside the taxonomy's format is refused with the format explained."""
        page.goto(alpha)
        open_start_form(page)
        page.fill("#pb-name", "张三")
        page.fill("#pb-role", "客服专员")
        page.fill("#pb-case", "ABC")
        page.select_option("#pb-severity", "low")
        page.click(".pb-start button[type=submit]")
        assert "投诉编号格式不对" in page.inner_text(".pb-error")
        assert [] == event_keys(page)

    def test_practice_number_is_accepted(self, page, alpha):
        """Training and drills use the practice range of organisation.yml (review C13): the form takes it."""
        start_run(page, alpha, case="LX2026001", severity="low")
        assert "LX2026001" == stored(page)["case"]


class TestDeadlines:
    def test_overdue_under_controlled_clock(self, page, alpha):
        """Steps past their due time are highlighted and listed as late; due_from waits for its step."""
        page.clock.install(time=dt.datetime(2026, 3, 2, 9, 0))
        start_run(page, alpha, severity="low", start="2026-03-02T09:00")
        assert "截止 2026-03-02 09:30" in page.inner_text("#step-record .pb-stamp")
        assert "前置步骤完成后开始计时" in page.inner_text("#step-confirm .pb-stamp")
        page.clock.fast_forward("31:00")
        page.wait_for_selector("#step-record.pb-late")
        assert "已超时 1 项" in page.inner_text(".pb-late-summary")
        page.check("#pb-check-record")
        assert "截止 2026-03-02 10:31" in page.inner_text("#step-confirm .pb-stamp")
        assert 0 == page.locator(".pb-step.pb-late").count()

    def test_deadline_follows_the_runs_severity(self, page, fixture_url):
        """A step due by the rulebook's target per severity (review T5): the low level's target, the
        high level's once the severity is raised (no reload), and the highest when none is chosen."""
        beta = fixture_url + "procedures/beta/"
        page.clock.install(time=dt.datetime(2026, 3, 2, 9, 0))
        start_run(page, beta, severity="low", category="quality", start="2026-03-02T09:00")
        assert "截止 2026-03-09 09:00" in page.inner_text("#step-approve .pb-stamp")  # low: resolve P7D
        page.click(".pb-outcome summary")
        page.select_option("#pb-out-severity", "high")
        page.wait_for_function("document.querySelector('#step-approve .pb-stamp').textContent.includes('2026-03-05 09:00')")
        start_run(page, beta, case="2026002", category="quality", start="2026-03-02T09:00")  # severity left open
        assert "截止 2026-03-05 09:00" in page.inner_text("#step-approve .pb-stamp")


class TestFaults:
    def test_procedure_change_keeps_ticks_and_lists_removed_steps(self, page, alpha):
        """A run started on another version keeps ticks by id and lists ticks on removed steps."""
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        page.evaluate("""() => {
            const log = pb.events.tab.get('active:alpha');
            const start = pb.events.listNow(log)[0];
            const value = {...start.value, hash: '0000000000000000', checklist: {...start.value.checklist,
                steps: start.value.checklist.steps.concat([{id: 'retired-step', text: '旧版步骤', block: 'receive'}])}};
            const id = pb.events.uuid();
            const copy = {...start, id, log: 'run:' + id, value};
            const tick = pb.events.newEvent('run:' + id, 'tick', {step: 'retired-step'});
            const rec = pb.events.newEvent('run:' + id, 'tick', {step: 'record'});
            return pb.events.appendAll([copy, tick, rec]).then(() => pb.events.tab.set('active:alpha', 'run:' + id));
        }""")
        page.reload()
        assert page.is_visible(".pb-changed")
        assert "旧版步骤" in page.inner_text("[data-pb-gone='retired-step']")
        assert page.is_checked("#pb-check-record")

    def test_corrupt_storage_is_reported_and_kept(self, page, alpha):
        """A corrupt stored event: the page says so, still works, and the raw value is not destroyed."""
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        key = page.evaluate("Object.keys(localStorage).find(k => k.startsWith('pb:ev:') && localStorage.getItem(k).includes('\"tick\"'))")
        page.evaluate("k => localStorage.setItem(k, '{broken')", key)
        page.reload()
        assert "无法读取" in page.inner_text(".pb-notice") and key in page.inner_text(".pb-notice")
        assert page.is_visible(".pb-run-head")
        assert "{broken" == page.evaluate("k => localStorage.getItem(k)", key)

    def test_storage_disabled(self, page, alpha):
        """With localStorage unavailable the checklist still works in memory and says so."""
        page.add_init_script("""Object.defineProperty(window, 'localStorage', {
            get() { throw new DOMException('denied', 'SecurityError'); } });""")
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        assert page.is_checked("#pb-check-record")
        assert "1/2" == page.get_attribute("[data-pb-progress]", "data-pb-progress")
        text = page.inner_text(".pb-notice")
        assert "禁止了本地存储" in text and "已满" not in text

    def test_quota_exceeded_keeps_state_in_memory(self, page, alpha):
        """A full storage is reported; the change stays on screen, marked unsaved; earlier saves are untouched."""
        start_run(page, alpha, severity="low")
        before = event_keys(page)
        page.evaluate("""() => { const orig = Storage.prototype.setItem;
            Storage.prototype.setItem = function (k, v) {
              if (k.startsWith('pb:ev:')) throw new DOMException('full', 'QuotaExceededError');
              return orig.call(this, k, v); }; }""")
        page.check("#pb-check-record")
        assert "存储空间已满" in page.inner_text(".pb-notice")
        assert page.is_checked("#pb-check-record")
        assert "1 项操作只在本页内存中" in page.inner_text(".pb-unsaved")
        assert before == event_keys(page)


class TestRecords:
    def test_export_and_reimport_round_trip(self, page, alpha, tmp_path, browser):
        """Exported JSON is the event log (notes and outcome included) and re-imports exactly into
        another browser; Markdown marks done [x] and skipped [-] steps."""
        start_run(page, alpha, severity="high")
        page.check("#pb-check-record")
        skip_step(page, "escalate", "组长在场")
        note_step(page, "record", "客户电话 1")
        page.click(".pb-outcome summary")
        page.fill("#pb-out-compensation", "1260")
        page.press("#pb-out-compensation", "Tab")
        page.wait_for_function("document.querySelector('.pb-history summary').textContent.includes('5')")
        with page.expect_download() as md:
            page.click("button:has-text('导出 Markdown')")
        markdown = open(md.value.path(), encoding="utf-8").read()
        assert "- [x] 登记投诉内容。" in markdown and "- [-] " in markdown and "组长在场" in markdown
        assert "客户电话 1" in markdown and "UTC+8" in markdown
        with page.expect_download() as js:
            page.click("button:has-text('导出 JSON')")
        exported = tmp_path / "run.json"
        js.value.save_as(exported)
        data = json.loads(exported.read_text(encoding="utf-8"))
        log = page.evaluate("pb.events.tab.get('active:alpha')")
        assert data["events"] == page.evaluate("l => pb.events.listNow(l)", log)
        assert {"note", "skip", "outcome"} <= {e["type"] for e in data["events"]}
        other = browser.new_context().new_page()
        other.goto(alpha)
        open_start_form(other)
        other.set_input_files("#pb-import", str(exported))
        other.fill(".pb-identity #pb-name", "李四")  # asked once in this browser before acting on the run
        other.fill(".pb-identity #pb-role", "组长")
        other.click(".pb-identity button[type=submit]")
        other.wait_for_selector(".pb-run-head")
        assert data["events"] == other.evaluate("l => pb.events.listNow(l)", log)
        assert 1260 == active_run(other)["outcome"]["compensation"]
        other.context.close()

    def test_invalid_import_is_rejected(self, page, alpha, tmp_path):
        """A JSON file that is not a run record is refused with a reason naming the file."""
        bad = tmp_path / "notes.json"
        bad.write_text('{"hello": 1}', encoding="utf-8")
        page.goto(alpha)
        open_start_form(page)
        page.set_input_files("#pb-import", str(bad))
        page.wait_for_selector(".pb-notice")
        assert "notes.json" in page.inner_text(".pb-notice")
        assert [] == event_keys(page)

    def test_open_runs_view(self, page, alpha, fixture_url):
        """The runs page lists every run grouped by case and opens a run directly in its procedure."""
        start_run(page, alpha, severity="low")
        start_run(page, fixture_url + "procedures/beta/", case="2026009", category="food")
        start_run(page, fixture_url + "procedures/beta/", case="2026001", category="food")
        page.goto(fixture_url + "runs/")
        assert 3 == page.locator("[data-pb-run]").count()
        assert 2 == page.locator("[data-pb-case='2026001'] [data-pb-run]").count()
        page.click("[data-pb-case='2026001'] a[href*='procedures/alpha/']")
        page.wait_for_selector(".pb-run-head")
        assert "2026001" in page.inner_text(".pb-run-head")


class TestAccess:
    def test_start_form_opens_from_the_keyboard_with_focus_on_the_case_number(self, page, alpha):
        """The steps come first; the start form appears on request, ready to type into, and passes axe."""
        page.goto(alpha)
        page.evaluate("pb.events.setIdentity({name: '张三', role: '客服专员'})")
        page.wait_for_selector("button.pb-start-open")
        assert 0 == page.locator("#pb-case").count()
        page.focus("button.pb-start-open")
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.id === 'pb-case'")  # once the form's module has loaded
        assert page.is_visible("#pb-start") and page.is_visible("#pb-import")
        assert [] == serious_violations(page)

    def test_what_was_typed_survives_the_minute_refresh(self, page, alpha):
        """The periodic redraw (for deadlines) never discards a half-filled start form."""
        page.clock.install(time=dt.datetime(2026, 3, 2, 9, 0))
        page.goto(alpha)
        open_start_form(page)
        page.fill("#pb-case", "2026")
        page.evaluate("document.activeElement.blur()")
        page.clock.fast_forward("02:00")
        assert "2026" == page.input_value("#pb-case")

    def test_keyboard_only_ticking(self, page, alpha):
        """A step can be ticked with the keyboard alone, and the focus is visible."""
        start_run(page, alpha, severity="low")
        page.focus("#pb-check-record")
        page.keyboard.press("Space")
        assert page.is_checked("#pb-check-record")
        assert "done" == stored(page)["steps"]["record"]["status"]
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert "pb-check-record" == page.evaluate("document.activeElement.id")
        assert "none" != outline

    def test_narrow_screen(self, page, alpha):
        """At 375 px the procedure page with a run has no horizontal scrolling."""
        page.set_viewport_size({"width": 375, "height": 800})
        start_run(page, alpha, severity="high")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

    def test_axe_procedure_page(self, page, alpha):
        """axe-core finds no serious or critical WCAG A/AA violation on a procedure page with a run."""
        start_run(page, alpha, severity="high")
        assert [] == serious_violations(page)
