"""The rulebook: one id per rule, expanded where prose cites it; organisation settings and their warnings."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from macros import rulebook
from macros.cli import main
from macros.errors import PlaybookInvalid
from macros.loader import load
from macros.render.organisation import render_rule

from .conftest import ROOT, copy_with_overlay


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class TestResolve:
    @pytest.mark.parametrize("rid, text", [
        ("severity.high", "重大"),
        ("severity.high.acknowledge", "30 分钟"),
        ("org.name", "示例商城"),
        ("org.authority.agent.max_amount", "200 元"),
        ("org.complaint_hotline", "「待本单位填写」"),
        ("org.authority.agent.may_promise", "依法退货"),
    ])
    def test_wording(self, fixture_pb, rid, text):
        assert text == rulebook.resolve(fixture_pb, rid).text

    @pytest.mark.parametrize("rid", ["severity.nope", "severity.high.nope", "org.authority", "org.nope.x", "law.x.y", "bogus"])
    def test_unknown_names_the_forms(self, fixture_pb, rid):
        with pytest.raises(rulebook.UnknownRule) as e:
            rulebook.resolve(fixture_pb, rid)
        assert "playbook/README.md" in e.value.args[0] or "organisation" in e.value.args[0]

    def test_macro_marks_unfilled_visibly(self, fixture_pb):
        html = render_rule(fixture_pb, "org.complaint_hotline")
        assert 'class="pb-unfilled"' in html and "待本单位填写" in html


class TestExpansion:
    def test_step_text_reads_the_rule(self, tmp_path):
        """A step citing {rule:...} shows the taxonomy's value, and follows it when it changes."""
        pbdir = copy_with_overlay(tmp_path)
        proc = pbdir / "procedures" / "alpha.yml"
        _edit(proc, lambda d: d["blocks"][0]["steps"][0].update(text="{rule:severity.high.acknowledge}内联系投诉人。"))
        assert "30 分钟内联系投诉人。" == load(pbdir).procedures["alpha"]["blocks"][0]["steps"][0]["text"]
        _edit(pbdir / "taxonomy.yml", lambda d: d["severities"][1].update(acknowledge="PT15M"))
        assert "15 分钟内联系投诉人。" == load(pbdir).procedures["alpha"]["blocks"][0]["steps"][0]["text"]

    def test_unknown_reference_is_located(self, tmp_path):
        pbdir = copy_with_overlay(tmp_path)
        _edit(pbdir / "procedures" / "alpha.yml", lambda d: d["blocks"][0]["steps"][0].update(text="{rule:severity.high.ack}"))
        with pytest.raises(PlaybookInvalid) as e:
            load(pbdir)
        assert "alpha.yml:" in str(e.value) and "blocks[0].steps[0].text: unknown rule reference" in str(e.value)


class TestOrganisationWarnings:
    def test_validate_lists_unfilled_as_warnings_and_passes(self, tmp_path, monkeypatch, capsys):
        copy_with_overlay(tmp_path)
        monkeypatch.chdir(tmp_path)
        assert 0 == main(["validate", "playbook"])
        err = capsys.readouterr().err
        assert "warning: playbook/organisation.yml:3:1: complaint_hotline: not filled in yet" in err
        assert "playbook OK" in err

    def test_filled_settings_do_not_warn(self, tmp_path):
        pbdir = copy_with_overlay(tmp_path)
        assert any(w.field == "complaint_hotline" for w in load(pbdir).warnings)
        _edit(pbdir / "organisation.yml", lambda d: d.update(complaint_hotline="400-000-0000"))
        assert not any(w.field == "complaint_hotline" for w in load(pbdir).warnings)

    def test_practice_numbers_cannot_be_real_numbers(self, tmp_path):
        pbdir = copy_with_overlay(tmp_path)
        _edit(pbdir / "organisation.yml", lambda d: d["case_number"]["practice"].update(pattern="^20[0-9]{5}$", examples=["2026900"]))
        with pytest.raises(PlaybookInvalid, match="also a valid real case number"):
            load(pbdir)

    def test_real_playbook_warns_but_builds(self):
        result = subprocess.run([sys.executable, "-m", "macros.cli", "validate"], capture_output=True, text=True, cwd=ROOT)
        assert 0 == result.returncode, result.stderr
        assert "organisation.yml" in result.stderr and "待本单位填写" in result.stderr
