"""The one place that says how Chromium is launched and how a person works a checklist page: tests
(tests/browser/conftest.py re-exports these), benchmarks (bench/) and the documentation screenshots
(tools/docs_shots.py) share them, so a change of the page or a flag is made once."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Flags that let Chromium run as root on a machine with no network, and keep it from reaching out.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def open_start_form(page):
    """The start form is built when asked for, from its button in the run panel."""
    page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    if not page.locator("#pb-case").count():
        page.click("button.pb-start-open")
    page.wait_for_selector("#pb-case")  # the form's module loads on first use


def start_run(page, url, case="2026001", severity=None, category=None, start=None, role="客服专员"):
    """Open a procedure page and start a run through its form."""
    page.goto(url)
    page.wait_for_selector("[data-pb-run-panel]:not([hidden])")
    if page.locator(".pb-run-head").count():
        page.click("button:has-text('切换或新建记录')")
    open_start_form(page)
    if page.locator("#pb-name").count():  # asked once per browser
        page.fill("#pb-name", "张三")
        page.fill("#pb-role", role)
    page.fill("#pb-case", case)
    if start:
        page.fill("#pb-start", start)
    if severity:
        page.select_option("#pb-severity", severity)
    if category:
        page.select_option("#pb-category", category)
    page.click(".pb-start button[type=submit]")
    page.wait_for_selector(".pb-run-head")


def skip_step(page, step, reason):
    """Skip a step of the open run with its reason, through the step's form."""
    page.click(f"#step-{step} .pb-step-run button:has-text('跳过')")
    page.fill(f"#pb-inline-{step}", reason)
    page.click(f"#step-{step} .pb-inline button[type=submit]")


def note_step(page, step, text):
    """Add a note to a step of the open run, through the step's form."""
    page.click(f"#step-{step} .pb-step-run button:has-text('备注')")
    page.fill(f"#pb-inline-{step}", text)
    page.click(f"#step-{step} .pb-inline button[type=submit]")
