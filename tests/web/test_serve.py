"""`serve()` (what `ipt-sim serve` runs): loopback by default, says where it serves, answers
pages, keeps its secret key private, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.web.conftest import REPO

SERVE = (
    "from pathlib import Path; import sys; from simulator.web import serve; serve('127.0.0.1', 0, None, None, Path(sys.argv[1]))"
)


def test_serve_answers_on_loopback_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    env.pop("IPT_SIM_LEADER_PASSWORD", None)
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(data)], cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        match = re.fullmatch(r"ipt-sim is serving on (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)\n", first)
        assert match, first
        with urllib.request.urlopen(match.group(1) + "healthz", timeout=30) as r:
            assert r.read() == b"ok\n"
        with urllib.request.urlopen(match.group(1), timeout=30) as r:
            assert "Pick a conversation to rehearse." in r.read().decode()
        key = data / "web-secret-key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert len(key.read_text().strip()) == 64
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def test_the_secret_key_survives_a_restart(tmp_path: Path, library: Path) -> None:
    """A browser's sessions are still its own after the app restarts (same data folder)."""
    from simulator.web import create_app
    from tests.web.conftest import Player, text_of

    first = create_app(data_dir=tmp_path / "d", scenario_dirs=[library], leader_password="")
    p = Player(first.test_client())
    p.start()
    cookie = p.client.get_cookie("ipt_sim")
    assert cookie is not None
    first.extensions["ipt_sim"].store.close()
    second = create_app(data_dir=tmp_path / "d", scenario_dirs=[library], leader_password="")
    try:
        client = second.test_client()
        client.set_cookie("ipt_sim", cookie.value)
        assert "Turn 1" in text_of(client.get(f"/play/{p.sid}"))
    finally:
        second.extensions["ipt_sim"].store.close()
