"""Benchmark of issue 14: ipt-sim against inkjs, its nearest peer, on the same dialogue.

Usage: python scripts/bench_peers.py [--quick] [--json] [--sizes 100,1000,5000]

The generated scenario (``scripts/gen_scenario.generate``) is also written as Ink: each
state a knot with three sticky choices (forward: charge -1, trust +1, clamped to 0..10;
back: charge +1 and went_back; branch, offered while ``trust >= 2 or not went_back``, to
the back target when ``charge >= 8`` and two states on otherwise). Both play the same
10,000 scripted turns (``bench.script_moves``, seed 2, restarting after each ending); the
Ink side is checked to pass through the same lines. inkjs 2.4.0 is installed with npm into
a scratch folder (and Node runs as one long-lived worker); without node and npm the script
says so and measures ipt-sim alone.

In one run it prints, for 100, 1,000 and 5,000 states: compile/load (ipt-sim's cold
validate against inkjs's compiler, ipt-sim's load and compile against inkjs's
``new Story(json)``), the time per turn (ipt-sim judged ``Session.play``, ipt-sim bare
engine step, inkjs ``ChooseChoiceIndex`` + ``ContinueMaximally``) and memory per 1,000
sessions of 20 turns (ipt-sim's live sessions by tracemalloc; inkjs's one Story plus 1,000
saved states, heap after gc()); and tracemalloc's count for one 9,000-turn session on the
5,000-state scenario. Times are process CPU; every figure is the median of interleaved
rounds (the order alternates, a warm-up round is dropped) and a ratio is the median of
the per-round ratios, so both sides of it saw the same load. ``--json`` prints
``{"sizes": {"100": {"judged_us", "bare_us", "ink_us", "ratio"}, ...}, "long_session_mb": M}``
(ratio = judged / ink).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import script_moves, traced  # scripts/ is on sys.path when this file is run
from gen_scenario import generate

from simulator import library
from simulator.engine import CompiledScenario, Session

INKJS = "inkjs@2.4.0"
TURNS = 10_000
LONG_TURNS = 9_000
SESSIONS = 1_000
SESSION_TURNS = 20
MB = 2**20


def generate_ink(n: int) -> str:
    """The same dialogue as ``generate(n)``, in Ink."""
    body = n - 3
    out = ["VAR charge = 5", "VAR trust = 5", "VAR went_back = false", "-> s0", ""]
    for i in range(body):
        fwd = f"s{i + 1}" if i + 1 < body else "e0"
        back = f"s{max(0, i - 3)}" if i + 1 < body else "e2"
        alt = f"s{i + 2}" if i + 2 < body else "e1"
        out += [
            f"=== s{i} ===",
            f"This is line {i}. Are you listening to me?",
            f"+ [forward] I hear you. Tell me more about point {i}.",
            "    ~ charge = MAX(charge - 1, 0)",
            "    ~ trust = MIN(trust + 1, 10)",
            f"    -> {fwd}",
            "+ [back] We've been over this.",
            "    ~ charge = MIN(charge + 1, 10)",
            "    ~ went_back = true",
            f"    -> {back}",
            "+ {trust >= 2 or not went_back} [branch] Can we slow down?",
            "    {",
            "    - charge >= 8:",
            f"        -> {back}",
            "    - else:",
            f"        -> {alt}",
            "    }",
            "",
        ]
    for j in range(3):
        out += [f"=== e{j} ===", "That's where we leave it.", "-> END", ""]
    return "\n".join(out)


# The Node worker: one JSON command per line on stdin, one JSON answer per line on stdout.
WORKER = r"""
const { Compiler, Story } = require('inkjs/full');
const readline = require('readline');
const stories = {};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
function play(story, scripts, lines) {
  for (const script of scripts) {
    story.ResetState();
    let text = story.ContinueMaximally();
    for (const idx of script) {
      story.ChooseChoiceIndex(idx);
      text = story.ContinueMaximally();
      if (lines) lines.push(text.trim().split('\n').pop().split('.')[0]);
    }
  }
}
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const cmd = JSON.parse(line);
  let out = {};
  if (cmd.op === 'compile') {
    const t = cpu();
    const json = new Compiler(cmd.source).Compile().ToJson();
    out.compile = cpu() - t;
    const t2 = cpu();
    stories[cmd.n] = new Story(json);
    out.load = cpu() - t2;
    stories[cmd.n + ':json'] = json;
  } else if (cmd.op === 'check') {
    const lines = [];
    play(stories[cmd.n], cmd.scripts, lines);
    out.lines = lines;
  } else if (cmd.op === 'turns') {
    const t = cpu();
    play(stories[cmd.n], cmd.scripts, null);
    out.seconds = cpu() - t;
  } else if (cmd.op === 'memory') {
    global.gc(); const before = process.memoryUsage().heapUsed;
    const story = new Story(stories[cmd.n + ':json']);
    const saved = [];
    for (let k = 0; k < cmd.sessions; k++) {
      story.ResetState(); story.ContinueMaximally();
      for (const idx of cmd.script) { story.ChooseChoiceIndex(idx); story.ContinueMaximally(); }
      saved.push(story.state.ToJson());
    }
    global.gc(); out.bytes = process.memoryUsage().heapUsed - before;
    out.kept = saved.length;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
});
"""


class Ink:
    """inkjs in a scratch folder, driven by one long-lived Node process."""

    def __init__(self, folder: Path) -> None:
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", INKJS],
            cwd=folder, check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        (folder / "worker.js").write_text(WORKER, "utf-8")
        self.proc = subprocess.Popen(
            ["node", "--expose-gc", "worker.js"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def ask(self, **cmd: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        answer: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


def cpu(fn: Callable[[], object]) -> float:
    gc.collect()
    t = time.process_time()
    fn()
    return time.process_time() - t


def as_indices(compiled: CompiledScenario, scripts: list[list[str]]) -> list[list[int]]:
    """Each scripted choice as its index among the choices offered then (what Ink is given)."""
    out: list[list[int]] = []
    for script in scripts:
        session = compiled.new_session()
        out.append([])
        for ref in script:
            out[-1].append([c.id for c in session.offered()].index(ref))
            session.play(ref)
    return out


def state_lines(compiled: CompiledScenario, scripts: list[list[str]]) -> list[str]:
    """What Ink's text after each turn begins with, from ipt-sim's states."""
    lines = []
    for script in scripts:
        session = compiled.new_session()
        for ref in script:
            session.play(ref)
            lines.append("That's where we leave it" if session.finished else f"This is line {session.state[1:]}")
    return lines


def judged(compiled: CompiledScenario, scripts: list[list[str]]) -> None:
    for script in scripts:
        session = compiled.new_session()
        for ref in script:
            session.play(ref)


def bare(compiled: CompiledScenario, scripts: list[list[str]]) -> None:
    """The engine's state logic alone (requires, effects, guarded branches, visited): no
    judging, no snapshots, no history."""
    events = compiled.machine.events
    for script in scripts:
        session = compiled.new_session()
        for ref in script:
            choice = session.resolve(ref)
            events[choice.id].trigger(session, choice=choice, delivery=None, charge_before=session.meters["charge"])


def long_session_mb(compiled: CompiledScenario, scripts: list[list[str]]) -> float:
    """tracemalloc's count for one session of 9,000 judged turns (the 5,000-state scenario)."""
    moves = scripts[0][:LONG_TURNS]
    if len(moves) < LONG_TURNS:
        raise SystemExit(f"bench_peers: the first scripted session has only {len(moves)} turns")

    def session() -> Session:
        s = compiled.new_session()
        for ref in moves:
            s.play(ref)
        return s

    return traced(session) / MB


