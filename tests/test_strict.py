"""`make build` and `make offline` are strict: any MkDocs warning fails them (mkdocs#4126: --quiet
hides warnings from --strict's count, so neither target may pass it).

The targets run on a copy of the small fixture site (CONFIG / OFFLINE_CONFIG), which exercises the
Makefile's flags in seconds; a second test pins the validation settings the real configs share.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from .conftest import FIXTURE_PLAYBOOK, FIXTURES, ROOT

SITE = "tests/fixtures/site"
DEFECTS = {
    # A Markdown link to a page that does not exist.
    "broken-link": ("nowhere.md", lambda docs: (docs / "index.md").write_text(
        (docs / "index.md").read_text(encoding="utf-8") + "\n[去向不明](nowhere.md)\n", encoding="utf-8")),
    # A page no navigation entry reaches.
    "unnavigated-page": ("orphan.md", lambda docs: (docs / "orphan.md").write_text("# 孤页\n", encoding="utf-8")),
}
OFFLINE = """INHERIT: mkdocs.yml
plugins:
  - search
  - macros: {module_name: ../../../macros, on_error_fail: true, on_undefined: strict}
  - tags
  - offline
"""


def project_copy(dest):
    """The fixture site copied to the same depth (its relative paths then resolve), beside links to
    the repository's theme, macros and assets; pyproject.toml keeps its time so the .venv stamp stays
    up to date."""
    shutil.copytree(FIXTURES / "site", dest / SITE, symlinks=True)
    (dest / SITE / "offline.yml").write_text(OFFLINE, encoding="utf-8")
    for name in ("overrides", "macros", "docs"):
        (dest / name).symlink_to(ROOT / name)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def make(project, target: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", target, f"VENV={ROOT / '.venv'}", f"CONFIG={SITE}/mkdocs.yml", f"OFFLINE_CONFIG={SITE}/offline.yml",
         f"SITE={project / 'site'}", f"BUILD={project / 'build'}", f"DIST={project / 'dist'}"],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "PLAYBOOK_DIR": str(FIXTURE_PLAYBOOK), "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Each defect in its own copy, built by both targets (two at a time), and a clean control copy."""
    jobs = {}
    for defect, (_, apply) in [*DEFECTS.items(), ("none", (None, lambda docs: None))]:
        for target in ("build", "offline"):
            project = project_copy(tmp_path_factory.mktemp(f"{defect}-{target}"))
            apply(project / SITE / "docs")
            jobs[(defect, target)] = project
    with ThreadPoolExecutor(2) as pool:
        results = dict(zip(jobs, pool.map(lambda k: make(jobs[k], k[1]), jobs)))
    return results, jobs


@pytest.mark.parametrize("target", ["build", "offline"])
def test_the_clean_copy_builds(outcomes, target):
    """Control: without a defect both targets succeed, so a failure below is the defect's."""
    results, jobs = outcomes
    result = results[("none", target)]
    assert 0 == result.returncode, result.stdout + result.stderr
    assert (jobs[("none", target)] / ("site" if target == "build" else "dist/handbook-offline.zip")).exists()


@pytest.mark.parametrize("target", ["build", "offline"])
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_a_warning_fails_the_target(outcomes, defect, target):
    results, jobs = outcomes
    result = results[(defect, target)]
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"make {target} succeeded despite {defect}:\n{out}"
    assert "warnings in strict mode" in out and DEFECTS[defect][0] in out, out
    if target == "build":
        assert not (jobs[(defect, target)] / "site").exists(), "a failed build must not create or replace the site"
    else:
        assert not (jobs[(defect, target)] / "dist").exists(), "a failed offline build must not produce a zip"


def test_real_configs_warn_like_the_fixture():
    """The real site (and the offline edition, which inherits it) turns the same checks into
    warnings as the fixture site the test above builds, so strict mode fails on them too."""
    def validation(path):
        """The indented block under the top-level validation: key (the rest holds tags plain YAML lacks)."""
        lines = path.read_text(encoding="utf-8").split("\nvalidation:\n", 1)[1].splitlines()
        block = [line for line in iter(lambda: lines.pop(0) if lines and lines[0].startswith("  ") else None, None)]
        return yaml.safe_load("\n".join(block))

    real, fixture = validation(ROOT / "mkdocs.yml"), validation(FIXTURES / "site" / "mkdocs.yml")
    assert real == fixture == {"omitted_files": "warn", "absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"}
    assert "INHERIT: mkdocs.yml" in (ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8")
    assert "validation" not in (ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8")
