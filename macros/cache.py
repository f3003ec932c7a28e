"""On-disk cache that makes repeated builds (mkdocs serve, make build) cheap: which playbook files
already passed their schema, and our compiled Jinja templates.

Only an optimisation. The key of a file is a hash of its bytes, every schema and the jsonschema
release, so any edit means validating again; a missing, corrupt or read-only cache means
working without one. PLAYBOOK_CACHE_DIR moves it; set it empty to turn it off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import re
import tempfile
from pathlib import Path

import jinja2

log = logging.getLogger("mkdocs.plugins.playbook")

ROOT = Path(__file__).resolve().parent.parent
_KEY = re.compile(r"[0-9a-f]{64}")


def cache_dir(part: str) -> Path | None:
    """A writable cache folder, or None when the cache is off or cannot be written."""
    base = os.environ.get("PLAYBOOK_CACHE_DIR", str(ROOT / ".cache" / "playbook"))
    if not base:
        return None
    path = Path(base) / part
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        log.debug("no playbook cache: %s", e)
        return None
    return path if os.access(path, os.W_OK) else None


def jinja_bytecode() -> jinja2.BytecodeCache | None:
    """Compiled templates for our renderer; Jinja checks each against its source."""
    path = cache_dir("jinja")
    return jinja2.FileSystemBytecodeCache(str(path)) if path else None


def _validator_release() -> str:
    # The dist-info folder name carries the version; importlib.metadata.version() would cost
    # ~50 ms, as much as the cache saves after a one-file edit.
    spec = importlib.util.find_spec("jsonschema")
    if spec is None or spec.origin is None:
        return "unknown"
    site = Path(spec.origin).parent.parent
    return " ".join(sorted(n for n in os.listdir(site) if n.startswith("jsonschema-") and n.endswith(".dist-info")))


class Validated:
    """Hashes of (schema set, kind, file bytes) that validated without error."""

    FILE = "validated.txt"

    def __init__(self, schemas: dict[str, str]) -> None:
        """schemas: every schema file's name and text, as the validators will use them."""
        self.dir = cache_dir("schema")
        prefix = hashlib.sha256(_validator_release().encode())
        for name, text in sorted(schemas.items()):
            prefix.update(f"{name}\0{text}\0".encode())
        self._prefix = prefix
        self._known: set[str] = set()
        self._now: set[str] = set()
        if self.dir:
            try:
                text = (self.dir / self.FILE).read_text(encoding="ascii")
                self._known = {line for line in text.split() if _KEY.fullmatch(line)}
            except (OSError, UnicodeDecodeError):
                pass  # no cache yet, or unreadable: validate everything

    def key(self, kind: str, digest: str) -> str:
        h = self._prefix.copy()
        h.update(f"{kind}\0{digest}".encode())
        return h.hexdigest()

    def __contains__(self, key: str) -> bool:
        return key in self._known

    def add(self, key: str) -> None:
        self._now.add(key)

    def save(self) -> None:
        """Keep this load's keys only, so the file stays as small as the playbook."""
        if not self.dir or self._now == self._known:
            return
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write("\n".join(sorted(self._now)) + "\n")
            os.replace(tmp, self.dir / self.FILE)  # atomic: a parallel build reads the old or the new list
        except OSError as e:
            log.debug("playbook cache not saved: %s", e)
            if tmp:
                Path(tmp).unlink(missing_ok=True)
