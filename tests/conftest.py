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

from tools.localserver import serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_PLAYBOOK = FIXTURES / "playbook"
BROKEN = FIXTURES / "broken"
MKDOCS = [sys.executable, "-m", "mkdocs"]

# Each session starts from an empty playbook cache (macros/cache.py), so a cache left by earlier
# runs can never make a test pass; the session's own loads and builds fill and reuse it.
os.environ["PLAYBOOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="playbook-cache-")
atexit.register(shutil.rmtree, os.environ["PLAYBOOK_CACHE_DIR"], ignore_errors=True)

# Variables that change what the code under test reads or writes: a value left in the caller's shell
# must never make a test pass (or write goldens). Tests that need one set it for their subprocess.
CLEARED = ("UPDATE_GOLDEN", "PLAYBOOK_DIR", "SITE_URL", "PB_DUMP_DIR", "PB_SEARCH", "PLAYBOOK_TEAM_COUCHDB")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current renders (review the diff); refused under CI")


def pytest_configure(config):
    if config.getoption("--update-golden") and os.environ.get("CI"):
        raise pytest.UsageError("--update-golden rewrites the expected output; CI must compare, never write")


@pytest.fixture(scope="session", autouse=True)
def clean_environ():
    """Clear behaviour-changing variables for the whole session (session fixtures build sites too)."""
    with pytest.MonkeyPatch.context() as mp:
        for name in CLEARED:
            mp.delenv(name, raising=False)
        yield


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


def served_build(tmp_path_factory, name: str, config: Path, env: dict[str, str] | None = None):
    """Bind a server on a free port, build config strictly with that origin as site_url (instant
    navigation needs them equal), and yield (site dir, server); the server stops with the session."""
    dest = tmp_path_factory.mktemp(name)
    server = serve(dest)
    try:
        result = build_site(config, dest, {**(env or {}), "SITE_URL": server.url})
        assert result.returncode == 0, result.stderr
        yield dest, server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def real_served(tmp_path_factory):
    yield from served_build(tmp_path_factory, "site", ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def real_site(real_served) -> Path:
    """The real handbook, built strictly once per session."""
    return real_served[0]


@pytest.fixture(scope="session")
def fixture_served(tmp_path_factory):
    yield from served_build(tmp_path_factory, "fixture-site", FIXTURES / "site" / "mkdocs.yml",
                            {"PLAYBOOK_DIR": str(FIXTURE_PLAYBOOK)})


@pytest.fixture(scope="session")
def fixture_site(fixture_served) -> Path:
    """The fixture site (tests/fixtures/site) built from the fixture playbook."""
    return fixture_served[0]


@pytest.fixture(scope="session")
def couchdb():
    """A real CouchDB-compatible server (pouchdb-server, in memory) for the session; stopped after."""
    from . import couchdb as harness

    couch = harness.start()
    yield couch
    couch.stop()
