"""Shared fixtures: paths, the loaded real playbook, fixture-playbook copies, built sites."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_PLAYBOOK = FIXTURES / "playbook"
BROKEN = FIXTURES / "broken"
MKDOCS = [sys.executable, "-m", "mkdocs"]

# Each session starts from an empty playbook cache (macros/cache.py), so a cache left by earlier
# runs can never make a test pass; the session's own loads and builds fill and reuse it.
os.environ["PLAYBOOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="playbook-cache-")
atexit.register(shutil.rmtree, os.environ["PLAYBOOK_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def pb():
    """The real playbook, loaded and validated once."""
    from macros.loader import load

    return load(ROOT / "playbook")


@pytest.fixture(scope="session")
def fixture_pb():
    from macros.loader import load

    return load(FIXTURE_PLAYBOOK)


def copy_with_overlay(dest: Path, overlay: Path | None = None) -> Path:
    """A copy of the fixture playbook at dest/playbook, with overlay's files written over it."""
    target = dest / "playbook"
    shutil.copytree(FIXTURE_PLAYBOOK, target)
    if overlay:
        # DELETE lists files the case removes from the copy, one per line.
        delete = overlay / "DELETE"
        for name in delete.read_text(encoding="utf-8").split() if delete.is_file() else []:
            (target / name).unlink()
        for src in overlay.rglob("*"):
            if src.is_file() and src.name not in ("expected.txt", "DELETE"):
                out = target / src.relative_to(overlay)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, out)
    return target


def build_site(config: Path, dest: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """mkdocs build --strict into dest; returns the finished process."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir", str(dest)],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real handbook, built strictly once per session."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture site (tests/fixtures/site) built from the fixture playbook."""
    dest = tmp_path_factory.mktemp("fixture-site")
    result = build_site(FIXTURES / "site" / "mkdocs.yml", dest, {"PLAYBOOK_DIR": str(FIXTURE_PLAYBOOK)})
    assert result.returncode == 0, result.stderr
    return dest