def median_ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def measure(n: int, folder: Path, ink: Ink | None, rounds: int, compile_rounds: int) -> dict[str, Any]:
    path = folder / f"gen-{n}.yaml"
    path.write_text(generate(n), "utf-8")
    compiled = CompiledScenario(library.load(path))
    scripts = script_moves(compiled, TURNS)
    source = generate_ink(n)
    indices: list[list[int]] = []
    if ink is not None:
        ink.ask(op="compile", n=n, source=source)
        indices = as_indices(compiled, scripts)
        if ink.ask(op="check", n=n, scripts=indices)["lines"] != state_lines(compiled, scripts):
            raise SystemExit(f"bench_peers: ink and ipt-sim did not pass through the same lines at {n} states")
    row: dict[str, Any] = {"states": n}
    row |= compile_load(n, path, source, ink, compile_rounds)
    row |= per_turn(n, compiled, scripts, ink, indices, rounds)
    row |= memory(n, compiled, scripts, ink, indices)
    if n == 5000:
        row["long_session_mb"] = long_session_mb(compiled, scripts)
    return row


def compile_load(n: int, path: Path, source: str, ink: Ink | None, compile_rounds: int) -> dict[str, float]:
    """Cold: the parse cache is off (the compiled-expression caches stay warm, as Node's JIT does)."""
    validate: list[float] = []
    load: list[float] = []
    ink_compile: list[float] = []
    ink_load: list[float] = []

    def ours() -> None:
        validate.append(cpu(lambda: library.check_file(path)))
        load.append(cpu(lambda: CompiledScenario(library.load(path))))

    def theirs() -> None:
        if ink is not None:
            answer = ink.ask(op="compile", n=n, source=source)
            ink_compile.append(answer["compile"])
            ink_load.append(answer["load"])

    for r in range(compile_rounds):
        for step in (ours, theirs) if r % 2 else (theirs, ours):
            step()
    row = {"validate_ms": statistics.median(validate) * 1e3, "load_ms": statistics.median(load) * 1e3}
    if ink is not None:
        row["ink_compile_ms"] = statistics.median(ink_compile) * 1e3
        row["ink_story_ms"] = statistics.median(ink_load) * 1e3
        row["validate_vs_compile"] = median_ratio(validate, ink_compile)
        row["load_vs_story"] = median_ratio(load, ink_load)
    return row


