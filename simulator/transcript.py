"""A session as plain data: the ``--json`` shape of ``ipt-sim play`` and of records.

Also the debrief's analysis that needs the engine: for each turn, the best-rated
alternative that was on offer at that moment ("what else you could have said").
"""

from __future__ import annotations

from typing import Any

from simulator import catalogs, rules
from simulator.assessment import assessment_json, critical_missed
from simulator.engine import Session, Turn
from simulator.judge import score
from simulator.model import DONE_LEVELS, RATING_POINTS


def turn_dict(t: Turn) -> dict[str, Any]:
    j = t.judgement
    return _typed(t) | {
        "state": t.state,
        "choice": t.choice,
        "say": t.say,
        "tone": t.delivery.tone,
        "nonverbal": list(t.delivery.nonverbal),
        "timing": t.timing,
        "meters_before": dict(t.meters_before),
        "meters_after": dict(t.meters_after),
        "ratings": {**j.ratings, "practice": j.practice},
        "feedback": {**j.feedback, **({"practice": j.practice_feedback} if j.practice_feedback else {})},
        "next": t.next,
        "assess": [{"item": i.item, "level": i.level, "why": i.why or None} for i in j.items],
        "problem": j.problem,
    }


def tags(session: Session) -> list[tuple[int, str, str, str]]:
    return [(t.number, i.item, i.level, i.why) for t in session.turns for i in t.judgement.items]


def objectives_json(session: Session) -> list[dict[str, Any]]:
    return [{"id": o.id, "text": o.text, "met": met} for o, met in session.objectives()]


def session_scores(session: Session) -> dict[str, int | None]:
    ratings = [{**t.judgement.ratings, "practice": t.judgement.practice} for t in session.turns]
    return score(ratings, bool(critical_missed(tags(session))))


def _typed(t: Turn) -> dict[str, Any]:
    """Free mode: the words typed, and what they show, beside the choice they were taken as."""
    return {} if t.typed is None else {"typed": t.typed, "own_words": [dict(o) for o in t.own_words]}


def heard(session: Session, state_id: str) -> dict[str, str]:
    """What the player is shown at a state before replying: who speaks, their words and cues,
    the thought and coach lines (so a golden transcript sees a change to any of them)."""
    st = session.scenario.states[state_id]
    person = session.scenario.characters.get(st.speaker)
    shown = {"speaker": person.name if person else st.speaker, "says": st.says, "nonverbal": st.nonverbal,
             "thinks": st.thinks, "coach": st.coach}  # fmt: skip
    return {k: v for k, v in shown.items() if v}


def _ending(session: Session) -> dict[str, Any] | None:
    ending = session.ending
    if ending is None:
        return None
    shown = {"heard": heard(session, session.state), "debrief": session.debrief()}
    return {"id": ending.id, "title": ending.title, "outcome": ending.outcome, **shown}


def session_dict(session: Session, mode: str) -> dict[str, Any]:
    """``{scenario, mode, turns, ending, meters, flags, scores}`` as documented in the README;
    each turn and the ending also carry what the player was shown there (``heard``, ``debrief``)."""
    return {
        "scenario": session.scenario.id,
        "mode": mode,
        "turns": [turn_dict(t) | {"heard": heard(session, t.state)} for t in session.turns],
        "ending": _ending(session),
        "meters": dict(session.meters),
        "flags": dict.fromkeys(sorted(session.scenario.flags), False) | session.flags,
        "scores": session_scores(session),
        "assessment": assessment_json(tags(session), objectives_json(session)),
    }


def points(ratings: Any) -> float:
    return sum(RATING_POINTS[r] for r in ratings.values())


_PRACTICE_RANK = {"good": 2, "mixed": 1, None: 1, "poor": 0}


def rank(t: Turn) -> tuple[int, int, float]:
    """How good a reply was: practice first (what was done), then critical items done (going
    back to ask about risk beats any other good move), then the delivery's points."""
    items = catalogs.load().items
    critical_done = sum(1 for i in t.judgement.items if items[i.item].critical and i.level in DONE_LEVELS)
    return _PRACTICE_RANK[t.judgement.practice], critical_done, points(t.judgement.ratings)


def best_alternative(session: Session, t: Turn) -> tuple[str, str, float] | None:
    """The best choice on offer when ``t`` was played, if it beats what was chosen.

    Each alternative is judged exactly as the player would have got it
    (:func:`simulator.rules.alternatives`: the same reply time and, where the learner chose
    the delivery, the same delivery). Practice ranks first. Returns (id, say, points).
    """
    best: tuple[str, str, float] | None = None
    best_rank = rank(t)
    for alt in rules.alternatives(session, t):
        r = rank(alt)
        if r > best_rank:
            best, best_rank = (alt.choice, alt.say, r[2]), r
    return best
