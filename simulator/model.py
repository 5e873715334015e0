"""Typed, immutable scenario objects: what the validator produces and everything else reads.

Nothing downstream of :mod:`simulator.validate` sees YAML or raw dicts. Mappings are
read-only views (``MappingProxyType``) so a loaded scenario cannot be changed by a session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Rating = Literal["good", "mixed", "poor"]
Outcome = Literal["positive", "mixed", "negative"]
Pace = Literal["slow", "normal", "fast"]
Delivery = Literal["fixed", "choose"]
Level = Literal["skilful", "adequate", "misapplied", "omitted"]

DIMENSIONS: tuple[str, ...] = ("tone", "timing", "nonverbal", "charge")
RATINGS: tuple[str, ...] = ("good", "mixed", "poor")
RATING_POINTS: Mapping[str, float] = {"good": 1.0, "mixed": 0.5, "poor": 0.0}
AREAS: tuple[str, ...] = ("grief", "role_dispute", "role_transition", "interpersonal_deficits")
STAGES: tuple[str, ...] = ("renegotiation", "impasse", "dissolution")
PHASES: tuple[str, ...] = ("initial", "middle", "termination")
PERSPECTIVES: tuple[str, ...] = ("client", "therapist")
OUTCOMES: tuple[str, ...] = ("positive", "mixed", "negative")
PACES: tuple[str, ...] = ("slow", "normal", "fast")
DELIVERIES: tuple[str, ...] = ("fixed", "choose")
LEVELS: tuple[str, ...] = ("skilful", "adequate", "misapplied", "omitted")
DONE_LEVELS: frozenset[str] = frozenset({"skilful", "adequate"})
NEEDS: tuple[str, ...] = ("steady", "tentative", "clear")
RESERVED_NAMES: frozenset[str] = frozenset({"turn", "visited"})
# Words a player can type at any prompt instead of a reply.
PAUSE_WORDS: frozenset[str] = frozenset({"p", "pause"})
REWIND_WORDS: frozenset[str] = frozenset({"r", "rewind", "undo"})
HELP_WORDS: frozenset[str] = frozenset({"?", "h", "help"})
PLAY_COMMANDS: frozenset[str] = PAUSE_WORDS | REWIND_WORDS | HELP_WORDS


@dataclass(frozen=True, slots=True)
class Pos:
    """Where something was written (1-based line and column)."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Source:
    """Author-written text that may hold a Jinja expression or ``{{ }}`` template."""

    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    role: str
    pos: Pos = Pos(1, 1)  # where its id is written
    cues: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))  # how cues land with this person


@dataclass(frozen=True, slots=True)
class Meter:
    name: str
    start: int
    min: int
    max: int
    flood: int | None = None  # only on ``charge``
    pos: Pos = Pos(1, 1)  # where its name is written
    window: tuple[int, int] | None = None  # only on ``charge``: the affect window (format 1.1)
    recovery: int | None = None  # only on ``charge``: the most one turn can lower a flooded charge

    def clamp(self, value: int) -> int:
        return self.min if value < self.min else self.max if value > self.max else value


@dataclass(frozen=True, slots=True)
class Branch:
    """One ``next`` branch: taken when ``when`` is true (or always, if it is None)."""

    goto: str
    when: Source | None = None
    pos: Pos = Pos(1, 1)  # where the branch (or the plain ``next`` value) is written


@dataclass(frozen=True, slots=True)
class Assess:
    """One assessment tag on a choice: an item and how well this reply does it."""

    item: str
    level: Level
    why: Source | None = None


@dataclass(frozen=True, slots=True)
class Objective:
    """An objective; ``met`` (an expression over the final values) makes it checked."""

    text: str
    id: str | None = None
    met: Source | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    say: str
    tone: str
    nonverbal: tuple[str, ...]
    timing: str
    next: tuple[Branch, ...]
    pos: Pos
    effects: Mapping[str, int]
    set_flags: Mapping[str, bool]
    rating: Mapping[str, Rating]
    feedback: Mapping[str, Source]
    requires: Source | None = None
    technique: str | None = None
    # delivery: choose -- the tones and cues the learner may pick instead of the choice's own
    tone_options: tuple[str, ...] = ()
    nonverbal_options: tuple[str, ...] = ()
    assess: tuple[Assess, ...] = ()
    problem: str | None = None
    examples: tuple[str, ...] = ()  # other ways of saying the same, for matching typed replies (free mode)


@dataclass(frozen=True, slots=True)
class State:
    id: str
    speaker: str
    says: str
    pos: Pos  # where its id is written
    nonverbal: str = ""
    pace: Pace = "normal"
    coach: str = ""
    thinks: str = ""
    delivery: Delivery | None = None  # None: inherit the scenario's
    choices: tuple[Choice, ...] = ()
    ending: str | None = None
    window: tuple[int, int] | None = None  # this moment's affect window, over the charge meter's
    needs: str | None = None  # what the moment needs from the voice (steady | tentative | clear)

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    outcome: Outcome
    debrief: Source


@dataclass(frozen=True, slots=True, eq=False)
class Scenario:
    """A whole validated scenario; compared and hashed by identity (it is compiled once)."""

    version: int
    id: str
    title: str
    area: str
    stage: str | None
    phase: str
    perspective: str
    summary: str
    content_note: str
    objectives: tuple[Objective, ...]
    characters: Mapping[str, Character]
    meters: Mapping[str, Meter]
    flags: frozenset[str]
    start: str
    states: Mapping[str, State]
    endings: Mapping[str, Ending]
    delivery: Delivery = "fixed"
    support: tuple[str, ...] = ()  # topics the endings signpost beside the crisis line
    free_text: bool = False  # the learner may type replies in their own words (free mode)
    path: str = ""
    sha256: str = ""
    key_pos: Mapping[str, Pos] = field(default_factory=lambda: MappingProxyType({}))  # where each top-level key is written

    @property
    def flood(self) -> int:
        """The charge at or above which the other person is flooded."""
        flood = self.meters["charge"].flood
        return 8 if flood is None else flood

    def delivery_of(self, state: State) -> Delivery:
        return state.delivery or self.delivery

    def window_of(self, state: State) -> tuple[int, int] | None:
        """The affect window at this moment: the state's own, else the charge meter's."""
        return state.window or self.meters["charge"].window


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    """What a listing needs, cheap to cache: no states, no texts."""

    id: str
    title: str
    area: str
    stage: str | None
    phase: str
    perspective: str
    path: str

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "area": self.area,
            "stage": self.stage,
            "phase": self.phase,
            "perspective": self.perspective,
            "path": self.path,
        }
