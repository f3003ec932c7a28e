"""Strict builds of the real and fixture sites, and what the built pages must contain."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import BROKEN, FIXTURES, build_site, copy_with_overlay


def _meta_sections(page: Path) -> list[str]:
    m = re.search(r'<meta name="playbook-sections" content="([^"]*)">', page.read_text(encoding="utf-8"))
    return m.group(1).split() if m else []


class _Links(HTMLParser):
    """Collects ids and (tag, href) pairs of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def broken_links(site: Path) -> list[str]:
    """Every internal link or #anchor in the built site that points nowhere (macro HTML included)."""
    pages: dict[Path, _Links] = {}
    for f in site.rglob("*.html"):
        if f.name == "404.html":  # served for any path, so MkDocs gives it root-absolute links
            continue
        if f.parent.name == "print_page":  # its anchors are created by print-site's script at load
            continue
        parser = _Links()
        parser.feed(f.read_text(encoding="utf-8"))
        pages[f.resolve()] = parser
    bad = []
    for f, parser in pages.items():
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            target = (f.parent / unquote(parts.path)).resolve() if parts.path else f
            if target.is_dir():
                target = target / "index.html"
            if target not in pages and not target.is_file():
                bad.append(f"{f.relative_to(site)} → {href}")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                bad.append(f"{f.relative_to(site)} → {href} (no such anchor)")
    return sorted(set(bad))


class TestRealSite:
    def test_generated_pages_carry_sections_meta(self, real_site, pb):
        """Each procedure page declares the seed sections it covers in <meta name="playbook-sections">."""
        for pid, p in pb.procedures.items():
            assert pb.procedure_sections(p) == _meta_sections(real_site / "procedures" / pid / "index.html"), pid

    def test_coverage_page_shows_all_sections(self, real_site):
        """The coverage page exists and reports 54/54."""
        html = (real_site / "reference" / "coverage" / "index.html").read_text(encoding="utf-8")
        assert 'data-pb-coverage="54/54"' in html
        assert "未覆盖</strong>" not in html

    def test_unconfirmed_law_is_flagged(self, real_site):
        """Provisions marked unconfirmed render with the 'verify before use' tag."""
        html = (real_site / "reference" / "laws" / "index.html").read_text(encoding="utf-8")
        block = html.split('id="law-sanbao-periods"', 1)[1].split("</div>", 1)[0]
        assert "使用前请核实" in block

    def test_no_broken_links(self, real_site):
        """No internal link or anchor in the built site is broken, including links macros emit."""
        assert [] == broken_links(real_site)

    def test_every_role_page_lists_owned_steps(self, real_site, pb):
        """A role page lists exactly the steps that role owns."""
        from macros.render.roles import owned_steps

        for rid in pb.roles:
            html = (real_site / "roles" / rid / "index.html").read_text(encoding="utf-8")
            assert f"负责的检查单步骤（{len(owned_steps(pb, rid))}）" in html, rid


class TestFixtureSite:
    def test_builds_and_links(self, fixture_site):
        """The fixture site builds strictly and has no broken links."""
        assert (fixture_site / "procedures" / "alpha" / "index.html").is_file()
        assert [] == broken_links(fixture_site)

    def test_meta(self, fixture_site):
        """Step-level sections join the procedure's own in the page meta."""
        assert ["1.2", "2.1"] == _meta_sections(fixture_site / "procedures" / "beta" / "index.html")

    def test_invalid_playbook_fails_build_cleanly(self, tmp_path):
        """A broken playbook fails the strict build with the file:line message, not a traceback."""
        broken = copy_with_overlay(tmp_path, BROKEN / "unknown-role")
        result = build_site(FIXTURES / "site" / "mkdocs.yml", tmp_path / "out", {"PLAYBOOK_DIR": str(broken)})
        assert 0 != result.returncode
        assert "beta.yml:13:9: blocks[0].steps[0].owner: unknown role 'manager'" in result.stderr


class TestAtomicBuild:
    def test_failed_build_keeps_last_good_site(self, tmp_path):
        """`make build` with a broken playbook fails and leaves the previous site untouched."""
        import os
        import subprocess

        from .conftest import ROOT

        site = tmp_path / "site"
        site.mkdir()
        (site / "marker.txt").write_text("last good build", encoding="utf-8")
        broken = copy_with_overlay(tmp_path, BROKEN / "unknown-role")
        result = subprocess.run(["make", "-s", "build", f"SITE={site}"], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "PLAYBOOK_DIR": str(broken)})
        assert 0 != result.returncode
        assert "unknown role 'manager'" in result.stderr
        assert "last good build" == (site / "marker.txt").read_text(encoding="utf-8")
        assert not (tmp_path / "site.new").exists() or not any((tmp_path / "site.new").iterdir())
