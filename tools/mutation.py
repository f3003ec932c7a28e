"""Mutation testing (make mutation): how many deliberate bugs the tests catch, per module.

    python tools/mutation.py [python|js] [--paths macros/checks.py ...]

Python: mutmut over macros/ in a scratch copy, with the fast non-building tests (the site builds
and browser tests would take hours per run). JavaScript: StrykerJS over the pure modules in
docs/assets/javascripts/core/ with `node --test tests/js/` (stryker.config.json). Each prints the
share of mutants killed per module. Slow, so not part of `make test`; nothing here changes the
checkout (mutmut works in a temporary copy, Stryker in its own sandbox).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Tests that exercise macros/ without building a site: seconds, not minutes, per mutant.
FAST_TESTS = [
    "tests/test_loader.py", "tests/test_cache.py", "tests/render", "tests/test_invariants.py",
    "tests/test_pages.py::TestGenerated", "tests/test_rulebook.py",
]
# A wall-clock limit that a loaded machine breaks; it guards parser limits, not macros' logic.
TIMED = "tests/test_loader.py::TestHostileInput"
COPY = ["macros", "tests", "playbook", "docs", "tools", "mkdocs.yml", "pyproject.toml"]
# mutmut's exit-code meaning (mutmut/__main__.py status_by_exit_code).
KILLED, SURVIVED = {1, 3}, {0}
TIMEOUT = {-24, 24, 36}


def python(paths: list[str], children: int) -> int:
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        work = Path(tmp)
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
            else:
                shutil.copy2(src, work / name)
        def listed(items: list[str]) -> str:  # setup.cfg lists: one item per continuation line
            return "".join(f"\n    {item}" for item in items)

        (work / "setup.cfg").write_text(
            "[mutmut]\n"
            f"source_paths ={listed(paths)}\n"
            f"also_copy ={listed([n for n in COPY if n != 'macros'])}\n"
            f"pytest_add_cli_args_test_selection ={listed([t for t in FAST_TESTS if (ROOT / t.split('::')[0]).exists()])}\n"
            f"pytest_add_cli_args ={listed(['-p', 'no:cacheprovider', '-x', '-q', '--deselect', TIMED])}\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("PLAYBOOK_DIR", "UPDATE_GOLDEN", "SITE_URL")}
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(children)], cwd=work, env=env)
        if run.returncode not in (0, 1):
            print(f"mutmut failed with exit code {run.returncode}", file=sys.stderr)
            return run.returncode
        counts: dict[str, Counter] = defaultdict(Counter)
        survivors: list[str] = []
        for meta in sorted((work / "mutants").rglob("*.meta")):
            module = str(meta.relative_to(work / "mutants"))[: -len(".meta")]
            for key, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
                status = "killed" if code in KILLED else "survived" if code in SURVIVED else "timeout" if code in TIMEOUT else "no tests" if code in (5, 33) else "other"
                counts[module][status] += 1
                if status != "killed":
                    survivors.append(f"{status:9} {key}")
        report(counts, "Python (mutmut, fast tests)")
        (ROOT / "mutation-survivors.txt").write_text("\n".join(survivors) + "\n", encoding="utf-8")
        print(f"survivors listed in mutation-survivors.txt ({len(survivors)}); show one with: see mutmut show <name> in the copy")
    return 0


def report(counts: dict[str, Counter], title: str) -> None:
    print(f"\n{title}: killed / all per module")
    total = Counter()
    for module, c in sorted(counts.items()):
        n = sum(c.values())
        total.update(c)
        extra = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k != "killed")
        print(f"  {module:<40} {c['killed']:4d} / {n:<4d} {100 * c['killed'] / n if n else 0:5.1f} %  {extra}")
    n = sum(total.values())
    print(f"  {'all':<40} {total['killed']:4d} / {n:<4d} {100 * total['killed'] / n if n else 0:5.1f} %")


def js() -> int:
    stryker = ROOT / "node_modules" / ".bin" / "stryker"
    if not stryker.exists():
        print("StrykerJS is missing: run npm ci (make node_modules/.installed)", file=sys.stderr)
        return 2
    run = subprocess.run([str(stryker), "run", "stryker.config.json"], cwd=ROOT)
    result = ROOT / "reports" / "mutation" / "mutation.json"
    if not result.is_file():
        return run.returncode or 1
    counts: dict[str, Counter] = defaultdict(Counter)
    for name, f in json.loads(result.read_text(encoding="utf-8"))["files"].items():
        for m in f["mutants"]:
            status = {"Killed": "killed", "Timeout": "killed", "Survived": "survived", "NoCoverage": "no tests"}.get(m["status"], m["status"].lower())
            counts[name][status] += 1
    report(counts, "JavaScript core modules (StrykerJS, node --test tests/js/; timeouts count as killed)")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", choices=["python", "js", "all"], default="all")
    parser.add_argument("--paths", nargs="*", default=["macros/"], help="Python files or folders to mutate")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once")
    args = parser.parse_args(argv)
    rc = 0
    if args.part in ("python", "all"):
        rc |= python(args.paths, args.children)
    if args.part in ("js", "all"):
        rc |= js()
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
