"""What ``ipt-sim explore`` reports, and the constants that bound its search."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

DEFAULT_MAX_NODES = 1_000_000  # about 1.2 GB and a minute or two at the limit
LAYER_BUDGET = 250_000  # (position, turns, points) entries the exact score programme may hold
LAYER_TURNS_WITH_LOOPS = 64  # plays this long are scored exactly even when loops make plays unbounded
MAX_WITNESS_TURNS = 10_000
_HALF_POINTS = {"good": 2, "mixed": 1, "poor": 0}

Unbounded = Literal["unbounded"]
UNBOUNDED: Unbounded = "unbounded"


# -- results --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EndingFacts:
    """What is known about one ending; ``None`` means not proven either way."""

    id: str
    outcome: str
    reachable: bool | None
    shortest: tuple[str, ...] | None
    min_turns: int | None
    max_turns: int | Unbounded | None


@dataclass(frozen=True, slots=True)
class Extreme:
    """The best (or worst) overall score, a play that scores it, and whether it is proven."""

    score: int
    path: tuple[str, ...]
    exact: bool
    bound: int  # no play scores above (best) / below (worst) this


@dataclass(frozen=True, slots=True)
class Tracked:
    """What a position holds besides the state: only what the expressions read."""

    meters: tuple[str, ...]
    flags: tuple[str, ...]
    visited: tuple[str, ...] | None  # states with a visited bit; None when ``visited`` is not read
    visited_all: bool
    turn: int | Literal["exact"] | None  # saturation value, exact, or not read


@dataclass(frozen=True, slots=True)
class Result:
    scenario: str
    complete: bool
    max_nodes: int
    nodes: int
    edges: int
    tracked: Tracked
    endings: Mapping[str, EndingFacts]
    plays: int | Unbounded | None
    best: Extreme | None
    worst: Extreme | None
    unvisited_states: tuple[str, ...] | None
    unvisited_choices: tuple[tuple[str, str], ...] | None
    critical: Mapping[str, Any] = field(default_factory=dict)  # item -> CriticalFacts (format 1.1)
    objectives: Mapping[str, Any] = field(default_factory=dict)  # objective id -> ObjectiveFacts
    assessed: bool = False  # some choice carries assess: best and worst are overall scores (format 1.1)
    delivery: tuple[Extreme | None, Extreme | None] | None = None  # with assess: best and worst delivery alone
