"""macros/__init__.py, the mkdocs-macros entry point, driven without MkDocs: the page meta its macros
set (title, description and tags escaped, generic prefixes off the tags, scripts, search rank), the
theme settings it derives from the playbook, its errors, and what on_post_build writes.
The built site checks the same through mkdocs (tests/test_build.py, tests/browser/)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import macros
from macros.loader import load
from macros.render.html import Linker
from macros.search import page_search

from .conftest import BROKEN, FIXTURE_PLAYBOOK


class Env:
    """What define_env and on_post_build use of mkdocs-macros' env."""

    def __init__(self, **conf):
        self.variables: dict = {}
        self.conf = {"extra": {}, "use_directory_urls": True, "plugins": {}, "site_name": "投诉预案", **conf}
        self.macros: dict = {}
        self.page = None

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn

    def on(self, src_uri: str, **meta) -> dict:
        self.page = SimpleNamespace(meta=dict(meta), file=SimpleNamespace(src_uri=src_uri))
        return self.page.meta


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setattr(macros, "load", lambda: load(FIXTURE_PLAYBOOK))
    e = Env()
    macros.define_env(e)
    return e


@pytest.mark.parametrize("title, tag", [
    ("投诉处理流程", "流程"), ("投诉受理", "受理"), ("处理时限", "时限"),
    ("投诉处理", "处理"),  # "投诉处理" itself is too short to lose; "投诉" leaves "处理"
    ("投诉a", "投诉a"), ("投诉", "投诉"), ("处理", "处理"),  # nothing or one character would be left
    ("质量投诉处理", "质量投诉处理"),  # a prefix only at the start
])
def test_distinctive_drops_a_generic_prefix_only_when_two_characters_remain(title, tag):
    assert macros._distinctive(title) == tag


def test_theme_settings_come_from_the_playbook(env):
    pb = load(FIXTURE_PLAYBOOK)
    extra = env.conf["extra"]
    assert env.variables["_playbook"].plan["version"] == extra["playbook_version"] == pb.plan["version"] == "0.1.0"
    assert extra["playbook_review_due"] == pb.review_due().isoformat()
    assert extra["playbook_review_overdue"] is (dt.date.today() > pb.review_due())
    assert extra["playbook_browser_retention"] == pb.browser_retention()
    assert extra["pb_worker"] is True


def test_review_overdue_is_false_before_the_due_date(monkeypatch):
    monkeypatch.setattr(macros, "load", lambda: load(FIXTURE_PLAYBOOK))
    due = load(FIXTURE_PLAYBOOK).review_due()

    class Today(dt.date):
        @classmethod
        def today(cls):
            return due

    monkeypatch.setattr(macros.dt, "date", Today)
    e = Env()
    macros.define_env(e)
    assert e.conf["extra"]["playbook_review_overdue"] is False


def test_offline_edition_has_no_worker(monkeypatch):
    monkeypatch.setattr(macros, "load", lambda: load(FIXTURE_PLAYBOOK))
    e = Env(use_directory_urls=False, plugins={"offline": object()})
    macros.define_env(e)
    assert e.conf["extra"]["pb_worker"] is False


def test_invalid_playbook_is_a_plugin_error_with_the_problem(monkeypatch):
    bad = next(p for p in sorted(BROKEN.iterdir()) if p.is_dir())
    monkeypatch.setattr(macros, "load", lambda: load(bad))
    with pytest.raises(PluginError) as caught:
        macros.define_env(Env())
    assert str(caught.value).startswith("The playbook is invalid:\n")
    assert str(bad.name) in str(caught.value) or ".yml" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_procedure_macro_sets_the_page_meta(env):
    pb = env.variables["_playbook"]
    p = pb.procedures["alpha"]
    meta = env.on("procedures/alpha.md")
    out = env.macros["procedure"]("alpha")
    assert out == R.procedure.render(pb, "alpha", Linker("procedures/alpha.md", True))
    assert meta["title"] == p["title"]
    assert meta["description"] == p["summary"]
    assert meta["pb_scripts"] == ["checklist.js", "touch.css"]
    assert meta["search"] == page_search("procedure")
    assert meta["playbook_sections"] == " ".join(pb.sort_sections(set(pb.procedure_sections(p))))
    titles = [macros._distinctive(pb.seed_sections()[s]["title"]) for s in pb.procedure_sections(p)]
    assert meta["tags"] == list(dict.fromkeys([*map(macros._distinctive, p.get("keywords", [])), *titles]))


