"""A live complaint on a 375 × 812 phone (review: user walkthrough, task 1–2): real case numbers,
one case carried across checklists, tap targets measured from the layout."""

from __future__ import annotations

import pytest

from .conftest import open_start_form, start_run

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_the_ticket_number_agents_have_is_accepted(phone, real_url):
    """2026-1129-0001 from the walkthrough starts a run; the keyboard is a text keyboard; the help
    states the rule; invisible characters get their own message; full-width input is normalised."""
    url = real_url + "procedures/intake/"
    phone.goto(url)
    open_start_form(phone)
    case = phone.locator("#pb-case")
    assert case.get_attribute("inputmode") == "text"
    help_text = phone.locator("#pb-case-help").inner_text()
    assert "2026-1129-0001" in help_text and "连字符" in help_text
    phone.fill("#pb-name", "张三")
    phone.fill("#pb-role", "受理客服")
    phone.select_option("#pb-severity", "major")
    phone.select_option("#pb-category", "product-quality")
    for bad, says in (("2026\u202e1129-0001", "方向控制字符"), ("2026-1129\u200b-0001", "不可见字符"), ("2026-11", "格式不对")):
        case.fill(bad)
        phone.click(".pb-start button[type=submit]")
        assert says in phone.locator(".pb-start .pb-error").inner_text()
        assert not phone.locator(".pb-run-head").count()
    case.fill("２０２６－１１２９－０００１")  # an input method's full-width mode
    phone.click(".pb-start button[type=submit]")
    phone.wait_for_selector(".pb-run-head")
    assert "投诉 2026-1129-0001" in phone.locator(".pb-run-head h2").inner_text()


def test_the_case_goes_with_the_agent_into_the_next_checklist(phone, real_url):
    """From intake's 下一步 link the classification checklist opens with the case number, severity
    and category filled in; its run lists the case's other checklist; the home page lists the case
    once, with both checklists."""
    start_run(phone, real_url + "procedures/intake/", case="2026-1129-0002", severity="serious", category="food-safety")
    phone.click("a.pb-proc[href*='procedures/classify/']:visible >> nth=0")
    phone.wait_for_selector(".pb-start .pb-carried")
    assert phone.input_value("#pb-case") == "2026-1129-0002"
    assert phone.input_value("#pb-category") == "food-safety"
    if phone.locator("#pb-severity").count():
        assert phone.input_value("#pb-severity") == "serious"
    assert "case=" not in phone.url  # the values went into the form, not into the address
    phone.click(".pb-start button[type=submit]")
    phone.wait_for_selector(".pb-run-head")
    others = phone.locator(".pb-case-runs li")
    assert others.count() == 1 and "投诉接收与登记" in others.inner_text()
    # Following the same link again opens this run instead of a second one.
    phone.goto(real_url + "procedures/intake/")
    phone.wait_for_selector(".pb-run-head")
    phone.click("a.pb-proc[href*='procedures/classify/']:visible >> nth=0")
    phone.wait_for_selector(".pb-run-head")
    assert "2026-1129-0002" in phone.locator(".pb-run-head h2").inner_text()
    phone.goto(real_url)
    row = phone.locator(".pb-open-cases li[data-pb-case='2026-1129-0002']")
    row.wait_for()
    assert "2 张检查单" in row.inner_text()
    assert phone.locator(".pb-open-cases li").count() == 1


def test_a_carried_case_that_breaks_the_rule_is_not_filled_in(phone, real_url):
    phone.goto(real_url + "procedures/classify/?case=2026%E2%80%AE001&severity=major")
    phone.wait_for_selector("#pb-case")
    assert phone.input_value("#pb-case") == ""
    assert "不符合编号规则" in phone.locator(".pb-notice").first.inner_text()


