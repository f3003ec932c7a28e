"""The handbook on a phone with no signal (issue 16): a web app manifest and a service worker that
precaches the built site, written after the build.

Why Workbox (vendored from npm, docs/assets/vendor/workbox-*): the hard parts of a precaching worker
are not the fetch handler but keeping each build's copies apart, fetching updates past the HTTP
cache, deleting the old build's copies only once the new worker takes over, and matching
`/page/` to `/page/index.html` with any `?h=` search parameter. Workbox's precaching does exactly
that, is maintained by the Chrome team and is used on millions of sites; our own few dozen lines
would have to re-learn each of those cases. Only its build-time tooling (workbox-build) is Node:
the list of files with a content hash each is made here, in Python, so a build needs no Node.

The worker is for a site served over http(s) with directory URLs. The offline edition (file://,
mkdocs.offline.yml with the offline plugin) gets none: browsers refuse workers on file://.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsmin

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
# Loaded by the worker with importScripts, in dependency order, from this site only (no CDN).
WORKBOX = ["workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching"]
ICONS = ["assets/images/icon-192.png", "assets/images/icon-512.png"]
THEME = "#4051b5"  # Material's indigo, the palette's primary colour
SOURCE = Path(__file__).with_name("worker.js")
# Not for the phone: the print page and its styles (printing needs a computer), machine exports.
SKIP = re.compile(r"^(print_page/|css/|js/|schemas/|playbook\.json$|tags\.json$)|\.(map|gz)$")
REFERENCE = re.compile(r'(?:src|href)="([^"#?:]+)[^"]*"')


def enabled(conf: Any) -> bool:
    """Served builds only: the offline edition (offline plugin, .html URLs for file://) has no worker."""
    plugins = set(conf["plugins"].keys()) if hasattr(conf["plugins"], "keys") else set()
    return bool(conf["use_directory_urls"]) and not plugins & {"offline", "material/offline"}


def precache_files(site: Path) -> list[str]:
    """Site-relative paths a phone needs offline: every page, what the pages reference (scripts,
    styles, images, vendored libraries), our modules loaded on demand, the search index and worker,
    the sitemap (instant navigation reads it) and the manifest's icons."""
    pages = [p for p in site.rglob("*.html") if not SKIP.search(p.relative_to(site).as_posix())]
    files = set(pages)
    for page in pages:
        for ref in REFERENCE.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / ref).resolve()
            if target.is_file() and target.is_relative_to(site.resolve()):
                files.add(target)
    scripts = site / "assets" / "javascripts"
    files.update(p for p in scripts.rglob("*.js") if "lunr" not in p.relative_to(scripts).parts)
    files.update((site / "assets" / "stylesheets").glob("*.css"))
    files.update(site / name for name in ("search/search_index.json", "sitemap.xml", *ICONS))
    rel = {p.resolve().relative_to(site.resolve()).as_posix() for p in files if p.is_file()}
    return sorted(r for r in rel if not SKIP.search(r))


def revision(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def worker_script(site: Path) -> str:
    """sw.js: the precache list (URL and content hash of each file), then the worker (worker.js)."""
    entries = [{"url": f, "revision": revision(site / f)} for f in precache_files(site)]
    workbox = [f"assets/vendor/{name}/{name}.prod.js" for name in WORKBOX]
    return (f"self.PB_WORKBOX={json.dumps(workbox)};\nself.PB_PRECACHE={json.dumps(entries, separators=(',', ':'))};\n"
            + jsmin.jsmin(SOURCE.read_text(encoding="utf-8")))


def web_manifest(conf: Any) -> dict[str, Any]:
    """Install to the home screen; URLs relative to the manifest, which sits at the site root."""
    return {"name": conf["site_name"], "short_name": "投诉预案", "lang": "zh-CN",
            "description": conf.get("site_description") or conf["site_name"],
            "start_url": "./", "scope": "./", "display": "standalone",
            "theme_color": THEME, "background_color": "#ffffff",
            "icons": [{"src": i, "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"}
                      for i, s in zip(ICONS, (192, 512))]}


def write_worker(site: Path, conf: Any) -> None:
    """Write manifest.webmanifest and sw.js into the built site (after minification: hashes of the
    files as served)."""
    (site / MANIFEST).write_text(json.dumps(web_manifest(conf), ensure_ascii=False, indent=1), encoding="utf-8")
    (site / WORKER).write_text(worker_script(site), encoding="utf-8")
