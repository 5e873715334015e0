"""Benchmark of issue 2: start-up, validation, turns, memory and listing, each against a baseline.

Usage: python scripts/bench.py [--quick] [--json]

The machine is shared and noisy, so every figure is the median of repeated runs, and
each is printed beside a baseline measured in the same run (interleaved with ours where
the two can alternate), as a ratio: the ratio is what compares across machines. Rows:

1. ``ipt-sim --help`` in a new process vs ``python -c "import click"``.
2. Validating a generated 1,000-state scenario in-process with the cache off (cold),
   and again unchanged with the cache on (warm), vs PyYAML's C ``yaml.compose``.
3. One played turn (``Session.play``) on that scenario vs a dict-of-dicts state
   machine making the same moves.
4. tracemalloc's count for 10,000 live sessions of two turns each vs the scenario
   itself (parsed and compiled).
5. Checking a folder of 300 small scenarios with a warm cache vs reading their bytes.
6. Rendering the HTML report of a 50-turn session vs writing the same debrief as JSON.
7. Turns per second played with records on (each turn its own SQLite transaction, with
   the debrief row and best alternative) vs the same turns with no record kept.

Prints a Markdown table (or JSON with ``--json``); exits 0 whether or not targets pass,
since speed is judged by reading the table, not by a test. ``--quick`` runs fewer
repeats (and fewer turns) for a smoke test; its figures are rougher. Nothing is written
outside a temporary folder: the cache is always pointed into it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from gen_scenario import generate  # scripts/ is on sys.path when this file is run

from simulator import library
from simulator.engine import CompiledScenario, Session, compile_scenario

BIG_STATES = 1000
SESSIONS = 10_000
LIBRARY_FILES = 300
CSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Row:
    """One line of the table; ``ours`` and ``baseline`` are in ``unit``."""

    key: str
    what: str
    unit: str
    ours: float
    baseline: float
    baseline_what: str
    target: str
    passed: bool
    runs: int
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")


@dataclass
class Settings:
    """How many times each thing is measured (``--quick`` lowers them all)."""

    process_runs: int
    validate_runs: int
    warm_runs: int
    turns: int
    turn_rounds: int
    memory_runs: int
    list_runs: int
    report_runs: int
    recorded_turns: int


FULL = Settings(process_runs=21, validate_runs=9, warm_runs=21, turns=20_000, turn_rounds=3, memory_runs=3, list_runs=15,
                report_runs=15, recorded_turns=600)  # fmt: skip
QUICK = Settings(process_runs=5, validate_runs=2, warm_runs=5, turns=2_000, turn_rounds=1, memory_runs=1, list_runs=3,
                 report_runs=3, recorded_turns=60)  # fmt: skip


def clock(fn: Callable[[], object]) -> float:
    """Seconds one call takes (after a collection, so earlier garbage is not billed to it)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(ours: Callable[[], object], base: Callable[[], object], runs: int, warm_up: bool = True) -> tuple[float, float]:
    """Median seconds of each, alternating the two so both see the same machine load."""
    if warm_up:
        ours(), base()  # imports, disk cache, lazily built tables
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(clock(ours))
        b.append(clock(base))
    return statistics.median(a), statistics.median(b)


@contextmanager
def cache_dir(value: str) -> Iterator[None]:
    """Point the parse cache somewhere (``off`` disables it) for the duration."""
    old = os.environ.get("IPT_SIM_CACHE_DIR")
    os.environ["IPT_SIM_CACHE_DIR"] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ["IPT_SIM_CACHE_DIR"]
        else:
            os.environ["IPT_SIM_CACHE_DIR"] = old


# -- 1. start-up -------------------------------------------------------------------


def help_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m simulator``."""
    script = Path(sys.executable).with_name("ipt-sim")
    return [str(script), "--help"] if script.is_file() else [sys.executable, "-m", "simulator", "--help"]


def heaviest_imports(limit: int = 5) -> list[str]:
    """The modules whose import (with what they import) costs most in ``--help``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "simulator", "--help"], capture_output=True, text=True, check=False
    )
    rows: list[tuple[int, str]] = []
    for line in proc.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].strip()))
    rows.sort(reverse=True)
    return [f"{name} {us / 1000:.1f} ms" for us, name in rows[:limit]]


