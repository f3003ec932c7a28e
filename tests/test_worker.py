"""The offline worker's precache list and manifest (macros/worker.py), on a small made-up site."""

from __future__ import annotations

import json

from macros.worker import enabled, precache_files, web_manifest, worker_script


def site(tmp_path):
    files = {
        "index.html": '<link href="assets/stylesheets/main.css"><script src="assets/vendor/lib/lib.js"></script>',
        "procedures/intake/index.html": '<script src="../../assets/javascripts/page.js"></script><a href="https://x.test/">x</a>',
        "print_page/index.html": "<p>print</p>", "css/print-site.css": "", "schemas/a.json": "{}",
        "playbook.json": "{}", "assets/stylesheets/main.css": "", "assets/stylesheets/main.css.map": "",
        "assets/javascripts/page.js": "", "assets/javascripts/sw-update.js": "",
        "assets/javascripts/lunr/min/lunr.ja.min.js": "", "assets/vendor/lib/lib.js": "",
        "assets/vendor/unused/unused.js": "", "search/search_index.json": "{}", "sitemap.xml": "",
        "assets/images/icon-192.png": "", "assets/images/icon-512.png": "",
        "assets/stylesheets/extra.css": "",  # linked from no page here: every stylesheet of ours is precached
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_precache_pages_what_they_use_and_lazy_modules_only(tmp_path):
    assert precache_files(site(tmp_path)) == [
        "assets/images/icon-192.png", "assets/images/icon-512.png",
        "assets/javascripts/page.js", "assets/javascripts/sw-update.js",
        "assets/stylesheets/extra.css", "assets/stylesheets/main.css", "assets/vendor/lib/lib.js",
        "index.html", "procedures/intake/index.html", "search/search_index.json", "sitemap.xml"]


def test_revision_is_the_content_hash(tmp_path):
    root = site(tmp_path)
    before = worker_script(root)
    assert before == worker_script(root)
    (root / "procedures/intake/index.html").write_text("<p>new</p>", encoding="utf-8")
    after = worker_script(root)
    entries = lambda s: dict((e["url"], e["revision"]) for e in json.loads(s.split("self.PB_PRECACHE=")[1].split(";\n")[0]))
    changed = {u for u, r in entries(after).items() if entries(before).get(u) != r}
    assert {"procedures/intake/index.html"} == changed
    assert "importScripts" in after and "cdn" not in after.lower()


def test_only_served_builds_get_a_worker():
    assert enabled({"use_directory_urls": True, "plugins": {"search": 1, "macros": 1}})
    assert not enabled({"use_directory_urls": True, "plugins": {"search": 1, "offline": 1}})
    assert not enabled({"use_directory_urls": False, "plugins": {"search": 1}})


def test_manifest_installs_the_site_root():
    m = web_manifest({"site_name": "商品质量投诉处理预案", "site_description": None})
    assert (m["name"], m["start_url"], m["scope"], m["display"]) == ("商品质量投诉处理预案", "./", "./", "standalone")
    assert {"192x192", "512x512"} == {i["sizes"] for i in m["icons"]}


def test_material_offline_plugin_and_plugin_lists_without_keys():
    assert not enabled({"use_directory_urls": True, "plugins": {"material/offline": 1}})
    # MkDocs' plugin collection has keys(); a plain list (a hand-made config) counts as no plugins.
    assert enabled({"use_directory_urls": True, "plugins": ["offline"]})


def test_manifest_whole():
    """Every field a phone reads when the handbook is added to the home screen."""
    icons = [{"src": "assets/images/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
             {"src": "assets/images/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"}]
    common = {"short_name": "投诉预案", "lang": "zh-CN", "start_url": "./", "scope": "./", "display": "standalone",
              "theme_color": "#4051b5", "background_color": "#ffffff", "icons": icons}
    assert web_manifest({"site_name": "预案", "site_description": None}) == {"name": "预案", "description": "预案", **common}
    assert web_manifest({"site_name": "预案", "site_description": "说明"}) == {"name": "预案", "description": "说明", **common}


def test_worker_script_head_lists_workbox_and_a_compact_precache(tmp_path):
    root = site(tmp_path)
    text = worker_script(root)
    head, precache, body = text.split("\n", 2)
    assert head.startswith("self.PB_WORKBOX=") and json.loads(head[len("self.PB_WORKBOX="):-1]) == [
        f"assets/vendor/{n}/{n}.prod.js" for n in ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")]
    assert precache.startswith('self.PB_PRECACHE=[{"url":"assets/images/icon-192.png","revision":"') and " " not in precache
    entries = json.loads(precache[len("self.PB_PRECACHE="):-1])
    assert all(len(e["revision"]) == 16 and int(e["revision"], 16) >= 0 for e in entries)
    assert "importScripts" in body
