"""Cross-file checks: what each schema cannot see alone, as small named rules.

Each rule checks one invariant and reports the file, line and field of the offending value with how
to fix it. Every rule has a failing case in tests/fixtures/broken/ (a test enforces it), so a rule
that stops firing is noticed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .errors import CrossRefError, PlaybookError
from .model import Playbook, placeholders
from .source import Document, Path_


@dataclass
class Context:
    """What a rule reads (the playbook and its documents) and how it reports."""

    pb: Playbook
    singles: dict[str, Document]
    by_id: dict[str, dict[str, Document]]
    errors: list[PlaybookError] = field(default_factory=list)
    rule: str = ""

    def err(self, doc: Document, path: Path_, message: str, fix: str) -> None:
        e = doc.error(CrossRefError, path, message, fix)
        e.rule = self.rule
        self.errors.append(e)

    def known(self, doc: Document, path: Path_, value: Any, pool: Iterable[str], what: str, where: str) -> None:
        """value must be one of pool; the message suggests the closest id and lists them all."""
        pool = list(dict.fromkeys(pool))
        if value in pool:
            return
        if not pool:
            self.err(doc, path, f"unknown {what} {value!r}", f"{where} defines none yet; create it first")
            return
        close = difflib.get_close_matches(str(value), pool, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        self.err(doc, path, f"unknown {what} {value!r}", f"{hint}use an id defined in {where}: {', '.join(pool)}")

    def refs(self, doc: Document, path: Path_, obj: dict, key: str, pool: Iterable[str], what: str, where: str) -> None:
        """Every item of obj[key] (a list, maybe absent) must be in pool."""
        pool = list(pool)
        for j, v in enumerate(obj.get(key, [])):
            self.known(doc, path + (key, j), v, pool, what, where)

    def unique(self, doc: Document, path: Path_, items: list[dict], key: str, what: str) -> None:
        seen: dict[Any, int] = {}
        for i, item in enumerate(items):
            if item[key] in seen:
                self.err(doc, path + (i, key), f"duplicate {what} {item[key]!r} (also item {seen[item[key]]})",
                         f"give each {what} a different {key}")
            else:
                seen[item[key]] = i

    def sections(self, doc: Document, path: Path_, ids: list[str]) -> None:
        for i, s in enumerate(ids):
            self.known(doc, path + (i,), s, self.pb.seed_sections(), "seed section", "plan.yml chapters")

    def docs(self, kind: str) -> list[tuple[str, Document]]:
        return list(self.by_id[kind].items())


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[Context], None]
    doc: str


RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Register a check under a stable kebab-case name (errors carry it as .rule)."""
    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        assert name not in RULES, f"two rules named {name}"
        RULES[name] = Rule(name, fn, (fn.__doc__ or "").strip())
        return fn
    return register


def cross_check(pb: Playbook, singles: dict[str, Document], by_id: dict[str, dict[str, Document]]) -> list[PlaybookError]:
    ctx = Context(pb, singles, by_id)
    for r in RULES.values():
        ctx.rule = r.name
        r.check(ctx)
    return ctx.errors


ROLES = "roles.yml"
SEVERITIES = "taxonomy.yml severities"
PROVISIONS = "laws.yml provisions"
PROCEDURES = "playbook/procedures/"
TEMPLATES = "playbook/templates/"


# ---- plan and roles ----

@rule("plan-owner")
def plan_owner(c: Context) -> None:
    """The plan's owner is a defined role."""
    c.known(c.singles["plan"], ("owner",), c.pb.plan["owner"], c.pb.roles, "role", ROLES)


def _plan_sections(c: Context):
    for ci, ch in enumerate(c.pb.plan["chapters"]):
        for i, s in enumerate(ch["sections"]):
            yield ("chapters", ci, "sections", i, "id"), ch["number"], s["id"]


@rule("section-unique")
def section_unique(c: Context) -> None:
    """Each seed section is numbered once."""
    seen: set[str] = set()
    for path, _, sid in _plan_sections(c):
        if sid in seen:
            c.err(c.singles["plan"], path, f"duplicate section {sid!r}", "number each section once")
        seen.add(sid)


@rule("section-in-chapter")
def section_in_chapter(c: Context) -> None:
    """A section's number starts with its chapter's number."""
    for path, number, sid in _plan_sections(c):
        if not sid.startswith(f"{number}."):
            c.err(c.singles["plan"], path, f"section {sid!r} is not in chapter {number}", "move it to its chapter")


