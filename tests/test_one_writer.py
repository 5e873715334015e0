"""One writer per session, with two real processes: a ``resume`` of a session that another
terminal is playing says so; ``--take-over`` takes it, and the first terminal stops at its
next reply without writing it. The record never holds two turns with one number."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from simulator.records import Store

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"


def ipt(*args: str, data: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulator", *args, "--data-dir", str(data)], input=stdin,
                          capture_output=True, text=True, cwd=REPO, timeout=60, check=False)  # fmt: skip


def first_session_with(data: Path, turns: int, deadline: float = 60.0) -> str:
    """Wait for the other process to have written its turn (the database is the signal)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        with Store(data_dir=data) as store:
            records = store.all()
        if records and len(records[0].turns) >= turns:
            return records[0].id
        time.sleep(0.05)
    raise AssertionError(f"no session with {turns} turns within {deadline} s")


def test_a_live_session_is_resumed_only_by_taking_it_over(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = os.environ | {"IPT_SIM_DATA_DIR": str(data), "NO_COLOR": "1"}
    first = subprocess.Popen([sys.executable, "-m", "simulator", "play", str(EXAMPLE), "--yes"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)  # fmt: skip
    try:
        assert first.stdin is not None
        first.stdin.write("counter\n")
        first.stdin.flush()
        sid = first_session_with(data, 1)

        refused = ipt("resume", sid, "--yes", data=data)
        assert refused.returncode == 1
        assert refused.stderr.endswith(
            f"ipt-sim: session {sid} is being played now (process {first.pid} on this machine); finish or pause it there, "
            f"or take it over with `ipt-sim resume {sid} --take-over` (the other one then stops at its next reply)\n"
        )

        taken = ipt("resume", sid, "--yes", "--take-over", data=data, stdin="follow\n")
        assert f"Resuming session {sid} of 'The same argument about money' at turn 2." in taken.stderr
        assert "Session stopped (end of input) after 2 turns." in taken.stderr

        first.stdin.write("let-go\n")
        first.stdin.flush()
        _, err = first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 1
    assert err.endswith(
        f"Session {sid} was taken over by another terminal (`ipt-sim resume {sid} --take-over`); "
        "this one stops here, and your last reply was not recorded.\n"
    )
    with Store(data_dir=data) as store:
        record = store.get(sid)
    assert [(a["number"], a["choice"]) for a in record.attempts] == [(1, "counter"), (2, "follow")]


def test_a_session_whose_terminal_was_killed_resumes_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = os.environ | {"IPT_SIM_DATA_DIR": str(data), "NO_COLOR": "1"}
    first = subprocess.Popen([sys.executable, "-m", "simulator", "play", str(EXAMPLE), "--yes"], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, cwd=REPO, env=env)  # fmt: skip
    assert first.stdin is not None
    first.stdin.write("counter\n")
    first.stdin.flush()
    sid = first_session_with(data, 1)
    first.kill()
    first.wait(timeout=60)
    first.stdin.close()
    resumed = ipt("resume", sid, "--yes", data=data, stdin="follow\n")
    assert f"Resuming session {sid} of 'The same argument about money' at turn 2." in resumed.stderr


def test_the_browser_waits_while_a_terminal_plays_its_session(tmp_path: Path) -> None:
    from simulator.web import create_app
    from tests.web.conftest import Player, text_of

    data = tmp_path / "data"
    app = create_app(data_dir=data, leader_password="", scenario_dirs=[EXAMPLE.parent])
    try:
        browser = Player(app.test_client())
        browser.start("money-impasse")
        form, _ = browser.reply_form()
        env = os.environ | {"IPT_SIM_DATA_DIR": str(data), "NO_COLOR": "1"}
        with subprocess.Popen([sys.executable, "-m", "simulator", "resume", browser.sid, "--yes"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, cwd=REPO, env=env) as terminal:  # fmt: skip
            end = time.monotonic() + 60
            with Store(data_dir=data) as store:
                while time.monotonic() < end and not store.holder(browser.sid):
                    time.sleep(0.05)
            r = browser.client.post(form.action, data=form.inputs | {"choice": "acknowledge"})
            assert r.status_code == 409
            assert "This session was resumed in a terminal (ipt-sim resume) and is being played there now. " \
                   "Finish or pause it there first. Nothing was changed." in text_of(r)  # fmt: skip
            terminal.kill()
        with Store(data_dir=data) as store:
            assert store.get(browser.sid).attempts == ()
    finally:
        app.extensions["ipt_sim"].store.close()
