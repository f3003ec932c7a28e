"""Site search as built: ranking meta, synonym keywords, and drill answers kept out of the index."""

from __future__ import annotations

import json
import re

import pytest

from macros.errors import PlaybookInvalid
from macros.loader import load
from macros.search import BOOST, page_keywords, with_synonyms

from .conftest import copy_with_overlay


@pytest.fixture(scope="module")
def index(real_site):
    return json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def pages(index) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in index["docs"]:
        out.setdefault(e["location"].split("#")[0], []).append(e)
    return out


class TestDrillIntegrity:
    def test_facilitator_pages_not_indexed_handouts_are(self, index, pb):
        """No entry of a drill's facilitator page is in the search index; its handout is."""
        indexed = pages(index)
        for did in pb.drills:
            assert f"drills/{did}/" not in indexed
            assert f"drills/{did}-handout/" in indexed

    def test_injects_and_expected_actions_on_no_indexed_drill_page(self, index, pb):
        """No indexed drill page but a handout holds an inject message or expected action (from
        the YAML). Procedures may: expected actions restate their steps, which staff must find."""
        leaks = []
        for d in pb.drills.values():
            secrets = [i["message"] for i in d["injects"]] + [e["action"] for i in d["injects"] for e in i["expected"]]
            for entry in index["docs"]:
                text = re.sub(r"<[^>]*>|\u200b", "", entry["title"] + entry["text"])
                if entry["location"].startswith("drills/") and "-handout/" not in entry["location"]:
                    leaks.extend((entry["location"], s) for s in secrets if s in text)
        assert [] == leaks

    def test_facilitator_pages_not_in_navigation(self, real_site, pb):
        """Participants' navigation (every page's nav) never links a facilitator page; the drill
        index does, for the facilitator."""
        handout = (real_site / "drills" / f"{next(iter(pb.drills))}-handout" / "index.html").read_text(encoding="utf-8")
        nav = handout.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        drill_index = (real_site / "drills" / "index.html").read_text(encoding="utf-8")
        for did in pb.drills:
            assert f'href="../{did}/"' not in nav and f"drills/{did}/" not in nav
            assert f'href="{did}/"' in drill_index


class TestRanking:
    def test_task_pages_boosted_above_roles_and_reference(self, index):
        """Procedures, aids and templates carry a higher search boost than roles, coverage and
        reference pages."""
        boost = {loc: es[0].get("boost", 1.0) for loc, es in pages(index).items()}
        task = [b for loc, b in boost.items() if re.match(r"(procedures|aids|forms)/[^/]+/$", loc)]
        other = [b for loc, b in boost.items() if re.match(r"(roles/|reference/|about/)", loc)]
        assert task and other and min(task) > max(other)

    def test_statistics_page_has_no_compensation_tag(self, index):
        """No tag of the statistics pages starts with 赔 (a tag 赔偿统计 won every 赔 query)."""
        tags = [t for loc, es in pages(index).items() if "statistics" in loc for t in es[0].get("tags", [])]
        assert tags and not [t for t in tags if t.startswith("赔")]


