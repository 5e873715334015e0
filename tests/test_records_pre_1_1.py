"""Records written before format 1.1 still list, report and resume.

tests/data/records/release-adda831-terminal.sqlite3 was written by the release before format 1.1
(commit adda831): a finished session of the contract's example (money.yaml) and an
unfinished one of therapist-delayed-grief. Its rows have no practice, items or problem.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

OLD = Path(__file__).parent / "data" / "records" / "release-adda831-terminal.sqlite3"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    shutil.copy(OLD, folder / "records.sqlite3")
    (folder / "records.sqlite3").chmod(0o600)
    return folder


def run(*args: str, data_dir: Path, input: str | None = None) -> tuple[int, str]:
    r = CliRunner().invoke(cli, [*args, "--data-dir", str(data_dir)], input=input, catch_exceptions=False)
    return r.exit_code, r.output


def test_old_sessions_are_listed_with_their_scores(data_dir: Path) -> None:
    code, out = run("sessions", "--json", data_dir=data_dir)
    assert code == 0
    listed = {r["id"]: r for r in json.loads(out)}
    assert listed["911bd1c1"]["ending"] == "renegotiating"
    assert listed["911bd1c1"]["scores"] == {"tone": 50, "timing": 67, "nonverbal": 67, "charge": 67, "overall": 63}
    assert listed["039222a3"]["ending"] is None


def test_an_old_finished_session_reports_as_it_was_played(data_dir: Path) -> None:
    code, out = run("report", "911bd1c1", "--format", "md", data_dir=data_dir)
    assert code == 0
    assert "## Ending: The real expectation is on the table (positive)" in out
    assert "| 50 | 67 | 67 | 67 | not rated | 63 | 63 |" in out
    assert "What you did, item by item" not in out  # nothing was assessed then
    assert "Traceback" not in out


def test_an_old_unfinished_session_resumes(data_dir: Path) -> None:
    code, out = run("resume", "039222a3", "--yes", data_dir=data_dir, input="")
    # the title is today's (the bundled scenario may have been reworked since): the turn is what was recorded
    assert "Resuming session 039222a3 of '" in out and "' at turn 3." in out
    assert "Traceback" not in out
    assert code == 0
