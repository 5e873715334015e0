"""The graph of positions: every (state, values that matter) a play can reach, and its moves."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from simulator import delivery
from simulator.engine import compile_scenario
from simulator.explore.model import _HALF_POINTS, Tracked
from simulator.expressions import evaluate, reads
from simulator.judge import Delivery, judge, rating_inputs
from simulator.model import DIMENSIONS, Choice, Scenario, State

# -- the position graph -----------------------------------------------------------------


class _Cond:
    """An expression evaluated on a position, cached by the values it reads."""

    __slots__ = ("cache", "get", "make", "source")

    def __init__(self, source: str, get: Callable[[Sequence[int]], Any], make: Callable[[Any], dict[str, Any]]) -> None:
        self.source = source
        self.get = get
        self.make = make
        self.cache: dict[Any, bool] = {}

    def __call__(self, values: Sequence[int]) -> bool:
        key = self.get(values)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = evaluate(self.source, self.make(key))
        return hit


@dataclass(slots=True)
class _Move:
    gid: int
    requires: _Cond | None
    effects: tuple[tuple[int, int, int, int], ...]  # (slot, amount, min, max)
    sets: tuple[tuple[int, int], ...]  # (slot, 0/1)
    branches: tuple[tuple[_Cond | None, int], ...]  # (when, state index)
    rates: dict[int, int]  # rating code by charge before, filled in as the search meets each value
    rate: Callable[[int], int]  # the rating code for a charge before (judged once, then from ``rates``)
    shift: int = 0  # how much a chosen delivery moves the charge beyond the effects (delivery.charge_shift)


class _Layout:
    """Where each tracked value sits in a position tuple, and how expressions read it."""

    def __init__(self, scenario: Scenario, t: Tracked) -> None:
        self.scenario = scenario
        self.t = t
        self.state_ids = list(scenario.states)
        self.meter_slot = {m: 1 + i for i, m in enumerate(t.meters)}
        self.flag_slot = {f: 1 + len(t.meters) + i for i, f in enumerate(t.flags)}
        nxt = 1 + len(t.meters) + len(t.flags)
        self.visited_slot = nxt if t.visited is not None else None
        nxt += self.visited_slot is not None
        self.turn_slot = nxt if t.turn is not None else None
        self.bit = {s: 1 << i for i, s in enumerate(t.visited or ())}
        self.bit_states = list(t.visited or ())
        self._conds: dict[str, _Cond] = {}

    def start(self) -> tuple[int, ...]:
        s = self.scenario
        values = [self.state_ids.index(s.start), *(s.meters[m].start for m in self.t.meters), *(0 for _ in self.t.flags)]
        if self.visited_slot is not None:
            values.append(self.bit.get(s.start, 0))
        if self.turn_slot is not None:
            values.append(0)
        return tuple(values)

    def cond(self, source: str) -> _Cond:
        hit = self._conds.get(source)
        if hit is not None:
            return hit
        r = reads(source)
        slots: list[tuple[str, int, str]] = []  # (name, slot, kind)
        slots += [(n, self.meter_slot[n], "meter") for n in sorted(r.names) if n in self.meter_slot]
        slots += [(n, self.flag_slot[n], "flag") for n in sorted(r.names) if n in self.flag_slot]
        if (r.visited or r.visited_all) and self.visited_slot is not None:
            slots.append(("visited", self.visited_slot, "visited"))
        if r.turn and self.turn_slot is not None:
            slots.append(("turn", self.turn_slot, "turn"))
        idx = [slot for _, slot, _ in slots]
        get: Callable[[Sequence[int]], Any] = itemgetter(*idx) if idx else (lambda _v: ())
        bit_states = self.bit_states
        single = len(idx) == 1

        def make(key: Any) -> dict[str, Any]:
            values = (key,) if single else key
            ctx: dict[str, Any] = {}
            for (name, _slot, kind), v in zip(slots, values, strict=True):
                if kind == "flag":
                    ctx[name] = bool(v)
                elif kind == "visited":
                    ctx[name] = frozenset(s for i, s in enumerate(bit_states) if v >> i & 1)
                else:
                    ctx[name] = v
            return ctx

        hit = self._conds[source] = _Cond(source, get, make)
        return hit


class _Ratings:
    """Each edge's ratings, from the real judge, shared by choices the judge cannot tell apart."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.context = compile_scenario(scenario).new_session().template_context()
        self.codes: dict[tuple[Any, ...], int] = {}
        self.table: list[tuple[int, tuple[int, ...], Mapping[str, str]]] = []  # (points 0..8, per dimension, ratings)

    def code(self, state: State, choice: Choice, said: Delivery, before: int, after: int) -> int:
        key = (rating_inputs(state, choice), said, before, after)
        hit = self.codes.get(key)
        if hit is None:
            j = judge(self.scenario, state, choice, said, before, after, self.context)
            per = tuple(_HALF_POINTS[j.ratings[d]] for d in DIMENSIONS)
            hit = self.codes[key] = len(self.table)
            self.table.append((sum(per), per, dict(j.ratings)))
        return hit