def bench_help(s: Settings, env: dict[str, str]) -> Row:
    ours_cmd = help_command()
    base_cmd = [sys.executable, "-c", "import click"]
    shown = subprocess.run(ours_cmd, capture_output=True, text=True, env=env, check=False)
    if shown.returncode != 0 or "Usage:" not in shown.stdout:
        raise SystemExit(f"bench: {' '.join(ours_cmd)} failed:\n{shown.stderr}")

    def run(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)

    ours, base = paired(run(ours_cmd), run(base_cmd), s.process_runs)
    row = Row(
        "help", "`ipt-sim --help`, new process", "ms", ours * 1e3, base * 1e3,
        '`python -c "import click"`', "ratio <= 2", ours / base <= 2, s.process_runs,
    )  # fmt: skip
    if not row.passed:
        row.notes.append("heaviest imports: " + ", ".join(heaviest_imports()))
    return row


# -- 2. validation -----------------------------------------------------------------


def bench_validate(s: Settings, big: Path, tmp: Path) -> list[Row]:
    def compose() -> object:
        return yaml.compose(big.read_bytes(), Loader=CSafeLoader)

    def check() -> library.FileResult:
        return library.check_file(big)

    with cache_dir("off"):
        first = check()
        if first.diagnostics:
            raise SystemExit("bench: the generated scenario is not clean:\n" + "\n".join(d.format() for d in first.diagnostics))
        cold, base = paired(check, compose, s.validate_runs, warm_up=False)  # warm enough: ``first``
    with cache_dir(str(tmp / "cache-validate")):
        check()  # fills the cache
        warm = statistics.median(clock(check) for _ in range(s.warm_runs))
        if check().info != first.info:
            raise SystemExit("bench: the warm (cached) result differs from the cold one")
    label = f"`validate` {BIG_STATES}-state scenario ({big.stat().st_size // 1000} kB)"
    return [
        Row("validate_cold", f"{label}, cold (cache off)", "ms", cold * 1e3, base * 1e3,
            "`yaml.compose`, C loader", "ratio <= 2", cold / base <= 2, s.validate_runs),
        Row("validate_warm", f"{label}, warm (unchanged, cached)", "ms", warm * 1e3, base * 1e3,
            "`yaml.compose`, C loader", "< 50 ms", warm < 0.050, s.warm_runs),
    ]  # fmt: skip


# -- 3. turns ----------------------------------------------------------------------


def script_moves(compiled: CompiledScenario, turns: int, seed: int = 2) -> list[list[str]]:
    """Choice ids for whole sessions (a new one after each ending), ``turns`` in all.

    Mostly forward, sometimes back or the branch; never the branch while its ``when``
    would send the play elsewhere, so a plain dict of each choice's default target
    makes exactly the same moves.
    """
    rng = random.Random(seed)
    scripts: list[list[str]] = []
    session: Session | None = None
    for _ in range(turns):
        if session is None or session.finished:
            session = compiled.new_session()
            scripts.append([])
        offered = [c.id for c in session.offered()]
        if session.meters["charge"] >= 8 and "branch" in offered:
            offered.remove("branch")
        pick = rng.choices(offered, weights=[{"forward": 6, "back": 2, "branch": 3}.get(c, 1) for c in offered])[0]
        session.play(pick)
        scripts[-1].append(pick)
    return scripts


