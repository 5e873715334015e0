"""The web benchmark runs end to end against a real server on loopback and reports real numbers.

Speed is judged by reading its table, never by a timed test: this checks that every row
is produced, that no request failed, and that the table has its agreed shape.
"""

from __future__ import annotations

import importlib
import json
import math
import subprocess
import sys
from types import ModuleType

import pytest

from tests.web.conftest import REPO


def test_quick_run_serves_every_user_without_errors() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_web.py"), "--quick", "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["quick"] is True
    assert (report["machine"]["users"], report["machine"]["turns"], report["machine"]["database"]) == (50, 3, "SQLite")
    turn, base = report["rows"]
    assert (turn["key"], base["key"]) == ("turn", "baseline")
    assert turn["count"] == 50 * 3 and base["count"] == 50 * 3
    for r in (turn, base):
        assert r["errors"] == 0, r["first_error"]
        for name in ("per_second", "p50_ms", "p95_ms"):
            assert isinstance(r[name], float) and math.isfinite(r[name]) and r[name] > 0, (r["key"], name)
        assert r["p95_ms"] >= r["p50_ms"]


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    return importlib.import_module("bench_web")


def test_markdown_table_shape(bench: ModuleType) -> None:
    rows = [
        {"what": "turn: POST reply + GET next page, 50 users, 'x'", "count": 2000, "per_second": 45.04, "p50_ms": 578.2,
         "p95_ms": 993.66, "errors": 0},
        {"what": "baseline: 2 x GET /healthz, 50 users, same app", "count": 2000, "per_second": 285.0, "p50_ms": 141.2,
         "p95_ms": 230.4, "errors": 0},
    ]  # fmt: skip
    info = {"users": 50, "turns": 40, "database": "SQLite", "server": "gunicorn -w 2", "cpu": "x86_64", "cores": 2,
            "python": "3.11.7", "system": "Linux 6"}  # fmt: skip
    assert bench.markdown(rows, info).splitlines() == [
        "| what | count | per second | p50 ms | p95 ms | errors |",
        "| --- | --- | --- | --- | --- | --- |",
        "| turn: POST reply + GET next page, 50 users, 'x' | 2000 | 45.0 | 578.2 | 993.7 | 0 |",
        "| baseline: 2 x GET /healthz, 50 users, same app | 2000 | 285.0 | 141.2 | 230.4 | 0 |",
        "",
        "A turn costs 6.3x the baseline's two requests. 50 users, 40 turns each, SQLite, gunicorn -w 2; x86_64, 2 cores, "
        "Python 3.11.7, Linux 6.",
    ]


def test_the_leader_benchmark_fills_a_store_and_times_every_request() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_web.py"), "--leader", "--quick", "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert (report["quick"], report["database"], report["made"]["sessions"]) == (True, "SQLite", 500)
    assert 0 < report["made"]["finished"] < 500 and report["made"]["with assessment items"] > 0
    assert [(r["key"], r["count"]) for r in report["rows"]] == [("leader", 3), ("oldest", 3), ("healthz", 3), ("old", 2)]
    assert report["rows"][1]["what"] == "GET /leader?page=5 (the oldest sessions)"
    for r in report["rows"]:
        assert isinstance(r["p50_ms"], float) and math.isfinite(r["p50_ms"]) and 0 < r["p50_ms"] <= r["p95_ms"], r


def test_markdown_names_the_release_before_and_each_rounds_ratio(bench: ModuleType) -> None:
    row = {"what": "x", "count": 1, "per_second": 2.0, "p50_ms": 1.0, "p95_ms": 1.0, "errors": 0}
    info = {"users": 50, "turns": 40, "database": "SQLite", "server": "gunicorn -w 2", "cpu": "x86_64", "cores": 2,
            "python": "3.11.7", "system": "Linux 6", "before": "../adda831", "before_server": "werkzeug",
            "x_before": 3.39, "x_before_rounds": [3.39, 3.24, 3.41]}  # fmt: skip
    assert bench.markdown([row, row, row, row], info).splitlines()[-1] == (
        "Turns per second, now ÷ before (../adda831 on werkzeug, the same users, one round after the other): 3.39x, "
        "the median of 3 rounds (3.39, 3.24, 3.41). Per second above is the median round's; the latencies are every round's."
    )
