"""A session as plain data: the ``--json`` shape of ``ipt-sim play`` and of records.

Also the debrief's analysis that needs the engine: for each turn, the best-rated
alternative that was on offer at that moment ("what else you could have said").
"""

from __future__ import annotations

from typing import Any

from simulator.engine import Session, Turn, compile_scenario
from simulator.judge import score
from simulator.model import RATING_POINTS


def turn_dict(t: Turn) -> dict[str, Any]:
    return _typed(t) | {
        "state": t.state,
        "choice": t.choice,
        "say": t.say,
        "tone": t.delivery.tone,
        "nonverbal": list(t.delivery.nonverbal),
        "timing": t.timing,
        "meters_before": dict(t.meters_before),
        "meters_after": dict(t.meters_after),
        "ratings": dict(t.judgement.ratings),
        "feedback": dict(t.judgement.feedback),
        "next": t.next,
    }


def _typed(t: Turn) -> dict[str, Any]:
    """Free mode: the words typed, and what they show, beside the choice they were taken as."""
    return {} if t.typed is None else {"typed": t.typed, "own_words": [dict(o) for o in t.own_words]}


def session_dict(session: Session, mode: str) -> dict[str, Any]:
    """``{scenario, mode, turns, ending, meters, flags, scores}`` as documented in the README."""
    ending = session.ending
    return {
        "scenario": session.scenario.id,
        "mode": mode,
        "turns": [turn_dict(t) for t in session.turns],
        "ending": {"id": ending.id, "title": ending.title, "outcome": ending.outcome} if ending else None,
        "meters": dict(session.meters),
        "flags": dict.fromkeys(sorted(session.scenario.flags), False) | session.flags,
        "scores": score([t.judgement.ratings for t in session.turns]),
    }


def points(ratings: Any) -> float:
    return sum(RATING_POINTS[r] for r in ratings.values())


def best_alternative(session: Session, t: Turn) -> tuple[str, str, float] | None:
    """The best-rated choice on offer when ``t`` was played, if it beats what was chosen.

    Replays each offered choice from the turn's starting point on a scratch session, so
    the judgement is exactly what the player would have got. Returns (id, say, points).
    """
    probe = compile_scenario(session.scenario).new_session()
    best: tuple[str, str, float] | None = None
    chosen = points(t.judgement.ratings)
    probe.state = t.state
    offered = _restore(probe, t).offered()
    for c in offered:
        if c.id == t.choice:
            continue
        _restore(probe, t)
        alt = probe.play(c.id)
        p = points(alt.judgement.ratings)
        if p > chosen and (best is None or p > best[2]):
            best = (c.id, c.say, p)
    return best


def _restore(probe: Session, t: Turn) -> Session:
    probe.state = t.state
    probe.meters = dict(t.meters_before)
    probe.flags = dict(t.flags_before)
    probe.visited = set(t.visited_before)
    probe.turn = t.number - 1
    probe.turns = []
    return probe
