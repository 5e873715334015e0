"""Benchmark of ``ipt-sim explore``: how the exact analysis grows with the scenario.

Usage: python scripts/bench_explore.py [--quick] [--json]

Scenarios of 100, 1,000 and 5,000 states come from ``gen_scenario.generate`` (two
meters, a flag, three choices a state: one forward, one back three states, one that
branches on the charge), so the play space has loops and is the product of states,
meter values and the flag. Each row is the median of repeated runs of
``explore.analyse`` (loading the file is not timed), with the positions and edges the
analysis explored, and how much time and positions grew from the row above.

Prints a Markdown table (or JSON with ``--json``). ``--quick`` runs the two smaller
sizes once each, for a smoke test. Speed is judged by reading the table.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass

from gen_scenario import generate  # scripts/ is on sys.path when this file is run

from simulator import explore
from simulator.model import Scenario
from simulator.validate import load_text

SIZES = {100: 5, 1000: 3, 5000: 3}  # states -> runs
QUICK = {100: 1, 1000: 1}


@dataclass
class Row:
    states: int
    positions: int
    edges: int
    runs: int
    median_s: float
    best: int | None
    best_exact: bool | None
    plays: str


def load(states: int) -> Scenario:
    scenario, diags = load_text(generate(states).encode(), f"generated-{states}.yaml")
    if scenario is None:
        raise SystemExit("\n".join(d.format() for d in diags))
    return scenario


def measure(states: int, runs: int) -> Row:
    scenario = load(states)
    times: list[float] = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = explore.analyse(scenario)
        times.append(time.perf_counter() - start)
    assert result is not None and result.complete
    return Row(
        states, result.nodes, result.edges, runs, statistics.median(times),
        result.best.score if result.best else None, result.best.exact if result.best else None, str(result.plays),
    )  # fmt: skip


def table(rows: list[Row]) -> str:
    lines = [
        "| states | positions | edges | runs | median time | µs per position | time × | positions × |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    previous: Row | None = None
    for r in rows:
        grow_t = f"{r.median_s / previous.median_s:.1f}" if previous else "–"
        grow_p = f"{r.positions / previous.positions:.1f}" if previous else "–"
        per = 1e6 * r.median_s / r.positions
        lines.append(
            f"| {r.states:,} | {r.positions:,} | {r.edges:,} | {r.runs} | {r.median_s:.2f} s | {per:.0f} | {grow_t} | {grow_p} |"
        )
        previous = r
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes, once each")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else SIZES
    rows = []
    for states, runs in sizes.items():
        rows.append(measure(states, runs))
        print(f"{states} states: {rows[-1].median_s:.2f} s", file=sys.stderr)
    if args.json:
        print(json.dumps({"quick": args.quick, "rows": [asdict(r) for r in rows]}, indent=2))
    else:
        print(f"explore on generated scenarios ({platform.python_implementation()} {platform.python_version()})\n")
        print(table(rows))
        print("\nEvery run is complete (no position limit reached); best scores:", ", ".join(str(r.best) for r in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