def test_ticks_and_step_actions_are_44_px_targets(phone, real_url):
    start_run(phone, real_url + "procedures/intake/", case="2026-1129-0003", severity="general", category="logistics")
    boxes = phone.evaluate("""() => [...document.querySelectorAll('.pb-step:not([hidden]) .pb-check, .pb-step:not([hidden]) .pb-step-run button')]
        .map(n => { const r = n.getBoundingClientRect(); return [n.className, Math.round(r.width), Math.round(r.height)]; })""")
    assert len(boxes) > 10
    small = [b for b in boxes if b[1] < 44 or b[2] < 44]
    assert not small, small
    # Nothing runs off the 375 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_home_drawer_lists_the_handbook(phone, real_url):
    """☰ on the home page opens a drawer with the handbook's sections (it opened empty: walkthrough 2.1)."""
    phone.goto(real_url)
    phone.click("label.md-header__button[for='__drawer']")
    drawer = phone.locator(".md-sidebar--primary")
    drawer.wait_for(state="visible")
    for part in ("进行中", "检查单", "文书模板", "决策工具", "演练", "培训", "统计"):
        assert drawer.get_by_text(part, exact=True).first.is_visible(), part


def test_the_desktop_home_reaches_every_part(page, real_url):
    """On a desktop the home page has the sidebar and a tile per part of the handbook, under the
    situations; each tile opens its part; the first card's bold link is registration."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(real_url)
    assert page.locator(".md-sidebar--primary").is_visible()
    tiles = page.locator(".pb-parts a.pb-part")
    names = [t.split("\n")[0] for t in tiles.all_inner_texts()]
    assert names == ["进行中", "检查单", "文书模板", "决策工具", "演练", "培训", "角色", "统计", "参考"]
    assert page.evaluate("document.querySelector('.pb-parts').getBoundingClientRect().top > document.querySelector('.pb-situations').getBoundingClientRect().bottom")
    for href in tiles.evaluate_all("els => els.map(a => a.href)"):
        assert page.request.get(href).ok, href
    primary = page.locator("#situation-injury-safety a.pb-primary")
    assert primary.inner_text() == "投诉接收与登记"


def test_the_open_run_stays_pinned_and_severity_is_one_tap(phone, real_url):
    """While a run is open, its case, progress and next deadline stay at the foot of the screen at
    any scroll position, without covering the last step; the severity changes there in one tap."""
    start_run(phone, real_url + "procedures/intake/", case="2026-1129-0004", severity="general", category="logistics")
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    bar = phone.locator(".pb-runbar")
    box = bar.bounding_box()
    assert box and box["y"] + box["height"] <= 812 + 1 and box["y"] > 700
    assert bar.inner_text().startswith("2026-1129-0004 · 0/")
    assert "截止" in bar.inner_text()
    footer = phone.locator(".md-footer").bounding_box()
    assert footer["y"] + footer["height"] <= box["y"] + 1  # the page ends above the bar
    # An element scrolled into view (focus, Tab, a click) stops above the bar, not under it.
    hidden = phone.evaluate("""() => { const bar = document.querySelector('.pb-runbar').getBoundingClientRect();
        return [...document.querySelectorAll('.pb-step:not([hidden]) .pb-step-run button')].filter(b => {
            window.scrollTo(0, 0); b.scrollIntoView({block: 'nearest'}); return b.getBoundingClientRect().bottom > bar.top + 1; }).length; }""")
    assert hidden == 0
    phone.select_option(".pb-runbar select", "major")
    phone.wait_for_function("document.querySelector('.pb-run-head h2').textContent.includes('重大')")
    assert phone.evaluate("""() => pb.events.foldRun(pb.events.listNow(pb.events.tab.get('active:intake'))).severity""") == "major"


def test_the_start_button_comes_first_and_the_keywords_after_the_checklist(phone, real_url):
    """Walkthrough 1.4: the start button is the first thing to tap in the page's content, on the
    first screen; the keyword chips come after the last step, not before the start button."""
    phone.goto(real_url + "procedures/intake/")
    phone.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    first = phone.evaluate("""() => [...document.querySelectorAll('.md-content__inner :is(a[href], button, input, select, textarea, summary)')]
        .filter(n => n.checkVisibility({opacityProperty: true, visibilityProperty: true}))
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0].className""")
    assert "pb-start-open" in first
    start = phone.locator("button.pb-start-open").bounding_box()
    assert start["y"] + start["height"] <= 812
    chips = phone.locator(".md-tags").bounding_box()
    last_step = phone.locator(".pb-step").last.bounding_box()
    assert chips["y"] >= last_step["y"] + last_step["height"]
    assert start["y"] + start["height"] <= chips["y"]


def focused(page) -> str:
    """The focused element as tag#id.class (text), for readable assertion messages."""
    return page.evaluate("""() => { const a = document.activeElement;
        return a.tagName.toLowerCase() + '#' + a.id + '.' + a.className + ' (' + a.textContent.trim().slice(0, 20) + ')'; }""")


