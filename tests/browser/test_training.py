"""Training paths in a real browser: modules, quiz marking, review of missed questions, two tabs,
and migration of today's stored progress."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from .conftest import serious_violations

pytestmark = pytest.mark.browser


def open_path(page, url, tid, who=("新员工", "受理客服")):
    page.goto(url + f"training/{tid}/")
    page.wait_for_selector("[data-pb-training-progress][data-pb-done]")
    if who:
        page.evaluate("w => pb.events.setIdentity({name: w[0], role: w[1]})", list(who))


def answer(page, q, choice):
    page.check(f"[data-pb-question='{q['id']}'] input[value='{choice}']")


def submit(page):
    page.click("[data-pb-quiz] button[type=submit]")
    page.wait_for_selector("[data-pb-score][data-pb-result]")


def test_every_path_has_eight_questions(page, real_url, pb):
    """Each training page asks at least 8 questions."""
    for tid in pb.training:
        open_path(page, real_url, tid)
        assert page.locator("[data-pb-question]").count() >= 8, tid


def test_answers_marked_with_icon_and_words(page, real_url, pb):
    """Each answer is marked right or wrong with an icon and words, the right option is named, and
    answers and score come back after a reload (review 4.1, Z1, Z3)."""
    t = pb.training["case-handling"]
    open_path(page, real_url, "case-handling")
    for i, q in enumerate(t["quiz"]):
        answer(page, q, q["answer"] if i % 2 == 0 else (q["answer"] + 1) % len(q["choices"]))
    submit(page)
    right = len(range(0, len(t["quiz"]), 2))
    for _ in range(2):
        assert f"{right}/{len(t['quiz'])}" == page.get_attribute("[data-pb-score]", "data-pb-result")
        good, bad = t["quiz"][0], t["quiz"][1]
        good_set = page.locator(f"[data-pb-question='{good['id']}']")
        bad_set = page.locator(f"[data-pb-question='{bad['id']}']")
        assert "✓ 正确" in good_set.locator("[data-pb-feedback]").inner_text()
        assert "✗ 错误" in bad_set.locator("[data-pb-feedback]").inner_text()
        assert bad["choices"][bad["answer"]] in bad_set.locator(".pb-correct").inner_text()
        assert "正确答案" in bad_set.locator(".pb-correct").inner_text()
        assert "你的选择" in bad_set.locator(".pb-chosen").inner_text()
        assert bad["explanation"] in bad_set.locator("[data-pb-feedback]").inner_text()
        href = bad_set.locator("[data-pb-feedback] a").get_attribute("href")
        assert href.rstrip("/").endswith(f"procedures/{bad['procedure']}")
        assert bad_set.locator(f"input[value='{(bad['answer'] + 1) % len(bad['choices'])}']").is_checked()
        page.reload()
        page.wait_for_selector("[data-pb-score][data-pb-result]")


def test_review_after_a_day_and_a_week(page, real_url, pb):
    """A missed question is asked again after a day and after a week, then no more."""
    t = pb.training["frontline"]
    q0 = t["quiz"][0]
    page.clock.install(time=dt.datetime(2026, 11, 2, 10, 0))
    open_path(page, real_url, "frontline")
    for i, q in enumerate(t["quiz"]):
        answer(page, q, q["answer"] if i else (q["answer"] + 1) % len(q["choices"]))
    submit(page)
    assert "0" == page.get_attribute("[data-pb-review]", "data-pb-due")

    def review_at(day, right):
        page.clock.set_system_time(dt.datetime(2026, 11, day, 10, 5))
        open_path(page, real_url, "frontline")
        page.wait_for_selector("[data-pb-review][data-pb-due='1']")
        page.click("[data-pb-review] button:has-text('开始复习')")
        assert 1 == page.locator("[data-pb-question]:visible").count()
        answer(page, q0, q0["answer"] if right else (q0["answer"] + 1) % len(q0["choices"]))
        submit(page)
        return page.get_attribute("[data-pb-score]", "data-pb-result")

    assert "1/1" == review_at(3, True)
    page.clock.set_system_time(dt.datetime(2026, 11, 5, 10, 0))
    open_path(page, real_url, "frontline")
    assert "0" == page.get_attribute("[data-pb-review]", "data-pb-due")
    assert "1/1" == review_at(9, True)
    page.clock.set_system_time(dt.datetime(2026, 12, 30, 10, 0))
    open_path(page, real_url, "frontline")
    assert "0" == page.get_attribute("[data-pb-review]", "data-pb-due")


def test_two_tabs_keep_both_modules(page, real_url, context):
    """Module 1 ticked in one tab and module 2 in another are both kept (review 1.12)."""
    open_path(page, real_url, "frontline")
    other = context.new_page()
    open_path(other, real_url, "frontline")
    page.check("#pb-mod-principles")
    other.check("#pb-mod-intake-practice")
    page.wait_for_function("() => document.querySelector('[data-pb-training-progress]').dataset.pbDone === '2/4'")
    page.reload()
    page.wait_for_selector("[data-pb-training-progress][data-pb-done='2/4']")
    assert page.is_checked("#pb-mod-principles") and page.is_checked("#pb-mod-intake-practice")
    other.close()


def test_saved_progress_of_todays_format_is_migrated(page, real_url, pb):
    """Progress saved by today's main (pb:training:<id>) shows on first load; a broken one
    ({"modules": null}) is reported and the page still works (review 2.11)."""
    t = pb.training["frontline"]
    answers = {q["id"]: q["answer"] for q in t["quiz"][:2]}
    old = {"modules": {"principles": "2026-11-20T02:00:00.000Z"}, "answers": answers, "submitted": "2026-11-20T03:00:00.000Z", "score": "2/8"}
    page.goto(real_url)
    page.evaluate("v => { localStorage.setItem('pb:training:frontline', v); localStorage.setItem('pb:training:leadership', '{\"modules\":null}'); }",
                  json.dumps(old))
    open_path(page, real_url, "frontline")
    page.wait_for_selector("[data-pb-training-progress][data-pb-done='1/4']")
    assert page.is_checked("#pb-mod-principles")
    assert page.is_checked(f"[data-pb-question='{t['quiz'][0]['id']}'] input[value='{t['quiz'][0]['answer']}']")
    assert f"2/{len(t['quiz'])}" == page.get_attribute("[data-pb-score]", "data-pb-result")
    open_path(page, real_url, "leadership")
    assert "modules" in page.inner_text(".pb-notice")
    page.check("#pb-mod-lead")
    page.wait_for_selector("[data-pb-training-progress][data-pb-done='1/5']")


def test_practice_links_use_the_practice_range(page, real_url, pb):
    """Practice links open the checklist with a practice case number, which statistics never count."""
    example = pb.organisation["case_number"]["practice"]["examples"][0]
    open_path(page, real_url, "frontline")
    hrefs = page.eval_on_selector_all("[data-pb-practice]", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.endswith(f"?case={example}") for h in hrefs)


def test_axe_training_page(page, real_url):
    """No serious or critical WCAG A/AA violation on a training page with the quiz marked."""
    open_path(page, real_url, "frontline")
    submit(page)
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement.blur()")
    assert [] == serious_violations(page)


def test_asks_who_once(page, real_url):
    """Without a name and role the first tick asks for them once, then is recorded with them."""
    open_path(page, real_url, "frontline", who=None)
    page.check("#pb-mod-principles")
    page.fill("#pb-identity-name", "周培训")
    page.fill("#pb-identity-role", "培训专员")
    page.click("[data-pb-identity] button[type=submit]")
    page.wait_for_selector("[data-pb-training-progress][data-pb-done='1/4']")
    actor = page.evaluate("() => pb.events.list('quiz:frontline').then(es => es[es.length - 1].actor)")
    assert {"name": "周培训", "role": "培训专员"} == actor
    assert 0 == page.locator("[data-pb-identity]").count()
