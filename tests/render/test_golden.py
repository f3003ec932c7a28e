"""Golden renders of the fixture playbook: any change to rendered output must be deliberate.

Regenerate after an intended change with `pytest tests/render --update-golden` and review the diff
(refused under CI, which only compares).
"""

from __future__ import annotations

import pytest

from macros.render import coverage, laws, organisation, plan, procedure, roles, taxonomy, template
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
    "role-lead.md": lambda pb: roles.render_role(pb, "lead", Linker("roles/lead.md")),
    "taxonomy.md": lambda pb: taxonomy.render(pb, Linker("reference/severity.md")),
    "laws.md": lambda pb: laws.render(pb, Linker("reference/laws.md")),
    "coverage.md": lambda pb: coverage.render(pb, Linker("reference/coverage.md")),
    "plan.md": lambda pb: plan.render(pb, Linker("about/plan.md")),
    # Filled and unfilled settings (「待本单位填写」), the authority matrix and the practice range.
    "organisation.md": lambda pb: organisation.render(pb, Linker("reference/organisation.md")),
}


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_golden(name, fixture_pb, request):
    """The render equals tests/golden/<name>."""
    out = RENDERS[name](fixture_pb)
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.write_text(out, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == out
