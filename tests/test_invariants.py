"""Relationships between files that no single schema can see. Each test lists every offender."""

from __future__ import annotations

import re

import yaml

from macros.pages import expand_nav, not_in_nav, pages
from macros.render.coverage import coverage

from .conftest import ROOT

DOCS = ROOT / "docs"


def _nav() -> list:
    """mkdocs.yml's nav as written (the rest of the file holds tags plain YAML cannot read)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load("nav:" + text.split("\nnav:", 1)[1])["nav"]


def _nav_pages(nav) -> list[str]:
    """Every page path in a nav, in order."""
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_pages(v)]
    return [nav]


class TestCoverage:
    def test_every_seed_section_is_implemented(self, pb):
        """All 54 numbered seed sections are implemented by at least one playbook element."""
        cov = coverage(pb)
        assert 54 == len(cov)
        assert [] == [s for s, els in cov.items() if not els], "name these sections in some element's sections:"

    def test_title_only_sections_are_marked(self, pb):
        """The sections the seed only names (cut off inside 11.2) are marked as written by us."""
        marked = sorted(s for s, v in pb.seed_sections().items() if v["source"] == "title-only")
        assert ["11.3", "12.1", "12.2", "12.3"] == marked


class TestChecklistLint:
    def test_every_procedure_is_usable(self, pb):
        """Each procedure says when to use it, its mode, and ends with a hand-off or closing text."""
        bad = [p["id"] for p in pb.procedures.values() if not (p["when"] and p["mode"] and p["end"]["text"])]
        assert [] == bad

    def test_blocks_have_at_most_nine_steps(self, pb):
        """Long lists are split into pause points (the schema enforces it; this guards the schema)."""
        long = [f"{p['id']}.{b['id']}" for p in pb.procedures.values() for b in p["blocks"] if len(b["steps"]) > 9]
        assert [] == long

    def test_time_critical_procedures_have_deadlines(self, pb):
        """Every procedure has at least one step with a deadline, so runs can say what is due."""
        without = [p["id"] for p in pb.procedures.values() if not any("due" in s for _, s in pb.steps(p))]
        assert [] == without


class TestPages:
    def test_hand_written_element_pages_call_their_macro(self, pb):
        """An element page written by hand (for its prose) still renders that element."""
        wrong = [src for src, content in pages(pb).items()
                 if (DOCS / src).is_file() and content.split("\n---\n")[-1].strip() not in (DOCS / src).read_text(encoding="utf-8")]
        assert [] == wrong, "keep the macro call of the generated page in the hand-written one"

    def test_no_orphan_pages(self, pb):
        """Every page in an element folder is an index or belongs to an element that still exists."""
        expected = set(pages(pb))
        folders = {src.split("/")[0] for src in expected}
        orphans = [str(p.relative_to(ROOT)) for folder in sorted(folders) for p in (DOCS / folder).glob("*.md")
                   if p.name != "index.md" and str(p.relative_to(DOCS)) not in expected]
        assert [] == orphans, "delete these pages or restore their playbook files"

    def test_nav_lists_every_page_once(self, pb):
        """mkdocs.yml's nav, with the playbook groups expanded, lists every page exactly once, except
        the drills' facilitator pages: participants must not find those (the drill index links them)."""
        nav = _nav_pages(expand_nav(_nav(), pb))
        written = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
        assert sorted((written | set(pages(pb))) - not_in_nav(pb)) == sorted(set(nav))
        assert len(nav) == len(set(nav))


class TestTemplates:
    def test_every_template_is_linked_from_a_step(self, pb):
        """Every template is linked from at least one procedure step."""
        used = {t for p in pb.procedures.values() for _, s in pb.steps(p) for t in s.get("templates", [])}
        assert [] == sorted(set(pb.templates) - used), "link these templates from the steps that send them"


