"""Cross-file checks: what each schema cannot see alone.

Each check names the file, line and field of the offending value and says how to fix it.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .errors import CrossRefError, PlaybookError
from .model import Playbook, placeholders
from .source import Document, Path_


def cross_check(pb: Playbook, singles: dict[str, Document], by_id: dict[str, dict[str, Document]]) -> list[PlaybookError]:
    errors: list[PlaybookError] = []
    sections = pb.seed_sections()

    def err(doc: Document, path: Path_, message: str, fix: str) -> None:
        errors.append(doc.error(CrossRefError, path, message, fix))

    def known(doc: Document, path: Path_, value: Any, pool: Iterable[str], what: str, where: str) -> None:
        pool = list(pool)
        if value not in pool:
            listed = ", ".join(pool[:12]) + (" …" if len(pool) > 12 else "")
            err(doc, path, f"unknown {what} {value!r}",
                f"use an id defined in {where}: {listed}" if pool else f"{where} defines none yet; create it first")

    def unique(doc: Document, path: Path_, items: list[dict], key: str, what: str) -> None:
        seen: dict[Any, int] = {}
        for i, item in enumerate(items):
            if item[key] in seen:
                err(doc, path + (i, key), f"duplicate {what} {item[key]!r} (also item {seen[item[key]]})",
                    f"give each {what} a different {key}")
            seen.setdefault(item[key], i)

    def cite_sections(doc: Document, path: Path_, ids: list[str]) -> None:
        for i, s in enumerate(ids):
            if s not in sections:
                err(doc, path + (i,), f"unknown seed section {s!r}", "use a section listed in plan.yml chapters")

    roles, provisions = list(pb.roles), list(pb.provisions)
    severities = pb.severities

    # ---- plan, roles, taxonomy, laws ----
    plan, rdoc, tdoc, ldoc = singles["plan"], singles["roles"], singles["taxonomy"], singles["laws"]
    known(plan, ("owner",), pb.plan["owner"], roles, "role", "roles.yml")
    all_sections = [(c, i, s) for c, ch in enumerate(pb.plan["chapters"]) for i, s in enumerate(ch["sections"])]
    seen_sec: set[str] = set()
    for c, i, s in all_sections:
        if s["id"] in seen_sec:
            err(plan, ("chapters", c, "sections", i, "id"), f"duplicate section {s['id']!r}", "number each section once")
        elif not s["id"].startswith(f"{pb.plan['chapters'][c]['number']}."):
            err(plan, ("chapters", c, "sections", i, "id"), f"section {s['id']!r} is not in chapter {pb.plan['chapters'][c]['number']}",
                "move it to its chapter")
        seen_sec.add(s["id"])
    unique(rdoc, ("roles",), rdoc.data["roles"], "id", "role")
    for i, r in enumerate(rdoc.data["roles"]):
        if r["escalates_to"] is not None:
            known(rdoc, ("roles", i, "escalates_to"), r["escalates_to"], roles, "role", "roles.yml")
            if r["escalates_to"] == r["id"]:
                err(rdoc, ("roles", i, "escalates_to"), "a role cannot escalate to itself", "name the next role up, or null")
    tax = tdoc.data
    cite_sections(tdoc, ("sections",), tax["sections"])
    for key, what in (("categories", "category"), ("severities", "severity"), ("sources", "source"), ("statuses", "status")):
        unique(tdoc, (key,), tax[key], "id", what)
    unique(tdoc, ("severities",), tax["severities"], "rank", "severity rank")
    for i, s in enumerate(tax["severities"]):
        for j, r in enumerate(s["notify"]):
            known(tdoc, ("severities", i, "notify", j), r, roles, "role", "roles.yml")
    odoc = singles["organisation"]
    org = odoc.data
    for path, rule in ((("case_number",), org["case_number"]), (("case_number", "practice"), org["case_number"].get("practice"))):
        if rule is None:
            continue
        try:
            rx = re.compile(rule["pattern"])
        except re.error as e:
            err(odoc, path + ("pattern",), f"invalid regular expression: {e}", "fix the pattern")
            continue
        for i, ex in enumerate(rule["examples"]):
            if not rx.fullmatch(ex):
                err(odoc, path + ("examples", i), f"example {ex!r} does not match the pattern",
                    "change the example or the pattern so they agree")
    practice = org["case_number"].get("practice")
    if practice:
        for i, ex in enumerate(practice["examples"]):
            if re.fullmatch(org["case_number"]["pattern"], ex):
                err(odoc, ("case_number", "practice", "examples", i), f"practice number {ex!r} is also a valid real case number",
                    "give practice numbers a form no real number can have (e.g. a letter prefix)")
    for key in ("contacts", "authority", "on_call"):
        for i, item in enumerate(org[key]):
            known(odoc, (key, i, "role"), item["role"], roles, "role", "roles.yml")
    for i, item in enumerate(org["authority"]):
        if item["approver"] is not None:
            known(odoc, ("authority", i, "approver"), item["approver"], roles, "role", "roles.yml")
    known(odoc, ("backup_approver", "role"), org["backup_approver"]["role"], roles, "role", "roles.yml")
    unique(odoc, ("promises",), org["promises"], "id", "promise")
    unique(ldoc, ("acts",), ldoc.data["acts"], "id", "act")
    unique(ldoc, ("provisions",), ldoc.data["provisions"], "id", "provision")
    for i, p in enumerate(ldoc.data["provisions"]):
        known(ldoc, ("provisions", i, "act"), p["act"], pb.acts, "act", "laws.yml acts")

    def refs(doc: Document, path: Path_, obj: dict, key: str, pool: Iterable[str], what: str, where: str) -> None:
        for j, v in enumerate(obj.get(key, [])):
            known(doc, path + (key, j), v, pool, what, where)

    # ---- situations ----
    sdoc = singles["situations"]
    unique(sdoc, ("situations",), sdoc.data["situations"], "id", "situation")
    for i, sit in enumerate(sdoc.data["situations"]):
        refs(sdoc, ("situations", i), sit, "procedures", pb.procedures, "procedure", "playbook/procedures/")
        refs(sdoc, ("situations", i), sit, "templates", pb.templates, "template", "playbook/templates/")
        if "severity" in sit:
            known(sdoc, ("situations", i, "severity"), sit["severity"], severities, "severity", "taxonomy.yml severities")

    _check_synonyms(pb, singles["synonyms"], err)

    # ---- metrics ----
    mdoc = singles["metrics"]
    unique(mdoc, ("metrics",), mdoc.data["metrics"], "id", "metric")
    for i, met in enumerate(mdoc.data["metrics"]):
        cite_sections(mdoc, ("metrics", i, "sections"), met["sections"])

    # ---- aids ----
    adoc = singles["aids"]
    aids = adoc.data

    def walk_numbers(node: Any, path: Path_) -> None:
        if isinstance(node, dict) and set(node) == {"law", "key"}:
            prov = pb.provisions.get(node["law"])
            if prov is None:
                known(adoc, path + ("law",), node["law"], provisions, "law provision", "laws.yml provisions")
            elif node["key"] not in [n["key"] for n in prov.get("numbers", [])]:
                err(adoc, path + ("key",), f"provision {node['law']!r} has no number {node['key']!r}",
                    f"use one of: {', '.join(n['key'] for n in prov.get('numbers', [])) or 'none (add it to laws.yml)'}")
        elif isinstance(node, dict):
            for k, v in node.items():
                walk_numbers(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk_numbers(v, path + (i,))

    walk_numbers(aids, ())
    for part in ("triage", "compensation", "deadlines", "penalties"):
        cite_sections(adoc, (part, "sections"), aids[part]["sections"])
    unique(adoc, ("triage", "questions"), aids["triage"]["questions"], "id", "question")
    for i, q in enumerate(aids["triage"]["questions"]):
        known(adoc, ("triage", "questions", i, "severity"), q["severity"], severities, "severity", "taxonomy.yml severities")
    for i, t in enumerate(tax["thresholds"]):
        known(tdoc, ("thresholds", i, "severity"), t["severity"], severities, "severity", "taxonomy.yml severities")
    unique(tdoc, ("thresholds",), tax["thresholds"], "id", "threshold")
    unique(tdoc, ("targets",), tax.get("targets", []), "id", "target")
    for i, t in enumerate(tax.get("targets", [])):
        if "limit" in t:
            _, prov, key = t["limit"].split(".")
            if key not in [x["key"] for x in pb.provisions.get(prov, {}).get("numbers", [])]:
                err(tdoc, ("targets", i, "limit"), f"no legal number {t['limit']!r}", "name a number in laws.yml as law.<provision>.<key>")
    known(adoc, ("triage", "default"), aids["triage"]["default"], severities, "severity", "taxonomy.yml severities")
    refs(adoc, ("compensation",), aids["compensation"], "remedy_laws", provisions, "law provision", "laws.yml provisions")
    unique(adoc, ("compensation", "exclusions"), aids["compensation"]["exclusions"], "id", "exclusion")
    for i, ex in enumerate(aids["compensation"]["exclusions"]):
        refs(adoc, ("compensation", "exclusions", i), ex, "laws", provisions, "law provision", "laws.yml provisions")
    unique(adoc, ("penalties", "levels"), aids["penalties"]["levels"], "id", "level")
    for i, lvl in enumerate(aids["penalties"]["levels"]):
        refs(adoc, ("penalties", "levels", i), lvl, "laws", provisions, "law provision", "laws.yml provisions")

    # ---- procedures ----
    for pid, doc in by_id["procedure"].items():
        p = doc.data
        cite_sections(doc, ("sections",), p["sections"])
        unique(doc, ("blocks",), p["blocks"], "id", "block")
        step_ids = [s["id"] for _, s in pb.steps(p)]
        flat = [(b, i, s) for b, block in enumerate(p["blocks"]) for i, s in enumerate(block["steps"])]
        seen: dict[str, str] = {}
        for b, i, s in flat:
            path = ("blocks", b, "steps", i)
            if s["id"] in seen:
                err(doc, path + ("id",), f"duplicate step id {s['id']!r} (also in block {seen[s['id']]!r})",
                    "give each step of a procedure its own id")
            seen.setdefault(s["id"], p["blocks"][b]["id"])
            known(doc, path + ("owner",), s["owner"], roles, "role", "roles.yml")
            refs(doc, path, s, "laws", provisions, "law provision", "laws.yml provisions")
            refs(doc, path, s, "templates", pb.templates, "template", "playbook/templates/")
            refs(doc, path, s, "procedures", pb.procedures, "procedure", "playbook/procedures/")
            cite_sections(doc, path + ("sections",), s.get("sections", []))
            if "due_from" in s:
                if "due" not in s:
                    err(doc, path + ("due_from",), "due_from without due", "add due: the time allowed after that step")
                known(doc, path + ("due_from",), s["due_from"], step_ids, "step", f"procedure {pid!r}")
            cond = s.get("condition", {})
            if "min_severity" in cond:
                known(doc, path + ("condition", "min_severity"), cond["min_severity"], severities, "severity", "taxonomy.yml severities")
            refs(doc, path + ("condition",), cond, "categories", pb.categories, "category", "taxonomy.yml categories")
        # A due_from chain that loops has no start, so no step in it could ever be due.
        parent = {s["id"]: s.get("due_from") for _, s in pb.steps(p)}
        for b, i, s in flat:
            node, hops = s["id"], 0
            while node in parent and parent[node] and hops <= len(parent):
                node, hops = parent[node], hops + 1
                if node == s["id"]:
                    err(doc, ("blocks", b, "steps", i, "due_from"), f"due_from chain loops back to {s['id']!r}",
                        "start the chain from a step without due_from")
                    break
        refs(doc, ("end",), p["end"], "next", pb.procedures, "procedure", "playbook/procedures/")
        if pid in p["end"].get("next", []):
            err(doc, ("end", "next"), "a procedure cannot hand off to itself", "name the procedure that follows")

    # Hand-offs (end.next) describe the case lifecycle; a loop would make "what next" endless.
    graph = {pid: [n for n in d.data["end"].get("next", []) if n in pb.procedures and n != pid] for pid, d in by_id["procedure"].items()}
    for cycle in _cycles(graph):
        doc = by_id["procedure"][cycle[0]]
        err(doc, ("end", "next"), "hand-offs form a loop: " + " → ".join(cycle + [cycle[0]]),
            "remove one hand-off from the loop; link back with a step's procedures: instead")

    # ---- templates ----
    for tid, doc in by_id["template"].items():
        t = doc.data
        cite_sections(doc, ("sections",), t["sections"])
        unique(doc, ("fields",), t["fields"], "name", "field")
        names = [f["name"] for f in t["fields"]]
        used = placeholders(t["body"])
        for name in used:
            if name not in names:
                err(doc, ("body",), f"placeholder {{{name}}} has no field", f"add a field named {name!r} or fix the placeholder")
        for i, f in enumerate(t["fields"]):
            if f["name"] not in used:
                err(doc, ("fields", i, "name"), f"field {f['name']!r} is not used in the body", f"add {{{f['name']}}} to the body or remove the field")
            if (f["type"] == "choice") != ("choices" in f):
                err(doc, ("fields", i, "choices"), "choices go with type: choice, and only with it", "add choices or change the type")
        refs(doc, (), t, "laws", provisions, "law provision", "laws.yml provisions")

    # ---- drills ----
    for did, doc in by_id["drill"].items():
        d = doc.data
        cite_sections(doc, ("sections",), d["sections"])
        known(doc, ("severity",), d["severity"], severities, "severity", "taxonomy.yml severities")
        known(doc, ("report_template",), d["report_template"], pb.templates, "template", "playbook/templates/")
        unique(doc, ("objectives",), d["objectives"], "id", "objective")
        unique(doc, ("injects",), d["injects"], "id", "inject")
        for i, part in enumerate(d["participants"]):
            known(doc, ("participants", i, "role"), part["role"], roles, "role", "roles.yml")
        for i, inj in enumerate(d["injects"]):
            for j, exp in enumerate(inj["expected"]):
                proc, _, step = exp["step"].partition(".")
                steps = [s["id"] for _, s in pb.steps(pb.procedures[proc])] if proc in pb.procedures else []
                if exp["step"] not in {f"{proc}.{s}" for s in steps}:
                    err(doc, ("injects", i, "expected", j, "step"), f"unknown procedure step {exp['step']!r}",
                        "write '<procedure id>.<step id>' of an existing step")
        objectives = [o["id"] for o in d["objectives"]]
        for i, ev in enumerate(d["evaluation"]):
            known(doc, ("evaluation", i, "objective"), ev["objective"], objectives, "objective", "this drill's objectives")

    # ---- training ----
    for tid, doc in by_id["training"].items():
        t = doc.data
        cite_sections(doc, ("sections",), t["sections"])
        refs(doc, (), t, "audience", roles, "role", "roles.yml")
        unique(doc, ("modules",), t["modules"], "id", "module")
        for i, m in enumerate(t["modules"]):
            refs(doc, ("modules", i), m, "read", pb.procedures, "procedure", "playbook/procedures/")
            refs(doc, ("modules", i), m, "practise", pb.procedures, "procedure", "playbook/procedures/")
            refs(doc, ("modules", i), m, "drills", pb.drills, "drill", "playbook/drills/")
        for i, c in enumerate(t.get("cases", [])):
            refs(doc, ("cases", i), c, "procedures", pb.procedures, "procedure", "playbook/procedures/")
        for i, q in enumerate(t.get("quiz", [])):
            if q["answer"] >= len(q["choices"]):
                err(doc, ("quiz", i, "answer"), f"answer {q['answer']} but only {len(q['choices'])} choices",
                    "answer is the 0-based index of the right choice")
            known(doc, ("quiz", i, "procedure"), q["procedure"], pb.procedures, "procedure", "playbook/procedures/")
            refs(doc, ("quiz", i), q, "laws", provisions, "law provision", "laws.yml provisions")
    return errors


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _check_synonyms(pb: Playbook, doc: Document, err: Any) -> None:
    """A handbook word the handbook never uses would make its group find nothing; a phrase in two
    groups would be expanded by whichever comes first."""
    text = "\n".join(s for d in pb.documents.values() if d is not doc for s in _strings(d.data))
    seen: dict[str, int] = {}
    for i, group in enumerate(pb.synonyms):
        for j, word in enumerate(group["means"]):
            if word not in text:
                err(doc, ("synonyms", i, "means", j), f"{word!r} occurs nowhere in the handbook",
                    "map the phrases to a word the handbook uses, or add the word to the content first")
        for j, phrase in enumerate(group["said"]):
            if phrase in group["means"]:
                err(doc, ("synonyms", i, "said", j), f"{phrase!r} is also one of this group's means words",
                    "remove it from said")
            elif phrase in seen:
                err(doc, ("synonyms", i, "said", j), f"{phrase!r} is already in group {seen[phrase]}",
                    "keep each phrase in one group and add the other group's words to its means")
            seen.setdefault(phrase, i)


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary loop once, starting from its smallest id (DFS, graphs here are tiny)."""
    found: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in graph.get(node, []):
            if nxt == start:
                key = tuple(sorted(path))
                if key not in seen:
                    seen.add(key)
                    found.append(path[:])
            elif nxt not in path and nxt > start:
                walk(start, nxt, path + [nxt])

    for start in sorted(graph):
        walk(start, start, [start])
    return found
