"""Speed on a phone (issue 16): a checklist page under a mid-range phone profile, side by side in one run.

    python bench/phone.py [runs]

Profile (Chrome DevTools Protocol): CPU slowed 4× (Emulation.setCPUThrottlingRate) and slow 4G
(Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up). Both sites are
served gzip-compressed, as static hosts serve them (tools/localserver.py): uncompressed, the slow
network would mostly measure bytes no deployment sends.

1. first visit (empty cache): the handbook's checklist page vs the same page built by plain
   mkdocs-material (the same rendered Markdown, none of our overrides, JS or CSS; bench/budgets.py
   plain_config). Goal ≤ 1.1×.
2. repeat visit (second page load in the same browser profile): with the offline worker vs without
   it (workers blocked; the browser's HTTP cache only). Goal ≤ 0.5×. Measured (2a) from a host that
   makes the browser revalidate its copies (Cache-Control: max-age=0, must-revalidate: Netlify,
   Cloudflare Pages and Vercel send it, and GitHub Pages' max-age=600 amounts to it ten minutes
   later), which is the agent coming back to the handbook during a later complaint; and, for
   comparison (2b), seconds after the first visit from a host that sends only Last-Modified, when
   the HTTP cache still holds fresh copies and answers every request itself: then both visits are
   bound by the phone's CPU and a worker cannot halve them. Also printed: how many requests of each
   reached the network (a 304 counts: it costs the round trip).

Ready = the load event, and on the handbook's page the run panel shown (bench/budgets.py READY).
Times on a shared machine are noisy: the ratios and a verdict are printed, and the exit status is 1
only for what does not depend on load: a page that fails to load, or a repeat visit with the
worker that is not served by it.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("budgets", ROOT / "bench" / "budgets.py")
budgets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(budgets)

sys.path.insert(0, str(ROOT))
from tools.browser import launch  # noqa: E402

PAGE = "procedures/goods-disposition/"
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU = 4
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


# What Netlify, Cloudflare Pages and Vercel send with every file, and what GitHub Pages' max-age=600
# amounts to when the agent comes back after ten minutes: the browser must ask again before using
# its copy (a 304 costs a round trip like a download does).
REVALIDATE = "max-age=0, must-revalidate"


def start_server(site: Path, cache_control: str = "") -> tuple[subprocess.Popen, str]:
    """The site gzip-compressed, as a static host serves it (tools/localserver.py), in its own process
    (no GIL contention with Playwright) on a free port; cache_control: the Cache-Control it sends."""
    port = budgets.free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "tools" / "localserver.py"), str(site), str(port)]
                            + ([cache_control] if cache_control else []),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(50):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, url


def visit(context, url: str, ours: bool) -> tuple[float, bool, int]:
    """One page load under the phone profile: (ready ms, served by a service worker, requests that
    reached the network: neither the HTTP cache nor a worker answered them)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU})
    cached: set[str] = set()
    answered: list[dict] = []
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.responseReceived", lambda e: answered.append(e))
    page.add_init_script(budgets.PANEL_WATCH)
    response = page.goto(url + PAGE, wait_until="load", timeout=120_000)
    if not response or not response.ok:
        raise SystemExit(f"{url + PAGE}: {response.status if response else 'no response'}")
    if ours:
        page.wait_for_function("window.__pbPanelAt", timeout=120_000)
    ready = page.evaluate(budgets.READY)
    by_worker = page.evaluate("performance.getEntriesByType('navigation')[0].workerStart > 0")
    network = sum(1 for e in answered if e["requestId"] not in cached
                  and not e["response"].get("fromDiskCache") and not e["response"].get("fromServiceWorker"))
    page.close()
    return ready, by_worker, network


def warm(context, url: str, worker: bool) -> None:
    """The first visit, at full speed: with the worker, until it controls the page (site precached)."""
    page = context.new_page()
    page.goto(url + PAGE, wait_until="load")
    if worker:
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
    page.wait_for_load_state("networkidle")
    page.close()


