"""Rendering helpers: links as MkDocs lays out URLs, escaping of every data value."""

from __future__ import annotations

import copy
import html as html_lib

import pytest

from macros.render import procedure
from macros.render.html import Linker, heading, inert

from ..payloads import FAMILIES
from . import page_data

PAYLOAD = '<img src=x onerror=alert(1)>"\'</script>'


class TestLinker:
    @pytest.mark.parametrize("page,target,expected", [
        # Sibling page in the same folder.
        ("procedures/intake.md", "procedures/classify.md", "../classify/"),
        # Across folders.
        ("procedures/intake.md", "forms/notice.md", "../../forms/notice/"),
        # From the home page.
        ("index.md", "procedures/intake.md", "procedures/intake/"),
        # To the home page.
        ("roles/lead.md", "index.md", "../../"),
        # The same page.
        ("procedures/intake.md", "procedures/intake.md", "./"),
    ])
    def test_directory_urls(self, page, target, expected):
        """Relative links match MkDocs' directory URLs."""
        assert expected == Linker(page).to(target)

    @pytest.mark.parametrize("page,target,expected", [
        ("procedures/intake.md", "forms/notice.md", "../forms/notice.html"),
        ("index.md", "procedures/intake.md", "procedures/intake.html"),
        ("roles/lead.md", "index.md", "../index.html"),
    ])
    def test_file_urls(self, page, target, expected):
        """The offline edition links to .html files, which work from file://."""
        assert expected == Linker(page, directory_urls=False).to(target)

    def test_assets(self):
        """Static files are linked as files, in both URL layouts."""
        assert "../../assets/x.json" == Linker("reference/stats.md").asset("assets/x.json")
        assert "../assets/x.json" == Linker("reference/stats.md", directory_urls=False).asset("assets/x.json")
        # From the site's root, where the page's folder is the root itself.
        assert "assets/x.json" == Linker("index.md").asset("assets/x.json")
        assert "assets/x.json" == Linker("index.md", directory_urls=False).asset("assets/x.json")

    def test_anchored_kinds(self):
        """Laws and sections link to anchors on their reference pages."""
        link = Linker("procedures/intake.md")
        assert "../../reference/laws/#law-xfz-25" == link("law", "xfz-25")
        assert "../../reference/coverage/#sec-6-2-1" == link("section", "6.2.1")


class TestEscaping:
    def test_payload_in_every_procedure_field_is_escaped(self, fixture_pb):
        """Markup typed into any procedure text never reaches the page as markup."""
        pb = copy.deepcopy(fixture_pb)
        p = pb.procedures["alpha"]
        p["title"] = p["summary"] = PAYLOAD
        p["when"] = [PAYLOAD]
        p["blocks"][0]["title"] = p["blocks"][0]["pause"] = PAYLOAD
        step = p["blocks"][0]["steps"][0]
        step["text"] = step["note"] = PAYLOAD
        step["evidence"] = [PAYLOAD]
        p["end"]["text"] = PAYLOAD
        out = procedure.render(pb, "alpha", Linker("procedures/alpha.md"))
        assert "<img" not in out
        assert "</script>" not in out
        assert "&lt;img src=x onerror=alert(1)&gt;" in out

    def test_embedded_data_round_trips(self, fixture_pb):
        """The data-pb-json attribute, parsed as a browser would, gives back the payload intact."""
        pb = copy.deepcopy(fixture_pb)
        pb.procedures["alpha"]["blocks"][0]["steps"][0]["text"] = PAYLOAD
        out = procedure.render(pb, "alpha", Linker("procedures/alpha.md"))
        assert PAYLOAD == page_data(out)[0]["steps"][0]["text"]


@pytest.fixture(scope="module")
def md():
    """Python-Markdown configured exactly as the site's mkdocs.yml configures it."""
    import markdown
    from mkdocs.config import load_config

    from ..conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


class TestHeadings:
    @pytest.mark.parametrize("family", sorted(FAMILIES))
    def test_heading_is_text_for_every_payload(self, md, family):
        """A heading built from data comes out of the site's Markdown as that text, with only our id
        and permalink: no link, image, attribute or tag from the data (stack notes, review §8.3)."""
        from html.parser import HTMLParser

        text = "标题 " + FAMILIES[family] + "\n# 第二行"
        md.reset()
        out = md.convert(heading(2, text, "block-x"))
        tags, data = [], []

        class P(HTMLParser):
            def handle_starttag(self, tag, attrs):
                tags.append((tag, dict(attrs)))

            def handle_data(self, d):
                data.append(d)

        P().feed(out)
        assert [("h2", {"id": "block-x"}), ("a", {"class": "headerlink", "href": "#block-x", "title": "Permanent link"})] == tags
        assert " ".join(text.split()) + "¶" == "".join(data)
        # The table of contents gets the same text, as escaped HTML (the theme prints it unescaped).
        [token] = md.toc_tokens
        assert ("block-x", " ".join(text.split())) == (token["id"], html_lib.unescape(token["name"]))
        assert "<" not in token["name"]

    def test_inert_keeps_letters_and_chinese(self):
        """Only ASCII punctuation is encoded; words stay readable in the Markdown source."""
        assert "第1章 投诉&#60;b&#62; abc" == inert("第1章\n投诉<b>  abc")
