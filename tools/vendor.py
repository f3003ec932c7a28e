"""Copy the browser libraries listed under "vendor" in package.json from node_modules/ into
docs/assets/vendor/<package>/, with their licence and a VERSION file.

The copies are committed, so `make serve` and the built site never need Node or the network;
`make vendor` (npm ci, then this script) refreshes them after a version bump in package.json, and
tests/test_vendor.py checks that every copy matches the pinned version.

    package.json: "vendor": {"<npm package>": {"<path in the package>": "<file name in vendor/>"}}
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs" / "assets" / "vendor"


def manifest() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(pinned versions, vendor map) from package.json."""
    pkg = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pins = {**pkg.get("dependencies", {}), **pkg.get("devDependencies", {})}
    return pins, pkg.get("vendor", {})


def vendor(node_modules: Path = ROOT / "node_modules") -> list[Path]:
    """Copy every listed file; returns the files written. Fails with one line per problem."""
    pins, wanted = manifest()
    written, problems = [], []
    for name, files in wanted.items():
        src_dir = node_modules / name
        installed = json.loads((src_dir / "package.json").read_text(encoding="utf-8"))["version"] \
            if (src_dir / "package.json").is_file() else None
        if installed != pins.get(name):
            problems.append(f"{name}: node_modules has {installed!r}, package.json pins {pins.get(name)!r} (run npm ci)")
            continue
        out_dir = VENDOR / name
        out_dir.mkdir(parents=True, exist_ok=True)
        for src, dest in files.items():
            shutil.copyfile(src_dir / src, out_dir / dest)
            written.append(out_dir / dest)
        (out_dir / "VERSION").write_text(f"{name} {installed}\n", encoding="utf-8")
        written.append(out_dir / "VERSION")
    if problems:
        sys.exit("\n".join(problems))
    return written


if __name__ == "__main__":
    for path in vendor():
        print(path.relative_to(ROOT))
