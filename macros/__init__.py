"""mkdocs-macros entry point: loads the playbook once per build and registers one-line macros.

All rendering lives in macros.render as plain functions; nothing here but wiring.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError

from .errors import PlaybookInvalid
from .export import write_exports
from .loader import load
from .rulebook import UnknownRule
from .render import aids as _aids
from .render import coverage as _coverage
from .render import drill as _drill
from .render import laws as _laws
from .render import organisation as _organisation
from .render import plan as _plan
from .render import procedure as _procedure
from .render import roles as _roles
from .minify import minify_assets
from .render import situations as _situations
from .render import stats as _stats
from .render import taxonomy as _taxonomy
from .render import template as _template
from .render import training as _training
from .render.html import Linker
from .search import page_search, write_synonyms


# Search matches each query word as a prefix of tags, which it boosts far above text. Almost every
# query contains these words, so a tag starting with one would lift every such page alike.
_GENERIC_PREFIXES = ("投诉处理", "投诉", "处理")


def _distinctive(title: str) -> str:
    for prefix in _GENERIC_PREFIXES:
        if title.startswith(prefix) and len(title) > len(prefix) + 1:
            return title[len(prefix):]
    return title


def _load() -> Any:
    try:
        return load()
    except PlaybookInvalid as e:
        raise PluginError(f"The playbook is invalid:\n{e}") from None


def on_post_build(env: Any) -> None:
    "Publish playbook.json and the schemas beside the site; minify our scripts and styles."
    write_exports(env.variables["_playbook"], Path(env.conf["site_dir"]))
    write_synonyms(Path(env.conf["site_dir"]), env.variables["_playbook"].synonyms)
    minify_assets(Path(env.conf["site_dir"]))


def define_env(env: Any) -> None:
    pb = _load()
    env.variables["_playbook"] = pb

    due = pb.review_due()
    env.conf["extra"]["playbook_version"] = pb.plan["version"]
    env.conf["extra"]["playbook_review_due"] = due.isoformat()
    env.conf["extra"]["playbook_review_overdue"] = dt.date.today() > due

    def link() -> Linker:
        return Linker(env.page.file.src_uri, env.conf["use_directory_urls"])

    def covers(sections: list[str], description: str | None = None, keywords: list[str] = ()) -> None:
        """Record on the page which seed sections it covers (<meta name="playbook-sections">), its
        description, and tags: its keywords plus the covered seed sections' titles, which search
        weights heavily and matches as whole phrases."""
        meta = env.page.meta
        known = set(meta.get("playbook_sections", "").split())
        meta["playbook_sections"] = " ".join(pb.sort_sections(known | set(sections)))
        # The theme writes meta values into HTML without escaping (MkDocs' Jinja has no autoescape).
        if description and "description" not in meta:
            meta["description"] = str(escape(description))
        titles = [_distinctive(pb.seed_sections()[s]["title"]) for s in sections]
        tags = [str(escape(t)) for t in (*map(_distinctive, keywords), *titles)]
        meta["tags"] = list(dict.fromkeys([*meta.get("tags", []), *tags]))

    def needs(script: str) -> None:
        """Load a page-specific module on this page (see overrides/main.html)."""
        scripts = env.page.meta.setdefault("pb_scripts", [])
        if script not in scripts:
            scripts.append(script)

    def search_as(kind: str) -> None:
        """Rank (or hide) this page in the site search as a page of this kind (macros/search.py)."""
        env.page.meta["search"] = {**(env.page.meta.get("search") or {}), **page_search(kind)}

    @env.macro
    def search_kind(kind: str) -> str:
        "Set the search ranking of a hand-written page (see macros/search.py BOOST)."
        search_as(kind)
        return ""

    def get(items: dict[str, Any], ident: str, what: str) -> Any:
        if ident not in items:
            raise ValueError(f"unknown {what} {ident!r} in {env.page.file.src_uri}; known: {', '.join(items)}")
        return items[ident]

    @env.macro
    def procedure(pid: str) -> str:
        "Render a procedure as an executable checklist."
        search_as("procedure")
        p = get(pb.procedures, pid, "procedure")
        covers(pb.procedure_sections(p), p["summary"], p.get("keywords", []))
        needs("checklist.js")
        return _procedure.render(pb, pid, link())

    @env.macro
    def template(tid: str) -> str:
        "Render a fill-in template with its form."
        search_as("template")
        t = get(pb.templates, tid, "template")
        covers(t["sections"], t["summary"])
        needs("storage.js")  # key/value store until this module moves to events
        needs("templates.js")
        return _template.render(pb, tid, link())

    @env.macro
    def template_index() -> str:
        "Render the list of templates."
        search_as("reference")
        return _template.render_index(pb, link())

    @env.macro
    def procedure_index() -> str:
        "Render every procedure grouped by seed chapter."
        search_as("reference")
        return _procedure.render_index(pb, link())

    @env.macro
    def role(rid: str) -> str:
        "Render one role: what, why, responsibilities and the steps it owns."
        search_as("role")
        get(pb.roles, rid, "role")
        return _roles.render_role(pb, rid, link())

    @env.macro
    def roles_index() -> str:
        "Render the table of all roles."
        search_as("role")
        return _roles.render_index(pb, link())

    @env.macro
    def taxonomy() -> str:
        "Render severities, categories, sources, statuses and the case-number format."
        search_as("reference")
        covers(pb.taxonomy["sections"], "投诉严重程度分级、类别、来源、状态与编号规则。")
        return _taxonomy.render(pb, link())

    @env.macro
    def laws() -> str:
        "Render the legal reference grouped by act."
        search_as("reference")
        return _laws.render(pb, link())

    @env.macro
    def plan() -> str:
        "Render the plan's governance facts and change log."
        search_as("reference")
        return _plan.render(pb, link())

    @env.macro
    def aid(kind: str) -> str:
        "Render a decision aid: triage, compensation, deadlines or penalties."
        search_as("aid")
        a = get(pb.aids, kind, "decision aid")
        covers(a["sections"])
        for script in ("core/workdays.js", "core/aids.js", "aids.js"):
            needs(script)
        return _aids.render(pb, kind, link())

    @env.macro
    def drill(did: str) -> str:
        "Render a drill package with the facilitator console."
        search_as("drill-facilitator")
        d = get(pb.drills, did, "drill")
        covers(d["sections"], d["summary"])
        needs("storage.js")  # key/value store until this module moves to events
        needs("drills.js")
        return _drill.render(pb, did, link())

    @env.macro
    def drill_handout(did: str) -> str:
        "Render a drill's participant handout (no facilitator content)."
        search_as("handout")
        d = get(pb.drills, did, "drill")
        covers(d["sections"], d["summary"])
        return _drill.render_handout(pb, did, link())

    @env.macro
    def drill_index() -> str:
        "Render the list of drills."
        search_as("reference")
        return _drill.render_index(pb, link())

    @env.macro
    def training(tid: str) -> str:
        "Render a training path with its quiz."
        search_as("training")
        t = get(pb.training, tid, "training path")
        covers(t["sections"], t["summary"])
        needs("storage.js")  # key/value store until this module moves to events
        needs("training.js")
        return _training.render(pb, tid, link())

    @env.macro
    def training_index() -> str:
        "Render the list of training paths."
        search_as("reference")
        return _training.render_index(pb, link())

    @env.macro
    def statistics() -> str:
        "Render the statistics page (metrics computed in the browser from run records)."
        search_as("statistics")
        covers(sorted({s for m in pb.metrics for s in m["sections"]} | {"7.3"}), "从检查单记录计算投诉数量、时效与效果指标。")
        # The charting library is loaded here only (tools/vendor.py copies it from npm).
        for script in ("assets/vendor/chart.js/chart.umd.min.js", "core/stats.js", "stats.js"):
            needs(script)
        return _stats.render(pb, link())

    @env.macro
    def start_page() -> str:
        "Render situations, the severity summary, escalation and open runs."
        search_as("start")
        needs("open-runs.js")
        return _situations.render(pb, link())

    @env.macro
    def open_runs() -> str:
        "Render the list of every checklist run in this browser, grouped by case."
        needs("open-runs.js")
        return '<div data-pb-open-runs></div>'


    @env.macro
    def organisation() -> str:
        "Render the organisation settings: contacts, authority matrix, on-call roster, promises, case numbers."
        covers([], "本单位联系人、授权与审批额度、值班表、平台公开承诺与投诉编号规则。")
        return _organisation.render(pb, link())

    @env.macro
    def rule(rid: str) -> str:
        "One rule, target, threshold, legal number or organisation setting by id (macros/rulebook.py)."
        try:
            return _organisation.render_rule(pb, rid)
        except UnknownRule as e:
            raise ValueError(f"{env.page.file.src_uri}: {e.args[0]}") from None

    @env.macro
    def coverage() -> str:
        "Render every seed section with what implements it."
        search_as("coverage")
        return _coverage.render(pb, link())
