"""Benchmark of issue 13: how well and how fast typed replies are understood, offline.

Usage: python scripts/bench_freetext.py [--quick] [--json] [--sweep]

On the labelled replies in tests/data/freetext/ (one file per bundled scenario:
paraphrases of its replies, and off-topic lines), against the bundled scenarios:

- top-1 accuracy: the intended choice is the nearest of those on offer at that state;
- played right: of the paraphrases played without asking, the share played as intended
  (and how many were played without asking at all; the rest are asked about);
- off-topic refused: the share of off-topic lines answered "not understood";
- model load time: a new process importing and loading WordLlama's model (median);
- per-reply latency after load (p50, p95), beside a same-run baseline: one choice-mode
  turn (``Session.play`` of a choice picked by number) on the same scenarios.

``--sweep`` prints accuracy and refusal over a grid of thresholds (how FLOOR, ACCEPT and
MARGIN in simulator/freetext/match.py were chosen). Exits 0 whether or not targets pass.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from simulator.freetext import embedder  # noqa: E402
from simulator.freetext.match import ACCEPT, FLOOR, MARGIN, Matcher, Scored, decide  # noqa: E402
from simulator.library import bundled, load  # noqa: E402
from simulator.model import Scenario  # noqa: E402

DATA = REPO / "tests" / "data" / "freetext"
TARGETS = {"top1": 0.90, "refused": 0.90, "p95_ms": 20.0, "load_s": 0.5}


@dataclass(frozen=True)
class Labelled:
    scenario: str
    state: str
    text: str
    choice: str | None  # None: off-topic
    loose: bool = False  # a looser paraphrase (few words shared with the written reply)


@dataclass
class Scores:
    """Per labelled line: the ranked scores among the state's choices."""

    item: Labelled
    ranked: tuple[Scored, ...]


@dataclass
class Quality:
    paraphrases: int = 0
    top1: int = 0
    played: int = 0
    played_right: int = 0
    asked: int = 0
    off_topic: int = 0
    refused: int = 0
    loose: int = 0
    loose_top1: int = 0
    loose_verdicts: dict[str, int] = field(default_factory=dict)  # played right / played wrong / asked / not understood
    misses: list[str] = field(default_factory=list)

    @property
    def loose_rate(self) -> float:
        return self.loose_top1 / max(1, self.loose)

    @property
    def top1_rate(self) -> float:
        return self.top1 / max(1, self.paraphrases)

    @property
    def refused_rate(self) -> float:
        return self.refused / max(1, self.off_topic)

    @property
    def played_right_rate(self) -> float:
        return self.played_right / max(1, self.played)


def labelled(folder: Path = DATA) -> Iterator[Labelled]:
    for f in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(f.read_text("utf-8"))
        sid = raw["scenario"]
        for section in ("paraphrases", "loose"):
            for state, by_choice in (raw.get(section) or {}).items():
                for choice, texts in by_choice.items():
                    for t in texts:
                        yield Labelled(sid, state, t, choice, loose=section == "loose")
        for state, texts in (raw.get("off_topic") or {}).items():
            for t in texts:
                yield Labelled(sid, state, t, None)


def scenarios() -> dict[str, Scenario]:
    return {r.info.id: load(Path(r.path)) for r in bundled() if r.info}


def score_all(items: list[Labelled], library: dict[str, Scenario]) -> list[Scores]:
    """Every labelled line scored against all of its state's choices (as ``ipt-sim match`` does)."""
    model = embedder.load()
    matchers = {sid: Matcher(s, model) for sid, s in library.items()}
    out = []
    for it in items:
        m = matchers[it.scenario].match(it.state, it.text)
        out.append(Scores(it, m.ranked))
    return out