class TestSynonymKeywords:
    def test_colloquial_keywords_on_the_page_about_the_word(self, index):
        """食物中毒 is a tag of the crisis-response checklist, so 拉肚子 is one of its keywords."""
        page = pages(index)["procedures/crisis-response/"]
        assert "拉肚子" in page[0]["keywords"]

    @pytest.mark.parametrize("page,said", [
        ("procedures/goods-disposition/", ["发错", "尺码不对", "开胶", "保修期", "过敏", "七天"]),  # 换货, 三包, 人身伤害
        ("procedures/safety-report/", ["充电宝", "奶粉", "误吞"]),  # 安全隐患, 食品安全 tags
        ("procedures/legal-risk/", ["律师", "职业打假人", "号码泄露"]),  # 法律风险 tag
        ("procedures/merchant-penalty/", ["报警"]),  # 移送公安 tag
    ])
    def test_consumer_words_the_handbook_never_uses_reach_the_page(self, index, page, said):
        """Products and remedies as consumers name them (面膜, 充电宝, 发错, 律师) are not in the handbook's text:
        only the synonym keywords let the page that handles them answer."""
        entry = pages(index)[page][0]
        assert not [w for w in said if w in entry["text"]]
        assert [w for w in said if w not in entry["keywords"]] == []

    def test_index_carries_the_table_and_the_field(self, index, pb):
        assert index["config"]["fields"]["keywords"]["boost"] > index["config"]["fields"]["text"]["boost"]
        assert index["config"]["pb_synonyms"] == [{"means": g["means"], "said": g["said"]} for g in pb.synonyms]

    @pytest.mark.parametrize("entries,expected", [
        ([{"title": "证据\u200b保全", "tags": []}], ["拍照片"]),           # a heading word
        ([{"title": "其他", "tags": ["证据收集"]}], ["拍照片"]),            # a tag containing the word
        ([{"title": "其他", "tags": []}, {"title": "证据", "text": ""}], ["拍照片"]),  # a section heading
        ([{"title": "其他", "text": "<p>证据</p>", "tags": []}], []),      # body text alone is not "about"
        ([{"title": "证\u200b据"}], ["拍照片"]),                           # a zero-width space inside the word
        ([{"title": "证 <b>据</b>", "tags": []}], ["拍照片"]),              # markup and spaces inside it
        ([{"text": "", "tags": ["证据"]}], ["拍照片"]),                     # an entry without a title
        ([{"title": "其他", "tags": []}, {"title": "其他", "tags": ["证据"]}], []),  # a section's tags are not the page's
    ])
    def test_page_keywords(self, entries, expected):
        assert expected == page_keywords(entries, [{"means": ["证据"], "said": ["拍照片"]}])

    def test_with_synonyms_puts_keywords_on_the_first_entry_only(self):
        index = {"config": {"fields": {"text": {"boost": 1}}}, "docs": [
            {"location": "a/", "title": "证据", "text": ""}, {"location": "a/#x", "title": "证据", "text": ""},
            {"location": "b/", "title": "其他", "text": ""}]}
        out = with_synonyms(index, [{"means": ["证据"], "said": ["拍照片"]}])
        assert [d.get("keywords") for d in out["docs"]] == [["拍照片"], None, None]

    def test_with_synonyms_groups_entries_by_page_and_publishes_the_table(self):
        index = {"config": {"fields": {"text": {"boost": 1}}}, "docs": [
            {"location": "a/", "title": "其他", "text": ""}, {"location": "a/#x", "title": "证据", "text": ""},
            {"location": "b/", "title": "退款", "text": ""}, {"location": "c/", "title": "证据", "text": ""}]}
        table = [{"means": ["证据"], "said": ["拍照片", "截图"], "note": "不发布"}, {"means": ["退款"], "said": ["退钱", "截图"]}]
        out = with_synonyms(index, table)
        assert [d.get("keywords") for d in out["docs"]] == [["拍照片", "截图"], None, ["退钱", "截图"], ["拍照片", "截图"]]
        assert out["config"]["fields"] == {"text": {"boost": 1}, "keywords": {"boost": 10.0}}
        assert out["config"]["pb_synonyms"] == [{"means": ["证据"], "said": ["拍照片", "截图"]},
                                                {"means": ["退款"], "said": ["退钱", "截图"]}]

    def test_enough_colloquial_phrasings(self, pb):
        """At least 150 colloquial phrasing → handbook word pairs."""
        assert sum(len(g["said"]) for g in pb.synonyms) >= 150


class TestSynonymFile:
    """The synonym file is validated like every playbook file, with located messages."""

    def load_with(self, tmp_path, text):
        overlay = tmp_path / "overlay"
        overlay.mkdir()
        (overlay / "synonyms.yml").write_text(text, encoding="utf-8")
        root = copy_with_overlay(tmp_path, overlay)
        with pytest.raises(PlaybookInvalid) as e:
            load(root)
        return str(e.value)

    HEAD = "# yaml-language-server: $schema=../schemas/synonyms.schema.json\nsynonyms:\n"

    def test_schema_rejects_a_phrase_with_a_space(self, tmp_path):
        out = self.load_with(tmp_path, self.HEAD + "  - means: [受理]\n    said: [我要 投诉]\n")
        assert "synonyms.yml:4:12: synonyms[0].said[0]: '我要 投诉' has the wrong format" in out

    def test_schema_requires_means(self, tmp_path):
        out = self.load_with(tmp_path, self.HEAD + "  - said: [接单]\n")
        assert "synonyms.yml:3:5: synonyms[0]: missing required field 'means'" in out

    def test_word_missing_from_the_handbook(self, tmp_path):
        out = self.load_with(tmp_path, self.HEAD + "  - means: [受理, 过热]\n    said: [发烫]\n")
        assert "synonyms.yml:3:17: synonyms[0].means[1]: '过热' occurs nowhere in the handbook" in out

    def test_phrase_in_two_groups(self, tmp_path):
        out = self.load_with(tmp_path, self.HEAD + "  - means: [受理]\n    said: [接单]\n  - means: [受理]\n    said: [接单]\n")
        assert "synonyms.yml:6:12: synonyms[1].said[0]: '接单' is already in group 0" in out


def test_every_boost_kind_is_used():
    """Each kind in BOOST ranks some page (a stale kind would hide a typo in a macro)."""
    import macros

    source = open(macros.__file__, encoding="utf-8").read() + open("docs/reference/export.md", encoding="utf-8").read()
    used = set(re.findall(r'search_(?:as|kind)\("([a-z-]+)"\)', source))
    assert set(BOOST) <= used
