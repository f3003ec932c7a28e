"""load → validate → cross-check the playbook directory, reporting every error at once."""

from __future__ import annotations

import difflib
import json
import logging
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Validated
from .checks import cross_check
from .errors import CrossRefError, PlaybookError, PlaybookInvalid, SchemaError, UnfilledSetting, YamlError
from .model import Playbook
from .rulebook import UnknownRule, expand, strings, unfilled
from .source import Document, Path_, read

if TYPE_CHECKING:
    import jsonschema

log = logging.getLogger("mkdocs.plugins.playbook")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "playbook" / "schemas"
# The site builds from playbook/; tests point PLAYBOOK_DIR at a fixture playbook instead.
PLAYBOOK_DIR = Path(os.environ.get("PLAYBOOK_DIR", ROOT / "playbook"))

SINGLE_FILES = {
    "plan.yml": "plan", "roles.yml": "roles", "taxonomy.yml": "taxonomy", "laws.yml": "laws", "situations.yml": "situations",
    "aids.yml": "aids",
    "metrics.yml": "metrics", "organisation.yml": "organisation", "holidays.yml": "holidays",
    "synonyms.yml": "synonyms",
}
FOLDERS = {"procedures": "procedure", "templates": "template", "drills": "drill", "training": "training"}
IGNORED = {"README.md", "schemas"}


# ---- Schemas ------------------------------------------------------------------


def schema_texts() -> dict[str, str]:
    """Every schema file's text. load() reads them once, so its cache key and its validators see
    the same schemas even if one is edited meanwhile (mkdocs serve)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SCHEMA_DIR.glob("*.json"))}


def validator(kind: str, texts: dict[str, str] | None = None) -> jsonschema.protocols.Validator:
    """The JSON Schema validator for one kind, with common.schema.json resolvable. Built from the
    schemas' current text, so an edited schema applies to the next rebuild."""
    texts = texts or schema_texts()
    return _compiled(texts["common.schema.json"], texts[f"{kind}.schema.json"])


@cache
def _compiled(common: str, schema: str) -> jsonschema.protocols.Validator:
    # Imported here: when every file hits the cache, a build never pays for importing jsonschema.
    import jsonschema
    from referencing import Registry, Resource

    registry = Registry().with_resource("common.schema.json", Resource.from_contents(json.loads(common)))
    return jsonschema.Draft202012Validator(json.loads(schema), registry=registry)


def schema_errors(doc: Document, kind: str, texts: dict[str, str] | None = None) -> list[PlaybookError]:
    """Every schema violation in a document, as located, fixable errors."""
    out: list[PlaybookError] = []
    for err in validator(kind, texts).iter_errors(doc.data):
        path: Path_ = tuple(err.absolute_path)
        # A boolean subschema (`"x": false`) has no words of its own to offer.
        schema, value = err.schema if isinstance(err.schema, dict) else {}, err.instance
        fix = schema.get("x-fix", "")
        if err.validator == "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            for key in sorted(set(value) - set(allowed)):
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                out.append(doc.error(SchemaError, path + (key,), f"unknown field {key!r}", f"remove it; {hint}"))
            continue
        if err.validator == "required":
            missing = err.message.split("'")[1]
            desc = schema["properties"].get(missing, {}).get("description", "")
            out.append(doc.error(SchemaError, path, f"missing required field {missing!r}", f"add {missing}: {desc}".strip()))
            continue
        if err.validator == "enum":
            message, fix = f"{value!r} is not allowed", "use one of: " + ", ".join(map(str, err.validator_value))
        elif err.validator == "type":
            got = "nothing" if value is None else f"{_type_name(_json_type(value))} {value!r}"
            message = f"expected {_type_name(err.validator_value)}, got {got}"
            fix = fix or f"write {_type_name(err.validator_value)} here"
        elif err.validator == "pattern":
            message = f"{value!r} has the wrong format"
        elif err.validator in ("minItems", "minLength"):
            message = "must not be empty" if err.validator_value == 1 else f"needs at least {err.validator_value} items"
            fix = fix or "add at least one item"
        elif err.validator == "maxItems":
            message = f"has {len(value)} items, more than {err.validator_value}"
            fix = fix or "split the list into several blocks (pause points)"
        elif err.validator == "uniqueItems":
            message = "lists the same value twice"
            fix = "remove the repeated value"
        elif err.validator in ("anyOf", "oneOf"):
            message = f"{value!r} has the wrong format" if isinstance(value, str) else f"{value!r} is not valid here"
        else:
            message = err.message
        out.append(doc.error(SchemaError, path, message, fix or schema.get("description", "")))
    return out


def _json_type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
            dict: "object", type(None): "null"}.get(type(value), type(value).__name__)


def _type_name(t: Any) -> str:
    names = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "array": "a list", "object": "a mapping", "null": "nothing"}
    return " or ".join(names.get(x, x) for x in t) if isinstance(t, list) else names.get(t, t)


# ---- Discovery ----------------------------------------------------------------


