"""Serve a built site on loopback at a free port, so parallel test runs and benchmarks never collide.

The server binds before the site is built: the port is then known for SITE_URL (site_url must equal
the serving origin for instant navigation) and cannot be taken by another process in between.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    """A static file server for `directory`; `url` is its origin with a trailing slash."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def serve(directory: Path | str, port: int = 0) -> SiteServer:
    """Serve `directory` (it may still be empty: files are looked up per request) on 127.0.0.1.

    port 0 lets the kernel choose a free port; read it back from `server.url`.
    """
    handler = functools.partial(_Quiet, directory=str(directory))
    server = SiteServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port() -> int:
    """A port free right now, for servers we cannot hand a bound socket (mkdocs serve)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
