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
   it (workers blocked; the browser's HTTP cache only). Goal ≤ 0.5×. Also printed: how many requests
   of each reached the network. When the HTTP cache answers every request (fresh, as here right after
   the first visit), both visits are bound by the CPU and a worker cannot halve them: what it adds
   is the page with no network at all (tests/browser/test_offline_phone.py).

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


def start_server(site: Path) -> tuple[subprocess.Popen, str]:
    """The site gzip-compressed, as a static host serves it (tools/localserver.py), in its own process
    (no GIL contention with Playwright) on a free port."""
    port = budgets.free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "tools" / "localserver.py"), str(site), str(port)],
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


def measure(ours_url: str, plain_url: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"first": [], "plain": [], "with": [], "without": []}
    network: dict[str, list[int]] = {"with": [], "without": []}
    failures: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        for _ in range(runs):  # alternated, so machine noise hits every kind alike
            for kind, url, ours in (("first", ours_url, True), ("plain", plain_url, False)):
                context = browser.new_context(service_workers="block", **PHONE)
                times[kind].append(visit(context, url, ours)[0])
                context.close()
            for kind, allow in (("with", True), ("without", False)):
                context = browser.new_context(service_workers="allow" if allow else "block", **PHONE)
                warm(context, ours_url, allow)
                ready, by_worker, requests = visit(context, ours_url, True)
                network[kind].append(requests)
                if by_worker != allow:
                    failures.append(f"repeat visit {kind} the worker: served by a worker = {by_worker}")
                times[kind].append(ready)
                context.close()
        browser.close()
    times["failures"] = failures
    times["network"] = network
    return times


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        print("building the handbook and plain Material (a few minutes) …", file=sys.stderr)
        ours_site, plain_site = tmp / "ours", tmp / "plain"
        ours_site.mkdir(), plain_site.mkdir()
        ours_srv, ours_url = start_server(ours_site)
        plain_srv, plain_url = start_server(plain_site)
        try:
            budgets.timed_build(ROOT / "mkdocs.yml", ours_site, {"SITE_URL": ours_url})
            budgets.timed_build(budgets.plain_config(tmp, bare=True), plain_site)
            times = measure(ours_url, plain_url, runs)
        finally:
            for path in budgets.CONFIGS:
                path.unlink(missing_ok=True)
            for srv in (ours_srv, plain_srv):
                srv.terminate()
                srv.wait()
    med = {k: statistics.median(v) for k, v in times.items() if k not in ("failures", "network")}
    first, repeat = med["first"] / med["plain"], med["with"] / med["without"]
    print(f"phone profile: CPU {CPU}× slower, {SLOW_4G['latency']} ms RTT, 1.6 Mbit/s down, 750 kbit/s up; "
          f"served gzip-compressed; {PAGE}, medians of {runs}")
    print(f"1. first visit: handbook {med['first']:.0f} ms vs plain Material {med['plain']:.0f} ms → "
          f"{budgets.ratio(times['first'], times['plain'])}, goal ≤ 1.1× → "
          f"{'met' if first <= 1.1 else 'NOT MET'}")
    print(f"2. repeat visit: with the worker {med['with']:.0f} ms vs without {med['without']:.0f} ms → "
          f"{budgets.ratio(times['with'], times['without'])}, goal ≤ 0.5× → "
          f"{'met' if repeat <= 0.5 else 'NOT MET'}; requests that reached the network (median): "
          f"{statistics.median(times['network']['with']):.0f} with the worker, "
          f"{statistics.median(times['network']['without']):.0f} without")
    if not statistics.median(times["network"]["without"]):
        print("   without the worker the browser's HTTP cache answered every request: both repeat visits are "
              "bound by the phone's CPU (parse, style, layout, scripts), which a worker does not shorten")
    for failure in times["failures"]:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if times["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
