"""Mutation testing (make mutation): how many deliberate bugs the tests catch, per module.

    python tools/mutation.py [python|js|all] [--modules NAME ...] [--root DIR]

Python: mutmut over macros/ in a scratch copy, with the fast non-building tests (the site builds
and browser tests would take hours per run); mutmut runs, for each mutant, only the tests that
called the mutated function. JavaScript: StrykerJS over the pure modules in
docs/assets/javascripts/core/, one run per module whose command runs only that module's Node test
files (running all of tests/js/ for every mutant of events.js took longer than 37 minutes).
Each prints killed / all per module and the surviving mutants. Slow, so not part of `make test`;
nothing here changes the checkout (mutmut works in a temporary copy, Stryker in its own sandbox).
--root measures another checkout (e.g. an old commit in a git worktree) with this same tool.
--sample 05 measures a systematic fifth of the Python mutants (numbers ending in 0 or 5 in each
function): an estimate for big modules when there is no time for every mutant.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

TOOL_ROOT = Path(__file__).resolve().parent.parent

# Tests that exercise macros/ without building a site: seconds, not minutes, per mutant. Files that
# do not exist in the measured checkout are left out, so older commits run with their own tests.
FAST_TESTS = [
    "tests/test_loader.py", "tests/test_cache.py", "tests/render", "tests/test_invariants.py",
    "tests/test_pages.py", "tests/test_rulebook.py", "tests/test_aids.py", "tests/test_text_lint.py",
    "tests/test_drift.py", "tests/test_law_content.py", "tests/test_schemas.py", "tests/test_search.py",
    "tests/test_team.py", "tests/test_archive.py", "tests/test_worker.py", "tests/test_event_schema.py",
    "tests/test_macros.py", "tests/test_minify.py", "tests/test_errors.py", "tests/test_export.py",
    "tests/test_model.py", "tests/test_cli.py", "tests/test_source.py",
]
# A limit on parser time that a loaded machine breaks; it guards parser limits, not macros' logic.
# One that builds the real site through mkdocs (the fast set checks the same generation directly).
SLOW = ["tests/test_loader.py::TestHostileInput", "tests/test_pages.py::test_one_yaml_file_adds_an_element",
        # Tests of the real site's search index: a mkdocs build (10-20 s) for every mutant of any
        # function the playbook loading calls; search.py's functions have their own tests.
        "tests/test_search.py::TestDrillIntegrity", "tests/test_search.py::TestRanking",
        *(f"tests/test_search.py::TestSynonymKeywords::test_{name}" for name in (
            "colloquial_keywords_on_the_page_about_the_word", "consumer_words_the_handbook_never_uses_reach_the_page",
            "index_carries_the_table_and_the_field"))]
COPY = ["macros", "tests", "playbook", "docs", "overrides", "tools", "mkdocs.yml", "mkdocs.offline.yml", "pyproject.toml"]
# mutmut's exit-code meaning (mutmut/__main__.py status_by_exit_code).
KILLED, SURVIVED = {1, 3}, {0}
TIMEOUT = {-24, 24, 36}

CORE = "docs/assets/javascripts/core"
# Node test files per JS module when they are not named after it; the convergence test replays
# the event model with a few seeds per mutant (300 in make test).
JS_TESTS = {
    "events": ["tests/js/events.test.js", "tests/js/convergence.test.js"],
    "run-export": ["tests/js/run-import-export.test.js"],
    "run-import": ["tests/js/run-import-export.test.js"],
    "draft": ["tests/js/draft.test.js", "tests/js/legacy.test.js"],
}
JS_ENV = {"CONVERGENCE_SEEDS": "20"}


def python(root: Path, modules: list[str], children: int, sample: str = "") -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        work = Path(tmp)
        for name in COPY:
            src = root / name
            if src.is_dir():
                shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
            elif src.exists():
                shutil.copy2(src, work / name)
        def listed(items: list[str]) -> str:  # setup.cfg lists: one item per continuation line
            return "".join(f"\n    {item}" for item in items)

        tests = [t for t in FAST_TESTS if (root / t).exists()]
        deselect = [a for t in SLOW for a in ("--deselect", t)]
        only = [("" if m.startswith("macros/") else "macros/") + (m if m.endswith((".py", "*")) else f"{m}.py") for m in modules]
        (work / "setup.cfg").write_text(
            "[mutmut]\n"
            "source_paths =\n    macros\n"
            + (f"only_mutate ={listed(only)}\n" if only else "")
            + f"also_copy ={listed([n for n in COPY if n != 'macros' and (root / n).exists()])}\n"
            f"pytest_add_cli_args_test_selection ={listed(tests)}\n"
            f"pytest_add_cli_args ={listed(['-p', 'no:cacheprovider', '-x', '-q', *deselect])}\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("PLAYBOOK_DIR", "UPDATE_GOLDEN", "SITE_URL")}
        # Tests that run `python -m macros.cli` outside the copy import the measured checkout's
        # unmutated package, not whatever this virtualenv has installed (another commit's macros/).
        env["PYTHONPATH"] = str(work)
        env["POUCHDB_SERVER"] = str(root / "node_modules" / ".bin" / "pouchdb-server")  # test_team's server
        # A systematic sample: only the mutants whose number (per function) ends in one of these digits.
        pattern = [f"*__mutmut_*[{sample}]"] if sample else []
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *pattern],
                             cwd=work, env=env)
        if run.returncode not in (0, 1):
            print(f"mutmut failed with exit code {run.returncode}", file=sys.stderr)
            return run.returncode
        counts: dict[str, Counter] = defaultdict(Counter)
        survivors: list[str] = []
        for meta in sorted((work / "mutants").rglob("*.meta")):
            module = str(meta.relative_to(work / "mutants"))[: -len(".meta")]
            for key, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
                if code is None and sample:
                    continue  # outside the sample
                status = "killed" if code in KILLED else "survived" if code in SURVIVED else "timeout" if code in TIMEOUT else "no tests" if code in (5, 33) else "other"
                counts[module][status] += 1
                if status != "killed":
                    survivors.append((key, status))
        if not any(c["killed"] + c["survived"] for c in counts.values()):
            print("mutmut tested no mutant (see its output above)", file=sys.stderr)
            return 1
        what = f"a sample: mutants numbered *[{sample}] in each function" if sample else "every mutant"
        report(counts, f"Python (mutmut, fast tests, {what}) in {root}", time.monotonic() - started)
        lines = []
        for key, status in survivors:  # the diff of each survivor, for reading and judging
            diff = subprocess.run([sys.executable, "-m", "mutmut", "show", key], cwd=work, env=env,
                                  capture_output=True, text=True).stdout
            lines.append(f"## {status} {key}\n{diff.strip()}\n")
        out = TOOL_ROOT / "reports" / "mutation" / "python-survivors.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines), encoding="utf-8")
        print(f"{len(survivors)} survivors with their diffs in {out.relative_to(TOOL_ROOT)}")
    return 0


def report(counts: dict[str, Counter], title: str, seconds: float) -> None:
    print(f"\n{title}: killed / all per module ({seconds / 60:.1f} min)")
    total = Counter()
    for module, c in sorted(counts.items()):
        n = sum(c.values())
        total.update(c)
        extra = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k != "killed")
        print(f"  {module:<40} {c['killed']:4d} / {n:<4d} {100 * c['killed'] / n if n else 0:5.1f} %  {extra}")
    n = sum(total.values())
    print(f"  {'all':<40} {total['killed']:4d} / {n:<4d} {100 * total['killed'] / n if n else 0:5.1f} %")


def js_tests(root: Path, name: str) -> list[str]:
    """The Node test files that test one core module: named after it, listed above, or requiring it."""
    if name in JS_TESTS:
        return [t for t in JS_TESTS[name] if (root / t).exists()]
    own = root / "tests" / "js" / f"{name}.test.js"
    if own.exists():
        return [str(own.relative_to(root))]
    pattern = re.compile(rf"core/{re.escape(name)}\.js")
    return sorted(str(p.relative_to(root)) for p in (root / "tests" / "js").glob("*.test.js")
                  if pattern.search(p.read_text(encoding="utf-8")))


def js(root: Path, modules: list[str]) -> int:
    stryker = TOOL_ROOT / "node_modules" / ".bin" / "stryker"
    if not stryker.exists():
        print("StrykerJS is missing: run npm ci (make node_modules/.installed)", file=sys.stderr)
        return 2
    base = json.loads((TOOL_ROOT / "stryker.config.json").read_text(encoding="utf-8"))
    # Smallest first, so that an interrupted run has measured as many modules as it could.
    names = modules or [p.stem for p in sorted((root / CORE).glob("*.js"), key=lambda p: p.stat().st_size)]
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors: list[str] = []
    started, rc = time.monotonic(), 0
    out = TOOL_ROOT / "reports" / "mutation"
    out.mkdir(parents=True, exist_ok=True)
    # aids.test.js and workdays.test.js check the JS against the Python rules (`python -m macros.aids`):
    # computed once here rather than by a Python start per mutant.
    aids = out / "aids.json"
    aids.write_text(subprocess.run([sys.executable, "-m", "macros.aids"], cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                                   capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    env = {**JS_ENV, "AIDS_JSON": str(aids)}
    for name in names:
        tests = js_tests(root, name)
        if not tests:
            print(f"{name}: no Node test file requires {CORE}/{name}.js", file=sys.stderr)
            continue
        result = out / f"js-{name}.json"
        source = (root / CORE / f"{name}.js").read_text(encoding="utf-8").splitlines()
        # The module wrapper above "use strict" registers the factory in the browser or in Node; Node
        # can only take one branch of it, and the browser tests check that the pages use the modules.
        body = next(i for i, text in enumerate(source, 1) if '"use strict"' in text) + 1
        config = dict(base, mutate=[f"{CORE}/{name}.js:{body}-{len(source)}"],
                      # Each file run by node itself (exit 1 on a failed test), not through `node --test`,
                      # which starts a second process per file: half the time per mutant.
                      commandRunner={"command": " && ".join(f"node {t}" for t in tests)},
                      jsonReporter={"fileName": str(result)})
        config.pop("$schema", None)
        cfg = out / f"stryker-{name}.json"
        cfg.write_text(json.dumps(config, indent=2), encoding="utf-8")
        t0 = time.monotonic()
        run = subprocess.run([str(TOOL_ROOT / "node_modules" / ".bin" / "stryker"), "run", str(cfg)], cwd=root,
                             env={**os.environ, **env})
        print(f"{name}: {(time.monotonic() - t0) / 60:.1f} min, tests: {' '.join(tests)}")
        if not result.is_file():
            rc = run.returncode or 1
            continue
        for file, f in json.loads(result.read_text(encoding="utf-8"))["files"].items():
            for m in f["mutants"]:
                status = {"Killed": "killed", "Timeout": "killed", "Survived": "survived", "NoCoverage": "no tests"}.get(m["status"], m["status"].lower())
                counts[file][status] += 1
                if status != "killed":
                    line = m["location"]["start"]["line"]
                    survivors.append(f"{status:9} {file}:{line}:{m['location']['start']['column']} {m['mutatorName']}: "
                                     f"{m.get('replacement', '')!r}\n          in: {source[line - 1].strip()}")
    report(counts, f"JavaScript core modules (StrykerJS, each module's Node tests; timeouts count as killed) in {root}",
           time.monotonic() - started)
    listing = out / "js-survivors.txt"
    listing.write_text("\n".join(survivors) + "\n", encoding="utf-8")
    print(f"{len(survivors)} survivors listed in {listing.relative_to(TOOL_ROOT)}")
    return rc


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", choices=["python", "js", "all"], default="all")
    parser.add_argument("--modules", nargs="*", default=[],
                        help="Python: macros/ files or globs (checks, render/*); JS: core module names (events)")
    parser.add_argument("--root", type=Path, default=TOOL_ROOT, help="the checkout to measure")
    parser.add_argument("--children", type=int, default=1, help="mutants tested at once")
    parser.add_argument("--sample", default="", metavar="DIGITS",
                        help="Python: test only mutants whose number ends in one of these digits (05: a fifth)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    rc = 0
    if args.part in ("python", "all"):
        rc |= python(root, args.modules if args.part == "python" else [], args.children, args.sample)
    if args.part in ("js", "all"):
        rc |= js(root, args.modules if args.part == "js" else [])
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
