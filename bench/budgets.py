"""Budgets (issue: hardening), each measured side by side in one run and printed as ratios.

    python bench/budgets.py            # all four
    python bench/budgets.py build      # only some: build, scaling, weight, load

Exits 1 when the page weight is over its budget (a size does not depend on machine load).

1. build time: full build vs plain mkdocs-material building the same rendered pages and metadata
   (no macros), with the playbook cache warm (serve, repeated builds) and cold (first build)
2. build time per page with 10x generated procedures vs the real playbook (linear → about 1)
3. own JS + CSS a page loads, gzipped (max over pages, and by page type)
4. procedure page ready time with vs without our JS (Chromium, loopback)

Each verdict is a ratio of medians; best-time ratios, CPU time and main-thread time are printed
beside it because a 2-core shared machine moves single runs by ±10 %.
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros.loader import load  # noqa: E402
from macros.pages import expand_nav  # noqa: E402
from tools.browser import launch  # noqa: E402
from tools.localserver import free_port  # noqa: E402
# As on a default Python set-up: a machine that disables bytecode files (PYTHONDONTWRITEBYTECODE)
# would make every build recompile our modules, a cost no ordinary checkout pays twice.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}


CONFIGS: list[Path] = []
RUNS = 7  # builds of each kind in the overhead budget


def config(name: str, text: str) -> Path:
    """A temporary config beside mkdocs.yml, so its relative paths (macros, overrides) resolve."""
    path = ROOT / f".bench-{name}.yml"
    path.write_text(text, encoding="utf-8")
    CONFIGS.append(path)
    return path


def timed_build(config: Path, site: Path, env: dict | None = None) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one build. CPU time is the steadier figure on a shared machine:
    waiting for a core another process holds does not count."""
    began, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=config.parent, env={**ENV, **(env or {})}, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - began, (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime)


def alternate(runs: int, *builds) -> list[tuple[list[float], list[float]]]:
    """(wall times, CPU times) of each build, run in alternation so machine noise hits all alike."""
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in builds]
    for _ in range(runs):
        for i, b in enumerate(builds):
            wall, cpu = b()
            times[i][0].append(wall)
            times[i][1].append(cpu)
    return times


def ratio(a: list[float], b: list[float]) -> str:
    """Median ratio (the verdict) and best-time ratio (noise on a shared machine only adds time)."""
    return f"{statistics.median(a) / statistics.median(b):.2f}× (best times {min(a) / min(b):.2f}×)"


def plain_config(tmp: Path, bare: bool = False) -> Path:
    """A config for plain mkdocs-material building the same rendered pages and metadata (no
    macros), from a dump of a full build. bare: without our theme overrides, JS and CSS either
    (the page as Material alone serves it, for bench/phone.py)."""
    dump = tmp / "rendered"
    # The hooks list replaces the inherited one: keep the generator of the element pages, or the dump lacks them.
    dump_cfg = config("dump", "INHERIT: mkdocs.yml\nhooks: [macros/pages.py, bench/dump_hook.py]\n")
    timed_build(dump_cfg, tmp / "s0", {"PB_DUMP_DIR": str(dump)})
    shutil.copytree(ROOT / "docs" / "assets", dump / "assets", dirs_exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"!ENV \[\w+, ('[^']*'|\"[^\"]*\")\]", r"\1", re.sub(r"!!python/\S+ \{[^}]*\}", "null", text))  # the defaults
    base = yaml.safe_load(text)
    plain = {k: v for k, v in base.items() if k not in ("plugins", "markdown_extensions", "hooks")}
    # The dump holds the generated element pages too; plain Material gets the nav they were built with.
    plain["nav"] = expand_nav(base["nav"], load(ROOT / "playbook"))
    plain.update(docs_dir=str(dump), theme={**base["theme"], "custom_dir": str(ROOT / "overrides")},
                 plugins=[p for p in base["plugins"] if not (isinstance(p, dict) and "macros" in p)],
                 extra=yaml.safe_load((tmp / "extra.yml").read_text(encoding="utf-8")))
    if bare:
        plain = {k: v for k, v in plain.items() if k not in ("extra_javascript", "extra_css")}
        plain["theme"] = {k: v for k, v in plain["theme"].items() if k != "custom_dir"}
    extensions = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("# ---- Extensions ----")[1].split("# Strict")[0]
    return config("bare" if bare else "plain", yaml.safe_dump(plain, allow_unicode=True) + extensions)


