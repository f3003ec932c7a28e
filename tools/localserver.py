"""Serve a built site on loopback at a free port, so parallel test runs and benchmarks never collide.

With `couchdb=URL`, paths under /couchdb/ are forwarded to that CouchDB server: one origin for the
site and the database, as the deployment guide's reverse proxy gives (the AuthSession cookie needs
it, and no CORS is involved). The browser tests and `make bench` use it with pouchdb-server.

The server binds before the site is built: the port is then known for SITE_URL (site_url must equal
the serving origin for instant navigation) and cannot be taken by another process in between.
"""

from __future__ import annotations

import functools
import gzip
import http.client
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

PROXY_PREFIX = "/couchdb/"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
              "proxy-authenticate", "host", "content-length"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _SiteAndCouch(_Quiet):
    """Static files, and /couchdb/... forwarded to server.upstream (host:port)."""

    protocol_version = "HTTP/1.1"

    def _proxy(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            # A long poll of _changes waits for news: a generous timeout (PouchDB retries anyway).
            conn = http.client.HTTPConnection(self.server.upstream, timeout=120)
            conn.request(self.command, "/" + self.path[len(PROXY_PREFIX):], body=body, headers=headers)
            response = conn.getresponse()
            status, reason, out_headers, data = response.status, response.reason, response.getheaders(), response.read()
            conn.close()
        except OSError:  # as a reverse proxy answers when CouchDB is down
            status, reason, out_headers = 502, "Bad Gateway", [("Content-Type", "application/json")]
            data = b'{"error":"bad_gateway","reason":"CouchDB cannot be reached"}'
        try:
            self.send_response(status, reason)
            for k, v in out_headers:
                if k.lower() not in HOP_BY_HOP:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:  # the browser gave up waiting (page closed, went offline)
            self.close_connection = True

    def _route(self, static) -> None:
        if self.server.upstream and self.path.startswith(PROXY_PREFIX):
            self._proxy()
        elif static:
            static()
        else:
            self.send_error(405)

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
    """A static file server for `directory`; `url` is its origin with a trailing slash."""

    daemon_threads = True
    upstream = ""  # host:port of the CouchDB behind /couchdb/, if any

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def serve(directory: Path | str, port: int = 0, couchdb: str | None = None) -> SiteServer:
    """Serve `directory` (it may still be empty: files are looked up per request) on 127.0.0.1.

    port 0 lets the kernel choose a free port; read it back from `server.url`. couchdb: the base URL
    of a CouchDB server to forward /couchdb/ to.
    """
    handler = functools.partial(_SiteAndCouch if couchdb else _Quiet, directory=str(directory))
    server = SiteServer(("127.0.0.1", port), handler)
    server.upstream = urlsplit(couchdb).netloc if couchdb else ""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Compressed(_Quiet):
    """Text files gzip-compressed for clients that accept it, as static hosts serve a site (GitHub
    Pages, nginx with gzip): the phone benchmark's slow network must not move uncompressed bytes
    that no deployment sends. Everything else, and conditional requests, as SimpleHTTPRequestHandler."""

    protocol_version = "HTTP/1.1"
    cache_control = ""  # sent with every response when set (python tools/localserver.py DIR PORT CACHE-CONTROL)
    TEXT = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
            ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain", ".webmanifest": "application/manifest+json"}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.TEXT.get(path.suffix)
        if not kind or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or self.headers.get("If-Modified-Since"):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()


def free_port() -> int:
    """A port free right now, for servers we cannot hand a bound socket (mkdocs serve)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":  # python tools/localserver.py DIR PORT [CACHE-CONTROL]: the compressed server, own process
    import sys

    handler = type("Handler", (_Compressed,), {"cache_control": sys.argv[3] if len(sys.argv) > 3 else ""})
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])),
                                    functools.partial(handler, directory=sys.argv[1])).serve_forever()
