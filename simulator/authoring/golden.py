"""Golden transcripts: a saved ``ipt-sim play ... --json`` output, replayed and compared.

Save one with ``ipt-sim play SCENARIO --choices ... --json --no-record > NAME.golden.json``;
``ipt-sim test`` replays its choices (and deliveries) on the scenario as it is now and
shows a diff when anything a player would see has changed. ``--update-golden`` accepts
the new behaviour.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from simulator import rules
from simulator.authoring.steps import StepFailed, find_scenario
from simulator.engine import compile_scenario
from simulator.errors import IptSimError
from simulator.judge import Delivery
from simulator.library import load
from simulator.transcript import session_dict

IGNORED = ("session_id",)


def replay(saved: dict[str, Any]) -> dict[str, Any]:
    """The transcript the scenario gives today for the saved choices and deliveries."""
    scenario = load(find_scenario(saved["scenario"]))
    session = compile_scenario(scenario).new_session()
    for n, turn in enumerate(saved["turns"], 1):
        try:
            chosen = rules.chooses_delivery(scenario, session.current)  # elsewhere the words' own delivery, as today
            session.play(turn["choice"], Delivery(turn["tone"], tuple(turn["nonverbal"])) if chosen else None)
        except IptSimError as err:
            raise StepFailed(f"turn {n}: '{turn['choice']}' can no longer be played: {err.message}") from None
    return session_dict(session, saved.get("mode", "coach"))


def _text(data: dict[str, Any]) -> list[str]:
    clean = {k: v for k, v in data.items() if k not in IGNORED}
    return json.dumps(clean, indent=2, ensure_ascii=False, sort_keys=True).splitlines(keepends=True)


def check(path: Path, update: bool = False) -> None:
    """Compare (or with ``update``, rewrite) one golden file."""
    try:
        saved = json.loads(path.read_text("utf-8"))
        if not isinstance(saved, dict) or "scenario" not in saved or "turns" not in saved:
            raise ValueError("not a saved `ipt-sim play --json` transcript")
    except (OSError, ValueError) as err:
        raise StepFailed(f"{path}: cannot read the golden transcript: {err}") from None
    now = replay(saved)
    if update:
        path.write_text(json.dumps(now, indent=2, ensure_ascii=False) + "\n", "utf-8")
        return
    before, after = _text(saved), _text(now)
    if before != after:
        diff = "".join(difflib.unified_diff(before, after, f"{path} (saved)", f"{path} (now)"))
        raise StepFailed(f"the transcript has changed; if that is intended, run with --update-golden\n{diff}")