def build_overhead(tmp: Path) -> float:
    full_cfg = ROOT / "mkdocs.yml"
    plain_cfg = plain_config(tmp)
    # Warm: the playbook cache (macros/cache.py) is filled, as in mkdocs serve and repeated builds.
    # Cold: cache off, as in a first build on a clean checkout.
    (full, full_cpu), (cold, cold_cpu), (bare, bare_cpu) = alternate(
        RUNS,
        lambda: timed_build(full_cfg, tmp / "s1"),
        lambda: timed_build(full_cfg, tmp / "s3", {"PLAYBOOK_CACHE_DIR": ""}),
        lambda: timed_build(plain_cfg, tmp / "s2"),
    )
    med = statistics.median
    print(f"1. build (medians of {RUNS}): plain material on the same rendered pages {med(bare):.1f} s; full build "
          f"{med(full):.1f} s → {ratio(full, bare)} (budget ≤ 1.15×), CPU time {med(full_cpu) / med(bare_cpu):.2f}×; "
          f"cold, without the playbook cache, {med(cold):.1f} s → {ratio(cold, bare)}, CPU time {med(cold_cpu) / med(bare_cpu):.2f}×")
    return med(full) / med(bare)


def scaling(tmp: Path, factor: int = 10) -> float:
    """Per-page build time with the procedures multiplied, relative to the real playbook."""
    pb_dir = tmp / "playbook10"
    shutil.copytree(ROOT / "playbook", pb_dir)
    for src in sorted((ROOT / "playbook" / "procedures").glob("*.yml")):
        for k in range(1, factor):
            pid = f"{src.stem}-c{k}"
            text = re.sub(r"^id: .*$", f"id: {pid}", src.read_text(encoding="utf-8"), count=1, flags=re.M)
            text = re.sub(r"^  next: \[.*\]\n", "", text, flags=re.M)
            (pb_dir / "procedures" / f"{pid}.yml").write_text(text, encoding="utf-8")
    # Pages and nav entries of the copies are generated from the playbook (macros/pages.py).
    (w1, _), (w10, _) = alternate(2, lambda: timed_build(ROOT / "mkdocs.yml", tmp / "o1"),
                                   lambda: timed_build(ROOT / "mkdocs.yml", tmp / "o10", {"PLAYBOOK_DIR": str(pb_dir)}))
    t1, t10 = statistics.median(w1), statistics.median(w10)
    p1, p10 = (len(list((tmp / d).rglob("index.html"))) for d in ("o1", "o10"))
    ratio = (t10 / p10) / (t1 / p1)
    print(f"2. scaling: {p1} pages {t1:.1f} s, {p10} pages {t10:.1f} s → time per page ratio {ratio:.2f} (linear ≈ 1, budget ≤ 1.15)")
    return ratio


WEIGHT_BUDGET = 20 * 1024  # own JS + CSS per page, gzipped (issue 14)
# What a built page references of ours: scripts under assets/javascripts (not Material's bundle,
# search worker or lunr languages) and our stylesheet. Vendored libraries are not ours.
OWN = re.compile(r'(?:src|href)="([^"]*assets/(?:javascripts/(?!bundle|workers|lunr)[^"]+\.js|stylesheets/(?!main\.|palette\.)[^"]+\.css))"')


def own_assets(site: Path, page: Path) -> set[Path]:
    """Our files a built page loads at load time: every reference in its HTML. Modules a page loads
    later (pb.script: forms, imports, exports, migration, the search splitter on first focus) are
    not part of the load; tests/browser/test_budget.py checks a real load requests nothing else."""
    out = set()
    for ref in OWN.findall(page.read_text(encoding="utf-8")):
        f = (page.parent / ref).resolve()
        if "vendor" not in ref and f.is_file():
            out.add(f)
    return out


def page_weights(site: Path) -> dict[Path, int]:
    """Gzipped bytes (level 9, as built: after macros/minify.py) of our JS + CSS per built page."""
    sizes: dict[Path, int] = {}
    out = {}
    for page in site.rglob("index.html"):
        for f in own_assets(site, page):
            sizes.setdefault(f, len(gzip.compress(f.read_bytes(), 9)))
        out[page] = sum(sizes[f] for f in own_assets(site, page))
    return out


