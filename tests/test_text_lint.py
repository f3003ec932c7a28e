"""Chinese-text lint (review X3–X6): full-width punctuation in Chinese text and one spelling per term.

The tree test guards the real content; the fixture tests prove each rule fires on a known mistake and
stays quiet on YAML syntax, code, macro calls and search keywords.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.textlint import lint_markdown, lint_template, lint_tree, lint_yaml, punctuation

from .conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "textlint"


def _lines(hits) -> list[tuple[int, str]]:
    return [(h.line, re.search(r"'(.)'|“(..)”|“(....)”", h.message).group(0)) for h in hits]


def test_the_handbook_is_clean():
    """Every Chinese string in playbook/, docs/ and the page templates passes."""
    hits = lint_tree(ROOT)
    assert [] == [str(h) for h in hits], "use full-width ，：；？！（） in Chinese text and the listed terms"


def test_yaml_hits_name_the_line():
    hits = lint_yaml(FIX / "bad.yml")
    assert [(4, "','"), (7, "':'"), (9, "“做出”"), (10, "“先行赔偿”")] == _lines(hits)
    assert str(hits[0]).startswith(f"{FIX / 'bad.yml'}:4: half-width ','")


def test_yaml_syntax_and_keywords_are_not_text():
    """The flow mapping's ',' and ':' are YAML, and 维修 stays searchable in keywords."""
    lines = {h.line for h in lint_yaml(FIX / "bad.yml")}
    assert not lines & {3, 5}


def test_markdown_skips_front_matter_code_and_macros():
    assert [(5, "'?'"), (8, "':'")] == _lines(lint_markdown(FIX / "bad.md"))


def test_template_text_around_jinja():
    """A Jinja expression prints Chinese text, so marks beside it count; tags do not."""
    assert [(2, "'('"), (2, "')'")] == _lines(lint_template(FIX / "bad.html.j2"))


def test_english_and_numbers_are_left_alone():
    for ok in ("ISO 8601 (calendar)", "10:00", "max(3, 500)", "中文，English, more"):
        assert [] == list(punctuation(ok)), ok
    assert 1 == len(list(punctuation("不足 500,按 500 元")))


def test_role_short_forms_are_defined(pb):
    """Short forms used in step texts (质量经理, 总指挥 …) are each some role's defined short form."""
    shorts = {r["short"] for r in pb.roles.values() if r.get("short")}
    used = {"质量经理", "总指挥", "组长", "法务", "公关"}
    assert used <= shorts
    names = {r["name"] for r in pb.roles.values()}
    assert not shorts & names
    # Undefined variants of a role name (review X6) must not come back.
    variants = ("危机总指挥", "危机指挥。", "危机指挥报")
    texts = [str(p.read_text(encoding="utf-8")) for p in (ROOT / "playbook").rglob("*.yml")]
    assert [] == [v for v in variants for t in texts if v in t]


def test_every_area_of_a_tree_is_linted_with_file_and_line(tmp_path):
    """lint_tree reads nested playbook YAML, nested docs Markdown and the page templates (make mutation
    found the real tree's clean run could not tell a skipped area from a clean one)."""
    files = {
        "playbook/procedures/x.yml": "a: 中文,说明\nlist:\n  - 第二项,说明\n",
        "docs/sub/a.md": "---\ntitle: 标题:说明\n---\n正文,说明\n\n```\n代码,中文\n```\n请先做出决定。\n",
        "macros/render/templates/t.html.j2": "<p>{{ x }},说明</p>\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    hits = [(str(h.file.relative_to(tmp_path)), h.line, h.message) for h in lint_tree(tmp_path)]
    assert hits == [
        ("playbook/procedures/x.yml", 1, "half-width ',' in Chinese text near “中文,说明” (use '，')"),
        ("playbook/procedures/x.yml", 3, "half-width ',' in Chinese text near “第二项,说明” (use '，')"),
        ("docs/sub/a.md", 4, "half-width ',' in Chinese text near “正文,说明” (use '，')"),
        ("docs/sub/a.md", 9, "term “做出” (write “作出”)"),
        ("macros/render/templates/t.html.j2", 1, "half-width ',' in Chinese text near “字,说明” (use '，')"),
    ]


def test_a_rule_after_the_text_is_not_front_matter(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("正文:说明\n---\n后文,说明\n", encoding="utf-8")
    assert [(1, "':'"), (3, "','")] == _lines(lint_markdown(md))


def test_neighbours_and_snippets():
    """A mark counts when Chinese is next to it on either side, across spaces and emphasis; the
    message quotes six characters before and after, on one line."""
    table = [
        ("中,x", 1), ("x,中", 1), ("中 ,x", 1), ("x, *中", 1), ("x , x", 0), ("中", 0),
    ]
    for text, n in table:
        assert n == len(list(punctuation(text))), text
    text = "一二三四五六七八,九十一二三四五六七\n八"
    assert [(8, "half-width ',' in Chinese text near “三四五六七八,九十一二三四” (use '，')")] == list(punctuation(text))
    assert [(3, "half-width ',' in Chinese text near “一\n二,三 四” (use '，')".replace("\n", " "))] == list(punctuation("一\n二,三\n四"))


def test_yaml_block_lines_count_from_the_line_after_the_key(tmp_path):
    """A '|' block's text starts on the line after its key, and each newline in it is one more line,
    a leading blank line included; a one-line quoted value stays on its key's line even when it ends
    in an escaped newline. Blocks ending in a line of spaces or of XXXX (a placeholder) are blocks too."""
    yml = tmp_path / "x.yml"
    yml.write_text(
        'quoted: "引号,说明\\n"\n'          # 1
        "block: |\n"                        # 2
        "  第一行,说明\n"                    # 3
        "  第二行\n"                         # 4
        "  第三行,说明\n"                    # 5
        "blank_first: |\n"                  # 6
        "\n"                                # 7
        "  空行后,说明\n"                    # 8
        "spaces_last: |\n"                  # 9
        "  空格行前,说明\n"                  # 10
        "   \n"                             # 11
        "placeholder_last: |\n"             # 12
        "  金额前,说明\n"                    # 13
        "  XXXX\n",                         # 14
        encoding="utf-8")
    assert [1, 3, 5, 8, 10, 13] == [h.line for h in lint_yaml(yml)]


def test_markdown_front_matter_closed_on_line_two_and_all_its_lines_skipped(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("---\n---\n正文,说明\n", encoding="utf-8")
    assert [(3, "','")] == _lines(lint_markdown(empty))
    longer = tmp_path / "longer.md"
    longer.write_text("---\ntitle: 标题\ndescription: 说明,中文\n---\n正文:说明\n", encoding="utf-8")
    assert [(5, "':'")] == _lines(lint_markdown(longer))


def test_tree_keeps_the_hits_of_every_yaml_file(tmp_path):
    for name in ("playbook/a.yml", "playbook/procedures/b.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text: 中文,说明\n", encoding="utf-8")
    assert ["playbook/a.yml", "playbook/procedures/b.yml"] == [str(h.file.relative_to(tmp_path)) for h in lint_tree(tmp_path)]
