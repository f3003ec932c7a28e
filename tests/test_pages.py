"""Pages and nav generated from the playbook (macros/pages.py): one YAML file adds an element."""

from __future__ import annotations

import re

import pytest

from types import SimpleNamespace

from mkdocs.structure.files import File, Files, InclusionLevel

from macros.pages import (DRILL, aids, HANDOUT, PROCEDURE, PageKind, expand_nav, nav_entries, not_in_nav, on_config, on_files,
                          pages, without_print_assets)

from .conftest import FIXTURES, build_site, copy_with_overlay


class TestGenerated:
    def test_every_element_has_a_page(self, pb):
        """Each procedure, template, drill (and handout), training path, role and aid has a page."""
        expected = {f"procedures/{i}.md" for i in pb.procedures} | {f"forms/{i}.md" for i in pb.templates} \
            | {f"drills/{i}.md" for i in pb.drills} | {f"drills/{i}-handout.md" for i in pb.drills} \
            | {f"training/{i}.md" for i in pb.training} | {f"roles/{i}.md" for i in pb.roles} \
            | {"aids/triage.md", "aids/compensation.md", "aids/deadlines.md", "aids/penalties.md"}
        assert expected == set(pages(pb))

    def test_page_content_calls_the_macro_with_the_kind_meta(self):
        assert '{{ procedure("intake") }}\n' == PROCEDURE.content("intake")
        assert '{{ drill_handout("x") }}\n' == HANDOUT.content("x")
        kind = PageKind("x/{}.md", "thing({})", {"search": {"boost": 2}})
        assert '---\nsearch:\n  boost: 2\n---\n\n{{ thing("y") }}\n' == kind.content("y")
        # Chinese stays readable in the front matter; keys in a stable order.
        kind = PageKind("x/{}.md", "thing({})", {"title": "投诉接收", "hide": ["toc"]})
        assert '---\nhide:\n- toc\ntitle: 投诉接收\n---\n\n{{ thing("y") }}\n' == kind.content("y")

    def test_only_mappings_citing_seed_sections_are_aids(self):
        fake = SimpleNamespace(aids={"triage": {"sections": ["1.2"]}, "calendar": {"years": [2026]},
                                     "note": "sections", "deadlines": {"sections": ["3.1"]}})
        assert ["triage", "deadlines"] == aids(fake)

    def test_drill_facilitator_pages_are_out_of_the_nav(self, pb):
        assert not DRILL.in_nav
        assert not_in_nav(pb) == {f"drills/{d}.md" for d in pb.drills}
        assert nav_entries(pb, "drills") == [f"drills/{d}-handout.md" for d in pb.drills]

    def test_procedures_nav_follows_the_plan_chapters(self, pb):
        """Chapters in plan order, each holding its procedures in seed order; every procedure once."""
        nav = nav_entries(pb, "procedures")
        titles = [next(iter(entry)) for entry in nav]
        numbers = [int(re.match(r"第(\d+)章 ", t).group(1)) for t in titles]
        assert numbers == sorted(numbers) and len(numbers) == 12
        assert titles[0] == "第1章 投诉接收与初步处理"
        listed = [src for entry in nav for src in next(iter(entry.values()))]
        assert listed == [f"procedures/{p}.md" for p in pb.procedures]
        assert listed[:3] == ["procedures/intake.md", "procedures/classify.md", "procedures/preliminary-review.md"]

    def test_other_groups_follow_the_plan(self, pb):
        """Templates, drills and training by first seed section; a drill's handout right after it."""
        def first_section(src_id, items):
            return tuple(int(n) for n in items[src_id]["sections"][0].split("."))

        forms = [s[len("forms/"):-3] for s in nav_entries(pb, "templates")]
        assert forms == sorted(forms, key=lambda t: (first_section(t, pb.templates), t))
        assert nav_entries(pb, "roles") == [f"roles/{r}.md" for r in pb.roles]

    def test_placeholders_are_spliced_into_the_nav(self, fixture_pb):
        nav = ["index.md", {"参考": ["a.md", {"playbook": "templates"}, "b.md"]}, {"playbook": "roles"}]
        assert ["index.md", {"参考": ["a.md", "forms/notice.md", "b.md"]}, "roles/agent.md", "roles/lead.md"] \
            == expand_nav(nav, fixture_pb)

    def test_unknown_group_is_named(self, fixture_pb):
        with pytest.raises(ValueError, match="unknown nav group 'playbook: forms'.*procedures, templates"):
            expand_nav([{"playbook": "forms"}], fixture_pb)


