"""Fuzz the tool chain with mutants of the bundled scenarios: nothing may crash, hang or
point outside the file.

Usage: python scripts/fuzz.py [--seed N] [--count N] [--timeout S] [--keep DIR] [--json]

Each mutant is one bundled scenario with one to three edits, chosen by a seeded random
generator (the same seed gives the same mutants): lines deleted, duplicated, swapped,
re-indented or cut short; a value replaced by a hostile one (huge numbers, YAML 1.1
booleans, long or control-character text, Unicode line separators, ``{{ }}`` and hostile
expressions, tags, aliases); meter bounds widened up to 2**40; effects, ``requires`` and
``delivery: choose`` added. Each is checked the way ``ipt-sim validate`` checks a file
(compose, read, lint), in a worker process with a time limit and a 3 GiB memory limit;
one that validates clean is then explored (with a position limit), played and drawn.

A problem is: a Python exception, a run past the time limit, or a diagnostic whose line
or column lies outside the file as an editor shows it, or whose message holds a control
character. Prints a summary (JSON with ``--json``); ``--keep`` saves each problem mutant.
Exit status 1 when there is a problem. The test suite runs a few hundred mutants.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import sys
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "scenarios").rglob("*.yaml"))
MEMORY = 3 * 2**30

HOSTILE_VALUES = [
    "99999999999999999999999",
    "-1",
    ".inf",
    "yes",
    "on",
    "~",
    "2026-11-24",
    "0x1F",
    "1_000",
    '"' + "x" * 5000 + '"',
    '"\\e[2J\\e]0;pwned\\a"',
    '"a\\u2028b"',
    '"\\u202Eevil"',
    '"\\x85"',
    '"\\t"',
    "'{{ speaker.name }}'",
    '"{{ meters.charge * 99999 }}"',
    '"{% for x in range(9) %}x{% endfor %}"',
    "!!python/object:os.system",
    "!!binary aGk=",
    "!custom x",
    "&a [1, *a]",
    "*nowhere",
    "[1, 2",
    "{a: 1",
    '"""',
    "'it''s'",
    "- a",
    "{}",
    "[]",
    "null",
]
HOSTILE_CONDITIONS = [
    "charge ** 99",
    "''.__class__",
    "range(9)",
    "charge // 0",
    "(" * 40 + "charge" + ")" * 40,
    "'x' in visited",
    "turn > 3",
    "not flags",
    "charge > 1 and",
    "visited|length > 2",
]
_KEY_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w-]*:\s+)(\S.*)$")
_METER = re.compile(r"^(\s*\w+: \{start: )(-?\d+)(, min: )(-?\d+)(, max: )(-?\d+)")
_CHOICE = re.compile(r"^(\s*)- id: ")


@dataclass
class Outcome:
    """What one mutant did."""

    name: str
    errors: int = 0
    warnings: int = 0
    clean: bool = False
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


# -- mutation ---------------------------------------------------------------------------


