"""The peer benchmark runs, says plainly when Node is missing, and prints the issue's JSON shape.

Speed is judged by reading its output, never by a timed test; this only checks the
figures are produced.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_without_node_it_says_so_and_measures_ipt_sim_alone() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_peers.py"), "--quick", "--json", "--sizes", "100"],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=False,
        env={**os.environ, "PATH": "/nonexistent"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "inkjs: skipped (node and npm were not found); ipt-sim figures only.\n"
    report = json.loads(proc.stdout)
    assert set(report) == {"sizes", "long_session_mb"}
    row = report["sizes"]["100"]
    assert set(row) == {"judged_us", "bare_us", "ink_us", "ratio"}
    for key in ("judged_us", "bare_us"):
        assert isinstance(row[key], float) and math.isfinite(row[key]) and row[key] > 0
    assert row["ink_us"] is None and row["ratio"] is None
    assert report["long_session_mb"] is None  # measured on the 5,000-state scenario only
