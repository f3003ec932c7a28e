"""The decision-aid pages."""

from __future__ import annotations

import dataclasses

import pytest

from macros.render import aids
from macros.render.html import Linker

from . import page_data


def test_an_unknown_calculator_is_named_in_the_error(fixture_pb):
    """A page asking for a calculator that does not exist fails the build saying which one."""
    with pytest.raises(ValueError, match="unknown aid 'penalty'"):
        aids.render(fixture_pb, "penalty", Linker("aids/penalty.md"))


def test_every_calculator_links_each_law_its_rules_cite(fixture_pb):
    """Whichever part of the rules cites a provision, every calculator's data links it: here 甲法第9条
    is cited only as a remedy law, a-1 by the exclusion, the punitive bases and the deadlines, and
    a-2 only by a deadline (the fixture playbook)."""
    comp = {**fixture_pb.aids["compensation"], "remedy_laws": ["a-9"]}
    provisions = {**fixture_pb.provisions, "a-9": {"id": "a-9", "act": "act-a", "article": "第9条", "rule": "补救。"}}
    pb = dataclasses.replace(fixture_pb, aids={**fixture_pb.aids, "compensation": comp}, provisions=provisions)
    for kind in ("triage", "compensation", "deadlines"):
        cites = page_data(aids.render(pb, kind, Linker(f"aids/{kind}.md")))[0]["cites"]
        assert ["a-1", "a-2", "a-9"] == sorted(cites)
        assert {"id": "a-9", "label": "甲法第9条", "url": "../../reference/laws/#law-a-9", "verify": False} == cites["a-9"]
        assert cites["a-2"]["verify"] is True
