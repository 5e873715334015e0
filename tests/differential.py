"""Random plays recorded before the engine was made faster, to prove its outputs unchanged.

Each play is seeded: random replies (and, where the moment offers it, a random delivery and
reply time), some rewinds, and the best alternative of some turns, on the bundled scenarios
as they were when recorded (their text is kept in the fixture, so a scenario author's later
edit does not move the goalposts) and on generated ones. What is kept is the JSON a user
sees: every turn played (rewound ones too), the session as ``play --json`` gives it, and
the alternatives. ``tests/test_differential.py`` replays and compares.

Record again (only when a change is *meant* to alter outputs)::

    .venv/bin/python -m tests.differential
"""

from __future__ import annotations

import json
import lzma
import random
import sys
from pathlib import Path
from typing import Any

from scripts.gen_scenario import generate
from simulator import rules
from simulator.engine import CompiledScenario
from simulator.judge import Delivery
from simulator.model import Scenario
from simulator.transcript import best_alternative, session_dict, turn_dict
from simulator.validate import load_text_with_id

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "data" / "differential" / "plays.json.xz"
SEEDS_PER_BUNDLED = 60
GENERATED = {5: 150, 12: 150, 40: 150, 300: 60}  # states: plays
MAX_TURNS = 80


def scenario_texts() -> dict[str, str]:
    """Every bundled scenario's text, and the generated ones, by name."""
    texts = {str(p.relative_to(REPO)): p.read_text("utf-8") for p in sorted((REPO / "scenarios").rglob("*.yaml"))}
    texts.update({f"generated-{n}": generate(n) for n in GENERATED})
    return texts


def load(name: str, text: str) -> Scenario:
    scenario, diags, _ = load_text_with_id(text.encode("utf-8"), name)
    assert scenario is not None, [str(d) for d in diags]
    return scenario


def play(scenario: Scenario, seed: int) -> dict[str, Any]:
    """One seeded random play, as the JSON a user would see of it."""
    rng = random.Random(seed)
    session = CompiledScenario(scenario).new_session()
    played: list[dict[str, Any]] = []
    alternatives: list[Any] = []
    while not session.finished and len(played) < MAX_TURNS:
        offered = session.offered()
        choice = rng.choice(offered)
        said = None
        offer = rules.delivery_offer(session, choice)
        if offer is not None and rng.random() < 0.6:
            said = Delivery(rng.choice(offer.tones), rng.choice(offer.cues))
        response_time = None if rng.random() < 0.5 else round(rng.uniform(0.0, 120.0), 1)
        turn = session.play(choice.id if rng.random() < 0.5 else str(offered.index(choice) + 1), said, response_time)
        played.append(turn_dict(turn))
        if rng.random() < 0.15:
            best = best_alternative(session, turn)
            alternatives.append([turn.number, list(best) if best else None])
        if rng.random() < 0.08:
            undone = session.rewind(rng.randint(1, 3))
            played.append({"rewound": [t.number for t in undone], "offered": [c.id for c in session.offered()]})
    return {"played": played, "alternatives": alternatives, "session": session_dict(session, "coach")}


def plan(texts: dict[str, str]) -> list[tuple[str, int]]:
    out = []
    for name in texts:
        n = GENERATED.get(int(name.split("-")[1])) if name.startswith("generated-") else SEEDS_PER_BUNDLED
        out += [(name, seed) for seed in range(n or 0)]
    return out


def record() -> dict[str, Any]:
    texts = scenario_texts()
    scenarios = {name: load(name, text) for name, text in texts.items()}
    plays = [[name, seed, play(scenarios[name], seed)] for name, seed in plan(texts)]
    return {"scenarios": texts, "plays": plays}


def read() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(lzma.decompress(FIXTURE.read_bytes()))
    return data


if __name__ == "__main__":
    data = record()
    raw = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_bytes(lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME))
    turns = sum(len(p[2]["played"]) for p in data["plays"])
    sys.stdout.write(f"{len(data['plays'])} plays, {turns} turns; {len(raw):,} bytes -> {FIXTURE.stat().st_size:,}\n")