@dataclass(slots=True)
class _Graph:
    layout: _Layout
    moves: list[tuple[str, str]]  # gid -> (state id, choice id)
    nodes: list[tuple[int, ...]]
    off: list[int]
    tgt: list[int]
    gid: list[int]
    rate: list[int]
    parent: list[int]
    dist: list[int]
    complete: bool
    ending_of_state: list[int]  # ending index by state index, -1 if none
    ratings: _Ratings
    labels: list[str]  # gid -> how a play names the move: the choice id, with ``@tone@cue+cue`` for a chosen delivery


def charge_after_effects(scenario: Scenario, before: int, after: int, shift: int) -> int:
    """The engine's rules after a turn's effects: a chosen delivery's ``shift`` (clamped), then
    ``recovery`` (while flooded, the charge falls by at most that much in one turn)."""
    charge = scenario.meters["charge"]
    if shift:
        after = charge.clamp(after + shift)
    if charge.recovery is not None and before >= scenario.flood:
        after = max(after, before - charge.recovery)
    return after


def charge_after(scenario: Scenario, before: int, effect: int, shift: int = 0) -> int:
    """The charge after a choice's effect and a chosen delivery's ``shift``: each clamped, and no
    faster down than ``recovery`` while flooded (the engine's order)."""
    return charge_after_effects(scenario, before, scenario.meters["charge"].clamp(before + effect), shift)


def _rater(
    scenario: Scenario, ratings: _Ratings, state: State, c: Choice, said: Delivery, shift: int
) -> tuple[dict[int, int], Callable[[int], int]]:
    """A move's ratings, judged only for the charges a position found by the search has: no
    work per value of the charge's range happens before the position limit can stop it."""
    rates: dict[int, int] = {}
    effect = c.effects.get("charge", 0)

    def rate(before: int) -> int:
        hit = rates.get(before)
        if hit is None:
            hit = rates[before] = ratings.code(state, c, said, before, charge_after(scenario, before, effect, shift))
        return hit

    return rates, rate


def deliveries(scenario: Scenario, state: State, c: Choice) -> list[tuple[str, Delivery, int]]:
    """The deliveries a learner can give a choice, each with its label and charge shift: the
    choice's own, and at a ``delivery: choose`` moment every tone and cue set offered."""
    own = Delivery(c.tone, c.nonverbal)
    if scenario.delivery_of(state) != "choose":
        return [(c.id, own, 0)]
    out: list[tuple[str, Delivery, int]] = []
    for tone in delivery.tone_options(c):
        for cues in delivery.cue_options(c):
            said = Delivery(tone, cues)
            if said == own:
                out.insert(0, (c.id, own, 0))
            else:
                out.append((f"{c.id}@{tone}@{'+'.join(cues)}", said, delivery.charge_shift(c, said, scenario, state)))
    return out


