"""``explore`` explores the deliveries a learner can choose (authoring review 2026-11,
finding 5): at a ``delivery: choose`` moment each offered tone and cue set is a move, its
paths replay through ``play --choices`` to what explore says.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from simulator.cli import cli

FILE = Path(__file__).resolve().parent / "data" / "explore" / "only-by-delivery.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), prog_name="ipt-sim", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_ending_reached_only_through_a_chosen_delivery_is_reachable() -> None:
    # `stay` said warmly keeps the charge at 5 (welcome); said with crossed arms it reaches 6 (shut-out).
    data = json.loads(run("explore", str(FILE), "--json"))
    shut_out = data["endings"]["shut-out"]
    assert shut_out["reachable"] is True
    assert shut_out["shortest"] == ["stay@warm@arms_crossed+look_away"]
    assert data["unvisited"] == {"states": [], "choices": []}
    played = json.loads(run("play", str(FILE), "--choices", ",".join(shut_out["shortest"]), "--json", "--no-record"))
    assert played["ending"]["id"] == "shut-out"
    for which in ("best", "worst"):
        path = data[which]["path"]
        replayed = json.loads(run("play", str(FILE), "--choices", ",".join(path), "--json", "--no-record", "--timing", "off"))
        assert replayed["scores"]["overall"] == data[which]["score"], which