def discover(root: Path) -> tuple[list[tuple[Path, str]], list[PlaybookError]]:
    """(file, kind) pairs for every playbook file, and errors for files that fit no kind."""
    found: list[tuple[Path, str]] = []
    errors: list[PlaybookError] = []

    def stray(path: Path, fix: str) -> None:
        errors.append(YamlError(file=path, line=1, col=1, field="", message="no schema applies to this file", fix=fix))

    for name, kind in SINGLE_FILES.items():
        if (root / name).is_file():
            found.append((root / name, kind))
        else:
            errors.append(YamlError(file=root / name, line=1, col=1, field="", message="required file is missing",
                                    fix=f"create {name}; playbook/README.md lists every file"))
    for entry in sorted(root.iterdir()):
        if entry.name in SINGLE_FILES or entry.name in IGNORED or entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name in FOLDERS:
            for file in sorted(entry.rglob("*")):
                if file.is_file() and file.suffix == ".yml" and file.parent == entry:
                    found.append((file, FOLDERS[entry.name]))
                elif file.is_file():
                    stray(file, f"{entry.name}/ holds only <id>.yml files directly inside it")
        elif entry.is_dir():
            stray(entry, f"playbook folders are: {', '.join(FOLDERS)}")
        else:
            stray(entry, f"top-level files are: {', '.join(SINGLE_FILES)}")
    return found, errors


# ---- Loading ------------------------------------------------------------------


def expand_rules(pb: Playbook) -> list[PlaybookError]:
    """Replace every {rule:id} in every file's text by the rule's wording, in place, so every page,
    checklist, export and search index reads the one value; an unknown id is an error at its line."""
    errors: list[PlaybookError] = []
    for doc in pb.documents.values():
        for path, text in list(strings(doc.data)):
            if "{rule:" not in text:
                continue
            try:
                new = expand(pb, text)
            except UnknownRule as e:
                errors.append(doc.error(CrossRefError, path, "unknown rule reference", e.args[0]))
                continue
            node = doc.data
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = new
    return errors


def _seed_order(item: dict[str, Any]) -> tuple[int, ...]:
    return tuple(int(n) for n in item["sections"][0].split("."))


def _in_plan_order(docs: dict[str, Document]) -> dict[str, Any]:
    """id → data ordered by first seed section, then id: the order of indexes, nav and role pages."""
    return {k: d.data for k, d in sorted(docs.items(), key=lambda kv: (_seed_order(kv[1].data), kv[0]))}


def load(root: Path = PLAYBOOK_DIR) -> Playbook:
    """Read, validate and cross-check every file; raise PlaybookInvalid listing every problem."""
    root = Path(root)
    if not root.is_dir():
        raise PlaybookInvalid([YamlError(file=root, line=1, col=1, field="", message="playbook directory not found",
                                         fix="pass the folder that holds plan.yml")])
    files, errors = discover(root)
    docs: dict[str, list[Document]] = {}
    texts = schema_texts()
    validated = Validated(texts)
    for path, kind in files:
        try:
            doc = read(path)
        except YamlError as e:
            errors.append(e)
            continue
        key = validated.key(kind, doc.digest)
        problems = [] if key in validated else schema_errors(doc, kind, texts)
        errors.extend(problems)
        if not problems:
            validated.add(key)
            docs.setdefault(kind, []).append(doc)
    validated.save()
    if errors:
        # Cross-file checks on partial data would report follow-on noise; fix these first.
        raise PlaybookInvalid(errors)

    def single(kind: str) -> Document:
        return docs[kind][0]

    by_id: dict[str, dict[str, Document]] = {}
    for kind in FOLDERS.values():
        by_id[kind] = {}
        for doc in docs.get(kind, []):
            if doc.data["id"] != doc.path.stem:
                errors.append(doc.error(CrossRefError, ("id",), f"id {doc.data['id']!r} differs from the file name",
                                        f"rename the file to {doc.data['id']}.yml or set id: {doc.path.stem}"))
            by_id[kind][doc.path.stem] = doc

    laws = single("laws").data
    pb = Playbook(
        root=root,
        plan=single("plan").data,
        roles={r["id"]: r for r in single("roles").data["roles"]},
        taxonomy=single("taxonomy").data,
        acts={a["id"]: a for a in laws["acts"]},
        situations=single("situations").data["situations"],
        aids=single("aids").data,
        metrics=single("metrics").data["metrics"],
        organisation=single("organisation").data,
        holidays=single("holidays").data,
        synonyms=single("synonyms").data["synonyms"],
        provisions={p["id"]: p for p in laws["provisions"]},
        # Lifecycle order (by first seed section), so indexes and role pages read in case order.
        procedures=_in_plan_order(by_id["procedure"]),
        templates=_in_plan_order(by_id["template"]),
        drills=_in_plan_order(by_id["drill"]),
        training=_in_plan_order(by_id["training"]),
        documents={d.path: d for ds in docs.values() for d in ds},
    )
    errors.extend(cross_check(pb, {k: single(k) for k in SINGLE_FILES.values()}, by_id))
    if not errors:
        errors.extend(expand_rules(pb))
    if errors:
        raise PlaybookInvalid(errors)
    org = single("organisation")
    pb.warnings = [org.error(UnfilledSetting, path, "not filled in yet", "fill it in; until then the site shows 「待本单位填写」")
                   for path in unfilled(org.data)]
    log.debug("playbook loaded: %d procedures", len(pb.procedures))
    return pb
