"""Pages and navigation generated from the playbook, so one YAML file adds an element.

Used as a MkDocs hook (`hooks: [macros/pages.py]` in mkdocs.yml). Every procedure, template, drill
(facilitator page and handout), training path, role and decision aid gets a page calling its macro,
unless a person wrote one with prose at the same path under docs/ (that page is used instead).
In `nav`, an entry `- playbook: <group>` is replaced by the group's pages in the plan's order:
procedures under their seed chapters, the rest ordered by their first seed section.

Loaded by MkDocs as a stand-alone module, so it imports the package absolutely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from markupsafe import escape

from macros.model import Playbook
from macros.render.html import PAGES
from macros.render.procedure import chapter_of


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page: where it lives, the macro it calls, and its page meta."""

    path: str  # relative to docs/, with {} for the element id
    macro: str  # the macro call, with {} for the element id
    # Front matter of the page (page meta the theme reads); the macros set search ranking themselves.
    meta: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True  # False: reachable by links only (MkDocs' not_in_nav), never listed in the nav

    def src(self, ident: str) -> str:
        return self.path.format(ident)

    def content(self, ident: str) -> str:
        call = "{{ " + self.macro.format(f'"{ident}"') + " }}\n"
        if not self.meta:
            return call
        return "---\n" + yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=True) + "---\n\n" + call


PROCEDURE = PageKind(PAGES["procedure"], "procedure({})")
TEMPLATE = PageKind(PAGES["template"], "template({})")
# The facilitator page holds the expected actions: participants must not come across it, so it is
# out of the nav (the drill index links it) and, through the drill() macro, out of search.
DRILL = PageKind(PAGES["drill"], "drill({})", in_nav=False)
HANDOUT = PageKind(PAGES["handout"], "drill_handout({})")
TRAINING = PageKind(PAGES["training"], "training({})")
ROLE = PageKind(PAGES["role"], "role({})")
AID = PageKind(PAGES["aid"], "aid({})")


def aids(pb: Playbook) -> list[str]:
    """The decision aids, in aids.yml order (each is a mapping citing seed sections)."""
    return [k for k, v in pb.aids.items() if isinstance(v, dict) and "sections" in v]


def groups(pb: Playbook) -> dict[str, list[tuple[PageKind, str]]]:
    """Each nav group's (kind, id) pages in nav order: the loader keeps elements in the plan's order
    (first seed section, then id); roles and aids in their file's order."""
    return {
        "procedures": [(PROCEDURE, p) for p in pb.procedures],
        "templates": [(TEMPLATE, t) for t in pb.templates],
        "drills": [(k, d) for d in pb.drills for k in (DRILL, HANDOUT)],
        "training": [(TRAINING, t) for t in pb.training],
        "roles": [(ROLE, r) for r in pb.roles],
        "aids": [(AID, a) for a in aids(pb)],
    }


def pages(pb: Playbook) -> dict[str, str]:
    """Every element page: source path → generated content."""
    return {kind.src(ident): kind.content(ident) for group in groups(pb).values() for kind, ident in group}


def nav_entries(pb: Playbook, group: str) -> list[Any]:
    """The nav entries that replace `- playbook: <group>`."""
    if group not in groups(pb):
        raise ValueError(f"unknown nav group 'playbook: {group}' in mkdocs.yml; use one of: {', '.join(groups(pb))}")
    entries = [kind.src(ident) for kind, ident in groups(pb)[group] if kind.in_nav]
    if group != "procedures":
        return entries
    # Procedures sit under their seed chapter, chapters in plan order, as on the procedure index.
    by_chapter: dict[int, list[str]] = {}
    for p, src in zip(pb.procedures.values(), entries):
        by_chapter.setdefault(chapter_of(p), []).append(src)
    # The theme prints nav section titles as HTML: a chapter title from data goes in escaped.
    return [{str(escape(f"第{ch['number']}章 {ch['title']}")): by_chapter[ch["number"]]}
            for ch in pb.plan["chapters"] if ch["number"] in by_chapter]


def not_in_nav(pb: Playbook) -> set[str]:
    """Element pages reachable by links only."""
    return {kind.src(ident) for group in groups(pb).values() for kind, ident in group if not kind.in_nav}


def expand_nav(nav: Any, pb: Playbook) -> Any:
    """nav with every `{playbook: <group>}` item replaced by that group's entries (spliced in)."""
    if isinstance(nav, list):
        out: list[Any] = []
        for item in nav:
            if isinstance(item, dict) and set(item) == {"playbook"}:
                out.extend(nav_entries(pb, item["playbook"]))
            else:
                out.append(expand_nav(item, pb))
        return out
    if isinstance(nav, dict):
        return {k: expand_nav(v, pb) for k, v in nav.items()}
    return nav


# The print-site plugin adds its styles and script to every page; only its print page uses them.
# On every other page they were three more requests on a phone's first visit, and the offline
# worker (macros/worker.py, which leaves the print page to computers) could not answer them.
PRINT_ASSETS = re.compile(r'<link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css">\s*'
                          r'|<script src="[^"]*js/print-site\.js"></script>\s*')


def without_print_assets(html: str) -> str:
    """A page's HTML without the print page's styles and script."""
    return PRINT_ASSETS.sub("", html)


# ---- MkDocs hook events -------------------------------------------------------


def _playbook(config: Any) -> Playbook:
    """The playbook the macros plugin loaded in its on_config (hooks run after plugins)."""
    return config.plugins["macros"].variables["_playbook"]


def on_config(config: Any) -> Any:
    if config.nav is not None:
        config.nav = expand_nav(config.nav, _playbook(config))
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File, InclusionLevel

    pb = _playbook(config)
    for src, content in pages(pb).items():
        if files.get_file_from_path(src) is None:  # a hand-written page (with prose) wins
            files.append(File.generated(config, src, content=content))
    for src in not_in_nav(pb):  # generated or hand-written alike
        files.get_file_from_path(src).inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page but the print page (the plugin renders that one itself, after the build)."""
    return without_print_assets(output)