def quality(scored: list[Scores], floor: float = FLOOR, accept: float = ACCEPT, margin: float = MARGIN) -> Quality:
    from simulator.freetext import match

    saved = (match.FLOOR, match.ACCEPT, match.MARGIN)
    match.FLOOR, match.ACCEPT, match.MARGIN = floor, accept, margin
    try:
        q = Quality()
        for s in scored:
            m = decide(s.item.text, s.ranked)
            if s.item.choice is None:
                q.off_topic += 1
                q.refused += m.verdict == "not understood"
                if m.verdict != "not understood":
                    q.misses.append(
                        f"off-topic not refused ({m.verdict} {m.score:.2f}): {s.item.scenario}/{s.item.state}: {s.item.text}"
                    )
                continue
            right = s.ranked[0].choice == s.item.choice
            if s.item.loose:
                q.loose += 1
                q.loose_top1 += right
                what = m.verdict if m.verdict != "play" else "played right" if m.choice == s.item.choice else "played wrong"
                q.loose_verdicts[what] = q.loose_verdicts.get(what, 0) + 1
                if not right:
                    q.misses.append(
                        f"loose: top-1 {s.ranked[0].choice} ({s.ranked[0].score:.2f}) not {s.item.choice}: {s.item.scenario}/{s.item.state}: {s.item.text}"
                    )
                continue
            q.paraphrases += 1
            q.top1 += right
            if not right:
                q.misses.append(
                    f"top-1 {s.ranked[0].choice} ({s.ranked[0].score:.2f}) not {s.item.choice}: {s.item.scenario}/{s.item.state}: {s.item.text}"
                )
            if m.verdict == "play":
                q.played += 1
                q.played_right += m.choice == s.item.choice
            elif m.verdict == "ask":
                q.asked += 1
        return q
    finally:
        match.FLOOR, match.ACCEPT, match.MARGIN = saved


PRELOADED = "import click, simulator.errors, simulator.model, simulator.terminal"  # what any ipt-sim command has loaded


def _timed(what: str) -> float:
    code = f"{PRELOADED}\nimport time\nt = time.perf_counter()\n{what}\nprint(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout)