def per_turn(
    n: int, compiled: CompiledScenario, scripts: list[list[str]], ink: Ink | None, indices: list[list[int]], rounds: int
) -> dict[str, float]:
    turns = sum(len(s) for s in scripts)
    j_us: list[float] = []
    b_us: list[float] = []
    i_us: list[float] = []
    steps: list[Callable[[], None]] = [
        lambda: j_us.append(cpu(lambda: judged(compiled, scripts)) / turns * 1e6),
        lambda: b_us.append(cpu(lambda: bare(compiled, scripts)) / turns * 1e6),
    ]
    if ink is not None:
        steps.append(lambda: i_us.append(ink.ask(op="turns", n=n, scripts=indices)["seconds"] / turns * 1e6))
    for r in range(rounds + 1):
        for step in steps if r % 2 else steps[::-1]:
            step()
        if r == 0:  # warm-up
            for kept in (j_us, b_us, i_us):
                kept.clear()
    row = {"judged_us": statistics.median(j_us), "bare_us": statistics.median(b_us)}
    if ink is not None:
        row["ink_us"] = statistics.median(i_us)
        row["ratio"] = median_ratio(j_us, i_us)
        row["bare_ratio"] = median_ratio(b_us, i_us)
    return row


def memory(
    n: int, compiled: CompiledScenario, scripts: list[list[str]], ink: Ink | None, indices: list[list[int]]
) -> dict[str, float]:
    """1,000 sessions of 20 turns, all playing the same first 20 moves."""
    first = scripts[0][:SESSION_TURNS]

    def sessions() -> list[Session]:
        out = []
        for _ in range(SESSIONS):
            s = compiled.new_session()
            for ref in first:
                s.play(ref)
            out.append(s)
        return out

    row = {"sessions_mb": traced(sessions) / MB}
    if ink is not None:
        answer = ink.ask(op="memory", n=n, sessions=SESSIONS, script=indices[0][:SESSION_TURNS])
        row["ink_sessions_mb"] = answer["bytes"] / MB
        row["sessions_ratio"] = row["sessions_mb"] / row["ink_sessions_mb"]
    return row


