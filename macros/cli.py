"""`playbook validate | export | team`: the playbook's command line, for authors, other systems and
the administrators of team databases (macros/team.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
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
    team_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "team":
        return team_main(args)

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


def team_parser(sub) -> None:
    t = sub.add_parser("team", help="team databases on Apache CouchDB: create, members, archive",
                       description="Admin credentials: --user (or PLAYBOOK_COUCHDB_USER) and the password from "
                                   "PLAYBOOK_COUCHDB_PASSWORD or a prompt; never on the command line.")
    t.add_argument("--url", default=os.environ.get("PLAYBOOK_COUCHDB_URL", "http://127.0.0.1:5984"),
                   help="CouchDB base URL (PLAYBOOK_COUCHDB_URL; default http://127.0.0.1:5984)")
    t.add_argument("--user", default=os.environ.get("PLAYBOOK_COUCHDB_USER", "admin"), help="server admin name")
    ts = t.add_subparsers(dest="action", required=True)
    ts.add_parser("create", help="new team database with its security object and rules").add_argument("team")
    ts.add_parser("update", help="install the current rules (after a schema change)").add_argument("team")
    ts.add_parser("members", help="list the team's members").add_argument("team")
    a = ts.add_parser("add", help="admit a member, creating the CouchDB user if needed "
                                  "(password from PLAYBOOK_MEMBER_PASSWORD or a prompt)")
    a.add_argument("team")
    a.add_argument("name", help="user name = the actor name on the member's events")
    r = ts.add_parser("remove", help="take a member out of the team")
    r.add_argument("team")
    r.add_argument("name")
    x = ts.add_parser("export", help="write each closed case as JSON + Markdown with its full timeline")
    x.add_argument("team")
    x.add_argument("directory", type=Path)
    p = ts.add_parser("purge", help="delete the cases closed before a date (end of the retention period)")
    p.add_argument("team")
    p.add_argument("--closed-before", required=True, type=day, metavar="YYYY-MM-DD",
                   help="cases whose last run closed before this day (China time) are deleted")


def day(text: str) -> dt.datetime:
    """A calendar day as the first instant of it in China time."""
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.timezone(dt.timedelta(hours=8)))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def secret(variable: str, prompt: str) -> str | None:
    """A password from the environment or, on a terminal, a prompt; None when neither is there."""
    if os.environ.get(variable):
        return os.environ[variable]
    if sys.stdin.isatty():
        return getpass.getpass(prompt) or None
    return None


def team_main(args) -> int:
    from . import team

    password = secret("PLAYBOOK_COUCHDB_PASSWORD", f"CouchDB password for {args.user}: ")
    if password is None:
        print("playbook team: no admin password (set PLAYBOOK_COUCHDB_PASSWORD or run on a terminal)", file=sys.stderr)
        return 2
    couch = team.Couch(args.url, args.user, password)
    try:
        return run_team_action(team, couch, args)
    except team.TeamError as e:
        print(f"playbook team {args.action}: {e}", file=sys.stderr)
        return 1
    finally:
        couch.close()


def run_team_action(team, couch, args) -> int:
    if args.action == "create":
        print(f"created {team.create(couch, args.team)} on {couch.url}; add members with `playbook team add {args.team} NAME`")
    elif args.action == "update":
        print("rules updated" if team.update(couch, args.team) else "rules already current")
    elif args.action == "members":
        print("\n".join(team.members(couch, args.team)))
    elif args.action == "add":
        team.check_member_name(args.name)
        created = team.add_member(couch, args.team, args.name, secret("PLAYBOOK_MEMBER_PASSWORD", f"new password for {args.name}: "))
        print(f"{'created user and ' if created else ''}admitted {args.name} to team {args.team}")
    elif args.action == "remove":
        team.remove_member(couch, args.team, args.name)
        print(f"removed {args.name} from team {args.team}")
    elif args.action == "export":
        written = team.export(couch, args.team, args.directory)
        print(f"{len(written) // 2} closed case(s) written to {args.directory}")
    elif args.action == "purge":
        cases, events, purged = team.purge(couch, args.team, args.closed_before)
        tail = "tombstones purged" if purged else "tombstones remain until the server purges them"
        print(f"deleted {events} event(s) of {cases} case(s) closed before {args.closed_before.date()}; {tail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
