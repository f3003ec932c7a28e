"""Read one YAML file safely, remembering where every value came from.

PyYAML's constructors drop line numbers, so we compose the node graph ourselves and
keep a map from each data path to its (line, column). Only plain data is allowed:
no custom tags, no aliases (an alias can expand exponentially: "billion laughs"),
no duplicate keys (YAML silently keeps the last one, losing the author's first value).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import YamlError

MAX_BYTES = 1024 * 1024  # the largest real file is ~20 KB; anything near this is a mistake
Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases and without implicit timestamps (dates stay strings)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem=f"alias *{event.anchor} is not allowed", problem_mark=event.start_mark
            )
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser, used first: the pure-Python one dominates build time. It does not see
    alias events, so aliases are caught in _convert instead; on any problem the file is parsed
    again with _Loader, whose messages and positions are the ones authors get."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class _AliasFound(Exception):
    """A node reached twice: an alias, reported properly by the slower parser."""


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and the position of every key and item in it."""

    path: Path
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(repr=False)
    digest: str = field(repr=False)  # sha256 of the file's bytes: the validation cache's key

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the nearest enclosing value that has one (a missing field → its parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)

    def error(self, cls: type[YamlError] | Any, path: Path_, message: str, fix: str = "") -> Any:
        line, col = self.where(path)
        return cls(file=self.path, line=line, col=col, field=field_name(path), message=message, fix=fix)


def field_name(path: Path_) -> str:
    """('blocks', 0, 'steps', 2, 'owner') → 'blocks[0].steps[2].owner'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read(path: Path) -> Document:
    """Parse one file or raise YamlError saying where and how to fix it."""

    def fail(message: str, fix: str, line: int = 1, col: int = 1) -> YamlError:
        return YamlError(file=path, line=line, col=col, field="", message=message, fix=fix)

    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise fail(f"file is {len(raw)} bytes, over the {MAX_BYTES}-byte limit", "split it into smaller files")
    digest = hashlib.sha256(raw).hexdigest()
    # Windows Notepad starts UTF-8 files with a byte-order mark; YAML allows it, so do we.
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise fail(f"byte 0x{raw[e.start]:02x} is not valid UTF-8", "save the file as UTF-8", line, col) from None
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise fail("file is empty", "add the data this file should hold, or delete the file")
    # PyYAML refuses these characters as soon as a loader is made, with no line to point at.
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad:
        at = bad.start()
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise fail(f"character U+{ord(text[at]):04X} is not allowed in YAML",
                   "delete it (control characters often come with text pasted from another program)", line, col)

    fast = _FastLoader(text)
    try:
        node = fast.get_single_node()
        if node is not None:
            positions: dict[Path_, tuple[int, int]] = {(): (1, 1)}
            data = _convert(node, (), positions, path, fast, set())
            return Document(path=path, data=data, positions=positions, digest=digest)
    except (yaml.YAMLError, _AliasFound, RecursionError):
        pass  # parse again below for the exact message
    finally:
        fast.dispose()

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or "invalid YAML"
        if "another document" in problem:
            problem = "the file holds more than one YAML document"
        fix = "indent with spaces, not tabs" if "\\t" in problem or "\t" in problem else _yaml_fix(problem)
        raise fail(problem, fix, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1) from None
    except yaml.YAMLError as e:
        raise fail(str(e).splitlines()[0], "check the YAML syntax") from None
    except RecursionError:
        raise fail("nesting is too deep", "flatten the structure") from None
    finally:
        loader.dispose()
    if node is None:
        raise fail("file is empty", "add the data this file should hold, or delete the file")

    positions: dict[Path_, tuple[int, int]] = {(): (1, 1)}
    try:
        data = _convert(node, (), positions, path, loader, None)
    except RecursionError:
        raise fail("nesting is too deep", "flatten the structure") from None
    return Document(path=path, data=data, positions=positions, digest=digest)


def _yaml_fix(problem: str) -> str:
    if "more than one YAML document" in problem:
        return "keep one document: remove the '---' line and what follows"
    if "alias" in problem:
        return "write the value out instead of referring to an anchor"
    if "mapping values are not allowed" in problem:
        return "quote the value if it contains ': '"
    return "check indentation, quotes and colons on this line"


def _convert(node: yaml.Node, path: Path_, positions: dict, file: Path, loader: Any, seen: set[int] | None) -> Any:
    """Plain data from a node graph. `seen` (fast path only) detects aliases: a node reached twice."""
    def fail(n: yaml.Node, message: str, fix: str) -> YamlError:
        return YamlError(file=file, line=n.start_mark.line + 1, col=n.start_mark.column + 1,
                         field=field_name(path), message=message, fix=fix)

    if seen is not None:
        if id(node) in seen:
            raise _AliasFound()
        seen.add(id(node))

    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise fail(node, f"tag {tag!r} is not allowed", "remove the tag; the playbook holds plain data only")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise fail(key_node, "keys must be plain words", "write the key as a plain word")
            key = str(loader.construct_object(key_node))
            if key in out:
                first = positions[path + (key,)][0]
                raise fail(key_node, f"duplicate key {key!r} (first at line {first})",
                           "remove one of them; YAML would silently keep only the last")
            positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _convert(value_node, path + (key,), positions, file, loader, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            positions[path + (i,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_convert(item, path + (i,), positions, file, loader, seen))
        return items
    try:
        return loader.construct_object(node)
    except yaml.constructor.ConstructorError as e:
        raise fail(node, e.problem or "cannot read this value", "check the value's syntax") from None