class TestLaws:
    def test_law_numbers_come_from_the_fact_sheet(self, pb):
        """Each provision's numbers appear in its rule text, so no number is stated twice differently."""
        bad = []
        for p in pb.provisions.values():
            for n in p.get("numbers", []):
                value = f"{n['value']:g}" if isinstance(n["value"], float) else str(n["value"])
                human = {"500000": "50 万", "300000": "30 万", "50000": "5 万", "200000": "20 万", "20000": "2 万",
                         "100000": "10 万", "2000000": "200 万", "50000000": "5000 万"}.get(value, value)
                if value not in p["rule"] and human not in p["rule"] and n["key"] != "start-offset-days":
                    bad.append(f"{p['id']}.{n['key']}={value}")
        assert [] == bad, "state the number in the rule text too, exactly as in the fact sheet"

    def test_unconfirmed_acts_are_not_full(self, pb):
        """Provisions the fact sheet marks unconfirmed or secondary are never shown as settled law."""
        from macros.render.laws import status

        assert "unconfirmed" == status(pb, "sanbao-periods")
        assert "unconfirmed" == status(pb, "samr20-limits")
        assert "secondary" == status(pb, "iso10002-process")


class TestDrillsAndTraining:
    def test_drill_packages_are_complete(self, pb):
        """At least 4 drills, each with at least 6 injects in time order."""
        from macros.model import duration_parts

        assert len(pb.drills) >= 4
        for did, d in pb.drills.items():
            assert len(d["injects"]) >= 6, did
            mins = [sum(v * {"D": 1440, "H": 60, "MI": 1}.get(k, 0) for k, v in duration_parts(i["at"]).items()) for i in d["injects"]]
            assert sorted(mins) == mins, f"{did}: order injects by time"

    def test_every_role_has_an_onboarding_path(self, pb):
        """Each role is in the audience of some training path."""
        covered = {r for t in pb.training.values() for r in t["audience"]}
        assert [] == sorted(set(pb.roles) - covered), "add these roles to a training path's audience"

    def test_enough_case_studies(self, pb):
        """At least six case studies across the training paths."""
        assert sum(len(t.get("cases", [])) for t in pb.training.values()) >= 6


class TestDurationPattern:
    """The ISO 8601 duration grammar is written in the schema, the Python model and the browser
    modules; every copy (found by its distinctive prefix, so a new copy is checked too) must accept
    exactly the same strings."""

    VALID = ["P1D", "P7D", "PT30M", "PT2H", "P6M", "P1Y", "P2W", "PT0M", "P1DT2H", "P1Y2M3W4DT5H6M", "P15D"]
    INVALID = ["", "P", "PT", "P1DT", "2 hours", "p1d", "PT1.5H", "P1H", "PT1D", "P1M1Y", "PT30S", " PT1H", "PT1H ",
               "P-1D", "T1H", "PT2H30", "P1W1Y"]

    def copies(self) -> dict[str, str]:
        import json

        from macros.model import _DURATION

        found = {"common.schema.json": json.loads((ROOT / "playbook" / "schemas" / "common.schema.json").read_text(
            encoding="utf-8"))["$defs"]["duration"]["pattern"], "macros/model.py": _DURATION.pattern}
        for js in sorted((DOCS / "assets" / "javascripts").rglob("*.js")):
            for i, literal in enumerate(re.findall(r"/(\^P\(\?!\$\)[^/\n]*\$)/", js.read_text(encoding="utf-8"))):
                found[f"{js.relative_to(ROOT)}#{i}"] = literal
        return found

    def test_every_copy_accepts_the_same_strings(self):
        copies = self.copies()
        assert len(copies) >= 3, copies  # the schema, Python and at least one browser copy
        wrong = {name: [s for s in self.VALID if not re.fullmatch(rx, s)] + [s for s in self.INVALID if re.fullmatch(rx, s)]
                 for name, rx in copies.items()}
        assert {} == {k: v for k, v in wrong.items() if v}
