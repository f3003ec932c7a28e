"""Real-browser fixtures: Debian's Chromium driven by Playwright, against the fixture site.

No skips: if Chromium is missing the launch fails, and so does the test (in CI that is the point).
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

CHROMIUM = "/usr/bin/chromium"
# Flags that let Chromium run as root on a machine with no network.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIXTURE_PORT = 8765  # must equal site_url in tests/fixtures/site/mkdocs.yml for instant navigation


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory, port: int):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    """Base URL of the fixture site served on loopback."""
    server = serve(fixture_site, FIXTURE_PORT)
    yield f"http://127.0.0.1:{FIXTURE_PORT}/"
    server.shutdown()