@rule("role-unique")
def role_unique(c: Context) -> None:
    """Role ids are unique."""
    doc = c.singles["roles"]
    c.unique(doc, ("roles",), doc.data["roles"], "id", "role")


@rule("escalation-known")
def escalation_known(c: Context) -> None:
    """A role escalates to a defined role (or null)."""
    doc = c.singles["roles"]
    for i, r in enumerate(doc.data["roles"]):
        if r["escalates_to"] is not None:
            c.known(doc, ("roles", i, "escalates_to"), r["escalates_to"], c.pb.roles, "role", ROLES)


@rule("escalation-not-self")
def escalation_not_self(c: Context) -> None:
    """A role does not escalate to itself."""
    doc = c.singles["roles"]
    for i, r in enumerate(doc.data["roles"]):
        if r["escalates_to"] == r["id"]:
            c.err(doc, ("roles", i, "escalates_to"), "a role cannot escalate to itself", "name the next role up, or null")


# ---- taxonomy and laws ----

@rule("taxonomy-sections")
def taxonomy_sections(c: Context) -> None:
    """The taxonomy cites existing seed sections."""
    doc = c.singles["taxonomy"]
    c.sections(doc, ("sections",), doc.data["sections"])


@rule("taxonomy-unique")
def taxonomy_unique(c: Context) -> None:
    """Category, severity, source, status, threshold and target ids are unique, and so are severity ranks."""
    doc = c.singles["taxonomy"]
    for key, what in (("categories", "category"), ("severities", "severity"), ("sources", "source"), ("statuses", "status"),
                      ("thresholds", "threshold"), ("targets", "target")):
        c.unique(doc, (key,), doc.data.get(key, []), "id", what)
    c.unique(doc, ("severities",), doc.data["severities"], "rank", "severity rank")


@rule("threshold-severity")
def threshold_severity(c: Context) -> None:
    """A money threshold names a defined severity."""
    doc = c.singles["taxonomy"]
    for i, t in enumerate(doc.data["thresholds"]):
        c.known(doc, ("thresholds", i, "severity"), t["severity"], c.pb.severities, "severity", SEVERITIES)


@rule("target-limit")
def target_limit(c: Context) -> None:
    """A time target's legal limit names a number in laws.yml (law.<provision>.<key>)."""
    doc = c.singles["taxonomy"]
    for i, t in enumerate(doc.data.get("targets", [])):
        if "limit" in t:
            _, prov, key = t["limit"].split(".")
            if key not in [x["key"] for x in c.pb.provisions.get(prov, {}).get("numbers", [])]:
                c.err(doc, ("targets", i, "limit"), f"no legal number {t['limit']!r}", "name a number in laws.yml as law.<provision>.<key>")


@rule("browser-retention-target")
def browser_retention_target(c: Context) -> None:
    """taxonomy.yml defines the target browser-copies as an ISO duration: browsers remove closed runs
    and drafts after it (issue 13, review P2), counting calendar time."""
    doc = c.singles["taxonomy"]
    targets = doc.data.get("targets", [])
    found = [i for i, t in enumerate(targets) if t["id"] == "browser-copies"]
    if not found:
        c.err(doc, ("targets",) if "targets" in doc.data else (), "no target 'browser-copies'",
              "add {id: browser-copies, name: …, within: P30D, from: …}: how long a browser keeps closed runs and drafts")
    elif not isinstance(targets[found[0]]["within"], str):
        c.err(doc, ("targets", found[0], "within"), "browser-copies must be an ISO duration",
              "write within: P30D (browsers count calendar time, not working days)")


@rule("severity-notify")
def severity_notify(c: Context) -> None:
    """A severity notifies defined roles."""
    doc = c.singles["taxonomy"]
    for i, s in enumerate(doc.data["severities"]):
        for j, r in enumerate(s["notify"]):
            c.known(doc, ("severities", i, "notify", j), r, c.pb.roles, "role", ROLES)


