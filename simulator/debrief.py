"""What the end of a session teaches, as data: shared by the terminal, HTML and Markdown.

The communication-analysis table goes turn by turn: what the other person said and
showed, what the player said and how (tone, cues, timing), what it did to the charge,
the ratings, and the best-rated alternative on offer at that moment. A debrief is built
from parts a record also stores (:func:`row_for`, :func:`scenario_facts`), so a report
from the records reads exactly like the debrief at the end of play.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator import catalogs
from simulator.engine import Session, Turn
from simulator.judge import score
from simulator.model import Scenario
from simulator.transcript import best_alternative

ADVICE_LIKE = frozenset({"directive_advice", "reassurance"})


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    speaker: str
    they_said: str
    they_showed: str
    you_said: str
    tone: str
    cues: tuple[str, ...]
    timing: str
    charge_before: int
    charge_after: int
    ratings: Mapping[str, str]
    feedback: Mapping[str, str]
    technique: str | None
    alternative: str | None  # the words of the best-rated alternative, if any beat the choice
    meters_after: Mapping[str, int] = field(default_factory=dict)
    typed: str | None = None  # free mode: the learner's own words
    own_words: tuple[str, ...] = ()  # free mode: what the words show, one note each


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario_id: str
    title: str
    perspective: str
    ending_id: str | None
    ending_title: str
    outcome: str | None
    text: str
    scores: Mapping[str, int]
    meters: Mapping[str, Sequence[int]]  # each meter at the start and after each turn
    flood: int
    meter_bounds: Mapping[str, tuple[int, int]]
    rows: tuple[Row, ...]
    techniques_used: tuple[str, ...]
    techniques_missed: tuple[str, ...]
    scenario_changed: bool = False
    session_id: str | None = None
    started_at: str | None = None
    mode: str = "coach"

    @property
    def ended_badly(self) -> bool:
        return self.outcome == "negative"


def row_for(session: Session, t: Turn) -> Row:
    """The analysis row of one played turn (what a record stores)."""
    s = session.scenario
    state = s.states[t.state]
    choice = state.choice(t.choice)
    alt = best_alternative(session, t)
    return Row(
        number=t.number, speaker=s.characters[state.speaker].name, they_said=state.says,
        they_showed=state.nonverbal, you_said=t.say, tone=t.delivery.tone, cues=t.delivery.nonverbal,
        timing=t.timing, charge_before=t.meters_before["charge"], charge_after=t.meters_after["charge"],
        ratings=dict(t.judgement.ratings), feedback=dict(t.judgement.feedback),
        technique=choice.technique if choice else None,
        alternative=(f'"{alt[1]}"' if alt[1].strip() else "(a silence)") if alt else None, meters_after=dict(t.meters_after),
        typed=t.typed, own_words=tuple(str(o["note"]) for o in t.own_words),
    )  # fmt: skip


def scenario_facts(s: Scenario) -> dict[str, Any]:
    """What a debrief needs to know of its scenario (stored with each record)."""
    offered = [c.technique for st in s.states.values() for c in st.choices if c.technique]
    return {
        "id": s.id,
        "title": s.title,
        "perspective": s.perspective,
        "flood": s.flood,
        "meters": {n: {"start": m.start, "min": m.min, "max": m.max} for n, m in s.meters.items()},
        "techniques": list(dict.fromkeys(offered)),
    }


def from_parts(
    facts: Mapping[str, Any],
    rows: Sequence[Row],
    ending: Mapping[str, Any] | None,
    scenario_changed: bool = False,
    session_id: str | None = None,
    started_at: str | None = None,
    mode: str = "coach",
) -> Debrief:
    """Assemble a debrief from stored or live parts."""
    meters = facts["meters"]
    series = {n: [m["start"]] + [r.meters_after.get(n, m["start"]) for r in rows] for n, m in meters.items()}
    used = list(dict.fromkeys(r.technique for r in rows if r.technique))
    therapist = facts["perspective"] == "therapist"
    missed = [t for t in facts["techniques"] if t not in used and t not in ADVICE_LIKE]
    return Debrief(
        scenario_id=facts["id"], title=facts["title"], perspective=facts["perspective"],
        ending_id=ending["id"] if ending else None,
        ending_title=ending["title"] if ending else "Stopped before an ending",
        outcome=ending["outcome"] if ending else None, text=ending["debrief"] if ending else "",
        scores=score([r.ratings for r in rows]), meters=series, flood=facts["flood"],
        meter_bounds={n: (m["min"], m["max"]) for n, m in meters.items()}, rows=tuple(rows),
        techniques_used=tuple(used) if therapist else (), techniques_missed=tuple(missed) if therapist else (),
        scenario_changed=scenario_changed, session_id=session_id, started_at=started_at, mode=mode,
    )  # fmt: skip


def build(session: Session, mode: str = "coach", session_id: str | None = None) -> Debrief:
    """The debrief of a live (finished or stopped) session."""
    ending = session.ending
    info = {"id": ending.id, "title": ending.title, "outcome": ending.outcome, "debrief": session.debrief()} if ending else None
    rows = [row_for(session, t) for t in session.turns]
    return from_parts(scenario_facts(session.scenario), rows, info, session_id=session_id, mode=mode)


def technique_title(tid: str) -> str:
    return catalogs.load().techniques[tid].title


GROUNDING = (
    "That was a hard conversation to practise. Before you go on: take a slow breath, feel your feet "
    "on the floor, and notice three things you can see around you. It was a rehearsal; nothing said "
    "here was real. If practising this stirred up more than you expected, it may help to talk it over "
    "with your therapist or someone you trust. If you feel unsafe or in crisis, contact your local "
    "emergency number or a crisis line now."
)
