"""templates/<id>.yml → the template page: a fill-in form and the document it produces."""

from __future__ import annotations

from ..model import Playbook
from markupsafe import Markup, escape

from ..rulebook import resolve
from .html import Linker, heading, html, join, json_data
from .procedure import case_number_rule


def render(pb: Playbook, tid: str, link: Linker) -> str:
    t = pb.templates[tid]
    users = [(p, s) for p in pb.procedures.values() for _, s in pb.steps(p) if tid in s.get("templates", [])]
    data = json_data({"id": t["id"], "title": t["title"], "fields": t["fields"], "body": t["body"],
                      "caseNumber": case_number_rule(pb), "sender": resolve(pb, "org.name").text})
    return join(
        heading(1, t["title"], "top"),
        html("template_form.html.j2", t=t, pb=pb, link=link, users=users, data=data),
        heading(2, "文本", "body"),
        # Newlines as character references keep the <pre> one line, so the raw HTML block stays intact.
        html("template_body.html.j2", t=t, body=Markup(str(escape(t["body"].rstrip())).replace("\n", "&#10;"))),
    )


def render_index(pb: Playbook, link: Linker) -> str:
    return html("template_index.html.j2", pb=pb, link=link)