def test_data_reaches_the_meta_escaped_and_a_written_meta_wins(env):
    pb = env.variables["_playbook"]
    p = pb.procedures["alpha"]
    p_title, p_summary, p_keywords = p["title"], p["summary"], p.get("keywords")
    try:
        p["title"], p["summary"], p["keywords"] = "<b>接收</b>", "a & <i>b</i>", ["投诉处理<x>", "<y>"]
        meta = env.on("procedures/alpha.md")
        env.macros["procedure"]("alpha")
        assert meta["title"] == "&lt;b&gt;接收&lt;/b&gt;"
        assert meta["description"] == "a &amp; &lt;i&gt;b&lt;/i&gt;"
        assert meta["tags"][:2] == ["&lt;x&gt;", "&lt;y&gt;"]
        # Front matter the author wrote is kept; tags and sections add to it, once each.
        meta = env.on("procedures/alpha.md", title="手写", description="手写说明", tags=["&lt;y&gt;", "旧"],
                      playbook_sections="3.2")
        env.macros["procedure"]("alpha")
        env.macros["procedure"]("alpha")
        assert (meta["title"], meta["description"]) == ("手写", "手写说明")
        assert meta["tags"][:3] == ["&lt;y&gt;", "旧", "&lt;x&gt;"] and len(meta["tags"]) == len(set(meta["tags"]))
        assert meta["playbook_sections"] == " ".join(pb.sort_sections({"3.2", *pb.procedure_sections(p)}))
        assert meta["pb_scripts"] == ["checklist.js", "touch.css"]
    finally:
        p["title"], p["summary"] = p_title, p_summary
        if p_keywords is None:
            p.pop("keywords", None)
        else:
            p["keywords"] = p_keywords


R = SimpleNamespace(**{n: __import__(f"macros.render.{n}", fromlist=[n]) for n in (
    "template", "drill", "training", "aids", "roles", "stats", "situations", "coverage", "taxonomy", "laws",
    "plan", "procedure")})


@pytest.mark.parametrize("macro, arg, src, scripts, kind, render", [
    ("template", "notice", "forms/notice.md", ["core/draft.js", "templates.js", "letters.css"], "template",
     lambda pb, ln: R.template.render(pb, "notice", ln)),
    ("drill", "outage", "drills/outage.md", ["core/drill-clock.js", "drills.js", "drills.css"], "drill-facilitator",
     lambda pb, ln: R.drill.render(pb, "outage", ln)),
    ("drill_handout", "outage", "drills/outage-handout.md", None, "handout",
     lambda pb, ln: R.drill.render_handout(pb, "outage", ln)),
    ("training", "basics", "training/basics.md", ["core/quiz.js", "training.js", "quiz.css"], "training",
     lambda pb, ln: R.training.render(pb, "basics", ln)),
    ("aid", "triage", "aids/triage.md", ["core/workdays.js", "core/aids.js", "aids.js"], "aid",
     lambda pb, ln: R.aids.render(pb, "triage", ln)),
    ("role", "lead", "roles/lead.md", None, "role", lambda pb, ln: R.roles.render_role(pb, "lead", ln)),
    ("statistics", None, "statistics.md",
     ["assets/vendor/chart.js/chart.umd.min.js", "stats.js", "stats.css"], "statistics", R.stats.render),
    ("start_page", None, "index.md", ["open-runs.js", "start.css"], "start", R.situations.render),
    ("coverage", None, "reference/coverage.md", None, "coverage", R.coverage.render),
    ("taxonomy", None, "reference/severity.md", None, "reference", R.taxonomy.render),
    ("laws", None, "reference/laws.md", None, "reference", R.laws.render),
    ("plan", None, "reference/plan.md", None, "reference", R.plan.render),
    ("procedure_index", None, "procedures/index.md", None, "reference", R.procedure.render_index),
    ("template_index", None, "forms/index.md", None, "reference", R.template.render_index),
    ("drill_index", None, "drills/index.md", None, "reference", R.drill.render_index),
    ("training_index", None, "training/index.md", None, "reference", R.training.render_index),
    ("roles_index", None, "roles/index.md", None, "role", R.roles.render_index),
])
def test_each_page_macro_renders_loads_its_scripts_and_ranks_its_page(env, macro, arg, src, scripts, kind, render):
    meta = env.on(src)
    out = env.macros[macro](*([arg] if arg else []))
    assert out == render(env.variables["_playbook"], Linker(src, True))
    assert meta.get("pb_scripts") == scripts
    assert meta["search"] == page_search(kind)


