"""The rulebook: one id per rule, expanded where prose cites it; organisation settings and their warnings."""

from __future__ import annotations

import copy
import dataclasses
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


HINT = ("ids look like severity.major.acknowledge, threshold.<id>, target.<id>, law.<provision>.<key>, "
        "org.<path> (playbook/README.md)")


def _with(pb, organisation=None, **taxonomy):
    """The fixture playbook with some organisation settings or taxonomy lists replaced (copies: the
    session fixture stays as loaded)."""
    org = copy.deepcopy(pb.organisation)
    for path, value in (organisation or {}).items():
        node = org
        *parents, last = path
        for key in parents:
            node = node[key]
        node[last] = value
    return dataclasses.replace(pb, organisation=org, taxonomy={**pb.taxonomy, **taxonomy})


class TestResolveEachKind:
    """Every kind of id gives the value (for tests and scripts) and the page's wording, under its own id."""

    @pytest.mark.parametrize("rid, value, text", [
        ("severity.low", "low", "一般"),
        ("severity.high", "high", "重大"),
        ("severity.low.acknowledge", "PT12H", "12 小时"),
        ("severity.low.grade", "PT2H", "2 小时"),
        ("severity.high.resolve", "P3D", "3 天"),
        ("threshold.amount-high", 1000, "1000 元"),
        ("target.browser-copies", "P30D", "30 天"),
        ("law.a-1.days", 7, "7 天"),
        ("step.alpha.record.due", "PT30M", "30 分钟"),
        ("step.alpha.confirm.due", "PT1H", "1 小时"),  # not the block's first step
        ("step.beta.approve.due", {"severity": "resolve"}, "按严重程度：一般 7 天、重大 3 天"),
        ("org.name", "示例商城", "示例商城"),
        ("org.case_number.practice.pattern", "^LX20[0-9]{2}[0-9]{3}$", "^LX20[0-9]{2}[0-9]{3}$"),
        ("org.authority.agent.max_amount", 200, "200 元"),  # list items by role ...
        ("org.authority.lead.max_amount", None, "「待本单位填写」"),  # ... not only the first one
        ("org.contacts.lead.name", "值班组长", "值班组长"),
        ("org.promises.advance-payment.name", "先行赔付", "先行赔付"),  # ... or by id
        ("org.authority.agent.may_promise", ["依法退货"], "依法退货"),
    ])
    def test_value_and_wording(self, fixture_pb, rid, value, text):
        rule = rulebook.resolve(fixture_pb, rid)
        assert rulebook.Rule(rid, value, text) == rule
        assert rule.filled is (value is not None)

    def test_second_threshold_and_target_in_working_days(self, fixture_pb):
        pb = _with(fixture_pb,
                   thresholds=[{"id": "amount-high", "name": "金额较大", "min": 1000, "severity": "high"},
                               {"id": "amount-huge", "name": "金额巨大", "min": 50000.5, "severity": "high"}],
                   targets=[{"id": "browser-copies", "name": "保留", "within": "P30D", "from": "结案"},
                            {"id": "reply", "name": "答复", "within": {"working_days": 5}, "from": "受理"}])
        assert rulebook.Rule("threshold.amount-huge", 50000.5, "50000.5 元") == rulebook.resolve(pb, "threshold.amount-huge")
        assert rulebook.Rule("target.reply", {"working_days": 5}, "5 个工作日") == rulebook.resolve(pb, "target.reply")
        assert "5 个工作日" == rulebook.target_text({"working_days": 5})
        assert "1 天 12 小时" == rulebook.target_text("P1DT12H")

    def test_organisation_numbers_lists_and_text(self, fixture_pb):
        """A number is an amount (元) only when its setting is one; a list of names joins with 、."""
        pb = _with(fixture_pb, {
            ("promises", 0, "price_multiplier"): 4,
            ("authority", 0, "max_amount"): 199.5,
            ("authority", 0, "may_promise"): ["依法退货", "换货"],
            ("complaint_hotline", ): "400-000-0000",
        })
        assert rulebook.Rule("org.promises.advance-payment.price_multiplier", 4, "4") == \
            rulebook.resolve(pb, "org.promises.advance-payment.price_multiplier")
        assert rulebook.Rule("org.authority.agent.max_amount", 199.5, "199.5 元") == rulebook.resolve(pb, "org.authority.agent.max_amount")
        assert rulebook.Rule("org.authority.agent.may_promise", ["依法退货", "换货"], "依法退货、换货") == \
            rulebook.resolve(pb, "org.authority.agent.may_promise")
        assert rulebook.Rule("org.complaint_hotline", "400-000-0000", "400-000-0000") == rulebook.resolve(pb, "org.complaint_hotline")

    @pytest.mark.parametrize("rid", [
        "severity", "severity.nope", "severity.high.name", "severity.high.rank", "severity.high.acknowledge.x",
        "threshold", "threshold.nope", "threshold.amount-high.min",
        "target.nope", "target.browser-copies.within",
        "law.a-1", "law.a-1.nope", "law.a-2.days", "law.nope.days", "law.a-1.days.x",
        "step.alpha", "step.alpha.record", "step.alpha.record.text", "step.alpha.record.due.x",
        "step.alpha.nope.due", "step.nope.record.due", "step.alpha.escalate.due",  # escalate has no due
        "org", "bogus", "bogus.alpha.record.due", "Severity.high",
    ])
    def test_a_name_that_names_nothing_gets_the_forms(self, fixture_pb, rid):
        with pytest.raises(rulebook.UnknownRule) as e:
            rulebook.resolve(fixture_pb, rid)
        assert f"no rule {rid!r}; {HINT}" == e.value.args[0]

    @pytest.mark.parametrize("rid, message", [
        ("org.nope.x", "organisation.yml has no nope.x"),
        ("org.authority.nobody.max_amount", "organisation.yml has no authority.nobody.max_amount"),
        ("org.authority", "org.authority is a group of settings in organisation.yml; name one value inside it"),
        ("org.authority.agent", "org.authority.agent is a group of settings in organisation.yml; name one value inside it"),
        ("org.case_number.practice", "org.case_number.practice is a group of settings in organisation.yml; name one value inside it"),
        # Inside a list of plain values (examples, may_promise) there are no named items.
        ("org.case_number.examples.x.y", "organisation.yml has no case_number.examples.x.y"),
        ("org.authority.agent.may_promise.x.y", "organisation.yml has no authority.agent.may_promise.x.y"),
    ])
    def test_organisation_paths_that_name_no_value(self, fixture_pb, rid, message):
        with pytest.raises(rulebook.UnknownRule) as e:
            rulebook.resolve(fixture_pb, rid)
        assert message == e.value.args[0]


