"""A class server that holds: several workers on one data folder or database agree on the
leader's sign-in, start together on an empty folder, share one lockout after wrong
passwords; the sign-in times out when idle; the footer says who sees what; beyond
loopback ``serve`` runs waitress."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from simulator.web import create_app
from tests.web.conftest import LEADER_PASSWORD, REPO, Player, text_of

LOGIN = "Enter the password the course leader set when starting the app."


@pytest.fixture
def workers(tmp_path: Path, library: Path, database_url: str | None) -> Iterator[list[Flask]]:
    """Two app processes' worth of apps on one data folder and database, as gunicorn -w 2 makes."""
    apps = [
        create_app(
            database_url=database_url, data_dir=tmp_path / "data", leader_password=LEADER_PASSWORD, scenario_dirs=[library]
        )
        for _ in range(2)
    ]
    yield apps
    for a in apps:
        a.extensions["ipt_sim"].store.close()


def sign_in(app: Flask, password: str = LEADER_PASSWORD) -> tuple[Player, int]:
    leader = Player(app.test_client())
    leader.get("/leader")
    form = leader.form("/leader")
    r = leader.client.post("/leader", data=form.inputs | {"password": password})
    leader.page = r
    return leader, r.status_code


def on(app: Flask, leader: Player) -> Player:
    """The same browser (its cookie) sending its next request to another worker."""
    other = Player(app.test_client())
    cookie = leader.client.get_cookie("ipt_sim")
    assert cookie is not None
    other.client.set_cookie("ipt_sim", cookie.value)
    return other


def test_the_leader_sign_in_holds_on_every_worker(workers: list[Flask]) -> None:
    leader, status = sign_in(workers[0])
    assert status == 303
    for app in (workers[1], workers[0], workers[1]):
        page = text_of(on(app, leader).get("/leader"))
        assert LOGIN not in page
        assert "Sign out" in page


def test_wrong_passwords_close_the_sign_in_on_every_worker(workers: list[Flask]) -> None:
    for n in range(5):
        _, status = sign_in(workers[n % 2], "guess")
        assert status == 403
    for app in workers:
        leader, status = sign_in(app)  # even the right password, until the window has passed
        assert status == 429
        assert "Too many wrong passwords: sign-in is closed for 15 minutes after the last wrong one. Nothing was checked." in (
            text_of(leader.page)  # type: ignore[arg-type]
        )


def test_the_leader_sign_in_times_out_when_idle(workers: list[Flask], monkeypatch: pytest.MonkeyPatch) -> None:
    leader, _ = sign_in(workers[0])
    assert LOGIN not in text_of(leader.get("/leader"))
    later = time.time() + 31 * 60
    monkeypatch.setattr("simulator.web.views.time.time", lambda: later)
    assert LOGIN in text_of(leader.get("/leader"))


def test_the_footer_tells_learners_who_can_see_their_sessions(workers: list[Flask], tmp_path: Path, library: Path) -> None:
    page = text_of(Player(workers[0].test_client()).get("/"))
    assert "What you play is kept on this server: the course leader can open each session and its report, shown under a " \
           "pseudonym, never your name." in page  # fmt: skip
    alone = create_app(data_dir=tmp_path / "alone", leader_password="", scenario_dirs=[library])
    try:
        assert "What you play is kept for this browser only." in text_of(Player(alone.test_client()).get("/"))
    finally:
        alone.extensions["ipt_sim"].store.close()


START = "import sys; from pathlib import Path; from simulator.web import create_app; create_app(data_dir=Path(sys.argv[1]))"


def test_three_workers_start_together_on_an_empty_folder(tmp_path: Path) -> None:
    env = os.environ | {"IPT_SIM_LEADER_PASSWORD": LEADER_PASSWORD}
    for round_ in range(3):
        folder = tmp_path / f"data{round_}"
        procs = [subprocess.Popen([sys.executable, "-c", START, str(folder)], cwd=REPO, env=env, stderr=subprocess.PIPE,
                                  text=True) for _ in range(3)]  # fmt: skip
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], errors
        assert len((folder / "web-secret-key").read_text().strip()) == 64
        assert sorted(f.name for f in folder.iterdir() if f.name.startswith(".web-secret-key")) == []


SERVE = (
    "import sys; from pathlib import Path; from simulator.web import serve; serve('0.0.0.0', 0, None, None, Path(sys.argv[1]))"
)


@contextlib.contextmanager
def serving_beyond_loopback(data: Path, prelude: str = "") -> Iterator[int]:
    """``ipt-sim serve`` on 0.0.0.0 in its own process (``prelude`` runs first); its port.
    Ctrl-C must then stop it cleanly."""
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    env.pop("IPT_SIM_LEADER_PASSWORD", None)
    proc = subprocess.Popen([sys.executable, "-c", prelude + SERVE, str(data)], cwd=REPO, env=env, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        match = re.fullmatch(r"ipt-sim is serving on http://0\.0\.0\.0:(\d+)/ \(Ctrl-C stops\)\n", first)
        assert match, first
        yield int(match.group(1))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def test_serving_beyond_loopback_runs_a_production_server(tmp_path: Path) -> None:
    with serving_beyond_loopback(tmp_path / "data") as port:
        r = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30)
        with r:
            assert r.read() == b"ok\n"
            assert r.headers["Server"] == "ipt-sim"  # waitress, named; not "Werkzeug/3.1 Python/3.11"


def test_serving_beyond_loopback_drops_a_client_that_stalls_mid_request(tmp_path: Path) -> None:
    """A client that sends half a request and then nothing cannot hold a server thread: the
    connection is closed once it has been idle for the request timeout (30 s when serving;
    2 s here, so the test waits for seconds, not half a minute)."""
    with serving_beyond_loopback(tmp_path / "data", "import simulator.web as w; w.REQUEST_TIMEOUT = 2; ") as port:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as stalled:
            stalled.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line: the request never ends
            began = time.monotonic()
            assert stalled.recv(1024) == b""  # closed by the server, with nothing sent back
            assert time.monotonic() - began < 15  # the timeout, not the 30 s the socket would wait
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as r:
            assert r.read() == b"ok\n"  # and the server still serves everyone else