class TestHooks:
    """The MkDocs hooks on a stand-in config (the real build is test_one_yaml_file_adds_an_element)."""

    @staticmethod
    def config(pb, tmp_path, nav=None):
        class Plugins(dict):  # MkDocs' plugin collection: plugins by name, and the one running now
            _current_plugin = None

        plugins = Plugins(macros=SimpleNamespace(variables={"_playbook": pb}))
        return SimpleNamespace(nav=nav, plugins=plugins, site_dir=str(tmp_path / "site"), use_directory_urls=True)

    def test_on_config_expands_the_nav_and_leaves_no_nav_alone(self, fixture_pb, tmp_path):
        config = on_config(self.config(fixture_pb, tmp_path, ["index.md", {"playbook": "roles"}]))
        assert ["index.md", "roles/agent.md", "roles/lead.md"] == config.nav
        assert on_config(self.config(fixture_pb, tmp_path)).nav is None

    def test_on_files_adds_missing_pages_keeps_written_ones_and_hides_facilitator_pages(self, fixture_pb, tmp_path):
        docs = tmp_path / "docs"
        drill = next(iter(fixture_pb.drills))
        written = {"roles/agent.md": "# 坐席\n\n人写的说明。\n", f"drills/{drill}.md": "# 演练\n"}
        for src, text in written.items():
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            (docs / src).write_text(text, encoding="utf-8")
        files = Files([File(src, str(docs), str(tmp_path / "site"), True) for src in written])
        out = on_files(files, self.config(fixture_pb, tmp_path))
        generated = pages(fixture_pb)
        assert set(generated) == {f.src_uri for f in out}
        for f in out:
            assert f.content_string == written.get(f.src_uri, generated[f.src_uri]), f.src_uri
            hidden = f.src_uri in not_in_nav(fixture_pb)
            assert (f.inclusion == InclusionLevel.NOT_IN_NAV) == hidden, f.src_uri
        assert f"drills/{drill}.md" in not_in_nav(fixture_pb)


def test_one_yaml_file_adds_an_element(tmp_path):
    """A procedure, a template and a drill added to a copy of the fixture playbook, with nothing
    else edited, get pages, nav entries, a role-page entry and coverage entries in a strict build."""
    playbook = copy_with_overlay(tmp_path)
    beta = (playbook / "procedures" / "beta.yml").read_text(encoding="utf-8")
    (playbook / "procedures" / "gamma.yml").write_text(
        beta.replace("id: beta", "id: gamma").replace("title: 作出决定", "title: 新增检查单").replace('sections: ["2.1"]', 'sections: ["1.2"]'),
        encoding="utf-8")
    notice = (playbook / "templates" / "notice.yml").read_text(encoding="utf-8")
    (playbook / "templates" / "letter.yml").write_text(notice.replace("id: notice", "id: letter").replace("title: 受理通知", "title: 新增文书"),
                                                       encoding="utf-8")
    outage = (playbook / "drills" / "outage.yml").read_text(encoding="utf-8")
    (playbook / "drills" / "flood.yml").write_text(outage.replace("id: outage", "id: flood").replace("title: 系统故障演练", "title: 新增演练"),
                                                  encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(FIXTURES / "site" / "mkdocs.yml", site, {"PLAYBOOK_DIR": str(playbook)})
    assert 0 == result.returncode, result.stderr

    def page(path):
        return (site / path / "index.html").read_text(encoding="utf-8")

    assert "新增检查单" in page("procedures/gamma")
    assert "新增文书" in page("forms/letter")
    assert "新增演练" in page("drills/flood") and "新增演练" in page("drills/flood-handout")
    nav = page("")  # the home page's navigation lists every page of the flat fixture nav
    for href in ("procedures/gamma/", "forms/letter/", "drills/flood-handout/"):
        assert f'href="{href}"' in nav, href
    assert 'href="drills/flood/"' not in nav, "a facilitator page stays out of the navigation"
    assert 'href="../../procedures/gamma/' in page("roles/lead"), "the owner's role page lists the new steps"
    coverage = page("reference/coverage")
    for href in ("procedures/gamma/", "forms/letter/", "drills/flood/"):
        assert f"../../{href}" in coverage, href


def test_pages_other_than_the_print_page_do_not_load_its_styles_and_script():
    """The print-site plugin's three files leave every page; everything else, ours included, stays."""
    head = ('<link rel="stylesheet" href="../../css/print-site.css">\n    <link rel="stylesheet" href="../../css/print-site-material.css">\n'
            '    <link rel="stylesheet" href="../../assets/stylesheets/extra.css">\n')
    tail = ('<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
            '      <script src="../../js/print-site.js"></script>\n      <script src="../../assets/javascripts/page.js"></script>')
    assert without_print_assets(head) == '<link rel="stylesheet" href="../../assets/stylesheets/extra.css">\n'
    assert without_print_assets(tail) == ('<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
                                          '      <script src="../../assets/javascripts/page.js"></script>')
    assert without_print_assets("<p>css/print-site.css</p>") == "<p>css/print-site.css</p>"  # text is not a link


def test_only_the_print_page_loads_the_print_styles(fixture_site):
    """Built: the print page keeps its styles and script; no other page has them."""
    marks = ("css/print-site.css", "css/print-site-material.css", "js/print-site.js")
    printed = (fixture_site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert all(m in printed for m in marks)
    others = [p for p in fixture_site.rglob("index.html") if p.parent.name != "print_page"]
    assert len(others) > 10
    assert [] == [str(p) for p in others if any(m in p.read_text(encoding="utf-8") for m in marks)]