def bench_turns(s: Settings, compiled: CompiledScenario) -> Row:
    scenario = compiled.scenario
    table = {sid: {c.id: c.next[-1].goto for c in st.choices} for sid, st in scenario.states.items()}
    scripts = script_moves(compiled, s.turns)
    moves = [(k, ref) for k, script in enumerate(scripts) for ref in script]
    batch = 250
    ours: list[float] = []
    base: list[float] = []
    for _ in range(s.turn_rounds):
        sessions = [compiled.new_session() for _ in scripts]
        states = [scenario.start] * len(scripts)
        path_ours: list[str] = []
        path_base: list[str] = []
        gc.collect()
        for i in range(0, len(moves), batch):
            chunk = moves[i : i + batch]
            t0 = time.perf_counter()
            for k, ref in chunk:
                sessions[k].play(ref)
            t1 = time.perf_counter()
            for k, ref in chunk:
                states[k] = table[states[k]][ref]
            t2 = time.perf_counter()
            ours.append((t1 - t0) / len(chunk))
            base.append((t2 - t1) / len(chunk))
            path_ours.append(sessions[chunk[-1][0]].state)
            path_base.append(states[chunk[-1][0]])
        if path_ours != path_base or [x.state for x in sessions] != states:
            raise SystemExit("bench: the engine and the dict machine did not make the same moves")
    o, b = statistics.median(ours), statistics.median(base)
    return Row(
        "turn", f"one turn (`Session.play`, judged), {BIG_STATES}-state scenario", "ms", o * 1e3, b * 1e3,
        "dict `state -> {choice: next}` lookup", "< 0.2 ms", o < 0.0002, len(ours),
    )  # fmt: skip


# -- 4. memory ---------------------------------------------------------------------


def traced(build: Callable[[], object]) -> float:
    """Bytes still allocated (per tracemalloc) by what ``build`` returns, while it lives."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = build()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del kept
    return float(after - before)


def bench_memory(s: Settings, big: Path, compiled: CompiledScenario) -> Row:
    def played() -> Session:
        session = compiled.new_session()
        session.play("forward")
        session.play("forward")
        return session

    def sessions() -> list[Session]:
        return [played() for _ in range(SESSIONS)]

    def scenario() -> object:
        return CompiledScenario(library.load(big))

    with cache_dir("off"):
        played()  # warm-up: compiled feedback templates are shared, not per session
        ours = statistics.median(traced(sessions) for _ in range(s.memory_runs))
        base = statistics.median(traced(scenario) for _ in range(s.memory_runs))
    mb = 1024 * 1024
    return Row(
        "memory", f"{SESSIONS:,} live sessions, 2 turns each, {BIG_STATES}-state scenario", "MB", ours / mb, base / mb,
        "the scenario itself, parsed and compiled", "< 100 MB", ours / mb < 100, s.memory_runs,
    )  # fmt: skip


# -- 5. listing a library -------------------------------------------------------------


def bench_library(s: Settings, tmp: Path) -> Row:
    folder = tmp / "library"
    folder.mkdir()
    for i in range(LIBRARY_FILES):
        (folder / f"scenario-{i:03d}.yaml").write_text(generate(6 + i % 15, scenario_id=f"library-{i:03d}"), "utf-8")

    def check() -> list[library.FileResult]:
        return [library.check_file(f) for f in library.iter_files([folder])]

    def read() -> list[bytes]:
        return [f.read_bytes() for f in library.iter_files([folder])]

    with cache_dir(str(tmp / "cache-library")):
        results = check()  # warms the cache
        if len(results) != LIBRARY_FILES or not all(r.ok and r.info for r in results):
            raise SystemExit("bench: the generated library did not check clean")
        ours, base = paired(check, read, s.list_runs)
    return Row(
        "library", f"check a folder of {LIBRARY_FILES} small scenarios, warm cache", "ms", ours * 1e3, base * 1e3,
        "walk and read the same files' bytes", "< 500 ms", ours < 0.5, s.list_runs,
    )  # fmt: skip


# -- report ------------------------------------------------------------------------


# -- 6. report ---------------------------------------------------------------------

REPORT_TURNS = 50


def long_session(compiled: CompiledScenario, turns: int) -> Session:
    """A session of ``turns`` turns that has not ended: forward, and back when near the end."""
    session = compiled.new_session()
    while len(session.turns) < turns:
        ids = [c.id for c in session.offered()]
        session.play("forward" if "forward" in ids and len(session.turns) % 7 else ids[-1])
    return session


def bench_report(s: Settings, compiled: CompiledScenario) -> Row:
    from simulator import report
    from simulator.debrief import build

    debrief = build(long_session(compiled, REPORT_TURNS))
    assert len(debrief.rows) == REPORT_TURNS
    o, b = paired(lambda: report.html(debrief), lambda: report.as_json(debrief), s.report_runs)
    return Row(
        "report_html", f"HTML report of a {REPORT_TURNS}-turn session (table, SVG chart)", "ms", o * 1e3, b * 1e3,
        "the same debrief written as JSON", "< 100 ms", o < 0.1, s.report_runs,
    )  # fmt: skip


# -- 7. turns with records ------------------------------------------------------------


def bench_recorded(s: Settings, compiled: CompiledScenario, tmp: Path) -> Row:
    from simulator.play import NoRecord
    from simulator.records import Recorder, Store

    def play(recorder: object) -> float:
        session = compiled.new_session()
        start = time.perf_counter()
        for _ in range(s.recorded_turns):
            ids = [c.id for c in session.offered()]
            turn = session.play("forward" if "forward" in ids and len(session.turns) % 7 else ids[-1])
            recorder.turn(session, turn)  # type: ignore[attr-defined]
        return s.recorded_turns / (time.perf_counter() - start)

    store = Store(data_dir=tmp / "records")
    try:
        with_records, without = [], []
        for _ in range(3 if s is FULL else 1):
            with_records.append(play(Recorder(store, "coach")))
            without.append(play(NoRecord()))
    finally:
        store.close()
    o, b = statistics.median(with_records), statistics.median(without)
    return Row(
        "recorded_turns", "turns per second with records on (SQLite, one transaction a turn)", "turns/s", o, b,
        "the same turns, no record kept", "> 100 turns/s", o > 100, len(with_records),
    )  # fmt: skip


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "pyyaml_libyaml": CSafeLoader is not yaml.SafeLoader,
    }


def num(value: float) -> str:
    """About three significant digits, never in exponent form."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.{3 - len(str(int(value)))}f}"
    return f"{value:.3g}" if value >= 1e-4 else f"{value:.6f}"


