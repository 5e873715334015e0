"""Where a play can get, decided once for validate and lint: one pass over the graph.

Every branch of every choice is assumed possible (conditions are not read), so these are
over-approximations: a state not reached here is reached by no play (W101), an ending
neither (W102), and a state that cannot get to an ending here never ends (W103); the values
a meter or flag may have on entering a state (:func:`reachable_values`) are what lint's
checks decide over. The pass is linear in a meter's range (each value crosses each edge
once) and cached per scenario object, so validate and lint share it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from simulator.model import Scenario


@lru_cache(maxsize=16)
def reachable_values(s: Scenario) -> dict[str, dict[str, set[Any]]]:
    """For each state, the values each meter and flag may have on entry (an over-approximation:
    conditions are ignored, so every branch is assumed possible).

    Each name is followed on its own, and only values new to a state are carried on from it,
    so each value crosses each edge once: the cost is linear in a meter's range."""
    names = [*s.meters, *sorted(s.flags)]
    vals: dict[str, dict[str, set[Any]]] = {sid: {n: set() for n in names} for sid in s.states}
    fresh: dict[str, dict[str, set[Any]]] = {sid: {n: set() for n in names} for sid in s.states}
    for name, m in s.meters.items():
        vals[s.start][name].add(m.start)
    for flag in s.flags:
        vals[s.start][flag].add(False)
    fresh[s.start] = {n: set(v) for n, v in vals[s.start].items()}
    todo = [s.start]
    while todo:
        sid = todo.pop()
        new, fresh[sid] = fresh[sid], {n: set() for n in names}
        for c in s.states[sid].choices:
            after: dict[str, set[Any]] = {
                name: {s.meters[name].clamp(v + c.effects.get(name, 0)) for v in new[name]} for name in s.meters
            }
            for flag in s.flags:
                after[flag] = ({c.set_flags[flag]} if new[flag] else set()) if flag in c.set_flags else new[flag]
            for b in c.next:
                grew = False
                for name in names:
                    added = after[name] - vals[b.goto][name]
                    if added:
                        vals[b.goto][name] |= added
                        fresh[b.goto][name] |= added
                        grew = True
                if grew and b.goto not in todo:
                    todo.append(b.goto)
    return vals


def reached_states(s: Scenario) -> set[str]:
    """The states some play can enter (the start included)."""
    return {sid for sid, values in reachable_values(s).items() if values["charge"]}


def can_end(s: Scenario) -> set[str]:
    """The states from which some path leads to an ending."""
    pred: dict[str, set[str]] = {sid: set() for sid in s.states}
    for sid, st in s.states.items():
        for c in st.choices:
            for b in c.next:
                pred[b.goto].add(sid)
    out = {sid for sid, st in s.states.items() if st.ending}
    todo = list(out)
    while todo:
        for p in pred[todo.pop()]:
            if p not in out:
                out.add(p)
                todo.append(p)
    return out


__all__ = ["can_end", "reachable_values", "reached_states"]
