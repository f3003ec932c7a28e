"""macros/source.py: every way a file can fail to be read, as the line, column, message and fix a
writer sees, and the positions errors point at. (The hostile-input limits are in test_loader.)"""

from __future__ import annotations

import pytest
import yaml

from macros import source
from macros.errors import YamlError
from macros.source import MAX_BYTES, read


def problem(tmp_path, text: str | bytes) -> tuple[int, int, str, str, str]:
    path = tmp_path / "x.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(YamlError) as caught:
        read(path)
    e = caught.value
    return e.line, e.col, e.field, e.message, e.fix


EMPTY = "file is empty", "add the data this file should hold, or delete the file"


@pytest.mark.parametrize("text, expected", [
    ("", (1, 1, "", *EMPTY)),
    ("# 只有注释\n   # 还有一行\n\n", (1, 1, "", *EMPTY)),
    ("a: b: c\n", (1, 5, "", "mapping values are not allowed here", "quote the value if it contains ': '")),
    ("a: 1\n---\nb: 2\n", (2, 1, "", "the file holds more than one YAML document",
                            "keep one document: remove the '---' line and what follows")),
    ("a: [1\n", (2, 1, "", "expected ',' or ']', but got '<stream end>'", "check indentation, quotes and colons on this line")),
    # A control character: PyYAML raises before parsing, with no mark; the reader finds it for us.
    ("a: 1\nb: 铃\x07\n", (2, 5, "", "character U+0007 is not allowed in YAML",
                            "delete it (control characters often come with text pasted from another program)")),
    ("? [a, b]\n: 1\n", (1, 3, "", "keys must be plain words", "write the key as a plain word")),
    ("a:\n  b: !!binary aGk=\n", (2, 6, "a.b", "tag '!!binary' is not allowed", "remove the tag; the playbook holds plain data only")),
])
def test_what_a_writer_is_told(tmp_path, text, expected):
    assert problem(tmp_path, text) == expected


def test_a_file_over_the_size_limit(tmp_path):
    size = MAX_BYTES + 1
    assert problem(tmp_path, b"a" * size) == (1, 1, "", f"file is {size} bytes, over the {MAX_BYTES}-byte limit",
                                              "split it into smaller files")


def test_nesting_too_deep_for_the_parser(tmp_path):
    assert problem(tmp_path, "a: " + "[" * 3000 + "]" * 3000 + "\n")[3:] == ("nesting is too deep", "flatten the structure")


def test_the_exact_parser_reads_what_the_fast_one_gives_up_on(tmp_path, monkeypatch):
    """When the C parser fails (it does on some inputs the Python parser reports better), the file
    is parsed again by the Python parser: a valid file still reads, with the same data and positions."""
    path = tmp_path / "x.yml"
    path.write_text("title: 接收\nsteps:\n  - id: a\n    text: 问候\n", encoding="utf-8")
    fast = read(path)

    class Failing(source._FastLoader):
        def get_single_node(self):
            raise yaml.YAMLError("the C parser gave up")

    monkeypatch.setattr(source, "_FastLoader", Failing)
    slow = read(path)
    assert (slow.data, slow.positions, slow.digest, slow.path) == (fast.data, fast.positions, fast.digest, fast.path)
    assert slow.data == {"title": "接收", "steps": [{"id": "a", "text": "问候"}]}
    assert slow.where(("steps", 0, "text")) == (4, 5)


def test_an_error_points_at_the_nearest_enclosing_value(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("x: 1\na:\n  b: 2\n", encoding="utf-8")
    doc = read(path)
    assert doc.where(("a", "b")) == (3, 3)
    assert doc.where(("a", "missing")) == (2, 1)  # a missing field: its parent
    assert doc.where(("a", "missing", "deeper")) == (2, 1)
    assert doc.where(("nothing",)) == (1, 1)
