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
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin" / "pouchdb-server"
ADMIN = ("admin", "admin-secret")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        cwd=workdir.name, stdout=subprocess.DEVNULL, start_new_session=True,
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


# ---- One origin for the site and CouchDB ----------------------------------------------------------
# Cookies (AuthSession) need the site and CouchDB on one origin: the deployment guide puts both behind
# one reverse proxy, and the browser tests do the same with this small server: static files from the
# built site, /couchdb/... forwarded to the CouchDB server (no CORS anywhere).

import functools  # noqa: E402
import http.client  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

PREFIX = "/couchdb/"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
              "proxy-authenticate", "host", "content-length"}


class _SiteAndProxy(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream: str = ""  # set per server: "127.0.0.1:PORT"

    def log_message(self, *args):
        pass

    def _proxy(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        path = "/" + self.path[len(PREFIX):]
        try:
            # Longpoll _changes waits for news: a generous timeout, the browser retries anyway.
            conn = http.client.HTTPConnection(self.server.upstream, timeout=120)
            conn.request(self.command, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except OSError:
            data = b'{"error":"bad_gateway","reason":"CouchDB cannot be reached"}'
            self.send_response(502)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(response.status, response.reason)
        for k, v in response.getheaders():
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:  # the browser gave up on a long poll (page closed, went offline)
            self.close_connection = True
        conn.close()

    def _route(self, static):
        if self.path.startswith(PREFIX):
            return self._proxy()
        if static is None:
            self.send_error(405)
            return None
        return static()

    def do_GET(self):
        self._route(super().do_GET)

    def do_HEAD(self):
        self._route(super().do_HEAD)

    def do_POST(self):
        self._route(None)

    def do_PUT(self):
        self._route(None)

    def do_DELETE(self):
        self._route(None)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    upstream = ""


def serve_site(site_dir: Path, couch_url: str) -> tuple[SiteServer, str]:
    """The built site and CouchDB under /couchdb/ on one free loopback port; stop with .shutdown()."""
    server = SiteServer(("127.0.0.1", 0), functools.partial(_SiteAndProxy, directory=str(site_dir)))
    server.upstream = urlsplit(couch_url).netloc
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def stop_site(server: SiteServer) -> None:
    server.shutdown()
    server.server_close()
