"""A real CouchDB-compatible server for the tests: pouchdb-server (npm, pinned in package.json) in
memory on a free loopback port, with one server admin. Started once per session by the `couchdb`
fixture (tests/conftest.py) and stopped, with its whole process group, when the session ends.

Observed on pouchdb-server 4.2.0 (tests/test_team.py checks each before the design relies on it):
_users with cookie sessions (POST /_session), per-database _security (non-members get 401),
validate_doc_update with `this` = the design document, server admins via /_config/admins.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tools.localserver import free_port

ROOT = Path(__file__).resolve().parent.parent
# POUCHDB_SERVER: make mutation tests a copy of the repository that has no node_modules.
BIN = Path(os.environ.get("POUCHDB_SERVER") or ROOT / "node_modules" / ".bin" / "pouchdb-server")
ADMIN = ("admin", "admin-secret")


@dataclass
class Couch:
    """A running test server: its URL, its admin and the process to stop."""

    url: str
    admin: tuple[str, str]
    process: subprocess.Popen
    workdir: tempfile.TemporaryDirectory

    def client(self, auth: tuple[str, str] | None = None) -> httpx.Client:
        return httpx.Client(base_url=self.url, auth=auth, timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.workdir.cleanup()


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process dies, even if it is killed before
    its fixtures tear down (Linux prctl PR_SET_PDEATHSIG), so no server outlives a run."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


def start(timeout: float = 30) -> Couch:
    """Start pouchdb-server in memory and make ADMIN its server admin (ending the 'admin party')."""
    if not BIN.exists():
        raise RuntimeError(f"{BIN} is missing: run `npm ci` (make node_modules/.installed)")
    port = free_port()
    workdir = tempfile.TemporaryDirectory(prefix="pouchdb-server-")
    # Its config.json and log.txt go to the temporary directory, never into the repository.
    process = subprocess.Popen(
        [str(BIN), "--in-memory", "--port", str(port), "--host", "127.0.0.1", "--no-stdout-logs",
         "--config", os.path.join(workdir.name, "config.json")],
        cwd=workdir.name, stdout=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
        stderr=open(os.path.join(workdir.name, "stderr.txt"), "wb"),  # a file: a pipe could fill and block it
    )
    couch = Couch(f"http://127.0.0.1:{port}", ADMIN, process, workdir)
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(couch.url + "/", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            err = Path(workdir.name, "stderr.txt").read_text(errors="replace") if process.poll() is not None else "timeout"
            couch.stop()
            raise RuntimeError(f"pouchdb-server did not start on port {port}: {err[-2000:]}")
        time.sleep(0.1)
    with couch.client() as c:
        c.put(f"/_config/admins/{ADMIN[0]}", json=ADMIN[1]).raise_for_status()
    return couch

