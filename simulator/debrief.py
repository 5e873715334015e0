"""What the end of a session teaches, as data: shared by the terminal, HTML and Markdown.

The communication-analysis table goes turn by turn: what the other person said and
showed, what the player said and how (tone, cues, timing), what it did to the charge,
the ratings, and the best-rated alternative on offer at that moment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simulator import catalogs
from simulator.engine import Session
from simulator.judge import score
from simulator.model import DIMENSIONS
from simulator.transcript import best_alternative


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
    alternative: str | None  # "id: words" of the best-rated alternative, if any beat the choice


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

    @property
    def ended_badly(self) -> bool:
        return self.outcome == "negative"


def build(session: Session) -> Debrief:
    """Assemble the debrief of a (finished or stopped) session."""
    s = session.scenario
    rows: list[Row] = []
    for t in session.turns:
        state = s.states[t.state]
        choice = state.choice(t.choice)
        alt = best_alternative(session, t)
        rows.append(
            Row(
                number=t.number, speaker=s.characters[state.speaker].name, they_said=state.says,
                they_showed=state.nonverbal, you_said=t.say, tone=t.delivery.tone, cues=t.delivery.nonverbal,
                timing=t.timing, charge_before=t.meters_before["charge"], charge_after=t.meters_after["charge"],
                ratings=t.judgement.ratings, feedback=t.judgement.feedback,
                technique=choice.technique if choice else None,
                alternative=f"{alt[0]}: {alt[1] or '(silence)'}" if alt else None,
            )
        )  # fmt: skip
    series = {name: [m.start] + [t.meters_after[name] for t in session.turns] for name, m in s.meters.items()}
    used: list[str] = []
    for r in rows:
        if r.technique and r.technique not in used:
            used.append(r.technique)
    offered = [c.technique for st in s.states.values() for c in st.choices if c.technique]
    good = {
        c.technique
        for st in s.states.values()
        for c in st.choices
        if c.technique and c.technique not in ("directive_advice", "reassurance")
    }
    missed = tuple(dict.fromkeys(t for t in offered if t in good and t not in used))
    ending = session.ending
    return Debrief(
        scenario_id=s.id, title=s.title, perspective=s.perspective, ending_id=ending.id if ending else None,
        ending_title=ending.title if ending else "Stopped before an ending",
        outcome=ending.outcome if ending else None, text=session.debrief(),
        scores=score([t.judgement.ratings for t in session.turns]), meters=series, flood=s.flood,
        meter_bounds={n: (m.min, m.max) for n, m in s.meters.items()}, rows=tuple(rows),
        techniques_used=tuple(used) if s.perspective == "therapist" else (),
        techniques_missed=missed if s.perspective == "therapist" else (),
    )  # fmt: skip


def technique_title(tid: str) -> str:
    return catalogs.load().techniques[tid].title


GROUNDING = (
    "That was a hard conversation to practise. Before you go on: take a slow breath, feel your feet "
    "on the floor, and notice three things you can see around you. It was a rehearsal; nothing said "
    "here was real. If practising this stirred up more than you expected, it may help to talk it over "
    "with your therapist or someone you trust."
)

__all__ = ["DIMENSIONS", "GROUNDING", "Debrief", "Row", "build", "technique_title"]
