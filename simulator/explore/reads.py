"""What a scenario's expressions read: the only parts of a play's history that matter."""

from __future__ import annotations

from typing import Literal

from simulator.explore.model import Tracked
from simulator.expressions import reads
from simulator.model import Scenario

# -- what the expressions read (one answer, :func:`simulator.expressions.reads`) -----------


def _expressions(scenario: Scenario) -> list[str]:
    out: list[str] = []
    for state in scenario.states.values():
        for c in state.choices:
            if c.requires is not None:
                out.append(c.requires.text)
            out.extend(b.when.text for b in c.next if b.when is not None)
    # An objective's `met` is read at the end of a play: what it reads must be in the position.
    out.extend(o.met.text for o in scenario.objectives if o.met is not None)
    return out


def tracked(scenario: Scenario) -> Tracked:
    """What a position must hold for this scenario: the names its expressions read, and charge."""
    each = [reads(source) for source in _expressions(scenario)]
    names = set().union(*(r.names for r in each))
    seen = set().union(*(r.visited for r in each))
    consts = [c for r in each if r.turn_consts is not None for c in r.turn_consts]
    meters = ("charge", *(m for m in scenario.meters if m != "charge" and m in names))
    flags = tuple(sorted(f for f in scenario.flags if f in names))
    visited: tuple[str, ...] | None = None
    if any(r.visited_all for r in each):
        visited = tuple(scenario.states)
    elif seen:
        visited = tuple(sorted(seen))
    turn: int | Literal["exact"] | None = None
    if any(r.turn_exact for r in each):
        turn = "exact"
    elif any(r.turn_consts is not None for r in each):
        turn = max(1, int(max(consts) // 1) + 1) if consts else 1
    return Tracked(meters, flags, visited, any(r.visited_all for r in each), turn)