def page_weight(site: Path) -> int:
    worst: dict[str, int] = {}
    weights = page_weights(site)
    for page, total in weights.items():
        kind = page.relative_to(site).parts[0] if len(page.relative_to(site).parts) > 1 else "home"
        worst[kind] = max(worst.get(kind, 0), total)
    top = max(weights, key=weights.get)
    verdict = "within budget" if weights[top] <= WEIGHT_BUDGET else "OVER BUDGET"
    print(f"3. own JS + CSS per page, gzipped: max {weights[top] / 1024:.1f} KB ({top.parent.relative_to(site)}/) "
          f"→ {verdict} (≤ {WEIGHT_BUDGET / 1024:.0f} KB); by page type: "
          + ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(worst.items())))
    return weights[top]


# Records when the checklist's run panel is first shown: with our JS the page is ready for a
# user in an incident only then, even if that comes after the load event.
PANEL_WATCH = """
new MutationObserver((_, obs) => {
  const panel = document.querySelector('[data-pb-run-panel]');
  if (panel && !panel.hidden) { window.__pbPanelAt = performance.now(); obs.disconnect(); }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['hidden']});
"""
READY = "Math.max(performance.getEntriesByType('navigation')[0].loadEventEnd, window.__pbPanelAt || 0)"


def ready_time(site: Path, runs: int = 40) -> float:
    """Loads of one procedure page as built, alternating with a copy whose own scripts are cut out
    of the HTML (not blocked through request interception, which would slow every request of that
    side). The server runs in its own process, so it does not contend with Playwright for the GIL."""
    from playwright.sync_api import sync_playwright

    page_dir = site / "procedures" / "goods-disposition"
    ours = re.compile(r'<script[^>]*src="[^"]*assets/javascripts/(?!bundle|workers)[^"]+\.js"[^>]*></script>')
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    bare = page_dir.with_name("goods-disposition-nojs")
    bare.mkdir(exist_ok=True)
    (bare / "index.html").write_text(ours.sub("", html), encoding="utf-8")
    assert ours.search(html) and not ours.search((bare / "index.html").read_text(encoding="utf-8"))
    port = free_port()  # never a fixed port: other runs may be serving on this machine
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):  # until the server answers
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = launch(p)
            times: dict[bool, list[float]] = {True: [], False: []}
            busy: dict[bool, list[float]] = {True: [], False: []}  # main-thread task time, less noisy
            for i in range(runs * 2):
                with_js = i % 2 == 0
                page = browser.new_page()
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.add_init_script(PANEL_WATCH)
                page.goto(f"http://127.0.0.1:{port}/procedures/{'goods-disposition' if with_js else bare.name}/", wait_until="load")
                if with_js:
                    page.wait_for_function("window.__pbPanelAt")
                times[with_js].append(page.evaluate(READY))
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                busy[with_js].append(metrics["TaskDuration"] * 1000)
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(bare)
    w, wo = statistics.median(times[True]), statistics.median(times[False])
    print(f"4. procedure page ready (load event, and with our JS the run panel shown; medians of {runs}): "
          f"with our JS {w:.0f} ms vs without {wo:.0f} ms → {ratio(times[True], times[False])} (budget ≤ 1.1×); "
          f"main-thread busy time {statistics.median(busy[True]):.0f} vs {statistics.median(busy[False]):.0f} ms "
          f"→ {statistics.median(busy[True]) / statistics.median(busy[False]):.2f}×")
    return w / wo


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"build", "scaling", "weight", "load"}
    if unknown := wanted - {"build", "scaling", "weight", "load"}:
        print(f"unknown budget {', '.join(sorted(unknown))}; choose from build, scaling, weight, load", file=sys.stderr)
        return 2
    over: list[str] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        print("measuring (several builds; takes a few minutes) …", file=sys.stderr)
        try:
            if "build" in wanted:
                build_overhead(tmp)
            if "scaling" in wanted:
                scaling(tmp)
            if wanted & {"weight", "load"}:
                if not (tmp / "s1").is_dir():
                    timed_build(ROOT / "mkdocs.yml", tmp / "s1")
                if "weight" in wanted and page_weight(tmp / "s1") > WEIGHT_BUDGET:
                    over.append("weight")
                if "load" in wanted:
                    ready_time(tmp / "s1")
        finally:
            for path in CONFIGS:
                path.unlink(missing_ok=True)
    if over:  # the timing budgets print their ratios; a shared machine moves them, so only size fails here
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
