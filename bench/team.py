"""Team sync latency (issue: team runs): time from a tick in one browser to its appearance in
another person's browser, median of 20, on the local test server.

    python bench/team.py

pouchdb-server (in memory) behind the same-origin proxy of tools/localserver.py, the fixture site
built in team mode, two Chromium contexts signed in as two team members. Alice records a tick;
Bob's page notes when pb.events announces it. Both stamps come from the same machine clock.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros import team  # noqa: E402
from tests import couchdb as harness  # noqa: E402
from tools.browser import launch  # noqa: E402
from tools.localserver import serve  # noqa: E402

SAMPLES = 20
PASSWORD = "bench-pw"


def build(site: Path, url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_DIR": str(ROOT / "tests/fixtures/playbook"),
           "PLAYBOOK_TEAM_COUCHDB": "/couchdb/", "SITE_URL": url}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "tests/fixtures/site/mkdocs.yml"),
                    "-d", str(site)], cwd=ROOT, env=env, check=True, capture_output=True)


def sign_in(browser, url: str, name: str):
    page = browser.new_context().new_page()
    page.goto(url)
    page.fill("#pb-team-id", "bench")
    page.fill("#pb-team-name", name)
    page.fill("#pb-team-password", PASSWORD)
    page.click(".pb-team-bar button[type=submit]")
    page.wait_for_selector(".pb-team-bar[data-pb-team-phase=synced]", timeout=30000)
    return page


def measure(alice, bob) -> list[float]:
    bob.evaluate("""() => { window.arrivals = {};
        pb.events.subscribe(() => pb.events.logsNow("run:").forEach(l => pb.events.listNow(l)
            .forEach(e => { if (!(e.id in arrivals)) arrivals[e.id] = Date.now(); }))); }""")
    log = alice.evaluate("""async () => { const log = "run:" + pb.events.uuid();
        await pb.events.record(log, "start", {value: {case: "B1", procedure: "alpha", version: "1.0.0",
            start: pb.events.isoAt(Date.now(), 480)}}); return log; }""")
    bob.wait_for_function("log => pb.events.listNow(log).length === 1", arg=log, timeout=30000)
    out = []
    for i in range(SAMPLES):
        sent, event_id = alice.evaluate("""async ([log, type]) => { const t = Date.now();
            const r = await pb.events.record(log, type, {step: "record"}); return [t, r.event.id]; }""",
                                        [log, "tick" if i % 2 == 0 else "untick"])
        bob.wait_for_function("id => id in arrivals", arg=event_id, timeout=30000)
        out.append(bob.evaluate("id => arrivals[id]", event_id) - sent)
    return out


def main() -> None:
    from playwright.sync_api import sync_playwright

    couch = harness.start()
    with tempfile.TemporaryDirectory() as tmp:
        server = serve(tmp, couchdb=couch.url)
        try:
            admin = team.Couch(couch.url, *couch.admin)
            team.create(admin, "bench")
            for name in ("alice", "bob"):
                team.add_member(admin, "bench", name, PASSWORD)
            admin.close()
            build(Path(tmp), server.url)
            with sync_playwright() as p:
                browser = launch(p)
                alice, bob = sign_in(browser, server.url, "alice"), sign_in(browser, server.url, "bob")
                ms = measure(alice, bob)
                browser.close()
        finally:
            server.stop()
            couch.stop()
    print(f"team sync: tick in one browser → shown in the other: median {statistics.median(ms):.0f} ms "
          f"(min {min(ms):.0f}, max {max(ms):.0f}, n={len(ms)}; pouchdb-server in memory, loopback, same-origin proxy)")


if __name__ == "__main__":
    main()