def _compile_moves(
    scenario: Scenario, layout: _Layout, ratings: _Ratings
) -> tuple[list[list[_Move]], list[tuple[str, str]], list[str]]:
    index = {s: i for i, s in enumerate(layout.state_ids)}
    per_state: list[list[_Move]] = []
    moves: list[tuple[str, str]] = []
    labels: list[str] = []
    for sid, state in scenario.states.items():
        out: list[_Move] = []
        for c in state.choices:
            effects = tuple(
                (layout.meter_slot[m], amount, scenario.meters[m].min, scenario.meters[m].max)
                for m, amount in c.effects.items()
                if m in layout.meter_slot
            )
            sets = tuple((layout.flag_slot[f], int(v)) for f, v in c.set_flags.items() if f in layout.flag_slot)
            branches = tuple((layout.cond(b.when.text) if b.when else None, index[b.goto]) for b in c.next)
            requires = layout.cond(c.requires.text) if c.requires is not None else None
            for label, said, shift in deliveries(scenario, state, c):
                rates, rate = _rater(scenario, ratings, state, c, said, shift)
                out.append(_Move(len(moves), requires, effects, sets, branches, rates, rate, shift))
                moves.append((sid, c.id))
                labels.append(label)
        per_state.append(out)
    return per_state, moves, labels


def _build(scenario: Scenario, layout: _Layout, max_nodes: int) -> _Graph:
    """Every position reachable from the start, breadth first, with its outgoing edges."""
    ratings = _Ratings(scenario)
    per_state, moves, labels = _compile_moves(scenario, layout, ratings)
    ending_index = {e: i for i, e in enumerate(scenario.endings)}
    ending_of_state = [ending_index[s.ending] if s.ending else -1 for s in scenario.states.values()]
    recovery = scenario.meters["charge"].recovery
    vslot, tslot = layout.visited_slot, layout.turn_slot
    cap = layout.t.turn if isinstance(layout.t.turn, int) else None
    bits = [layout.bit.get(s, 0) for s in layout.state_ids]
    start = layout.start()
    seen: dict[tuple[int, ...], int] = {start: 0}
    found: list[tuple[int, ...]] = [start]
    off: list[int] = []
    tgt: list[int] = []
    gids: list[int] = []
    rate: list[int] = []
    parent = [-1]
    dist = [0]
    complete = True
    i = 0
    while i < len(found):
        node = found[i]
        off.append(len(tgt))
        if ending_of_state[node[0]] >= 0:
            i += 1
            continue
        d = dist[i] + 1
        for mv in per_state[node[0]]:
            if mv.requires is not None and not mv.requires(node):
                continue
            new = list(node)
            for slot, amount, lo, hi in mv.effects:
                v = new[slot] + amount
                new[slot] = lo if v < lo else hi if v > hi else v
            if mv.shift or recovery is not None:  # charge is slot 1
                new[1] = charge_after_effects(scenario, node[1], new[1], mv.shift)
            for slot, flag in mv.sets:
                new[slot] = flag
            if tslot is not None:
                new[tslot] = new[tslot] + 1 if cap is None or new[tslot] < cap else cap
            dest = mv.branches[-1][1]
            for when, goto in mv.branches:
                if when is None or when(new):
                    dest = goto
                    break
            new[0] = dest
            if vslot is not None:
                new[vslot] |= bits[dest]
            key = tuple(new)
            j = seen.get(key)
            if j is None:
                if len(found) >= max_nodes:
                    complete = False
                    break
                j = seen[key] = len(found)
                found.append(key)
                parent.append(len(tgt))
                dist.append(d)
            tgt.append(j)
            gids.append(mv.gid)
            rate.append(mv.rate(node[1]))
        if not complete:
            break
        i += 1
    off.append(len(tgt))
    return _Graph(layout, moves, found, off, tgt, gids, rate, parent, dist, complete, ending_of_state, ratings, labels)


def _edge_source(g: _Graph, e: int) -> int:
    """The position an edge leaves (binary search on the offsets)."""
    lo, hi = 0, len(g.off) - 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if g.off[mid] <= e:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _shortest(g: _Graph, x: int) -> list[int]:
    """The edges of the first-found (shortest) play to position ``x``."""
    edges: list[int] = []
    while g.parent[x] >= 0:
        e = g.parent[x]
        edges.append(e)
        x = _edge_source(g, e)
    edges.reverse()
    return edges
