"""`playbook validate | export`: the playbook's command line, for authors and other systems."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import PlaybookInvalid
from .loader import PLAYBOOK_DIR, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="playbook", description="Validate and export the complaint-handling playbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every file against its schema and the other files")
    v.add_argument("directory", nargs="?", type=Path, default=PLAYBOOK_DIR)
    e = sub.add_parser("export", help="print the whole validated plan")
    e.add_argument("directory", nargs="?", type=Path, default=PLAYBOOK_DIR)
    e.add_argument("--format", choices=["json"], default="json")
    args = parser.parse_args(argv)

    try:
        pb = load(args.directory)
    except PlaybookInvalid as e:
        print(e, file=sys.stderr)
        return 1
    if args.command == "validate":
        for w in pb.warnings:
            print(f"warning: {w}", file=sys.stderr)
        if pb.warnings:
            print(f"{len(pb.warnings)} organisation setting{'s' if len(pb.warnings) != 1 else ''} to fill in "
                  "(playbook/organisation.yml); the site shows 「待本单位填写」 until then.", file=sys.stderr)
        counts = f"{len(pb.procedures)} procedures, {len(pb.templates)} templates, {len(pb.drills)} drills, {len(pb.training)} training paths"
        print(f"playbook OK: {counts}", file=sys.stderr)
    else:
        json.dump(pb.export(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