def markdown(rows: list[dict[str, Any]], long_mb: float | None, ink_note: str) -> str:
    def f(row: dict[str, Any], key: str, fmt: str = "{:.1f}") -> str:
        return fmt.format(row[key]) if key in row else "–"

    out = [ink_note, "", "| states | judged µs/turn | bare µs/turn | inkjs µs/turn | judged / ink | bare / ink |",
           "| ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for r in rows:
        out.append(f"| {r['states']:,} | {f(r, 'judged_us')} | {f(r, 'bare_us')} | {f(r, 'ink_us')} "
                   f"| {f(r, 'ratio', '{:.2f}')} | {f(r, 'bare_ratio', '{:.2f}')} |")  # fmt: skip
    out += ["", "| states | validate ms (cold) | inkjs compile ms | ratio | load+compile ms | inkjs `new Story` ms | ratio |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for r in rows:
        out.append(f"| {r['states']:,} | {f(r, 'validate_ms', '{:,.0f}')} | {f(r, 'ink_compile_ms', '{:,.0f}')} "
                   f"| {f(r, 'validate_vs_compile', '{:.2f}')} | {f(r, 'load_ms', '{:,.0f}')} "
                   f"| {f(r, 'ink_story_ms', '{:,.0f}')} | {f(r, 'load_vs_story', '{:.2f}')} |")  # fmt: skip
    out += ["", f"| states | {SESSIONS:,} sessions x {SESSION_TURNS} turns, ipt-sim MB | inkjs (one Story + saved states) MB | ratio |",
            "| ---: | ---: | ---: | ---: |"]  # fmt: skip
    for r in rows:
        out.append(
            f"| {r['states']:,} | {f(r, 'sessions_mb')} | {f(r, 'ink_sessions_mb')} | {f(r, 'sessions_ratio', '{:.2f}')} |"
        )
    if long_mb is not None:
        out += ["", f"One {LONG_TURNS:,}-turn session on the 5,000-state scenario: {long_mb:.1f} MB (target < 20 MB)."]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (rougher figures)")
    parser.add_argument("--json", action="store_true", help="print the issue's JSON shape")
    parser.add_argument("--sizes", default="100,1000,5000")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    rounds, compile_rounds = (2, 1) if args.quick else (5, 3)
    os.environ["IPT_SIM_CACHE_DIR"] = "off"  # cold: nothing read from or written to the parse cache
    with tempfile.TemporaryDirectory(prefix="ipt-sim-peers-") as tmp:
        folder = Path(tmp)
        ink: Ink | None = None
        if shutil.which("node") and shutil.which("npm"):
            ink = Ink(folder)
            note = f"inkjs: {INKJS} installed with npm into a scratch folder; Node {subprocess.check_output(['node', '--version'], text=True).strip()}."
        else:
            note = "inkjs: skipped (node and npm were not found); ipt-sim figures only."
            sys.stderr.write(note + "\n")
        try:
            rows = [measure(n, folder, ink, rounds, compile_rounds) for n in sizes]
        finally:
            if ink is not None:
                ink.close()
    long_mb = next((r["long_session_mb"] for r in rows if "long_session_mb" in r), None)
    if args.json:
        keys = ("judged_us", "bare_us", "ink_us", "ratio")
        shape = {"sizes": {str(r["states"]): {k: r.get(k) for k in keys} for r in rows}, "long_session_mb": long_mb}
        print(json.dumps(shape, indent=2))
    else:
        print(markdown(rows, long_mb, note))


if __name__ == "__main__":
    main()
