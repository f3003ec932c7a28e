"""Markup in any playbook text field is text on every page of the real handbook, in a real browser.

A copy of the real playbook gets every payload family of tests/payloads.py (HTML tags, attribute
breakouts, </title> and other closers, Markdown links and images with dangerous schemes, their
obfuscated forms, attr_list, template syntax) in every text field its schema defines. The fields
are found by walking playbook/schemas/*.json, so a new field is covered without editing this test.
The site is built once; every page and the print page are opened in Chromium, and the search
index and the exports (playbook.json, checklist run Markdown and JSON, template and drill report
Markdown, statistics CSV) are checked. Any dialog, script-set global, element or on* attribute
from the data, or javascript:/data:/vbscript: URL fails the test.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from macros.loader import SCHEMA_DIR, discover

from ..conftest import ROOT, served_build
from ..payloads import FAMILIES, PROBE, all_families, poison, spread, text_paths
from .conftest import note_step, open_start_form, skip_step

pytestmark = pytest.mark.browser
SITE_NAME = "商品质量投诉处理预案"
# Values a cross-file rule constrains beyond "text": kept as they are.
KEEP = {("organisation", ("case_number", *rest)) for rest in  # the rule and the examples it must match
        [("pattern",), ("examples", "*"), ("practice", "pattern"), ("practice", "examples", "*")]}
# Lists the real playbook leaves empty get one plain item, so their text fields are poisoned too.
SEED = {"holidays.yml": {"years": [{"year": 2031, "source": "国务院办公厅通知", "off": [], "on": []}]}}
# Schemas that describe no playbook file (browser data): nothing from them reaches the build.
UNFILED = {"event"}
LITERAL = "</title><script>"  # in every poisoned value: where it shows as text, the closer is text

# Everything a page may have received from the data that is not text.
PROBE_JS = r"""() => {
  const bad = [];
  const url = /^(href|src|action|formaction|xlink:href|data|poster|background|cite|ping|srcset)$/;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} ${a.name}="${a.value.slice(0, 60)}"`);
      if (name === 'srcdoc' || (url.test(name) && /^(javascript|data|vbscript):/.test(value)))
        bad.push(`${el.tagName} ${a.name}="${a.value.slice(0, 60)}"`);
    }
  }
  for (const el of document.querySelectorAll('xss-probe, img[src="x"], iframe, object, embed'))
    bad.push(`element <${el.tagName.toLowerCase()}>`);
  for (const s of document.scripts) if (/__xss|alert\(/.test(s.text)) bad.push('script: ' + s.text.slice(0, 60));
  const h1 = document.querySelector('article h1');
  const heading = h1 ? [...h1.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
    .map(n => n.textContent).join('') : null;
  const anchors = new Set([...document.querySelectorAll('article a.headerlink')].map(a => new URL(a.href).hash));
  const toc = [...document.querySelectorAll('.md-nav--secondary a.md-nav__link')]
    .map(a => [a.href, a.textContent, new URL(a.href).pathname === location.pathname && anchors.has(new URL(a.href).hash)]);
  return {xss: window.__xss === undefined ? null : String(window.__xss), bad, title: document.title, heading, toc,
          shown: document.body.textContent.includes('XSSMARK')};
}"""


def squash(text: str) -> str:
    return " ".join(text.split())


def poisoner(counts: dict, kind: str, done: set):
    """make(path, old) for poison(): the field's share of the families (tests/payloads.spread)
    before and after the old text, which is kept so placeholders and uniqueness still hold.
    An added field (old "") counts as one with plenty of occurrences."""
    seen: dict = {}

    def make(path: tuple, old: str) -> str:
        key = (kind, path)
        if key in KEEP:
            return old
        seen[key] = seen.get(key, 0) + 1
        payload = spread(counts.get(key, len(FAMILIES)) if old else len(FAMILIES), seen[key] - 1)
        if payload:
            done.add(key)
        return f"{payload} {old} {payload}".strip() if payload else old

    return make


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """The real handbook built from a playbook copy with every text field poisoned, served."""
    root = tmp_path_factory.mktemp("xss")
    playbook = root / "playbook"
    shutil.copytree(ROOT / "playbook", playbook, ignore=shutil.ignore_patterns("schemas"))
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    files, _ = discover(playbook)
    schemas = {k: json.loads((SCHEMA_DIR / f"{k}.schema.json").read_text(encoding="utf-8")) for _, k in files}
    originals = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path, _ in files}
    for path in originals:
        for key, items in SEED.get(path.relative_to(playbook).as_posix(), {}).items():
            originals[path][key] = originals[path][key] or items
    defined = {(k, p) for k, schema in schemas.items() for p in text_paths(schema, common)}
    counts: dict = {}
    for path, kind in files:  # how many values each text field has in the real files
        def count(p, old, kind=kind):
            counts[(kind, p)] = counts.get((kind, p), 0) + 1
            return old
        poison(originals[path], schemas[kind], common, count)
    poisoned_paths, data, makers = set(), {}, {}
    for path, kind in files:
        make = makers.setdefault(kind, poisoner(counts, kind, poisoned_paths))
        unused = {p for k, p in defined - set(counts) if k == kind}  # optional fields no file fills: added
        data[path.relative_to(playbook).as_posix()] = doc = poison(originals[path], schemas[kind], common, make, unused)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    # Every text field of every playbook schema got the payloads (none can be forgotten).
    assert [] == sorted(defined - poisoned_paths - KEEP)
    kinds = {k for _, k in files}
    assert kinds == {p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")} - {"common"} - UNFILED
    builds = served_build(tmp_path_factory, "xss-site", ROOT / "mkdocs.yml", {"PLAYBOOK_DIR": str(playbook)})
    site, server = next(builds)
    yield site, server.url, data
    builds.close()


@pytest.fixture
def watched(page):
    """The page, with every dialog recorded and dismissed."""
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def check(page, where: str) -> dict:
    """The page's probe result, failing on anything that ran or was built from the data."""
    found = page.evaluate(PROBE_JS)
    assert (None, [], []) == (found["xss"], found["bad"], page.dialogs), where
    return found


def test_every_page_shows_markup_as_text(watched, poisoned):
    """Every page of the poisoned handbook: nothing runs, no element, attribute or URL from the
    data; the <title> is the heading's text; table-of-contents entries from data link to their
    headings' permalinks."""
    site, base, _ = poisoned
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("index.html") if p.parent.name != "print_page")
    assert len(pages) >= 70
    shown, titles = 0, []
    for rel in pages:
        watched.goto(base + rel)
        found = check(watched, rel)
        shown += found["shown"]
        # <title> is the page's heading, as text (the theme's striptags route un-escaped it).
        if found["heading"] and PROBE in found["heading"]:
            assert squash(found["heading"]) + " - " + SITE_NAME == squash(found["title"]), rel
            titles.append(found["title"])
        for href, text, anchored in found["toc"]:
            if PROBE in text:  # a heading from data: listed as text, linked to its permalink
                assert anchored, (rel, href, text)
    assert shown >= len(pages) // 2  # the payloads reached the pages, as text
    assert len(titles) >= 20  # procedures, templates, roles, drills, training
    assert any(LITERAL in t for t in titles)


def test_print_page(watched, poisoned):
    """The print page (every page in one) shows the payloads as text, headings included."""
    _, base, _ = poisoned
    watched.goto(base + "print_page/", timeout=120_000)  # every page in one: large
    assert check(watched, "print_page")["shown"]
    assert watched.evaluate("s => document.querySelector('article').textContent.includes(s)", LITERAL)


def test_search_index_and_results(watched, poisoned):
    """The search index holds the payloads escaped, with no tag or attribute from the data, and
    the results list shows them as text."""
    site, base, _ = poisoned
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = set()

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add((tag, tuple(attrs)))

    for doc in index["docs"]:
        Tags().feed(doc["title"])
        Tags().feed(doc["text"])
    # Material keeps these formatting tags of the page itself, never with attributes.
    assert set() == {t for t in tags if t[1] or t[0] not in {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}}
    assert any("&lt;/title&gt;&lt;script&gt;" in d["title"] for d in index["docs"])
    watched.goto(base)
    watched.locator("input.md-search__input").fill("config")  # a word of the template family
    # The worker builds the whole poisoned site's index first: seconds alone, but a clean clone run
    # beside a second make test (load 17 on 2 cores) took over 30 s, as test_search allows for.
    watched.wait_for_selector(".md-search-result__item", timeout=60000)
    check(watched, "search results")


def md_to_html(text: str) -> str:
    """The export as a Markdown viewer would show it (Python-Markdown with 'extra': tables,
    attr_list, raw HTML in blocks, fenced code)."""
    return markdown.markdown(text, extensions=["extra"])


def assert_markdown_is_text(text: str, where: str) -> None:
    """Rendered, the export has only structure of its own: no link, image, HTML or attribute from
    the data, and the data's markup shows literally."""
    html = md_to_html(text)
    found: list = []

    class Elements(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if attrs or tag not in {"h1", "h2", "h3", "p", "ul", "ol", "li", "hr", "br", "table", "thead",
                                    "tbody", "tr", "th", "td"}:
                found.append((tag, attrs))

    Elements().feed(html)
    assert [] == found, where
    assert "<xss-probe>" in markdown_text(html), where


def markdown_text(html: str) -> str:
    out: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, d):
            out.append(d)

    Text().feed(html)
    return "".join(out)


def download(page, button: str, scope: str = "") -> str:
    with page.expect_download() as d:
        page.click(f"{scope} button:has-text('{button}')".strip())
    return open(d.value.path(), encoding="utf-8-sig").read()


def test_json_export_keeps_text_exactly(poisoned):
    """playbook.json (for other systems) carries every text unchanged: no escaping, no loss."""
    site, _, data = poisoned
    exported = json.loads((site / "playbook.json").read_text(encoding="utf-8"))
    procs = {p["id"]: p for p in exported["procedures"]}
    intake = data["procedures/intake.yml"]
    assert intake["title"] == procs["intake"]["title"]
    # Step texts carry {rule:…} expansions; the markup in them arrives unescaped, as text.
    steps = [s["text"] for p in exported["procedures"] for b in p["blocks"] for s in b["steps"]]
    assert any(FAMILIES["html"] in t for t in steps) and any(FAMILIES["closer"] in t for t in steps)


def test_run_exports(watched, poisoned):
    """A checklist run with markup in a skip reason and a note: the Markdown export shows the
    procedure, block and step texts and the typed text as text; the JSON keeps them exactly."""
    _, base, data = poisoned
    typed = all_families()
    watched.goto(base + "procedures/intake/")
    open_start_form(watched)
    if watched.locator("#pb-name").count():  # who is acting, asked once per browser
        watched.fill("#pb-name", "张三")
        watched.fill("#pb-role", "客服专员")
    watched.fill("#pb-case", "2026001")
    watched.select_option("#pb-severity", index=1)
    watched.click(".pb-start button[type=submit]")
    watched.wait_for_selector(".pb-run-head")
    first, second = (s["id"] for s in data["procedures/intake.yml"]["blocks"][0]["steps"][:2])
    skip_step(watched, first, typed)
    note_step(watched, second, typed)
    check(watched, "run")
    assert_markdown_is_text(download(watched, "导出 Markdown"), "run Markdown")
    run = json.loads(download(watched, "导出 JSON"))

    def strings(x):
        return [x] if isinstance(x, str) else [s for v in (x.values() if isinstance(x, dict) else x if isinstance(x, list) else []) for s in strings(v)]

    assert any(squash(typed) == squash(v) for v in strings(run))  # the typed note, exactly


def test_template_exports(watched, poisoned):
    """A letter filled with markup: the page shows text, .txt is the exact text, .md renders as text."""
    _, base, data = poisoned
    typed = all_families().replace("\n", " ")
    watched.goto(base + "forms/acknowledgement/")
    for f in data["templates/acknowledgement.yml"]["fields"]:
        if f["type"] == "date":
            watched.fill(f"#pb-f-{f['name']}", "2026-12-01")
        elif f["type"] == "choice":
            watched.select_option(f"#pb-f-{f['name']}", index=1)
        else:
            watched.fill(f"#pb-f-{f['name']}", "2026001" if f["name"] == "case_number" else typed)
    check(watched, "template")
    assert squash(typed) in squash(download(watched, "下载 .txt"))
    assert_markdown_is_text(download(watched, "下载 .md"), "template Markdown")


def test_drill_report_export(watched, poisoned):
    """The drill report draft, with markup in facilitator notes, renders as text."""
    _, base, data = poisoned
    drill = sorted(k for k in data if k.startswith("drills/"))[0]
    watched.goto(base + drill.removesuffix(".yml") + "/")
    watched.wait_for_function("() => window.pb && pb.events")
    watched.evaluate("n => pb.events.setIdentity({name: n, role: n})", "导演" + FAMILIES["html"][:30])
    watched.wait_for_selector("[data-pb-clock][data-pb-state]")
    watched.click("[data-pb-drill-console] button:has-text('下一条')")
    watched.locator("[data-pb-observe]").first.check()
    watched.click("summary:has-text('记录与参演人员')")
    watched.fill("#pb-drill-participant", all_families()[:200])
    watched.fill("#pb-drill-participant-role", "受理客服")
    watched.click("button:has-text('登记')")
    watched.wait_for_function("() => /XSSMARK/.test(document.querySelector('[data-pb-people]').textContent)")
    watched.fill("#pb-drill-note", all_families())
    watched.press("#pb-drill-note", "Enter")
    watched.wait_for_selector("[data-pb-note]", state="attached")
    check(watched, "drill console")
    assert_markdown_is_text(download(watched, "导出报告 Markdown"), "drill report Markdown")


def test_statistics_with_records(watched, poisoned):
    """With records loaded, the charts, metric help and CSV show category and metric texts as text."""
    _, base, data = poisoned
    watched.goto(base + "reference/statistics/")
    watched.set_input_files("#pb-stats-files", str(ROOT / "docs" / "assets" / "samples" / "sample-runs.json"))
    watched.wait_for_selector("[data-pb-chart='count-by-category'] .pb-help")
    check(watched, "statistics")
    # The charts' help texts come from metrics.yml through stats.js: some carry the payloads.
    assert PROBE in watched.inner_text("[data-pb-stats-output]")
    metric = data["metrics.yml"]["metrics"][0]
    assert squash(metric["definition"]) in squash(watched.inner_text(".pb-metric-defs"))
    watched.click("[data-pb-chart='count-by-category'] summary")
    rows = list(csv.reader(io.StringIO(download(watched, "下载 CSV", "[data-pb-chart='count-by-category']"))))
    names = {c["name"] for c in data["taxonomy.yml"]["categories"]}
    assert names & {r[0] for r in rows[1:]}  # category names arrive intact


def test_families_are_distinct():
    """Each family is a different kind of attack (guards against an edit collapsing them)."""
    assert len(set(FAMILIES.values())) == len(FAMILIES) >= 7
    assert all(PROBE in v for v in FAMILIES.values())
