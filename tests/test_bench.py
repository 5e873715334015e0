"""The benchmark runs end to end and reports every figure; the generator's scenarios are clean.

Speed itself is judged by reading the benchmark's table, never by a timed test: these
tests only check that every row is produced with real numbers.
"""

from __future__ import annotations

import importlib
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scripts.gen_scenario import generate

REPO = Path(__file__).resolve().parent.parent
ROWS = ["help", "validate_cold", "validate_warm", "turn", "memory", "library", "report_html", "recorded_turns"]


@pytest.fixture(scope="module")
def quick_report() -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--quick", "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report: dict[str, object] = json.loads(proc.stdout)
    return report


def test_quick_run_reports_every_row_with_numbers(quick_report: dict[str, object]) -> None:
    assert quick_report["quick"] is True
    rows = quick_report["rows"]
    assert isinstance(rows, list)
    assert [r["key"] for r in rows] == ROWS
    for r in rows:
        for name in ("ours", "baseline", "ratio"):
            value = r[name]
            assert isinstance(value, float), (r["key"], name, value)
            assert math.isfinite(value) and value > 0, (r["key"], name, value)
        assert r["ratio"] == pytest.approx(r["ours"] / r["baseline"])
        assert isinstance(r["pass"], bool)
        assert r["target"] and r["what"] and r["baseline_what"] and r["unit"] in {"ms", "MB", "turns/s"}


def test_quick_run_names_the_machine(quick_report: dict[str, object]) -> None:
    machine = quick_report["machine"]
    assert isinstance(machine, dict)
    assert machine["python"] == ".".join(map(str, sys.version_info[:3]))
    assert isinstance(machine["cores"], int) and machine["cores"] >= 1


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """scripts/bench.py as a module (it imports its sibling gen_scenario, as when run)."""
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    return importlib.import_module("bench")


def test_markdown_table_has_the_agreed_columns(bench: ModuleType) -> None:
    rows = [
        bench.Row("turn", "one turn", "ms", 0.0764, 0.000457, "dict lookup", "< 0.2 ms", True, 80),
        bench.Row("help", "`ipt-sim --help`", "ms", 130.0, 50.0, "`import click`", "ratio <= 2", False, 21),
    ]
    info = {"cpu": "Some CPU", "cores": 2, "python": "3.11.7", "system": "Linux 6"}
    assert bench.markdown(rows, info, quick=False).splitlines() == [
        "| what | ours | baseline | ratio | target | pass/FAIL |",
        "| --- | --- | --- | --- | --- | --- |",
        "| one turn | 0.0764 ms | 0.000457 ms (dict lookup) | 167 | < 0.2 ms | pass |",
        "| `ipt-sim --help` | 130 ms | 50.0 ms (`import click`) | 2.60 | ratio <= 2 | FAIL |",
        "",
        "Medians of repeated runs; Some CPU, 2 cores, Python 3.11.7, Linux 6.",
    ]


@pytest.mark.parametrize("states", [4, 30, 1000])
def test_generated_scenario_passes_strict_validation(tmp_path: Path, states: int) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(generate(states), "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", "--strict", str(path)], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "1 file checked: no problems\n")


def test_generated_library_ids_are_distinct(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"s{i}.yaml").write_text(generate(6, scenario_id=f"lib-{i}"), "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", "--strict", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "3 files checked: no problems\n")