class TestWalks:
    def test_expand_replaces_every_token_and_only_tokens(self, fixture_pb):
        assert "先重大后7 天，再 30 分钟" == rulebook.expand(
            fixture_pb, "先{rule:severity.high}后{rule:law.a-1.days}，再 {rule:severity.high.acknowledge}")
        assert "{rule:Severity.high} {rule:} 无" == rulebook.expand(fixture_pb, "{rule:Severity.high} {rule:} 无")

    def test_strings_names_every_text_leaf_by_path(self):
        doc = {"a": ["x", {"b": "y", "n": 1}], "c": "z", "d": None}
        assert [(("a", 0), "x"), (("a", 1, "b"), "y"), (("c",), "z")] == list(rulebook.strings(doc))

    def test_unfilled_lists_nulls_in_maps_and_lists_but_not_a_top_approver(self):
        doc = {"name": "x", "hotline": None, "on_call": [None, {"name": None, "approver": None, "role": "lead"}],
               "authority": [{"role": "lead", "max_amount": 5, "approver": None}]}
        assert [("hotline",), ("on_call", 0), ("on_call", 1, "name")] == list(rulebook.unfilled(doc))


class TestExpansion:
    def test_step_text_reads_the_rule(self, tmp_path):
        """A step citing {rule:...} shows the taxonomy's value, and follows it when it changes."""
        pbdir = copy_with_overlay(tmp_path)
        proc = pbdir / "procedures" / "alpha.yml"
        _edit(proc, lambda d: d["blocks"][0]["steps"][0].update(text="{rule:severity.high.acknowledge}内联系投诉人。"))
        assert "30 分钟内联系投诉人。" == load(pbdir).procedures["alpha"]["blocks"][0]["steps"][0]["text"]
        _edit(pbdir / "taxonomy.yml", lambda d: d["severities"][1].update(acknowledge="PT15M"))
        assert "15 分钟内联系投诉人。" == load(pbdir).procedures["alpha"]["blocks"][0]["steps"][0]["text"]

    def test_a_path_through_a_list_of_values_is_an_unknown_reference(self, tmp_path):
        """Not a crash (AttributeError: 'str' object has no attribute 'get') but the located error."""
        pbdir = copy_with_overlay(tmp_path)
        _edit(pbdir / "procedures" / "alpha.yml",
              lambda d: d["blocks"][0]["steps"][0].update(text="{rule:org.case_number.examples.first.text}"))
        with pytest.raises(PlaybookInvalid) as e:
            load(pbdir)
        assert "blocks[0].steps[0].text: unknown rule reference" in str(e.value)
        assert "organisation.yml has no case_number.examples.first.text" in str(e.value)

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
