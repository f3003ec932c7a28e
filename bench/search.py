"""Search benchmark: recall@3 of the real site search in Chromium, with and without jieba.

A query is a hit when one of the first three result pages declares (in its playbook-sections
meta) one of the sections the query expects. Both sites are built and measured in one run, so
the two figures are comparable; absolute timings are not reported.

    python bench/search.py [QUERIES.yml]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.localserver import serve  # noqa: E402
DEFAULT_QUERIES = ROOT.parent / "shared" / "bench" / "search-queries.yml"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(dest: Path, origin: str, *, jieba: bool) -> None:
    """Build the site for `origin` (its site_url), where it is served, so it behaves as deployed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": origin}
    if not jieba:
        env["PYTHONPATH"] = str(ROOT / "bench" / "nojieba") + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(dest)], cwd=ROOT, env=env, check=True)


def sections_of(site: Path, href: str) -> set[str]:
    path = urlsplit(href).path.lstrip("/")
    page = site / path / "index.html" if not path.endswith(".html") else site / path
    if not page.is_file():
        return set()
    m = re.search(r'<meta name="playbook-sections" content="([^"]*)">', page.read_text(encoding="utf-8"))
    return set(m.group(1).split()) if m else set()


def top_pages(page, origin: str, query: str) -> list[str]:
    """The first three distinct result pages for a query typed into the site's search box."""
    page.goto(origin)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta'); return m && !/正在|Initializing|Type to start/.test(m.textContent); }",
            timeout=8000)
    except Exception:
        pass
    page.wait_for_timeout(150)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    out: list[str] = []
    for h in hrefs:
        base = h.split("#")[0].split("?")[0]
        if base not in out:
            out.append(base)
    return out[:3]


def measure(site: Path, origin: str, queries: list[dict], browser, *, split: bool = True) -> tuple[float, list[str]]:
    misses = []
    page = browser.new_page()
    if not split:  # our search-segment.js then passes queries through unchanged
        page.add_init_script("delete Intl.Segmenter")
    hits = 0
    for i, q in enumerate(queries, 1):
        pages = top_pages(page, origin, q["q"])
        ok = any(sections_of(site, h) & set(q["sections"]) for h in pages)
        hits += ok
        if not ok:
            misses.append(f"{q['q']} → {[urlsplit(h).path for h in pages]}")
        print(f"\r  {i}/{len(queries)} queries", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    page.close()
    return hits / len(queries), misses


def main() -> int:
    qfile = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUERIES
    queries = yaml.safe_load(qfile.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        sites = {"jieba": Path(tmp) / "jieba", "baseline (no jieba)": Path(tmp) / "plain"}
        servers = {name: serve(site) for name, site in sites.items()}  # free ports, bound before building
        print("building both sites …", file=sys.stderr)
        build(sites["jieba"], servers["jieba"].url, jieba=True)
        build(sites["baseline (no jieba)"], servers["baseline (no jieba)"].url, jieba=False)
        runs = {
            "jieba + query split": ("jieba", True),
            "jieba only": ("jieba", False),
            "baseline (no jieba)": ("baseline (no jieba)", False),
        }
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, (which, split) in runs.items():
                print(f"measuring {name} …", file=sys.stderr)
                results[name] = measure(sites[which], servers[which].url, queries, browser, split=split)
            browser.close()
        for server in servers.values():
            server.stop()
    print(f"search recall@3 over {len(queries)} queries ({qfile.name}):")
    for name, (recall, misses) in results.items():
        print(f"  {name:<22} {recall:6.1%}")
        for m in misses:
            print(f"      miss: {m}")
    base = results["baseline (no jieba)"][0]
    if base:
        print(f"  ratio full / baseline: {results['jieba + query split'][0] / base:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
