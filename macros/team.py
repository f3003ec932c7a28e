"""`playbook team`: team databases on Apache CouchDB 3 for shared checklist runs.

One database per team (`team-<id>`). Its _security admits the team's members only; its design
document `_design/playbook` holds validate_doc_update (macros/couchdb/validate_doc_update.js) and the
event schema (playbook/schemas/event.schema.json) that function enforces. Members are CouchDB users
(`_users`); their user name is the actor name their events must carry. Talks to CouchDB's HTTP API
with httpx. Every failure a user can cause is one line (TeamError) and a non-zero exit.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import httpx

from .loader import SCHEMA_DIR

DESIGN_ID = "_design/playbook"
VALIDATE = Path(__file__).parent / "couchdb" / "validate_doc_update.js"
TEAM_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
# A member's name is the actor name of their events: the event schema's actor.name rules apply
# (1-40 characters, not blank); CouchDB forbids a leading underscore and the colon of user doc ids.
MEMBER_NAME = re.compile(r"^(?!_)(?=.*\S)[^:\x00-\x1f]{1,40}$")


class TeamError(Exception):
    """A problem the user can fix, said in one line."""


def db_name(team: str) -> str:
    if not TEAM_ID.match(team):
        raise TeamError(f"team id {team!r}: use 1-40 lower-case letters, digits and hyphens, starting with a letter")
    return f"team-{team}"


def check_member_name(name: str) -> str:
    if not MEMBER_NAME.match(name):
        raise TeamError(f"member name {name!r}: use 1-40 characters, not blank, no colon, not starting with _")
    return name


def design_document() -> dict:
    """The design document every team database carries, built from the two files it consists of."""
    schema_text = (SCHEMA_DIR / "event.schema.json").read_text(encoding="utf-8")
    source = VALIDATE.read_text(encoding="utf-8")
    return {
        "_id": DESIGN_ID,
        "validate_doc_update": source,
        "schema": json.loads(schema_text),
        # Lets `playbook team update` and an operator see which rules a database enforces.
        "playbook": {"rules_sha256": hashlib.sha256((source + schema_text).encode()).hexdigest()},
    }


def security(members: list[str]) -> dict:
    """The _security object: members read and write (subject to validate_doc_update); only server
    admins administer. members.roles is never empty because CouchDB treats a database whose member
    names and roles are both empty as open to everybody, anonymous users included."""
    return {"admins": {"names": [], "roles": []},
            "members": {"names": sorted(set(members)), "roles": ["_admin"]}}


class Couch:
    """CouchDB's HTTP API as a server admin; every error becomes one TeamError line."""

    def __init__(self, url: str, user: str, password: str, timeout: float = 15) -> None:
        self.url = url.rstrip("/")
        self.user, self._password = user, password
        self.signed_in = False
        # A cookie session, not Basic auth on every request: the server hashes the password once.
        self.http = httpx.Client(base_url=self.url, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def call(self, method: str, path: str, *, ok=(200, 201, 202), what: str = "", **kwargs):
        """The JSON answer, or None for a status listed in ok as 404."""
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TransportError as e:
            raise TeamError(f"cannot reach CouchDB at {self.url}: {type(e).__name__}: {e or 'no answer'} "
                            "(check --url and that the server is running)") from None
        if response.status_code in ok:
            return None if response.status_code == 404 else response.json()
        raise self.refusal(response, what or f"{method} {path}")

    def refusal(self, response: httpx.Response, what: str) -> TeamError:
        try:
            body = response.json()
        except ValueError:
            body = {}
        reason = body.get("reason") or body.get("error") if isinstance(body, dict) else None
        if response.status_code == 401:
            return TeamError(f"CouchDB at {self.url} refused user {self.user!r}: wrong name or password "
                             "(check --user and PLAYBOOK_COUCHDB_PASSWORD)")
        if response.status_code == 403:
            return TeamError(f"{what}: CouchDB refused: {reason or 'forbidden'} (a server admin is needed)")
        return TeamError(f"{what}: CouchDB answered {response.status_code} {reason or response.reason_phrase}")

    def login(self) -> None:
        """Sign in once; fail early and clearly on a wrong password or an unreachable server."""
        if self.signed_in:
            return
        info = self.call("POST", "/_session", json={"name": self.user, "password": self._password},
                         what="signing in")
        if "_admin" not in info.get("roles", []):
            raise TeamError(f"user {self.user!r} is not a server admin of {self.url} (teams are managed by an admin)")
        self.signed_in = True

    def team_exists(self, db: str) -> bool:
        return self.call("GET", f"/{db}", ok=(200, 404)) is not None

    def require_team(self, team: str) -> str:
        db = db_name(team)
        if not self.team_exists(db):
            raise TeamError(f"no team {team!r} on {self.url} (create it with `playbook team create {team}`)")
        return db


def user_path(name: str) -> str:
    return "/_users/" + quote(f"org.couchdb.user:{name}", safe="")


def create(couch: Couch, team: str) -> str:
    """A new team database with its security object and design document; returns its name."""
    db = db_name(team)
    couch.login()
    if couch.team_exists(db):
        raise TeamError(f"team {team!r} exists already (database {db}); `playbook team update {team}` refreshes its rules")
    couch.call("PUT", f"/{db}", what=f"creating {db}")
    couch.call("PUT", f"/{db}/_security", json=security([]), what=f"securing {db}")
    couch.call("PUT", f"/{db}/{DESIGN_ID}", json=design_document(), what=f"installing the rules in {db}")
    return db


def update(couch: Couch, team: str) -> bool:
    """Install the current rules (after a schema change); True when they changed."""
    couch.login()
    db = couch.require_team(team)
    new = design_document()
    old = couch.call("GET", f"/{db}/{DESIGN_ID}", ok=(200, 404)) or {}
    if old.get("playbook") == new["playbook"]:
        return False
    if old.get("_rev"):
        new["_rev"] = old["_rev"]
    couch.call("PUT", f"/{db}/{DESIGN_ID}", json=new, what=f"installing the rules in {db}")
    sec = couch.call("GET", f"/{db}/_security")
    couch.call("PUT", f"/{db}/_security", json=security(sec.get("members", {}).get("names", [])))
    return True


def members(couch: Couch, team: str) -> list[str]:
    couch.login()
    db = couch.require_team(team)
    return couch.call("GET", f"/{db}/_security").get("members", {}).get("names", [])


def add_member(couch: Couch, team: str, name: str, password: str | None) -> bool:
    """Admit name to the team, creating the CouchDB user if needed; True when the user was created.
    An existing user keeps their password (one person may work in several teams)."""
    check_member_name(name)
    couch.login()
    db = couch.require_team(team)
    created = False
    if couch.call("GET", user_path(name), ok=(200, 404)) is None:
        if not password:
            raise TeamError(f"user {name!r} does not exist yet: give a password (PLAYBOOK_MEMBER_PASSWORD or the prompt)")
        user = {"_id": f"org.couchdb.user:{name}", "name": name, "type": "user", "roles": [], "password": password}
        couch.call("PUT", user_path(name), json=user, what=f"creating user {name!r}")
        created = True
    sec = couch.call("GET", f"/{db}/_security")
    names = sec.get("members", {}).get("names", [])
    couch.call("PUT", f"/{db}/_security", json=security([*names, name]), what=f"admitting {name!r} to {db}")
    return created


def remove_member(couch: Couch, team: str, name: str) -> None:
    """Take name out of the team; effective on the member's next request (CouchDB checks
    _security on every request). The user account stays: it may belong to other teams."""
    couch.login()
    db = couch.require_team(team)
    names = couch.call("GET", f"/{db}/_security").get("members", {}).get("names", [])
    if name not in names:
        raise TeamError(f"{name!r} is not a member of team {team!r} (members: {', '.join(names) or 'none'})")
    couch.call("PUT", f"/{db}/_security", json=security([n for n in names if n != name]), what=f"removing {name!r}")


def events(couch: Couch, team: str) -> list[dict]:
    """Every event in the team database (design and deleted documents left out)."""
    couch.login()
    db = couch.require_team(team)
    rows = couch.call("GET", f"/{db}/_all_docs", params={"include_docs": "true"})["rows"]
    return [{k: v for k, v in row["doc"].items() if not k.startswith("_")}
            for row in rows if not row["id"].startswith("_design/") and row.get("doc")]


def export(couch: Couch, team: str, directory: Path, now: datetime | None = None) -> list[Path]:
    """Each closed case as <case>.json and <case>.md in directory; returns the files written."""
    from . import archive

    exported_at = (now or datetime.now(timezone.utc)).isoformat(timespec="milliseconds")
    cases = archive.closed_cases(events(couch, team))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for case, runs in cases.items():
            stem = directory / archive.file_stem(case)
            data = json.dumps(archive.case_json(case, runs, exported_at), ensure_ascii=False, indent=2) + "\n"
            written.append(_write(stem.with_suffix(".json"), data))
            written.append(_write(stem.with_suffix(".md"), archive.case_markdown(case, runs, exported_at)))
    except OSError as e:
        raise TeamError(f"cannot write the archive to {directory}: {e.strerror}") from None
    return written


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def purge(couch: Couch, team: str, closed_before: datetime) -> tuple[int, int, bool]:
    """Delete every event of the cases whose last run closed before closed_before (end of the
    retention period); returns (cases, events, purged). Deleting leaves tombstones (id and
    revision only); `_purge` then removes those too where the server supports it (CouchDB 3)."""
    from . import archive

    couch.login()
    db = couch.require_team(team)
    rows = couch.call("GET", f"/{db}/_all_docs", params={"include_docs": "true"})["rows"]
    docs = {row["id"]: row["doc"] for row in rows if not row["id"].startswith("_design/") and row.get("doc")}
    events = [{k: v for k, v in d.items() if not k.startswith("_")} for d in docs.values()]
    expired = {case: runs for case, runs in archive.closed_cases(events).items()
               if max(archive.instant(r["closedAt"]) for r in runs) < closed_before}
    ids = [h["event"]["id"] for runs in expired.values() for r in runs for h in r["history"]]
    ids = [i for i in ids if i in docs]
    if not ids:
        return 0, 0, False
    deletions = [{"_id": i, "_rev": docs[i]["_rev"], "_deleted": True} for i in ids]
    results = couch.call("POST", f"/{db}/_bulk_docs", json={"docs": deletions}, what=f"deleting from {db}")
    failed = [r for r in results if r.get("error")]
    if failed:
        raise TeamError(f"{len(failed)} of {len(ids)} deletions refused: {failed[0].get('reason') or failed[0]['error']}")
    tombstones = {r["id"]: [r["rev"]] for r in results}
    purged = couch.call("POST", f"/{db}/_purge", json=tombstones, ok=(200, 201, 202, 400, 404, 405, 500, 501))
    return len(expired), len(ids), bool(purged and "purged" in purged)
