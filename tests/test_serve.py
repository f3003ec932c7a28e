"""make serve: editing playbook data rebuilds the preview; a broken edit is reported with its file
and line, the server keeps running (MkDocs holds requests until the build succeeds again), and
fixing the file brings the pages back."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import urllib.request

import pytest

from tests.conftest import MKDOCS, ROOT
from tools.localserver import free_port

PORT = free_port()  # mkdocs serve binds it itself; chosen at import so two runs never share one


def fetch(path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as r:
        return r.read().decode("utf-8")


def wait_for(condition, what: str, timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if condition():
                return
        except OSError:
            pass  # not serving yet
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def project(tmp_path):
    """A copy of the project (config, pages, theme, macros, playbook) to edit while serving."""
    for name in ("docs", "overrides", "macros", "playbook"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_a_playbook_edit_rebuilds_and_a_broken_one_keeps_the_last_good_pages(project):
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{PORT}"], cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_DIR": str(project / "playbook")},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
    source = project / "playbook" / "procedures" / "intake.yml"
    try:
        wait_for(lambda: "投诉接收与登记" in fetch("/procedures/intake/"), "the first build", timeout=240)

        source.write_text(source.read_text(encoding="utf-8").replace("title: 投诉接收与登记", "title: 投诉受理与登记"),
                          encoding="utf-8")
        wait_for(lambda: "投诉受理与登记" in fetch("/procedures/intake/"), "the rebuild after a playbook edit")

        good = source.read_text(encoding="utf-8")
        source.write_text(good + "bogus: 1\n", encoding="utf-8")
        wait_for(lambda: any("intake.yml:" in line and "unknown field 'bogus'" in line for line in log),
                 "the error report for a broken edit")
        assert server.poll() is None, "the server stopped on a playbook error"

        source.write_text(good.replace("title: 投诉受理与登记", "title: 投诉接收登记"), encoding="utf-8")
        wait_for(lambda: "投诉接收登记" in fetch("/procedures/intake/"), "the rebuild after the fix")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not any("Traceback" in line for line in log), "".join(log)
