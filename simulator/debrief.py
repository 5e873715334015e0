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

from simulator import catalogs, safety
from simulator.assessment import ItemLine, Tagged, checklist, critical_missed, techniques
from simulator.engine import Session, Turn
from simulator.judge import score
from simulator.model import DONE_LEVELS, Choice, Scenario
from simulator.rules import offered_at
from simulator.transcript import best_alternative, objectives_json

# Techniques never listed as missed: using them is a choice, not a duty (interpretation is not IPT).
ADVICE_LIKE = frozenset({"directive_advice", "reassurance", "interpretation"})


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
    practice: str | None = None  # format 1.1: None when the choice has no assess
    practice_feedback: str = ""
    items: tuple[tuple[str, str, str], ...] = ()  # (item, level, why)
    problem: str | None = None
    called_for: tuple[str, ...] | None = None  # techniques missed at this moment (None: a record older than 1.1)
    typed: str | None = None  # free mode: the learner's own words
    own_words: tuple[str, ...] = ()  # free mode: what the words show, one note each


SCORES_HELD_BACK = (
    "No scores this time: a rehearsal that ended this way is better read reply by reply, below, "
    "with what else you could have said. You can play it again whenever you are ready."
)


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario_id: str
    title: str
    perspective: str
    ending_id: str | None
    ending_title: str
    outcome: str | None
    text: str
    scores: Mapping[str, int | None]
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
    techniques_misapplied: tuple[tuple[str, str], ...] = ()  # (technique, why)
    checklist: tuple[ItemLine, ...] = ()
    critical_missed: tuple[str, ...] = ()
    objectives: tuple[Mapping[str, Any], ...] = ()  # {id, text, met: bool | None}
    grounding: str = ""
    signposts: tuple[str, ...] = ()

    @property
    def ended_badly(self) -> bool:
        return self.outcome == "negative"

    @property
    def scores_held_back(self) -> bool:
        """A client's rehearsal that ended badly shows no row of numbers, often all zeros
        after a flood: blunt for someone rehearsing their own life, and less use than what
        each reply did (newcomer review, finding 16). The numbers stay in the record and the
        JSON; a trainee (therapist perspective) sees them, as a trainer grades them."""
        return self.perspective != "therapist" and self.ended_badly

    @property
    def missed_critical_lines(self) -> tuple[ItemLine, ...]:
        return tuple(line for line in self.checklist if line.critical and line.status != "done")

    def tags(self) -> list[Tagged]:
        return [(r.number, item, level, why) for r in self.rows for item, level, why in r.items]


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
        practice=t.judgement.practice, practice_feedback=t.judgement.practice_feedback,
        items=tuple((i.item, i.level, i.why) for i in t.judgement.items), problem=t.judgement.problem,
        called_for=called_for(session, t, choice),
        typed=t.typed, own_words=tuple(str(o["note"]) for o in t.own_words),
    )  # fmt: skip


def called_for(session: Session, t: Turn, chosen: Choice | None) -> tuple[str, ...]:
    """The techniques this moment called for and the learner did not take up: those of the
    well-judged replies on offer then (``requires`` as it stood), unless the learner's own
    reply was itself well judged (choosing one good move is not missing another)."""
    if chosen is None or calls_for(chosen):
        return ()
    offered = offered_at(session, t)
    return tuple(dict.fromkeys(c.technique for c in offered if c.technique and calls_for(c)))


def calls_for(c: Choice) -> bool:
    """A choice whose technique the moment called for: tagged done (format 1.1), or, in an
    untagged (version 1) choice, one whose timing tag is rated good."""
    if c.assess:
        return all(a.level in DONE_LEVELS for a in c.assess)
    return catalogs.load().timings[c.timing].rating == "good"


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
        "content_note": bool(s.content_note),
        "support": list(s.support),
        "objectives": [{"id": o.id, "text": o.text, "met": None} for o in s.objectives],
    }


def from_parts(
    facts: Mapping[str, Any],
    rows: Sequence[Row],
    ending: Mapping[str, Any] | None,
    scenario_changed: bool = False,
    session_id: str | None = None,
    started_at: str | None = None,
    mode: str = "coach",
    region: str | None = None,
) -> Debrief:
    """Assemble a debrief from stored or live parts (records written before format 1.1
    lack the newer keys: each has a default that means "not assessed")."""
    meters = facts["meters"]
    series = {n: [m["start"]] + [r.meters_after.get(n, m["start"]) for r in rows] for n, m in meters.items()}
    therapist = facts["perspective"] == "therapist"
    tags = [(r.number, item, level, why) for r in rows for item, level, why in r.items]
    missed_items = critical_missed(tags)
    played = [(r.technique, [(level, why) for _i, level, why in r.items]) for r in rows]
    old_record = bool(rows) and all(r.called_for is None for r in rows)
    called = facts["techniques"] if old_record else [t for r in rows for t in r.called_for or ()]
    tech = techniques(played, called, ADVICE_LIKE)
    objectives = (ending or {}).get("objectives") or facts.get("objectives", [])
    outcome = ending["outcome"] if ending else None
    ground, signs = safety.closing(
        facts["perspective"], outcome == "negative", bool(facts.get("content_note")) and ending is not None,
        safety.choose_region(region), facts.get("support", ()),
    )  # fmt: skip
    return Debrief(
        scenario_id=facts["id"], title=facts["title"], perspective=facts["perspective"],
        ending_id=ending["id"] if ending else None,
        ending_title=ending["title"] if ending else "Stopped before an ending",
        outcome=outcome, text=ending["debrief"] if ending else "",
        scores=score([{**r.ratings, "practice": r.practice} for r in rows], bool(missed_items)), meters=series,
        flood=facts["flood"], meter_bounds={n: (m["min"], m["max"]) for n, m in meters.items()}, rows=tuple(rows),
        techniques_used=tech.used if therapist else (), techniques_missed=tech.missed if therapist else (),
        techniques_misapplied=tech.misapplied if therapist else (),
        scenario_changed=scenario_changed, session_id=session_id, started_at=started_at, mode=mode,
        checklist=tuple(checklist(tags)), critical_missed=tuple(missed_items), objectives=tuple(objectives),
        grounding=ground, signposts=tuple(signs),
    )  # fmt: skip


def ending_info(session: Session) -> dict[str, Any] | None:
    """What a record keeps of the ending: id, title, outcome, debrief text, objectives met."""
    ending = session.ending
    if ending is None:
        return None
    return {"id": ending.id, "title": ending.title, "outcome": ending.outcome, "debrief": session.debrief(),
            "objectives": objectives_json(session)}  # fmt: skip


def build(session: Session, mode: str = "coach", session_id: str | None = None, region: str | None = None) -> Debrief:
    """The debrief of a live (finished or stopped) session."""
    rows = [row_for(session, t) for t in session.turns]
    return from_parts(
        scenario_facts(session.scenario), rows, ending_info(session), session_id=session_id, mode=mode, region=region
    )


def technique_title(tid: str) -> str:
    return catalogs.load().techniques[tid].title


def item_title(iid: str) -> str:
    return catalogs.load().items[iid].title


def problem_title(pid: str) -> str:
    return catalogs.load().problems[pid].title