def test_note_and_skip_forms_close_on_save_and_say_so(phone, real_url):
    """Walkthrough 1.6: 保存 closes the form, a confirmation beside the step is announced (an
    aria-live region that was there before the save), the saved text shows on the step, and focus
    is back on the step's 备注 button; opening a form puts the cursor in its text field."""
    start_run(phone, real_url + "procedures/intake/", case="2026-1129-0005", severity="general", category="logistics")
    for n, kind, text in ((1, "备注", "顾客下午三点后方便接电话"), (2, "跳过", "顾客未提供任何材料")):
        step = phone.locator(".pb-step:not([hidden])").nth(n)
        sid = step.get_attribute("data-pb-step")
        live = step.locator("[role=status]")
        assert live.count() == 1 and live.inner_text() == ""
        phone.evaluate("id => { window.__live = document.querySelector('#step-' + id + ' [role=status]'); }", sid)
        step.locator(".pb-step-run button", has_text=kind).click()
        assert focused(phone).startswith("textarea#pb-inline-" + sid)
        phone.keyboard.type(text)
        step.locator(".pb-inline button[type=submit]").click()
        phone.wait_for_function("() => window.__live.textContent.includes('已保存')")
        assert not step.locator(".pb-inline").count()
        assert phone.evaluate("() => window.__live.isConnected && window.__live.checkVisibility()")
        assert live.get_attribute("role") == "status" or live.get_attribute("aria-live") == "polite"
        assert text in step.inner_text()  # the note, or the skip reason in the step's stamp
        assert focused(phone) == "button#.md-button pb-btn pb-small (%s)" % ("编辑备注" if kind == "备注" else "备注")
        assert phone.evaluate("id => document.activeElement.closest('.pb-step').id === 'step-' + id", sid)
    # One confirmation at a time: the next change clears the last.
    assert [t for t in phone.locator(".pb-said").all_inner_texts() if t] == ["已保存"]
    # 取消 closes the form without a word and gives focus back to the step too.
    step = phone.locator(".pb-step:not([hidden])").first
    step.locator(".pb-step-run button", has_text="备注").click()
    step.locator(".pb-inline button", has_text="取消").click()
    assert not step.locator(".pb-inline").count()
    assert phone.evaluate("() => document.activeElement.closest('.pb-step-run') !== null")


def test_each_form_opens_with_the_cursor_where_the_user_types(phone, real_url):
    """Walkthrough 1.7: after 开始记录 focus is on the first step's tick, not <body>; a new start
    form (切换或新建记录) focuses the case number; opening 案件信息与结果 focuses its first field, with
    the forms module already loaded or loaded by the opening."""
    start_run(phone, real_url + "procedures/intake/", case="2026-1129-0006", severity="general", category="logistics")
    assert phone.evaluate("() => document.activeElement === document.querySelector('.pb-step:not([hidden]) .pb-check')"), focused(phone)
    phone.click(".pb-outcome summary")
    phone.wait_for_function("() => document.activeElement.id === 'pb-out-severity'")
    phone.reload()  # the run stays open in this tab; the forms module is not loaded yet
    phone.click(".pb-outcome summary")
    phone.wait_for_function("() => document.activeElement.id === 'pb-out-severity'")
    phone.click("button:has-text('切换或新建记录')")
    phone.wait_for_function("() => document.activeElement.id === 'pb-case'")
