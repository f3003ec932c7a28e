"""Real-browser fixtures: Debian's Chromium driven by Playwright, against the fixture site.

No skips: if Chromium is missing the launch fails, and so does the test (in CI that is the point).
"""

from __future__ import annotations

import pytest

from tools.browser import ARGS, CHROMIUM, note_step, open_start_form, skip_step, start_run  # noqa: F401  (re-exported)
from tools.localserver import serve  # noqa: F401  (re-exported for tests that serve their own build)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Pages run without the offline worker (as on file://): it would precache the whole site (MBs)
    in every new context. tests/browser/test_offline_phone.py opens its own contexts with it."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture(scope="session")
def fixture_url(fixture_served):
    """Base URL of the fixture site, served on loopback at a free port equal to its site_url."""
    return fixture_served[1].url


AXE = None


def axe_script() -> str:
    """Path of axe.min.js as shipped inside the axe-playwright-python wheel (no download at run time)."""
    import axe_playwright_python

    from pathlib import Path

    return str(Path(axe_playwright_python.__file__).parent / "axe.min.js")


def serious_violations(page) -> list[str]:
    """axe-core WCAG A/AA violations of impact serious or critical on the current page, at rest: a
    colour transition still running (a button just left by the mouse, 125 ms in Material) shows axe
    a colour half-way, which failed the statistics page's check once under load 12."""
    page.wait_for_function("""() => document.getAnimations().every(a =>
        a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)""")
    page.add_script_tag(path=axe_script())
    result = page.evaluate("""async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations
        .filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
    return result


def active_run(page, procedure="alpha"):
    """The folded state of the run this tab has open on a procedure, or None."""
    return page.evaluate("""p => { const log = pb.events.tab.get('active:' + p);
        return log ? pb.events.foldRun(pb.events.listNow(log)) : null; }""", procedure)


@pytest.fixture(scope="session")
def real_url(real_served):
    """The real handbook, served on loopback at a free port equal to its site_url."""
    return real_served[1].url