def mutate(text: str, rng: random.Random) -> str:
    """One to three edits of a scenario's text."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(OPERATORS)
        lines = op(lines, rng)
        if not lines:
            lines = [""]
    out = "\n".join(lines)
    if rng.random() < 0.08:  # cut short at a random byte, often with no final newline
        out = out[: rng.randrange(max(1, len(out)))]
    return out


def _value_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _KEY_VALUE.match(line)]


def _delete(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + 1 :]


def _duplicate(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return [*lines[: i + 1], lines[i], *lines[i + 1 :]]


def _swap(lines: list[str], rng: random.Random) -> list[str]:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def _reindent(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return [
        *lines[:i],
        " " * rng.choice([0, 1, 3, 5, 8]) + lines[i].lstrip() + ("\t" if rng.random() < 0.2 else ""),
        *lines[i + 1 :],
    ]


def _hostile_value(lines: list[str], rng: random.Random) -> list[str]:
    candidates = _value_lines(lines)
    if not candidates:
        return lines
    i = rng.choice(candidates)
    m = _KEY_VALUE.match(lines[i])
    assert m
    return [*lines[:i], m.group(1) + rng.choice(HOSTILE_VALUES), *lines[i + 1 :]]


def _wide_meter(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for i, line in enumerate(out):
        m = _METER.match(line)
        if m:
            top = rng.choice([100, 1000, 10_000, 10_001, 10**6, 2**40])
            out[i] = line[: m.start(6)] + str(top) + line[m.end(6) :]
            break
    return out


def _choice_key(lines: list[str], rng: random.Random, key: str) -> list[str]:
    starts = [i for i, line in enumerate(lines) if _CHOICE.match(line)]
    if not starts:
        return lines
    i = rng.choice(starts)
    m = _CHOICE.match(lines[i])
    assert m
    return [*lines[: i + 1], m.group(1) + "  " + key, *lines[i + 1 :]]


def _requires(lines: list[str], rng: random.Random) -> list[str]:
    return _choice_key(lines, rng, f'requires: "{rng.choice(HOSTILE_CONDITIONS)}"')


def _effects(lines: list[str], rng: random.Random) -> list[str]:
    amount = rng.choice([1, -1, 3, 2**63, -(2**63)])
    return _choice_key(lines, rng, f"effects: {{charge: {amount:+d}}}")


def _choose_delivery(lines: list[str], rng: random.Random) -> list[str]:
    lines = _choice_key(lines, rng, "tones: [hostile, warm, flat]")
    return [*lines[:1], "delivery: choose", *lines[1:]] if rng.random() < 0.5 else lines


def _alias_bomb(lines: list[str], rng: random.Random) -> list[str]:
    bomb = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, rng.randint(2, 9))]
    return lines + bomb


OPERATORS = [_delete, _duplicate, _swap, _reindent, _hostile_value, _hostile_value, _wide_meter, _requires, _effects,
             _choose_delivery, _alias_bomb]  # fmt: skip


# -- checking ---------------------------------------------------------------------------


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not every system allows it
        pass


def check(name: str, data: bytes) -> Outcome:
    """Validate (and, when clean, explore, play and draw) one mutant; runs in a worker."""
    from simulator import explore, graph
    from simulator.engine import compile_scenario
    from simulator.library import _parse

    out = Outcome(name)
    start = time.perf_counter()
    try:
        scenario, diags, _ = _parse(data, name)
        text = data.decode("utf-8", "replace")
        lines = text.split("\n")
        if lines and lines[-1] == "" and len(lines) > 1:
            lines.pop()  # a final newline ends the last line; it does not start another
        for d in diags:
            where = f"{d.line}:{d.col} [{d.code}]"
            if not 1 <= d.line <= max(1, len(lines)):
                out.problems.append(f"line past the end of the file: {where} ({len(lines)} lines)")
            elif not 1 <= d.col <= len(lines[d.line - 1]) + 1:
                out.problems.append(f"column past the end of the line: {where}")
            if not d.message.isprintable():
                out.problems.append(f"message with a control character: {where}")
        out.errors = sum(d.severity == "error" for d in diags)
        out.warnings = len(diags) - out.errors
        if scenario is not None and not out.errors:
            out.clean = True
            explore.analyse(scenario, max_nodes=500)
            graph.render(scenario, "mermaid")
            session = compile_scenario(scenario).new_session()
            for _ in range(40):
                offered = session.offered()
                if session.finished or not offered:
                    break
                session.play(offered[len(session.turns) % len(offered)].id)
    except Exception as err:  # noqa: BLE001 - any exception is the finding
        out.problems.append(
            f"{type(err).__name__}: {err} ({traceback.extract_tb(err.__traceback__)[-1].filename.rsplit('/', 1)[-1]})"
        )
    out.seconds = time.perf_counter() - start
    return out


def mutants(seed: int, count: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        out.append((f"{source.stem}.m{n:04d}.yaml", mutate(source.read_text("utf-8"), rng).encode("utf-8")))
    return out


def run(seed: int, count: int, timeout: float) -> list[Outcome]:
    """Check ``count`` mutants; a worker past ``timeout`` seconds is ended and reported as a hang."""
    ctx = multiprocessing.get_context("spawn")
    results: list[Outcome] = []
    pool = ctx.Pool(1, initializer=_limit_memory)
    try:
        for name, data in mutants(seed, count):
            job = pool.apply_async(check, (name, data))
            try:
                results.append(job.get(timeout=timeout))
            except multiprocessing.TimeoutError:
                results.append(Outcome(name, problems=[f"hang: still running after {timeout:g} s"], seconds=timeout))
                pool.terminate()
                pool = ctx.Pool(1, initializer=_limit_memory)
            except Exception as err:  # noqa: BLE001 - a worker killed by the memory limit, for one
                results.append(Outcome(name, problems=[f"worker died: {type(err).__name__}: {err}"]))
                pool.terminate()
                pool = ctx.Pool(1, initializer=_limit_memory)
    finally:
        pool.terminate()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds a mutant may take (default 5)")
    parser.add_argument("--keep", type=Path, help="save each mutant with a problem in this folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = run(args.seed, args.count, args.timeout)
    bad = [r for r in results if r.problems]
    if args.keep and bad:
        args.keep.mkdir(parents=True, exist_ok=True)
        wanted = {r.name for r in bad}
        for name, data in mutants(args.seed, args.count):
            if name in wanted:
                (args.keep / name).write_bytes(data)
    summary = {
        "seed": args.seed,
        "mutants": len(results),
        "rejected": sum(r.errors > 0 for r in results),
        "clean": sum(r.clean for r in results),
        "slowest_seconds": round(max((r.seconds for r in results), default=0.0), 3),
        "slowest": max(results, key=lambda r: r.seconds).name if results else None,
        "problems": [asdict(r) for r in bad],
        "kinds": dict(Counter(p.split(":")[0] for r in bad for p in r.problems)),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{summary['mutants']} mutants (seed {args.seed}): {summary['rejected']} rejected with errors, "
              f"{summary['clean']} clean, slowest {summary['slowest_seconds']} s ({summary['slowest']}), {len(bad)} with problems")  # fmt: skip
        for r in bad:
            print(f"  {r.name}: {'; '.join(r.problems)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
