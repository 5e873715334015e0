"""Golden transcripts: a saved ``ipt-sim play ... --json`` output, replayed and compared.

Save one with ``ipt-sim play SCENARIO --choices ... --json --no-record > NAME.golden.json``;
``ipt-sim test`` replays its choices (and deliveries) on the scenario as it is now and
shows a diff when anything a player would see has changed: what the other person says
and does, the thought and coach lines, ratings, feedback, meters, the ending and its
debrief. The failure first names each moment that changed (``turn 2 at 'kitchen'
('stay') changed: heard.says``), then the diff. ``--update-golden`` accepts the new
behaviour.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from simulator import rules
from simulator.authoring.steps import StepFailed, delivery_of, find_scenario
from simulator.engine import compile_scenario
from simulator.errors import IptSimError
from simulator.judge import Delivery
from simulator.library import load
from simulator.transcript import session_dict

IGNORED = ("session_id",)


def _turns(saved: dict[str, Any], path: Path) -> list[tuple[str, Delivery]]:
    """The saved replies, or a one-line refusal saying what is wrong with a hand-edited file."""
    turns = saved["turns"]
    if not isinstance(saved["scenario"], str):
        raise StepFailed(f'{path}: "scenario" must be a scenario id or path, not {json.dumps(saved["scenario"])}')
    if not isinstance(turns, list):
        raise StepFailed(f'{path}: "turns" must be a list of turns, not {json.dumps(turns)}')
    out: list[tuple[str, Delivery]] = []
    for n, turn in enumerate(turns, 1):
        if not isinstance(turn, dict):
            raise StepFailed(f"{path}: turn {n} must be an object with choice, tone and nonverbal")
        missing = [k for k in ("choice", "tone", "nonverbal") if k not in turn]
        if missing:
            raise StepFailed(f'{path}: turn {n} has no "{missing[0]}"')
        cues = turn["nonverbal"]
        if not isinstance(turn["choice"], str) or not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
            raise StepFailed(f'{path}: turn {n}: "choice" must be text and "nonverbal" a list of cue ids')
        if not isinstance(turn["tone"], str):
            raise StepFailed(f'{path}: turn {n}: "tone" must be a tone id')
        try:
            out.append((turn["choice"], delivery_of(turn["tone"], tuple(cues))))
        except StepFailed as err:
            raise StepFailed(f"{path}: turn {n}: {err}") from None
    return out


def replay(saved: dict[str, Any], path: Path) -> dict[str, Any]:
    """The transcript the scenario gives today for the saved choices and deliveries (the
    scenario is found from the golden file's folder, as a feature's is)."""
    turns = _turns(saved, path)
    scenario = load(find_scenario(saved["scenario"], path.parent))
    session = compile_scenario(scenario).new_session()
    for n, (choice, said) in enumerate(turns, 1):
        try:
            # At a fixed-delivery moment the saved tone is the choice's own: replay the
            # choice as the scenario says it today, so a changed tone shows in the diff.
            session.play(choice, said if rules.chooses_delivery(scenario, session.current) else None)
        except IptSimError as err:
            raise StepFailed(f"turn {n}: '{choice}' can no longer be played: {err.message}") from None
    return session_dict(session, saved.get("mode", "coach"))


def _text(data: Any) -> list[str]:
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in IGNORED}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True).splitlines(keepends=True)


def _changed(before: Any, after: Any, where: str = "") -> list[str]:
    """The paths of the values that differ, such as ``heard.says`` or ``meters_after.charge``."""
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[str] = []
        for k in sorted(set(before) | set(after)):
            if k not in IGNORED and before.get(k) != after.get(k):
                out += _changed(before.get(k), after.get(k), f"{where}.{k}" if where else k)
        return out
    return [where or "(all)"]


def moments(saved: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """One line per moment that changed: the turn (its number, state and reply) or the ending, and what changed there."""
    lines: list[str] = []
    old_turns: list[Any] = saved["turns"] if isinstance(saved.get("turns"), list) else []
    new_turns: list[Any] = now["turns"]
    for n in range(max(len(old_turns), len(new_turns))):
        old = old_turns[n] if n < len(old_turns) else None
        new = new_turns[n] if n < len(new_turns) else None
        if old == new:
            continue
        shown = new or old
        at = f"turn {n + 1} at '{shown.get('state')}' ('{shown.get('choice')}')" if isinstance(shown, dict) else f"turn {n + 1}"
        what = "is new" if old is None else "is gone" if new is None else "changed: " + ", ".join(_changed(old, new))
        lines.append(f"{at} {what}")
    for key in sorted(set(saved) | set(now)):
        if key not in ("turns", *IGNORED) and saved.get(key) != now.get(key):
            lines.append(f"{key} changed: " + ", ".join(_changed(saved.get(key), now.get(key), key)))
    return lines


def check(path: Path, update: bool = False) -> None:
    """Compare (or with ``update``, rewrite) one golden file."""
    try:
        saved = json.loads(path.read_text("utf-8"))
        if not isinstance(saved, dict) or "scenario" not in saved or "turns" not in saved:
            raise ValueError("not a saved `ipt-sim play --json` transcript")
    except (OSError, ValueError) as err:
        raise StepFailed(f"{path}: cannot read the golden transcript: {err}") from None
    now = replay(saved, path)
    if update:
        path.write_text(json.dumps(now, indent=2, ensure_ascii=False) + "\n", "utf-8")
        return
    before, after = _text(saved), _text(now)
    if before != after:
        diff = "".join(difflib.unified_diff(before, after, f"{path} (saved)", f"{path} (now)"))
        what = "\n".join(f"  {line}" for line in moments(saved, now))
        raise StepFailed(f"the transcript has changed; if that is intended, run with --update-golden\n{what}\n{diff}")