def load_times(runs: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds for a new process, with what every ipt-sim command loads already loaded, to load the
    model (importing numpy and wordllama included); and, interleaved, the same for the baseline:
    importing what choice-mode play needs (the engine, judging, the play loop and the records)."""
    ours: list[float] = []
    imports: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        ours.append(_timed("from simulator.freetext import embedder; embedder.load()"))
        imports.append(_timed("import numpy, wordllama"))
        base.append(_timed("import simulator.play, simulator.engine, simulator.debrief, simulator.records"))
    return ours, imports, base


def latencies(items: list[Labelled], library: dict[str, Scenario], rounds: int) -> tuple[list[float], list[float]]:
    """Per-reply match time (ms, after load and after each state's choices are embedded once), and a
    same-run baseline: one choice-mode turn (``Session.play`` by number) at the same states."""
    from simulator.engine import compile_scenario

    model = embedder.load()
    matchers = {sid: Matcher(s, model) for sid, s in library.items()}
    for it in items:
        matchers[it.scenario].match(it.state, it.text)  # warm: each state's choices embedded once
    ours: list[float] = []
    base: list[float] = []
    for _ in range(rounds):
        for it in items:
            t = time.perf_counter()
            matchers[it.scenario].match(it.state, it.text)
            ours.append((time.perf_counter() - t) * 1000)
            session = compile_scenario(library[it.scenario]).new_session()
            session.state = it.state
            t = time.perf_counter()
            session.play("1")
            base.append((time.perf_counter() - t) * 1000)
    return ours, base


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def sweep(scored: list[Scores]) -> None:
    print("| floor | accept | margin | top-1 | refused | played | played right | asked |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for floor in (0.2, 0.22, 0.25, 0.28, 0.3):
        for accept in (0.38, 0.42, 0.46, 0.5):
            for margin in (0.04, 0.06, 0.08):
                q = quality(scored, floor, accept, margin)
                print(
                    f"| {floor} | {accept} | {margin} | {q.top1_rate:.3f} | {q.refused_rate:.3f} | {q.played} | {q.played_right_rate:.3f} | {q.asked} |"
                )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (rougher figures)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--sweep", action="store_true", help="print quality over a grid of thresholds")
    ap.add_argument("--misses", action="store_true", help="list the lines that were not understood as labelled")
    args = ap.parse_args()
    items = list(labelled())
    library = scenarios()
    scored = score_all(items, library)
    if args.sweep:
        sweep(scored)
        return
    q = quality(scored)
    loads, load_imports, load_base = load_times(3 if args.quick else 9)
    ours, base = latencies(items, library, 1 if args.quick else 5)
    report: dict[str, Any] = {
        "quick": args.quick,
        "labelled": {"paraphrases": q.paraphrases, "off_topic": q.off_topic, "scenarios": len({i.scenario for i in items})},
        "quality": {
            "top1": q.top1_rate, "off_topic_refused": q.refused_rate, "played": q.played,
            "loose": q.loose, "loose_top1": q.loose_rate, "loose_verdicts": q.loose_verdicts,
            "played_right": q.played_right_rate, "asked": q.asked,
        },
        "thresholds": {"floor": FLOOR, "accept": ACCEPT, "margin": MARGIN},
        "load_s": {"median": statistics.median(loads), "runs": len(loads), "baseline": statistics.median(load_base),
                   "of_which_imports": statistics.median(load_imports)},
        "reply_ms": {"p50": pct(ours, 50), "p95": pct(ours, 95)},
        "baseline_turn_ms": {"p50": pct(base, 50), "p95": pct(base, 95)},
        "targets": TARGETS,
    }  # fmt: skip
    report["pass"] = {
        "top1": q.top1_rate >= TARGETS["top1"],
        "refused": q.refused_rate >= TARGETS["refused"],
        "p95_ms": report["reply_ms"]["p95"] < TARGETS["p95_ms"],
        "load_s": report["load_s"]["median"] < TARGETS["load_s"],
    }
    if args.json:
        print(json.dumps(report | {"misses": q.misses}, indent=2))
        return
    r, b = report["reply_ms"], report["baseline_turn_ms"]
    print(f"{q.paraphrases} paraphrases and {q.off_topic} off-topic lines over {report['labelled']['scenarios']} scenarios; "
          f"thresholds floor {FLOOR}, accept {ACCEPT}, margin {MARGIN}\n")  # fmt: skip
    print("| what | ours | baseline | ratio | target |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| top-1 accuracy (intended choice nearest) | {q.top1_rate:.1%} | – | – | ≥ 90% |")
    print(f'| off-topic lines refused ("not understood") | {q.refused_rate:.1%} | – | – | ≥ 90% |')
    print(
        f"| paraphrases played without asking / asked | {q.played} / {q.asked} ({q.played_right_rate:.1%} of those played right) | – | – | – |"
    )
    lb, lv = report["load_s"]["baseline"], q.loose_verdicts
    print(f"| looser paraphrases: top-1; played right / asked / not understood / played wrong | {q.loose_rate:.1%}; "
          f"{lv.get('played right', 0)} / {lv.get('ask', 0)} / {lv.get('not understood', 0)} / {lv.get('played wrong', 0)} "
          f"of {q.loose} | – | – | – |")  # fmt: skip
    print(f"| model load, new process (median of {len(loads)}) | {report['load_s']['median'] * 1000:.0f} ms | "
          f"{lb * 1000:.0f} ms (importing choice-mode play) | {report['load_s']['median'] / lb:.1f} | < 500 ms |")  # fmt: skip
    print(f"| of which importing numpy and wordllama | {report['load_s']['of_which_imports'] * 1000:.0f} ms | – | – | – |")
    print(
        f"| one typed reply matched, p50 | {r['p50']:.3f} ms | {b['p50']:.3f} ms (a choice-mode turn) | {r['p50'] / b['p50']:.2f} | – |"
    )
    print(
        f"| one typed reply matched, p95 | {r['p95']:.3f} ms | {b['p95']:.3f} ms (a choice-mode turn) | {r['p95'] / b['p95']:.2f} | < 20 ms |"
    )
    if args.misses:
        print()
        for m in q.misses:
            print("-", m)


if __name__ == "__main__":
    main()


__all__ = ["Labelled", "Quality", "asdict", "labelled", "quality", "scenarios", "score_all"]
