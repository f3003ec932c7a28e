"""The one place that says how Chromium is launched: tests (tests/browser/conftest.py), benchmarks
(bench/) and the documentation screenshots (tools/docs_shots.py) all use Debian's Chromium with
these flags, so a flag added for one of them cannot be missing from the others."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Flags that let Chromium run as root on a machine with no network, and keep it from reaching out.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