REPEATS = (("with", "revalidating", True), ("without", "revalidating", False),
           ("with, fresh", "fresh", True), ("without, fresh", "fresh", False))


def measure(urls: dict[str, str], runs: int) -> dict:
    """Medians' raw material: first visits of ours and plain, and repeat visits of ours with and
    without the worker, from a host that revalidates and from one whose copies are still fresh."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {k: [] for k in ["first", "plain"] + [r[0] for r in REPEATS]}
    network: dict[str, list[int]] = {r[0]: [] for r in REPEATS}
    failures: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        for _ in range(runs):  # alternated, so machine noise hits every kind alike
            for kind, url, ours in (("first", urls["fresh"], True), ("plain", urls["plain"], False)):
                context = browser.new_context(service_workers="block", **PHONE)
                times[kind].append(visit(context, url, ours)[0])
                context.close()
            for kind, host, allow in REPEATS:
                context = browser.new_context(service_workers="allow" if allow else "block", **PHONE)
                warm(context, urls[host], allow)
                ready, by_worker, requests = visit(context, urls[host], True)
                network[kind].append(requests)
                if by_worker != allow:
                    failures.append(f"repeat visit {kind}: served by a worker = {by_worker}")
                times[kind].append(ready)
                context.close()
        browser.close()
    return {"times": times, "network": network, "failures": failures}


def report(result: dict, runs: int) -> None:
    times, network = result["times"], result["network"]
    med = {k: statistics.median(v) for k, v in times.items()}
    first = med["first"] / med["plain"]
    print(f"phone profile: CPU {CPU}× slower, {SLOW_4G['latency']} ms RTT, 1.6 Mbit/s down, 750 kbit/s up; "
          f"served gzip-compressed; {PAGE}, medians of {runs}")
    print(f"1. first visit: handbook {med['first']:.0f} ms vs plain Material {med['plain']:.0f} ms → "
          f"{budgets.ratio(times['first'], times['plain'])}, goal ≤ 1.1× → {'met' if first <= 1.1 else 'NOT MET'}")
    for label, suffix, goal in (("a host that revalidates (Cache-Control: " + REVALIDATE + ")", "", True),
                                ("copies still fresh in the HTTP cache (Last-Modified only, seconds after the first visit)",
                                 ", fresh", False)):
        w, wo = "with" + suffix, "without" + suffix
        ratio = med[w] / med[wo]
        verdict = f", goal ≤ 0.5× → {'met' if ratio <= 0.5 else 'NOT MET'}" if goal else " (for comparison)"
        print(f"2{'a' if goal else 'b'}. repeat visit, {label}: with the worker {med[w]:.0f} ms vs without "
              f"{med[wo]:.0f} ms → {budgets.ratio(times[w], times[wo])}{verdict}; requests that reached the "
              f"network (median): {statistics.median(network[w]):.0f} with, {statistics.median(network[wo]):.0f} without")


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        print("building the handbook and plain Material (a few minutes) …", file=sys.stderr)
        ours_site, plain_site = tmp / "ours", tmp / "plain"
        ours_site.mkdir(), plain_site.mkdir()
        # One build of ours behind two hosts: the worker's scope is the origin, so each has its own.
        servers = {"fresh": start_server(ours_site), "revalidating": start_server(ours_site, REVALIDATE),
                   "plain": start_server(plain_site)}
        urls = {k: url for k, (_, url) in servers.items()}
        try:
            budgets.timed_build(ROOT / "mkdocs.yml", ours_site, {"SITE_URL": urls["fresh"]})
            budgets.timed_build(budgets.plain_config(tmp, bare=True), plain_site)
            result = measure(urls, runs)
        finally:
            for path in budgets.CONFIGS:
                path.unlink(missing_ok=True)
            for srv, _ in servers.values():
                srv.terminate()
                srv.wait()
    report(result, runs)
    for failure in result["failures"]:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