@rule("case-number-pattern")
def case_number_pattern(c: Context) -> None:
    """The case-number rule (and its practice range) is a valid regular expression matching its examples."""
    doc, number = c.singles["organisation"], c.singles["organisation"].data["case_number"]
    for path, rule_ in ((("case_number",), number), (("case_number", "practice"), number.get("practice"))):
        if rule_ is None:
            continue
        try:
            rx = re.compile(rule_["pattern"])
        except re.error as e:
            c.err(doc, path + ("pattern",), f"invalid regular expression: {e}", "fix the pattern")
            continue
        for i, ex in enumerate(rule_["examples"]):
            if not rx.fullmatch(ex):
                c.err(doc, path + ("examples", i), f"example {ex!r} does not match the pattern",
                      "change the example or the pattern so they agree")


@rule("practice-number-distinct")
def practice_number_distinct(c: Context) -> None:
    """No practice case number is also a valid real one (drills must never collide with real cases)."""
    doc, number = c.singles["organisation"], c.singles["organisation"].data["case_number"]
    for i, ex in enumerate((number.get("practice") or {}).get("examples", [])):
        if re.fullmatch(number["pattern"], ex):
            c.err(doc, ("case_number", "practice", "examples", i), f"practice number {ex!r} is also a valid real case number",
                  "give practice numbers a form no real number can have (e.g. a letter prefix)")


@rule("organisation-roles")
def organisation_roles(c: Context) -> None:
    """Contacts, authority, on-call and the backup approver name defined roles."""
    doc = c.singles["organisation"]
    org = doc.data
    for key in ("contacts", "authority", "on_call"):
        for i, item in enumerate(org[key]):
            c.known(doc, (key, i, "role"), item["role"], c.pb.roles, "role", ROLES)
    for i, item in enumerate(org["authority"]):
        if item["approver"] is not None:
            c.known(doc, ("authority", i, "approver"), item["approver"], c.pb.roles, "role", ROLES)
    c.known(doc, ("backup_approver", "role"), org["backup_approver"]["role"], c.pb.roles, "role", ROLES)


@rule("promise-unique")
def promise_unique(c: Context) -> None:
    """Published promise ids are unique."""
    doc = c.singles["organisation"]
    c.unique(doc, ("promises",), doc.data["promises"], "id", "promise")


@rule("law-unique")
def law_unique(c: Context) -> None:
    """Act and provision ids are unique."""
    doc = c.singles["laws"]
    c.unique(doc, ("acts",), doc.data["acts"], "id", "act")
    c.unique(doc, ("provisions",), doc.data["provisions"], "id", "provision")


@rule("provision-act")
def provision_act(c: Context) -> None:
    """A provision belongs to a defined act."""
    doc = c.singles["laws"]
    for i, p in enumerate(doc.data["provisions"]):
        c.known(doc, ("provisions", i, "act"), p["act"], c.pb.acts, "act", "laws.yml acts")


# ---- search synonyms ----

def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@rule("synonym-word-used")
def synonym_word_used(c: Context) -> None:
    """A synonym group's handbook word occurs in the handbook, or its group would find nothing."""
    doc = c.singles["synonyms"]
    text = "\n".join(s for d in c.pb.documents.values() if d is not doc for s in _strings(d.data))
    for i, group in enumerate(c.pb.synonyms):
        for j, word in enumerate(group["means"]):
            if word not in text:
                c.err(doc, ("synonyms", i, "means", j), f"{word!r} occurs nowhere in the handbook",
                      "map the phrases to a word the handbook uses, or add the word to the content first")


@rule("synonym-phrase-unique")
def synonym_phrase_unique(c: Context) -> None:
    """A phrase is in one group only (else whichever comes first expands it), and is not its own means word."""
    doc = c.singles["synonyms"]
    seen: dict[str, int] = {}
    for i, group in enumerate(c.pb.synonyms):
        for j, phrase in enumerate(group["said"]):
            if phrase in group["means"]:
                c.err(doc, ("synonyms", i, "said", j), f"{phrase!r} is also one of this group's means words", "remove it from said")
            elif phrase in seen:
                c.err(doc, ("synonyms", i, "said", j), f"{phrase!r} is already in group {seen[phrase]}",
                      "keep each phrase in one group and add the other group's words to its means")
            seen.setdefault(phrase, i)


# ---- situations and metrics ----

@rule("situation-unique")
def situation_unique(c: Context) -> None:
    """Situation ids are unique."""
    doc = c.singles["situations"]
    c.unique(doc, ("situations",), doc.data["situations"], "id", "situation")


