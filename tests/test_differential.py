"""Outputs unchanged: thousands of seeded random plays give the JSON recorded before the
engine was made faster (see ``tests/differential.py``, which also records it)."""

from __future__ import annotations

from typing import Any

from tests.differential import load, play, read


def _first_difference(a: Any, b: Any, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return _first_difference(a.get(k), b.get(k), f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
    return f"{path}: recorded {a!r}, now {b!r}"


def test_random_plays_give_the_recorded_json() -> None:
    data = read()
    scenarios = {name: load(name, text) for name, text in data["scenarios"].items()}
    assert len(data["plays"]) >= 1_000
    for name, seed, recorded in data["plays"]:
        now = play(scenarios[name], seed)
        if now != recorded:
            raise AssertionError(f"{name}, seed {seed}: {_first_difference(recorded, now)}")
