"""macros/errors.py: how one problem and a whole failed load read to the author, and that errors
survive being copied to another process (mkdocs serve rebuilds, pytest-xdist)."""

from __future__ import annotations

import copy
import os
import pickle
from pathlib import Path

import pytest

from macros.errors import CrossRefError, PlaybookError, PlaybookInvalid, SchemaError, YamlError, display_path


def err(cls=SchemaError, file="playbook/procedures/a.yml", line=3, col=5, field="steps[0].owner", message="m", fix="f"):
    return cls(file=Path(file), line=line, col=col, field=field, message=message, fix=fix)


@pytest.mark.parametrize("field, fix, text", [
    ("steps[0].owner", "use one of: lead", "playbook/procedures/a.yml:3:5: steps[0].owner: unknown role (use one of: lead)"),
    ("", "use one of: lead", "playbook/procedures/a.yml:3:5: unknown role (use one of: lead)"),
    ("steps[0].owner", "", "playbook/procedures/a.yml:3:5: steps[0].owner: unknown role"),
])
def test_one_problem_reads_file_line_col_field_message_fix(field, fix, text):
    e = err(field=field, fix=fix, message="unknown role")
    assert str(e) == text and e.args == (text,)


def test_a_path_below_the_working_directory_is_shown_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "playbook" / "plan.yml") == os.path.join("playbook", "plan.yml")
    assert str(err(file=tmp_path / "plan.yml", field="")).startswith("plan.yml:3:5: m")


@pytest.mark.parametrize("cls", [PlaybookError, YamlError, SchemaError, CrossRefError])
def test_an_error_survives_pickle_and_copy(cls):
    e = err(cls)
    for twin in (pickle.loads(pickle.dumps(e)), copy.deepcopy(e), copy.copy(e)):
        assert type(twin) is cls and str(twin) == str(e)
        assert (twin.file, twin.line, twin.col, twin.field, twin.message, twin.fix) == (e.file, 3, 5, "steps[0].owner", "m", "f")


def test_a_failed_load_lists_every_problem_sorted_then_counts_them():
    errors = [err(file="b.yml", line=1, col=1, field="", message="x", fix=""),
              err(file="a.yml", line=9, col=1, field="", message="x", fix=""),
              err(file="a.yml", line=2, col=7, field="", message="x", fix=""),
              err(file="a.yml", line=2, col=3, field="z", message="x", fix=""),
              err(file="a.yml", line=2, col=3, field="y", message="w", fix=""),
              err(file="a.yml", line=2, col=3, field="y", message="v", fix="")]
    invalid = PlaybookInvalid(errors)
    assert str(invalid).splitlines() == [
        "a.yml:2:3: y: v", "a.yml:2:3: y: w", "a.yml:2:3: z: x", "a.yml:2:7: x", "a.yml:9:1: x", "b.yml:1:1: x",
        "6 errors in the playbook."]
    assert invalid.args == (str(invalid),)
    assert str(PlaybookInvalid(errors[:1])).splitlines()[-1] == "1 error in the playbook."