def test_titles_of_elements_come_from_their_data(env):
    pb = env.variables["_playbook"]
    for macro, arg, title in [("template", "notice", pb.templates["notice"]["title"]),
                              ("drill", "outage", pb.drills["outage"]["title"]),
                              ("training", "basics", pb.training["basics"]["title"]),
                              ("role", "lead", pb.roles["lead"]["name"])]:
        meta = env.on("x.md")
        env.macros[macro](arg)
        assert meta["title"] == title, macro


def test_statistics_and_taxonomy_cover_their_sections(env):
    pb = env.variables["_playbook"]
    meta = env.on("statistics.md")
    env.macros["statistics"]()
    expected = {s for m in pb.metrics for s in m["sections"]} | ({"7.3"} & set(pb.seed_sections()))
    assert meta["playbook_sections"].split() == pb.sort_sections(expected)
    assert meta["description"] == "从检查单记录计算投诉数量、时效与效果指标。"
    meta = env.on("reference/severity.md")
    env.macros["taxonomy"]()
    assert meta["playbook_sections"].split() == pb.sort_sections(set(pb.taxonomy["sections"]))
    meta = env.on("reference/organisation.md")
    env.macros["organisation"]()
    assert meta["description"].startswith("本单位联系人") and meta["playbook_sections"] == ""


def test_search_kind_and_open_runs(env):
    meta = env.on("guide.md", search={"exclude": False, "x": 1})
    assert env.macros["search_kind"]("reference") == ""
    assert meta["search"] == {"exclude": False, "x": 1, **page_search("reference")}
    meta = env.on("runs.md")
    assert env.macros["open_runs"]() == '<div data-pb-open-runs></div>'
    assert meta["pb_scripts"] == ["open-runs.js"]


@pytest.mark.parametrize("macro", ["procedure", "template", "role", "drill", "drill_handout", "training", "aid"])
def test_an_unknown_id_names_the_page_and_the_known_ones(env, macro):
    env.on("procedures/typo.md")
    with pytest.raises(ValueError) as caught:
        env.macros[macro]("nosuch")
    message = str(caught.value)
    assert message.startswith("unknown ") and "'nosuch' in procedures/typo.md; known: " in message
    pb = env.variables["_playbook"]
    known = {"procedure": pb.procedures, "template": pb.templates, "role": pb.roles, "drill": pb.drills,
             "drill_handout": pb.drills, "training": pb.training, "aid": pb.aids}[macro]
    assert message.endswith("known: " + ", ".join(known))


def test_rule_macro_renders_a_rule_and_names_the_page_on_an_unknown_one(env):
    env.on("guide.md")
    from macros.render.organisation import render_rule

    pb = env.variables["_playbook"]
    assert env.macros["rule"]("severity.high.acknowledge") == render_rule(pb, "severity.high.acknowledge")
    with pytest.raises(ValueError) as caught:
        env.macros["rule"]("severity.high.nosuch")
    assert str(caught.value).startswith("guide.md: ")
    assert caught.value.__suppress_context__


def test_post_build_writes_exports_synonyms_minified_assets_and_the_worker(env, tmp_path):
    site = tmp_path
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps(
        {"config": {"fields": {}}, "docs": [{"location": "", "title": "t", "text": "退款"}]}), encoding="utf-8")
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "page.js").write_text("// why\nvar a = 1;\n", encoding="utf-8")
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    env.conf["site_dir"] = str(site)
    macros.on_post_build(env)
    exported = json.loads((site / "playbook.json").read_text(encoding="utf-8"))
    assert exported == json.loads(json.dumps(env.variables["_playbook"].export()))
    assert any((site / "schemas").glob("*.schema.json"))
    assert "why" not in (site / "assets" / "javascripts" / "page.js").read_text(encoding="utf-8")
    assert (site / "sw.js").is_file() and "投诉预案" in (site / "manifest.webmanifest").read_text(encoding="utf-8")
    assert '", "' not in (site / "search" / "search_index.json").read_text(encoding="utf-8")  # compact
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [g["means"] for g in index["config"]["pb_synonyms"]] == [g["means"] for g in env.variables["_playbook"].synonyms]


def test_post_build_of_the_offline_edition_writes_no_worker(env, tmp_path):
    env.conf["site_dir"] = str(tmp_path)
    env.conf["extra"]["pb_worker"] = False
    macros.on_post_build(env)
    assert (tmp_path / "playbook.json").is_file()
    assert not (tmp_path / "sw.js").exists() and not (tmp_path / "manifest.webmanifest").exists()


def test_page_search_ranks_or_hides_a_kind():
    from macros.search import BOOST, EXCLUDE

    assert page_search("procedure") == {"boost": BOOST["procedure"]}
    assert all(page_search(kind) == {"exclude": True} for kind in EXCLUDE)