@rule("situation-refs")
def situation_refs(c: Context) -> None:
    """A situation points at existing procedures, templates and severity."""
    doc = c.singles["situations"]
    for i, sit in enumerate(doc.data["situations"]):
        c.refs(doc, ("situations", i), sit, "procedures", c.pb.procedures, "procedure", PROCEDURES)
        c.refs(doc, ("situations", i), sit, "templates", c.pb.templates, "template", TEMPLATES)
        if "severity" in sit:
            c.known(doc, ("situations", i, "severity"), sit["severity"], c.pb.severities, "severity", SEVERITIES)


@rule("metric-unique")
def metric_unique(c: Context) -> None:
    """Metric ids are unique."""
    doc = c.singles["metrics"]
    c.unique(doc, ("metrics",), doc.data["metrics"], "id", "metric")


@rule("metric-sections")
def metric_sections(c: Context) -> None:
    """A metric cites existing seed sections."""
    doc = c.singles["metrics"]
    for i, met in enumerate(doc.data["metrics"]):
        c.sections(doc, ("metrics", i, "sections"), met["sections"])


# ---- decision aids ----

def _law_numbers(node: Any, path: Path_):
    """Every {law, key} reference to a legal number inside the aids data, with its path."""
    if isinstance(node, dict) and set(node) == {"law", "key"}:
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _law_numbers(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _law_numbers(v, path + (i,))


@rule("aid-law-number")
def aid_law_number(c: Context) -> None:
    """A legal number used by an aid names a provision and one of its numbers."""
    doc = c.singles["aids"]
    for path, ref in _law_numbers(doc.data, ()):
        prov = c.pb.provisions.get(ref["law"])
        if prov is None:
            c.known(doc, path + ("law",), ref["law"], c.pb.provisions, "law provision", PROVISIONS)
        elif ref["key"] not in [n["key"] for n in prov.get("numbers", [])]:
            c.err(doc, path + ("key",), f"provision {ref['law']!r} has no number {ref['key']!r}",
                  f"use one of: {', '.join(n['key'] for n in prov.get('numbers', [])) or 'none (add it to laws.yml)'}")


@rule("aid-sections")
def aid_sections(c: Context) -> None:
    """Each aid cites existing seed sections."""
    doc = c.singles["aids"]
    for part in ("triage", "compensation", "deadlines", "penalties"):
        c.sections(doc, (part, "sections"), doc.data[part]["sections"])


@rule("aid-unique")
def aid_unique(c: Context) -> None:
    """Triage question, compensation exclusion and penalty level ids are unique."""
    doc = c.singles["aids"]
    c.unique(doc, ("triage", "questions"), doc.data["triage"]["questions"], "id", "question")
    c.unique(doc, ("compensation", "exclusions"), doc.data["compensation"]["exclusions"], "id", "exclusion")
    c.unique(doc, ("penalties", "levels"), doc.data["penalties"]["levels"], "id", "level")


@rule("triage-severity")
def triage_severity(c: Context) -> None:
    """Triage questions and the default name defined severities."""
    doc, triage = c.singles["aids"], c.singles["aids"].data["triage"]
    for i, q in enumerate(triage["questions"]):
        c.known(doc, ("triage", "questions", i, "severity"), q["severity"], c.pb.severities, "severity", SEVERITIES)
    c.known(doc, ("triage", "default"), triage["default"], c.pb.severities, "severity", SEVERITIES)


@rule("aid-laws")
def aid_laws(c: Context) -> None:
    """Compensation remedies, exclusions and penalty levels cite defined provisions."""
    doc, aids = c.singles["aids"], c.singles["aids"].data
    c.refs(doc, ("compensation",), aids["compensation"], "remedy_laws", c.pb.provisions, "law provision", PROVISIONS)
    for i, ex in enumerate(aids["compensation"]["exclusions"]):
        c.refs(doc, ("compensation", "exclusions", i), ex, "laws", c.pb.provisions, "law provision", PROVISIONS)
    for i, lvl in enumerate(aids["penalties"]["levels"]):
        c.refs(doc, ("penalties", "levels", i), lvl, "laws", c.pb.provisions, "law provision", PROVISIONS)


# ---- procedures ----

def _steps(p: dict):
    """(path, step) of every step of a procedure, in order."""
    for b, block in enumerate(p["blocks"]):
        for i, s in enumerate(block["steps"]):
            yield ("blocks", b, "steps", i), s


@rule("procedure-sections")
def procedure_sections(c: Context) -> None:
    """A procedure and its steps cite existing seed sections."""
    for _, doc in c.docs("procedure"):
        c.sections(doc, ("sections",), doc.data["sections"])
        for path, s in _steps(doc.data):
            c.sections(doc, path + ("sections",), s.get("sections", []))


@rule("block-unique")
def block_unique(c: Context) -> None:
    """Block ids are unique within a procedure."""
    for _, doc in c.docs("procedure"):
        c.unique(doc, ("blocks",), doc.data["blocks"], "id", "block")


@rule("step-unique")
def step_unique(c: Context) -> None:
    """Step ids are unique within a procedure, across its blocks."""
    for _, doc in c.docs("procedure"):
        seen: dict[str, str] = {}
        for path, s in _steps(doc.data):
            block = doc.data["blocks"][path[1]]["id"]
            if s["id"] in seen:
                c.err(doc, path + ("id",), f"duplicate step id {s['id']!r} (also in block {seen[s['id']]!r})",
                      "give each step of a procedure its own id")
            else:
                seen[s["id"]] = block


@rule("step-owner")
def step_owner(c: Context) -> None:
    """Every step is owned by a defined role."""
    for _, doc in c.docs("procedure"):
        for path, s in _steps(doc.data):
            c.known(doc, path + ("owner",), s["owner"], c.pb.roles, "role", ROLES)


@rule("step-refs")
def step_refs(c: Context) -> None:
    """A step's laws, templates and linked procedures exist."""
    for _, doc in c.docs("procedure"):
        for path, s in _steps(doc.data):
            c.refs(doc, path, s, "laws", c.pb.provisions, "law provision", PROVISIONS)
            c.refs(doc, path, s, "templates", c.pb.templates, "template", TEMPLATES)
            c.refs(doc, path, s, "procedures", c.pb.procedures, "procedure", PROCEDURES)


@rule("step-condition")
def step_condition(c: Context) -> None:
    """A step's condition names a defined severity and defined categories."""
    for _, doc in c.docs("procedure"):
        for path, s in _steps(doc.data):
            cond = s.get("condition", {})
            if "min_severity" in cond:
                c.known(doc, path + ("condition", "min_severity"), cond["min_severity"], c.pb.severities, "severity", SEVERITIES)
            c.refs(doc, path + ("condition",), cond, "categories", c.pb.categories, "category", "taxonomy.yml categories")


@rule("due-from-needs-due")
def due_from_needs_due(c: Context) -> None:
    """due_from goes with a due time."""
    for _, doc in c.docs("procedure"):
        for path, s in _steps(doc.data):
            if "due_from" in s and "due" not in s:
                c.err(doc, path + ("due_from",), "due_from without due", "add due: the time allowed after that step")


@rule("due-from-known")
def due_from_known(c: Context) -> None:
    """due_from names a step of the same procedure."""
    for pid, doc in c.docs("procedure"):
        ids = [s["id"] for _, s in _steps(doc.data)]
        for path, s in _steps(doc.data):
            if "due_from" in s:
                c.known(doc, path + ("due_from",), s["due_from"], ids, "step", f"procedure {pid!r}")


@rule("due-from-acyclic")
def due_from_acyclic(c: Context) -> None:
    """A due_from chain has a start: a loop would make every step in it never due."""
    for _, doc in c.docs("procedure"):
        parent = {s["id"]: s.get("due_from") for _, s in _steps(doc.data)}
        for path, s in _steps(doc.data):
            node, hops = s["id"], 0
            while parent.get(node) and hops <= len(parent):
                node, hops = parent[node], hops + 1
                if node == s["id"]:
                    c.err(doc, path + ("due_from",), f"due_from chain loops back to {s['id']!r}",
                          "start the chain from a step without due_from")
                    break


_SEVERITY_TARGET = re.compile(r"\{rule:severity\.([a-z0-9-]+)\.(acknowledge|grade|resolve)\}")


@rule("due-severity-from-start")
def due_severity_from_start(c: Context) -> None:
    """A severity's time target counts from the run start (the complaint's receipt), not from another step."""
    for _, doc in c.docs("procedure"):
        for path, s in _steps(doc.data):
            if isinstance(s.get("due"), dict) and "due_from" in s:
                c.err(doc, path + ("due_from",), "a severity's time target counts from the run start, not from another step",
                      "remove due_from, or give a fixed due such as PT2H")


@rule("due-states-severity-target")
def due_states_severity_target(c: Context) -> None:
    """A step whose text states a time target per severity takes its due from that target (review T5),
    so the checklist deadline is the one the text states for the run's severity."""
    for _, doc in c.docs("procedure"):
        for path, s in _steps(doc.data):
            cited: dict[str, set[str]] = {}
            for sev, kind in _SEVERITY_TARGET.findall(s["text"]):
                cited.setdefault(kind, set()).add(sev)
            kinds = [k for k, sevs in sorted(cited.items()) if len(sevs) > 1]  # a target per severity, not one value
            if len(kinds) == 1 and s.get("due") != {"severity": kinds[0]}:
                where = path + ("due",) if "due" in s else path
                c.err(doc, where, f"the text states each severity's {kinds[0]} target but due is {s.get('due')!r}",
                      f"write due: {{severity: {kinds[0]}}} so the deadline follows the run's severity")


@rule("handoff-known")
def handoff_known(c: Context) -> None:
    """end.next names existing procedures."""
    for _, doc in c.docs("procedure"):
        c.refs(doc, ("end",), doc.data["end"], "next", c.pb.procedures, "procedure", PROCEDURES)


@rule("handoff-not-self")
def handoff_not_self(c: Context) -> None:
    """A procedure does not hand off to itself."""
    for pid, doc in c.docs("procedure"):
        if pid in doc.data["end"].get("next", []):
            c.err(doc, ("end", "next"), "a procedure cannot hand off to itself", "name the procedure that follows")


@rule("handoff-acyclic")
def handoff_acyclic(c: Context) -> None:
    """Hand-offs (end.next) describe the case lifecycle; a loop would make "what next" endless."""
    graph = {pid: [n for n in d.data["end"].get("next", []) if n in c.pb.procedures and n != pid]
             for pid, d in c.docs("procedure")}
    for cycle in _cycles(graph):
        c.err(c.by_id["procedure"][cycle[0]], ("end", "next"), "hand-offs form a loop: " + " → ".join(cycle + [cycle[0]]),
              "remove one hand-off from the loop; link back with a step's procedures: instead")


# ---- templates ----

@rule("template-sections")
def template_sections(c: Context) -> None:
    """A template cites existing seed sections."""
    for _, doc in c.docs("template"):
        c.sections(doc, ("sections",), doc.data["sections"])


@rule("field-unique")
def field_unique(c: Context) -> None:
    """Field names are unique within a template."""
    for _, doc in c.docs("template"):
        c.unique(doc, ("fields",), doc.data["fields"], "name", "field")


@rule("placeholder-has-field")
def placeholder_has_field(c: Context) -> None:
    """Every {placeholder} in a template body is a field."""
    for _, doc in c.docs("template"):
        names = [f["name"] for f in doc.data["fields"]]
        for name in placeholders(doc.data["body"]):
            if name not in names:
                c.err(doc, ("body",), f"placeholder {{{name}}} has no field", f"add a field named {name!r} or fix the placeholder")


@rule("field-used")
def field_used(c: Context) -> None:
    """Every field of a template appears in its body."""
    for _, doc in c.docs("template"):
        used = placeholders(doc.data["body"])
        for i, f in enumerate(doc.data["fields"]):
            if f["name"] not in used:
                c.err(doc, ("fields", i, "name"), f"field {f['name']!r} is not used in the body",
                      f"add {{{f['name']}}} to the body or remove the field")


@rule("field-choices")
def field_choices(c: Context) -> None:
    """choices go with type: choice, and only with it."""
    for _, doc in c.docs("template"):
        for i, f in enumerate(doc.data["fields"]):
            if (f["type"] == "choice") != ("choices" in f):
                c.err(doc, ("fields", i, "choices"), "choices go with type: choice, and only with it", "add choices or change the type")


@rule("template-laws")
def template_laws(c: Context) -> None:
    """A template cites defined provisions."""
    for _, doc in c.docs("template"):
        c.refs(doc, (), doc.data, "laws", c.pb.provisions, "law provision", PROVISIONS)


# ---- drills ----

@rule("drill-sections")
def drill_sections(c: Context) -> None:
    """A drill cites existing seed sections."""
    for _, doc in c.docs("drill"):
        c.sections(doc, ("sections",), doc.data["sections"])


@rule("drill-refs")
def drill_refs(c: Context) -> None:
    """A drill's severity, report template and participant roles are defined."""
    for _, doc in c.docs("drill"):
        d = doc.data
        c.known(doc, ("severity",), d["severity"], c.pb.severities, "severity", SEVERITIES)
        c.known(doc, ("report_template",), d["report_template"], c.pb.templates, "template", TEMPLATES)
        for i, part in enumerate(d["participants"]):
            c.known(doc, ("participants", i, "role"), part["role"], c.pb.roles, "role", ROLES)


@rule("drill-unique")
def drill_unique(c: Context) -> None:
    """Objective and inject ids are unique within a drill."""
    for _, doc in c.docs("drill"):
        c.unique(doc, ("objectives",), doc.data["objectives"], "id", "objective")
        c.unique(doc, ("injects",), doc.data["injects"], "id", "inject")


@rule("inject-step")
def inject_step(c: Context) -> None:
    """An inject expects '<procedure>.<step>' of an existing step."""
    for _, doc in c.docs("drill"):
        for i, inj in enumerate(doc.data["injects"]):
            for j, exp in enumerate(inj["expected"]):
                path = ("injects", i, "expected", j, "step")
                proc, _, step = exp["step"].partition(".")
                if proc not in c.pb.procedures:
                    c.known(doc, path, proc, c.pb.procedures, "procedure", f"{PROCEDURES} (write '<procedure id>.<step id>')")
                else:
                    steps = [f"{proc}.{s['id']}" for _, s in _steps(c.pb.procedures[proc])]
                    c.known(doc, path, exp["step"], steps, "procedure step", f"procedure {proc!r}")


@rule("evaluation-objective")
def evaluation_objective(c: Context) -> None:
    """A drill evaluates its own objectives."""
    for _, doc in c.docs("drill"):
        objectives = [o["id"] for o in doc.data["objectives"]]
        for i, ev in enumerate(doc.data["evaluation"]):
            c.known(doc, ("evaluation", i, "objective"), ev["objective"], objectives, "objective", "this drill's objectives")


# ---- training paths ----

@rule("training-sections")
def training_sections(c: Context) -> None:
    """A training path cites existing seed sections."""
    for _, doc in c.docs("training"):
        c.sections(doc, ("sections",), doc.data["sections"])


@rule("training-audience")
def training_audience(c: Context) -> None:
    """A training path is for defined roles."""
    for _, doc in c.docs("training"):
        c.refs(doc, (), doc.data, "audience", c.pb.roles, "role", ROLES)


@rule("module-unique")
def module_unique(c: Context) -> None:
    """Module ids are unique within a training path."""
    for _, doc in c.docs("training"):
        c.unique(doc, ("modules",), doc.data["modules"], "id", "module")


@rule("training-refs")
def training_refs(c: Context) -> None:
    """Modules and case studies point at existing procedures and drills."""
    for _, doc in c.docs("training"):
        t = doc.data
        for i, m in enumerate(t["modules"]):
            c.refs(doc, ("modules", i), m, "read", c.pb.procedures, "procedure", PROCEDURES)
            c.refs(doc, ("modules", i), m, "practise", c.pb.procedures, "procedure", PROCEDURES)
            c.refs(doc, ("modules", i), m, "drills", c.pb.drills, "drill", "playbook/drills/")
        for i, case in enumerate(t.get("cases", [])):
            c.refs(doc, ("cases", i), case, "procedures", c.pb.procedures, "procedure", PROCEDURES)


@rule("quiz-answer")
def quiz_answer(c: Context) -> None:
    """A quiz answer is the 0-based index of one of its choices."""
    for _, doc in c.docs("training"):
        for i, q in enumerate(doc.data.get("quiz", [])):
            if q["answer"] >= len(q["choices"]):
                c.err(doc, ("quiz", i, "answer"), f"answer {q['answer']} but only {len(q['choices'])} choices",
                      "answer is the 0-based index of the right choice")


@rule("quiz-refs")
def quiz_refs(c: Context) -> None:
    """A quiz question points at an existing procedure and defined provisions."""
    for _, doc in c.docs("training"):
        for i, q in enumerate(doc.data.get("quiz", [])):
            c.known(doc, ("quiz", i, "procedure"), q["procedure"], c.pb.procedures, "procedure", PROCEDURES)
            c.refs(doc, ("quiz", i), q, "laws", c.pb.provisions, "law provision", PROVISIONS)


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
