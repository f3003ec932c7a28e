"""Markup in any YAML text field renders as text in a real browser, on every page.

Every field whose schema is a text (common.schema.json#/$defs/text or texts) in a copy of the
fixture playbook is replaced by a payload; the site is built and every page is opened while
dialogs and script execution are watched.
"""

from __future__ import annotations

import json

import markdown
import pytest
import yaml

from macros.loader import SCHEMA_DIR, discover

from ..conftest import FIXTURES, build_site, copy_with_overlay
from .conftest import open_start_form, serve

pytestmark = pytest.mark.browser
PAYLOAD = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=1</script>{{ 7*7 }}'


def poison(data, schema, common, own=None):
    """The data with every schema text field replaced by PAYLOAD (own: the file's schema, for its
    local "#/$defs/…" references; other references point into common.schema.json)."""
    own = own or schema
    ref = schema.get("$ref", "")
    if ref.endswith("/text"):
        return PAYLOAD
    if ref.endswith("/texts"):
        return [PAYLOAD for _ in data]
    if ref:  # "#/…" points into the schema document we are in; anything else into common
        own = own if ref.startswith("#") else common
        schema = own["$defs"][ref.rsplit("/", 1)[1]]
    if isinstance(data, dict):
        props = schema.get("properties", {})
        return {k: poison(v, props.get(k, {}), common, own) for k, v in data.items()}
    if isinstance(data, list) and "items" in schema:
        return [poison(v, schema["items"], common, own) for v in data]
    return data


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    playbook = copy_with_overlay(root)
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    files, _ = discover(playbook)
    # The synonym check wants each handbook word to occur in the content, which the payload replaces.
    words = [w for g in yaml.safe_load((playbook / "synonyms.yml").read_text(encoding="utf-8"))["synonyms"] for w in g["means"]]
    for path, kind in files:
        if kind == "synonyms":
            continue
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")), schema, common)
        if kind == "template":  # the body must keep its placeholders to stay valid
            data["body"] = PAYLOAD + " " + " ".join("{%s}" % f["name"] for f in data["fields"])
        if kind == "organisation":  # the examples must still match the case-number patterns
            data["case_number"]["examples"] = ["2021001"]
            data["case_number"]["practice"]["examples"] = ["LX2026001"]
        if kind == "plan":
            data["title"] += " " + " ".join(words)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = root / "site"
    result = build_site(FIXTURES / "site" / "mkdocs.yml", site, {"PLAYBOOK_DIR": str(playbook)})
    assert 0 == result.returncode, result.stderr
    server = serve(site)
    yield site, server.url
    server.shutdown()
    server.server_close()


def test_payload_never_runs(page, xss_site):
    """On every page the payload shows as text: no dialog, no script, no injected element, no template evaluation."""
    site, base = xss_site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 10
    shown = 0
    for rel in pages:
        page.goto(base + rel.removesuffix("index.html"))
        page.wait_for_timeout(50)
        assert page.evaluate("window.__xss") is None, rel
        assert 0 == page.locator("article img[src='x']").count(), rel
        text = page.inner_text("article")
        shown += PAYLOAD in text
        assert "49" not in text.replace("2049", ""), rel
    assert [] == dialogs
    assert shown >= 8  # the payload really reached the pages, as text


def test_payload_in_run_inputs_stays_text(page, xss_site):
    """Markup typed as a skip reason or note shows as text, and the Markdown export keeps it inert
    (escaped: rendered, it is text again, never live HTML; review §4)."""
    _, base = xss_site
    page.goto(base + "procedures/alpha/")
    open_start_form(page)
    page.fill("#pb-name", "张三")
    page.fill("#pb-role", "客服专员")
    page.fill("#pb-case", "2026001")
    page.select_option("#pb-severity", "low")
    page.click(".pb-start button[type=submit]")
    page.click("#step-record .pb-step-run button:has-text('跳过')")
    page.fill("#pb-inline-record", PAYLOAD)
    page.click("#step-record .pb-inline button[type=submit]")
    page.click("#step-confirm .pb-step-run button:has-text('备注')")
    page.fill("#pb-inline-confirm", PAYLOAD)
    page.click("#step-confirm .pb-inline button[type=submit]")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__xss") is None
    assert PAYLOAD in page.inner_text("#step-record .pb-stamp")
    assert PAYLOAD in page.inner_text("#step-confirm .pb-step-note")
    with page.expect_download() as md:
        page.click("button:has-text('导出 Markdown')")
    rendered = markdown.markdown(open(md.value.path(), encoding="utf-8").read())
    assert "<img" not in rendered and "<script" not in rendered
    assert "onerror" in rendered  # the payload is there, as text
