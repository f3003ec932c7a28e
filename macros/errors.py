"""Exceptions raised while loading the playbook.

    PlaybookError            one problem, located at file:line:col, with a fix
     ├── YamlError           the file is not safe, well-formed YAML (syntax, tags, aliases, duplicate keys)
     ├── SchemaError         the data does not match its JSON Schema
     ├── CrossRefError       the data is valid alone but contradicts other files (unknown role, duplicate id)
     └── UnfilledSetting     an organisation setting still null: a warning, listed but never raised
    PlaybookInvalid          raised once with every PlaybookError found, so authors fix them all in one pass
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path) -> str:
    """Path as the author typed it: relative to the working directory when below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # different drive on Windows
        return str(path)


class PlaybookError(Exception):
    """A problem in one playbook file, at a line, in a field, with how to fix it."""

    def __init__(self, *, file: Path, line: int, col: int, field: str, message: str, fix: str = "") -> None:
        self.file, self.line, self.col = file, line, col
        self.field, self.message, self.fix = field, message, fix
        super().__init__(str(self))

    def __reduce__(self):  # keyword-only __init__: let copy and pickle rebuild it
        return (_rebuild, (type(self), {k: getattr(self, k) for k in ("file", "line", "col", "field", "message", "fix")}))

    def __str__(self) -> str:
        where = f"{display_path(self.file)}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


def _rebuild(cls: type, fields: dict) -> PlaybookError:
    return cls(**fields)


class YamlError(PlaybookError):
    """The file cannot be read as safe, well-formed YAML."""


class SchemaError(PlaybookError):
    """A value does not match the file's JSON Schema."""


class CrossRefError(PlaybookError):
    """A value contradicts another playbook file."""


class UnfilledSetting(PlaybookError):
    """An organisation setting left null: the site shows 「待本单位填写」; validation warns."""


class PlaybookInvalid(Exception):
    """Every problem found in one load, sorted by file and line."""

    def __init__(self, errors: list[PlaybookError]) -> None:
        self.errors = sorted(errors, key=lambda e: (str(e.file), e.line, e.col, e.field, e.message))
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.errors)
        lines = [str(e) for e in self.errors]
        return "\n".join(lines + [f"{n} error{'s' if n != 1 else ''} in the playbook."])
