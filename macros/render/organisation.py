"""organisation.yml → the organisation-settings page: contacts, authority matrix, on-call roster,
backup approver, published promises and the case-number rule. Unfilled values show 「待本单位填写」."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..model import Playbook
from ..rulebook import UNFILLED, Rule, resolve
from .html import Linker, heading, html, join


def value(v: Any, unit: str = "") -> Markup:
    """A setting as HTML: escaped text, or the visible unfilled marker."""
    if v is None:
        return Markup(f'<span class="pb-unfilled">{UNFILLED}</span>')
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return escape(f"{v:g}{(' ' + unit) if unit else ''}")
    return escape(str(v))


def rule_html(r: Rule) -> Markup:
    """A rule for a Markdown page (the rule() macro): its wording, or the unfilled marker."""
    return Markup(f'<span class="pb-rule" data-pb-rule="{escape(r.id)}">{escape(r.text) if r.filled else value(None)}</span>')


def render_rule(pb: Playbook, rid: str) -> str:
    return str(rule_html(resolve(pb, rid)))


def render_case_number(pb: Playbook) -> str:
    return html("organisation_case_number.html.j2", rule=pb.organisation["case_number"])


def render(pb: Playbook, link: Linker) -> str:
    org = pb.organisation
    ctx = dict(org=org, pb=pb, link=link, value=value)
    return join(
        html("organisation_head.html.j2", **ctx),
        heading(2, "授权与审批额度", "authority"),
        html("organisation_authority.html.j2", **ctx),
        heading(2, "值班表与备用审批人", "on-call"),
        html("organisation_on_call.html.j2", **ctx),
        heading(2, "平台公开承诺", "promises"),
        html("organisation_promises.html.j2", **ctx),
        heading(2, "投诉编号", "case-number"),
        render_case_number(pb),
    )
