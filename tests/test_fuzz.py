"""A CI-sized run of scripts/fuzz.py: a few hundred seeded mutants of the bundled
scenarios, none of which may crash the tool chain, run past 5 s in validate (explore,
play and graph for those that validate clean), or get a position outside the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_three_hundred_mutants_neither_crash_nor_hang_nor_point_outside_the_file() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "fuzz.py"), "--seed", "20261124", "--count", "300", "--timeout", "5", "--json"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    summary = json.loads(done.stdout)
    assert summary["problems"] == [], summary["problems"]
    assert done.returncode == 0
    assert summary["mutants"] == 300
    assert summary["rejected"] > 100 and summary["clean"] > 10  # both paths were exercised
