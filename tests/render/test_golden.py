"""Golden renders of the fixture playbook: any change to rendered output must be deliberate.

Regenerate after an intended change with `pytest tests/render --update-golden` and review the diff
(refused under CI, which only compares).
"""

from __future__ import annotations

import pytest

from macros.render import (aids, coverage, drill, laws, organisation, plan, procedure, roles, situations, stats, taxonomy,
                           template, training)
from macros.render.html import Linker

from ..conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"

RENDERS = {
    # A READ-DO procedure with deadlines, a due_from chain, a condition, laws and a template.
    "procedure-alpha.md": lambda pb: procedure.render(pb, "alpha", Linker("procedures/alpha.md")),
    # A DO-CONFIRM procedure with a category condition and an unconfirmed law.
    "procedure-beta.md": lambda pb: procedure.render(pb, "beta", Linker("procedures/beta.md")),
    # The same page laid out for the offline edition (file URLs).
    "procedure-alpha-offline.md": lambda pb: procedure.render(pb, "alpha", Linker("procedures/alpha.md", directory_urls=False)),
    "template-notice.md": lambda pb: template.render(pb, "notice", Linker("forms/notice.md")),
    # The top of the chain (receives escalations) and a role that escalates to it.
    "role-lead.md": lambda pb: roles.render_role(pb, "lead", Linker("roles/lead.md")),
    "role-agent.md": lambda pb: roles.render_role(pb, "agent", Linker("roles/agent.md")),
    "taxonomy.md": lambda pb: taxonomy.render(pb, Linker("reference/severity.md")),
    "laws.md": lambda pb: laws.render(pb, Linker("reference/laws.md")),
    "coverage.md": lambda pb: coverage.render(pb, Linker("reference/coverage.md")),
    "plan.md": lambda pb: plan.render(pb, Linker("about/plan.md")),
    # Filled and unfilled settings (「待本单位填写」), the authority matrix and the practice range.
    "organisation.md": lambda pb: organisation.render(pb, Linker("reference/organisation.md")),
    # A drill's facilitator console (injects, expected steps, evaluation) and its participant handout.
    "drill-outage.md": lambda pb: drill.render(pb, "outage", Linker("drills/outage.md")),
    "drill-outage-handout.md": lambda pb: drill.render_handout(pb, "outage", Linker("drills/outage-handout.md")),
    # A training path with modules, a case study and a quiz citing a law.
    "training-basics.md": lambda pb: training.render(pb, "basics", Linker("training/basics.md")),
    # The four decision aids with their rules as data.
    **{f"aid-{kind}.md": (lambda kind: lambda pb: aids.render(pb, kind, Linker(f"aids/{kind}.md")))(kind)
       for kind in ("triage", "compensation", "deadlines", "penalties")},
    "statistics.md": lambda pb: stats.render(pb, Linker("reference/statistics.md")),
    # The start page: situations, severity summary, escalation and open runs.
    "start.md": lambda pb: situations.render(pb, Linker("index.md")),
    # The index pages of each element kind.
    "index-procedures.md": lambda pb: procedure.render_index(pb, Linker("procedures/index.md")),
    "index-templates.md": lambda pb: template.render_index(pb, Linker("forms/index.md")),
    "index-drills.md": lambda pb: drill.render_index(pb, Linker("drills/index.md")),
    "index-training.md": lambda pb: training.render_index(pb, Linker("training/index.md")),
    "index-roles.md": lambda pb: roles.render_index(pb, Linker("roles/index.md")),
}


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_golden(name, fixture_pb, request):
    """The render equals tests/golden/<name>."""
    out = RENDERS[name](fixture_pb)
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.write_text(out, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == out