def fmt(value: float, unit: str) -> str:
    return f"{num(value)} {unit}"


def markdown(rows: list[Row], info: dict[str, object], quick: bool) -> str:
    lines = ["| what | ours | baseline | ratio | target | pass/FAIL |", "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(
            f"| {r.what} | {fmt(r.ours, r.unit)} | {fmt(r.baseline, r.unit)} ({r.baseline_what}) | "
            f"{num(r.ratio)} | {r.target} | {'pass' if r.passed else 'FAIL'} |"
        )
    lines.append("")
    lines.append(
        f"Medians of repeated runs{' (--quick: few repeats, rough)' if quick else ''}; "
        f"{info['cpu']}, {info['cores']} cores, Python {info['python']}, {info['system']}."
    )
    lines += [f"- {r.key}: {note}" for r in rows for note in r.notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run, rough figures")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the Markdown table")
    args = parser.parse_args(argv)
    s = QUICK if args.quick else FULL
    tmp = Path(tempfile.mkdtemp(prefix="ipt-sim-bench-"))
    try:
        env = dict(os.environ, IPT_SIM_CACHE_DIR=str(tmp / "cache-help"), IPT_SIM_DATA_DIR=str(tmp / "data"))
        big = tmp / f"generated-{BIG_STATES}.yaml"
        big.write_text(generate(BIG_STATES), "utf-8")
        rows = [bench_help(s, env), *bench_validate(s, big, tmp)]
        with cache_dir("off"):
            compiled = compile_scenario(library.load(big))
        rows += [bench_turns(s, compiled), bench_memory(s, big, compiled), bench_library(s, tmp)]
        rows += [bench_report(s, compiled), bench_recorded(s, compiled, tmp)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    info = machine()
    if args.json:
        out = {
            "quick": args.quick,
            "machine": info,
            "rows": [{**{k: v for k, v in asdict(r).items() if k != "passed"}, "ratio": r.ratio, "pass": r.passed} for r in rows],
        }
        print(json.dumps(out, indent=2))
    else:
        print(markdown(rows, info, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
