"""Exact analysis of a scenario's whole play space (``ipt-sim explore``).

A play is a sequence of choice ids from ``start``. What can happen next depends only on
the state, the meters, the flags, the turn counter and the visited states, and only on
the parts of them that ``when``/``requires`` expressions read, plus the charge (which the
judge rates). So the space is a finite graph of *positions*: (state, each meter that is
read or is ``charge``, each flag that is read, one bit per state named in
``'x' in visited``, the turn saturated at 1 + the largest constant it is compared with).
Expressions are read from Jinja's parse tree; ``visited`` used any other way tracks every
state, and ``turn`` used any other way is tracked exactly (a loop then makes the space
infinite, and the position limit stops the search). Everything reported is computed on
this graph by dynamic programming, never by listing plays:

- positions are found breadth first, so the first time an ending is met gives its
  shortest play. A turn is the engine's step re-implemented on tuples (effects clamped,
  flags, turn, first true ``next`` branch, visited) with the real expressions run by
  :func:`simulator.expressions.evaluate`, cached by the values each reads; each edge's
  ratings come from :func:`simulator.judge.judge` itself, cached by what it reads (the
  choice's tone, cues, timing, words and overrides, the state's pace, the charge before
  and after). The tests hold every figure to brute-force play through the engine.
- Strongly connected components (Tarjan) tell which positions can still reach an ending
  and which loops can repeat before one (``unbounded``); their topological order turns the
  number of plays (an exact integer) and the longest play into one pass each.
- Best and worst overall score. A play's score is a mean over its turns, rounded per
  dimension and again overall (``judge.score``), so this is a ratio objective with
  rounding. Every play of up to 64 turns (every play, when no loop can repeat) is scored
  exactly, rounding included, by a layered programme over (position, turns, points per
  dimension). Beyond that, the best mean points per turn is found exactly by
  Dinkelbach's method: longest paths with ``points - lambda`` weights, made non-positive
  inside each loop by the potential of Howard's policy iteration (which also gives each
  loop's best mean), so that a Dijkstra pass is exact. If that best mean is a supremum no
  finite play attains (only repeating a loop approaches it), the play reported goes
  round the loop as many times as gives the best rounded score (trying every count up to
  where no further repeat changes it, or 10,000 turns). The reported score is
  ``judge.score`` of the reported play's ratings; ``bound`` is what the best mean proves:
  rounding can lift the four dimension scores by at most half a point each, so no play
  scores above it (for the worst, below it), and ``exact`` is true when every play was
  scored or the play reaches ``bound``.

Choices are played with their own delivery (the other tones and cues of a
``delivery: choose`` moment are not explored) and without a measured response time.
Where the graph has more than ``max_nodes`` positions, the search stops and the result
says so (``complete`` false): endings met are reachable, with their shortest play;
nothing is claimed about the rest.
"""

from __future__ import annotations

import gc
import heapq
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from operator import itemgetter
from typing import Any, Literal

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from simulator.engine import compile_scenario
from simulator.expressions import evaluate
from simulator.jinja_env import scenario_environment
from simulator.judge import Delivery, judge, score
from simulator.model import DIMENSIONS, Choice, Scenario, State

DEFAULT_MAX_NODES = 1_000_000  # about 1.2 GB and a minute or two at the limit
LAYER_BUDGET = 250_000  # (position, turns, points) entries the exact score programme may hold
LAYER_TURNS_WITH_LOOPS = 64  # plays this long are scored exactly even when loops make plays unbounded
MAX_WITNESS_TURNS = 10_000
_HALF_POINTS = {"good": 2, "mixed": 1, "poor": 0}
_COMPARE_OPS = frozenset({"eq", "ne", "lt", "lteq", "gt", "gteq"})

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


# -- what the expressions read ----------------------------------------------------------


@dataclass(slots=True)
class _Reads:
    names: set[str]
    visited: set[str]
    visited_all: bool = False
    turn_consts: list[float] | None = None
    turn_exact: bool = False


def _parse(source: str) -> nodes.Node:
    try:
        return Parser(scenario_environment(), source, state="variable").parse_expression()
    except TemplateSyntaxError:  # pragma: no cover - validated scenarios only
        return nodes.Const(False)


def _number(node: nodes.Node) -> float | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, (nodes.Neg, nodes.Pos)):
        inner = _number(node.node)
        return None if inner is None else (-inner if isinstance(node, nodes.Neg) else inner)
    return None


def _is_name(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Name) and node.name == name


def _walk(node: nodes.Node, reads: _Reads) -> None:
    if isinstance(node, nodes.Compare):
        items = [node.expr, *(op.expr for op in node.ops)]
        if (
            len(node.ops) == 1
            and node.ops[0].op in ("in", "notin")
            and isinstance(node.expr, nodes.Const)
            and isinstance(node.expr.value, str)
            and _is_name(node.ops[0].expr, "visited")
        ):
            reads.visited.add(node.expr.value)
            return
        if any(_is_name(i, "turn") for i in items) and all(op.op in _COMPARE_OPS for op in node.ops):
            consts = [_number(i) for i in items if not _is_name(i, "turn")]
            if all(c is not None for c in consts):
                if reads.turn_consts is None:
                    reads.turn_consts = []
                reads.turn_consts.extend(c for c in consts if c is not None)
                return
    if isinstance(node, nodes.Name):
        if node.name == "visited":
            reads.visited_all = True
        elif node.name == "turn":
            reads.turn_exact = True
        else:
            reads.names.add(node.name)
        return
    for child in node.iter_child_nodes():
        _walk(child, reads)


def _expressions(scenario: Scenario) -> list[str]:
    out: list[str] = []
    for state in scenario.states.values():
        for c in state.choices:
            if c.requires is not None:
                out.append(c.requires.text)
            out.extend(b.when.text for b in c.next if b.when is not None)
    return out


def tracked(scenario: Scenario) -> Tracked:
    """What a position must hold for this scenario: the names its expressions read, and charge."""
    reads = _Reads(set(), set())
    for source in _expressions(scenario):
        _walk(_parse(source), reads)
    meters = ("charge", *(m for m in scenario.meters if m != "charge" and m in reads.names))
    flags = tuple(sorted(f for f in scenario.flags if f in reads.names))
    visited: tuple[str, ...] | None = None
    if reads.visited_all:
        visited = tuple(scenario.states)
    elif reads.visited:
        visited = tuple(sorted(reads.visited))
    turn: int | Literal["exact"] | None = None
    if reads.turn_exact:
        turn = "exact"
    elif reads.turn_consts is not None:
        turn = max(1, int(max(reads.turn_consts) // 1) + 1) if reads.turn_consts else 1
    return Tracked(meters, flags, visited, reads.visited_all, turn)


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
    rates: list[int]  # rating code by charge before (offset by the charge minimum)


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
        reads = _Reads(set(), set())
        _walk(_parse(source), reads)
        slots: list[tuple[str, int, str]] = []  # (name, slot, kind)
        slots += [(n, self.meter_slot[n], "meter") for n in sorted(reads.names) if n in self.meter_slot]
        slots += [(n, self.flag_slot[n], "flag") for n in sorted(reads.names) if n in self.flag_slot]
        if (reads.visited or reads.visited_all) and self.visited_slot is not None:
            slots.append(("visited", self.visited_slot, "visited"))
        if (reads.turn_consts is not None or reads.turn_exact) and self.turn_slot is not None:
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

    def code(self, state: State, choice: Choice, before: int, after: int) -> int:
        key = (
            state.pace, choice.tone, choice.nonverbal, choice.timing, bool(choice.say.strip()),
            tuple(sorted(choice.rating.items())), choice.technique, before, after,
        )  # fmt: skip
        hit = self.codes.get(key)
        if hit is None:
            j = judge(self.scenario, state, choice, Delivery(choice.tone, choice.nonverbal), before, after, self.context)
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


def _compile_moves(scenario: Scenario, layout: _Layout, ratings: _Ratings) -> tuple[list[list[_Move]], list[tuple[str, str]]]:
    charge = scenario.meters["charge"]
    index = {s: i for i, s in enumerate(layout.state_ids)}
    per_state: list[list[_Move]] = []
    moves: list[tuple[str, str]] = []
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
            rates = [
                ratings.code(state, c, before, charge.clamp(before + c.effects.get("charge", 0)))
                for before in range(charge.min, charge.max + 1)
            ]
            requires = layout.cond(c.requires.text) if c.requires is not None else None
            out.append(_Move(len(moves), requires, effects, sets, branches, rates))
            moves.append((sid, c.id))
        per_state.append(out)
    return per_state, moves


def _build(scenario: Scenario, layout: _Layout, max_nodes: int) -> _Graph:
    """Every position reachable from the start, breadth first, with its outgoing edges."""
    ratings = _Ratings(scenario)
    per_state, moves = _compile_moves(scenario, layout, ratings)
    ending_index = {e: i for i, e in enumerate(scenario.endings)}
    ending_of_state = [ending_index[s.ending] if s.ending else -1 for s in scenario.states.values()]
    cmin = scenario.meters["charge"].min
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
            rate.append(mv.rates[node[1] - cmin])
        if not complete:
            break
        i += 1
    off.append(len(tgt))
    return _Graph(layout, moves, found, off, tgt, gids, rate, parent, dist, complete, ending_of_state, ratings)


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


# -- components, counts, lengths -----------------------------------------------------------


@dataclass(slots=True)
class _Structure:
    comp: list[int]  # component id by position; ids are in reverse topological order
    members: list[list[int]]
    cyclic: list[bool]
    good: list[bool]  # by component: can reach an ending


def _tarjan(g: _Graph) -> tuple[list[int], list[list[int]]]:
    """Strongly connected components, iteratively (positions can number millions)."""
    n = len(g.nodes)
    off, tgt = g.off, g.tgt
    index = [-1] * n
    low = [0] * n
    on = [False] * n
    comp = [-1] * n
    members: list[list[int]] = []
    stack: list[int] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, off[root])]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on[root] = True
        while work:
            x, e = work[-1]
            end = off[x + 1]
            pushed = False
            while e < end:
                y = tgt[e]
                e += 1
                if index[y] < 0:
                    work[-1] = (x, e)
                    index[y] = low[y] = counter
                    counter += 1
                    stack.append(y)
                    on[y] = True
                    work.append((y, off[y]))
                    pushed = True
                    break
                if on[y] and index[y] < low[x]:
                    low[x] = index[y]
            if pushed:
                continue
            work.pop()
            if low[x] == index[x]:
                cid = len(members)
                group: list[int] = []
                while True:
                    y = stack.pop()
                    on[y] = False
                    comp[y] = cid
                    group.append(y)
                    if y == x:
                        break
                members.append(group)
            if work:
                p = work[-1][0]
                low[p] = min(low[p], low[x])
    return comp, members


def _structure(g: _Graph) -> _Structure:
    comp, members = _tarjan(g)
    off, tgt = g.off, g.tgt
    cyclic = [len(m) > 1 for m in members]
    good = [False] * len(members)
    for cid, group in enumerate(members):  # sinks first, so every successor is settled
        for x in group:
            if g.ending_of_state[g.nodes[x][0]] >= 0:
                good[cid] = True
            for e in range(off[x], off[x + 1]):
                y = tgt[e]
                if y == x:
                    cyclic[cid] = True
                elif comp[y] != cid and good[comp[y]]:
                    good[cid] = True
    return _Structure(comp, members, cyclic, good)


def _counts(g: _Graph, st: _Structure) -> tuple[int | Unbounded, list[bool], list[int]]:
    """Plays to an ending (or unbounded); per position: a loop can come before it; longest play to it."""
    n = len(g.nodes)
    comp, members, cyclic, good = st.comp, st.members, st.cyclic, st.good
    off, tgt = g.off, g.tgt
    count = [0] * n
    loop_before = [False] * n
    longest = [-1] * n
    count[0] = 1
    longest[0] = 0
    plays: int | Unbounded = 0
    any_loop = False
    for cid in range(len(members) - 1, -1, -1):  # topological order
        if not good[cid]:
            continue
        group = members[cid]
        if cyclic[cid]:
            any_loop = True
            for x in group:
                loop_before[x] = True
        for x in group:
            if g.ending_of_state[g.nodes[x][0]] >= 0 and isinstance(plays, int):
                plays += count[x]
            for e in range(off[x], off[x + 1]):
                y = tgt[e]
                if comp[y] == cid or not good[comp[y]]:
                    continue
                count[y] += count[x]
                if loop_before[x]:
                    loop_before[y] = True
                longest[y] = max(longest[y], longest[x] + 1)
    return (UNBOUNDED if any_loop else plays), loop_before, longest


# -- best and worst -----------------------------------------------------------------------


def _score(turns: int, points: Sequence[int]) -> int:
    """``judge.score``'s overall, from the turn count and per-dimension half-points (exact integers)."""
    if turns == 0:
        return 0
    dims = sum((100 * h + turns) // (2 * turns) for h in points)
    return (dims + 2) // 4


@dataclass(slots=True)
class _Candidate:
    score: int
    edges: list[int]


class _Scorer:
    """Best and worst overall score over the positions that can reach an ending."""

    def __init__(self, g: _Graph, st: _Structure) -> None:
        self.g = g
        self.st = st
        table = g.ratings.table
        self.points = [table[r][0] for r in g.rate]  # per edge, 0..8
        self.per = [table[r][1] for r in g.rate]
        self.is_end = [g.ending_of_state[node[0]] >= 0 for node in g.nodes]
        self.good_node = [st.good[c] for c in st.comp]
        self.has_loop = any(c and gd for c, gd in zip(st.cyclic, st.good, strict=True))
        self._mark = [0] * len(g.nodes)
        self._stamp = 0

    # exact, for short plays (all plays when there is no loop) ----------------------------

    def layered(self) -> tuple[_Candidate | None, _Candidate | None, bool]:
        """Every play of up to a bound on turns, scored exactly; True if that was every play."""
        g, per, good, is_end = self.g, self.per, self.good_node, self.is_end
        off, tgt = g.off, g.tgt
        zero = (0, 0, 0, 0)
        layers: list[dict[int, dict[tuple[int, ...], tuple[int, tuple[int, ...], int]]]] = [{0: {zero: (-1, zero, -1)}}]
        best: tuple[int, int, int, tuple[int, ...]] | None = None  # (score, turns, node, points)
        worst: tuple[int, int, int, tuple[int, ...]] | None = None
        if is_end[0]:
            best = worst = (0, 0, 0, zero)
        limit = None if not self.has_loop else LAYER_TURNS_WITH_LOOPS
        held = 1
        turns = 0
        while layers[-1]:
            if limit is not None and turns >= limit:
                return self._unwind(layers, best), self._unwind(layers, worst), False
            turns += 1
            new: dict[int, dict[tuple[int, ...], tuple[int, tuple[int, ...], int]]] = {}
            for x, held_here in layers[-1].items():
                for e in range(off[x], off[x + 1]):
                    y = tgt[e]
                    if not good[y]:
                        continue
                    d = per[e]
                    bucket = new.get(y)
                    if bucket is None:
                        bucket = new[y] = {}
                    for h in held_here:
                        h2 = (h[0] + d[0], h[1] + d[1], h[2] + d[2], h[3] + d[3])
                        if h2 not in bucket:
                            bucket[h2] = (x, h, e)
                            held += 1
            if held > LAYER_BUDGET:
                return self._unwind(layers, best), self._unwind(layers, worst), False
            layers.append(new)
            for y, bucket in new.items():
                if not is_end[y]:
                    continue
                for h in bucket:
                    s = _score(turns, h)
                    if best is None or s > best[0]:
                        best = (s, turns, y, h)
                    if worst is None or s < worst[0]:
                        worst = (s, turns, y, h)
        return self._unwind(layers, best), self._unwind(layers, worst), not self.has_loop

    @staticmethod
    def _unwind(
        layers: list[dict[int, dict[tuple[int, ...], tuple[int, tuple[int, ...], int]]]],
        found: tuple[int, int, int, tuple[int, ...]] | None,
    ) -> _Candidate | None:
        if found is None:
            return None
        s, turns, x, h = found
        edges: list[int] = []
        for layer in range(turns, 0, -1):
            px, ph, e = layers[layer][x][h]
            edges.append(e)
            x, h = px, ph
        edges.reverse()
        return _Candidate(s, edges)

    # the best mean per turn, and a play that attains or approaches it ----------------------

    def ratio(self, flip: bool, hint: Sequence[int] = ()) -> tuple[_Candidate, Fraction] | None:
        """The supremum of mean points per turn (of 8 - points if ``flip``), and a witness play.

        Dinkelbach's iteration starts from the best loop's mean or the mean of ``hint`` (a
        play already known to be good), whichever is higher: both are at most the answer.
        """
        ends = [x for x in range(len(self.g.nodes)) if self.is_end[x]]
        if not ends:
            return None
        w = [8 - p for p in self.points] if flip else self.points
        mu, potential, q, cycles = self._howard(w)
        if not hint:
            hint = _shortest(self.g, ends[0])
        known = Fraction(sum(w[e] for e in hint), len(hint)) if hint else Fraction(0)
        lam = known if mu is None else max(mu, known)
        while True:
            value, reached, pred = self._longest(w, lam, potential, q, source=0)
            top = max(reached, key=lambda x: _known(value[x]))
            if _known(value[top]) > 0:
                path = self._walk_back(pred, top, 0)
                lam = Fraction(sum(w[e] for e in path), len(path))
                continue
            if _known(value[top]) == 0 or mu is None or lam > mu:
                path = self._walk_back(pred, top, 0)
                return _Candidate(self._edges_score(path), path), lam
            return self._lasso(w, lam, potential, q, cycles, value, pred, flip), lam

    def _edges_score(self, edges: Sequence[int]) -> int:
        per = self.per
        return _score(len(edges), [sum(per[e][d] for e in edges) for d in range(4)])

    def _howard(self, w: list[int]) -> tuple[Fraction | None, list[int], int, list[list[int]]]:
        """Max cycle mean of each looping component (Howard's policy iteration, exact integers).

        Returns the largest mean, a potential ``V`` (scaled by ``q``, the lcm of the means'
        denominators) with ``w - mean + V[y] - V[x] <= 0`` on every edge inside a component,
        and one best cycle (as edges) of every component whose mean is the largest.
        """
        g, st = self.g, self.st
        n = len(g.nodes)
        off, tgt, comp = g.off, g.tgt, st.comp
        pol = [-1] * n
        val = [0] * n
        ep = [0] * n
        eq = [1] * n
        means: dict[int, tuple[int, int]] = {}
        for cid, group in enumerate(st.members):
            if not (st.cyclic[cid] and st.good[cid]):
                continue
            for x in group:
                best_e, best_w = -1, -1
                for e in range(off[x], off[x + 1]):
                    if comp[tgt[e]] == cid and w[e] > best_w:
                        best_e, best_w = e, w[e]
                pol[x] = best_e
            self._component_mean(cid, group, w, pol, val, ep, eq)
            means[cid] = (ep[group[0]], eq[group[0]])
        if not means:
            return None, [0] * n, 1, []
        q_all = lcm(*(q for _, q in means.values()))
        potential = [0] * n
        for cid, (_p, q) in means.items():
            scale = q_all // q
            for x in st.members[cid]:
                potential[x] = val[x] * scale
        top = max(Fraction(p, q) for p, q in means.values())
        cycles: list[list[int]] = []
        for cid, (p, q) in means.items():
            if Fraction(p, q) != top:
                continue
            x = st.members[cid][0]
            seen: dict[int, int] = {}
            order: list[int] = []
            while x not in seen:
                seen[x] = len(order)
                order.append(pol[x])
                x = tgt[pol[x]]
            cycles.append(order[seen[x] :])
        return top, potential, q_all, cycles

    def _component_mean(
        self, cid: int, group: list[int], w: list[int], pol: list[int], val: list[int], ep: list[int], eq: list[int]
    ) -> None:
        """Howard's iteration on one component, leaving ``pol`` optimal and ``val`` its potential.

        Switching to a successor with a higher cycle mean needs a full evaluation, and so
        does the first sweep for higher values after the mean moved. Once a sweep leaves
        the mean where it was, switching for a higher value is done incrementally, as a
        label-correcting longest path: the switched position's policy subtree moves up by
        the gain, and only positions with an edge into it are looked at again (a plain
        sweep would need one evaluation per step along a chain). A switch that closes a
        policy cycle has found a better loop, and the policy is evaluated afresh.
        """
        g, comp = self.g, self.st.comp
        off, tgt = g.off, g.tgt
        into: dict[int, list[tuple[int, int]]] = {x: [] for x in group}  # y -> [(edge, x)] inside
        for x in group:
            for e in range(off[x], off[x + 1]):
                y = tgt[e]
                if comp[y] == cid:
                    into[y].append((e, x))
        last: tuple[int, int] | None = None
        while True:
            self._evaluate(group, pol, w, val, ep, eq)
            changed = False
            for x in group:
                bp, bq, best_e = ep[x], eq[x], -1
                for e in range(off[x], off[x + 1]):
                    y = tgt[e]
                    if comp[y] == cid and ep[y] * bq > bp * eq[y]:
                        bp, bq, best_e = ep[y], eq[y], e
                if best_e >= 0:
                    pol[x] = best_e
                    changed = True
            if changed:
                continue
            p, q = ep[group[0]], eq[group[0]]  # one mean now: no edge leads to a higher one
            if (p, q) != last:  # the mean moved: a full sweep, as Howard does
                last = (p, q)
                for x in group:
                    cur, best_e = val[x], -1
                    for e in range(off[x], off[x + 1]):
                        y = tgt[e]
                        if comp[y] == cid:
                            v = q * w[e] - p + val[y]
                            if v > cur:
                                cur, best_e = v, e
                    if best_e >= 0:
                        pol[x] = best_e
                        changed = True
                if not changed:
                    return
                continue
            kids: dict[int, set[int]] = {x: set() for x in group}
            for x in group:
                kids[tgt[pol[x]]].add(x)
            queue = deque(group)
            queued = set(group)
            closed = False
            while queue and not closed:
                y = queue.popleft()
                queued.discard(y)
                for e, x in into[y]:
                    gain = q * w[e] - p + val[y] - val[x]
                    if gain <= 0:
                        continue
                    tree = [x]  # every position whose policy path runs through x
                    seen = {x}
                    for z in tree:
                        for k in kids[z]:
                            if k not in seen:
                                seen.add(k)
                                tree.append(k)
                    if y in seen:  # a loop better than the mean: evaluate again
                        pol[x] = e
                        closed = True
                        break
                    kids[tgt[pol[x]]].discard(x)
                    kids[y].add(x)
                    pol[x] = e
                    for z in tree:
                        val[z] += gain
                        if z not in queued:
                            queued.add(z)
                            queue.append(z)
            if not closed:
                return

    def _evaluate(self, group: list[int], pol: list[int], w: list[int], val: list[int], ep: list[int], eq: list[int]) -> None:
        """Values of a policy: each position's cycle mean ``ep/eq`` and relative value ``val`` (x eq)."""
        tgt = self.g.tgt
        mark = self._mark
        stamp = self._stamp = self._stamp + 2  # mark == stamp: on the current walk; stamp + 1: valued
        done = stamp + 1
        for x0 in group:
            if mark[x0] == done:
                continue
            path: list[int] = []
            x = x0
            while mark[x] < stamp:
                mark[x] = stamp
                path.append(x)
                x = tgt[pol[x]]
            if mark[x] == stamp:  # a new cycle, starting at x
                i = path.index(x)
                cycle = path[i:]
                total = sum(w[pol[y]] for y in cycle)
                k = gcd(total, len(cycle))
                p, q = total // k, len(cycle) // k
                val[x], ep[x], eq[x] = 0, p, q
                mark[x] = done
                for y in reversed(cycle[1:]):
                    val[y], ep[y], eq[y] = q * w[pol[y]] - p + val[tgt[pol[y]]], p, q
                    mark[y] = done
                path = path[:i]
            for y in reversed(path):
                z = tgt[pol[y]]
                p, q = ep[z], eq[z]
                val[y], ep[y], eq[y] = q * w[pol[y]] - p + val[z], p, q
                mark[y] = done

    def _longest(
        self, w: list[int], lam: Fraction, potential: list[int], q: int, source: int
    ) -> tuple[list[int | None], list[int], list[int]]:
        """Max of sum(w - lam) over walks from ``source`` to each position (scaled by lam's denominator x q).

        Inside a loop the potential makes every weight non-positive, so a max-Dijkstra is
        exact there; between components the topological order does the rest.
        """
        g, st = self.g, self.st
        n = len(g.nodes)
        off, tgt, comp = g.off, g.tgt, st.comp
        a, b = lam.numerator, lam.denominator
        val: list[int | None] = [None] * n
        pred = [-1] * n
        done = [False] * n
        pot = [p * b for p in potential] if b != 1 else potential
        val[source] = pot[source]
        ends: list[int] = []
        for cid in range(comp[source], -1, -1):
            if not st.good[cid]:
                continue
            group = st.members[cid]
            if st.cyclic[cid]:
                heap = [(-v, x) for x in group if (v := val[x]) is not None]
                heapq.heapify(heap)
                while heap:
                    neg, x = heapq.heappop(heap)
                    if done[x] or -neg != val[x]:
                        continue
                    done[x] = True
                    vx = -neg - pot[x]
                    for e in range(off[x], off[x + 1]):
                        y = tgt[e]
                        if comp[y] != cid or done[y]:
                            continue
                        v = vx + (w[e] * b - a) * q + pot[y]
                        old = val[y]
                        if old is None or v > old:
                            val[y] = v
                            pred[y] = e
                            heapq.heappush(heap, (-v, y))
            for x in group:
                vx0 = val[x]
                if vx0 is None:
                    continue
                if self.is_end[x]:
                    ends.append(x)
                vx = vx0 - pot[x]
                for e in range(off[x], off[x + 1]):
                    y = tgt[e]
                    if comp[y] == cid or not st.good[comp[y]]:
                        continue
                    v = vx + (w[e] * b - a) * q + pot[y]
                    old = val[y]
                    if old is None or v > old:
                        val[y] = v
                        pred[y] = e
        return val, ends, pred

    def _walk_back(self, pred: list[int], x: int, source: int) -> list[int]:
        edges: list[int] = []
        while x != source:
            e = pred[x]
            edges.append(e)
            x = _edge_source(self.g, e)
        edges.reverse()
        return edges

    def _lasso(
        self, w: list[int], lam: Fraction, potential: list[int], q: int, cycles: list[list[int]],
        value: list[int | None], pred: list[int], flip: bool,
    ) -> _Candidate:  # fmt: skip
        """A play through a best loop, repeated as often as gives the best rounded score.

        The loop is entered where the way in from the start is best; the way out is the
        best from there. Each dimension's rounded score moves monotonically towards its
        limit as the loop repeats, so once all four have reached their limits no further
        repeat changes the score: every repeat count up to that point is tried.
        """
        g, b = self.g, lam.denominator

        def entry(e: int) -> int:
            x = _edge_source(g, e)
            return _known(value[x]) - potential[x] * b

        first = max((e for c in cycles for e in c), key=entry)
        cycle = next(c for c in cycles if first in c)
        at = cycle.index(first)
        loop = cycle[at:] + cycle[:at]
        x = _edge_source(g, first)
        prefix = self._walk_back(pred, x, 0)
        value_out, reached, pred_out = self._longest(w, lam, potential, q, source=x)
        out = max(reached, key=lambda y: _known(value_out[y]))
        suffix = self._walk_back(pred_out, out, x)
        per = self.per
        base = prefix + suffix
        h0 = [sum(per[e][d] for e in base) for d in range(4)]
        hc = [sum(per[e][d] for e in loop) for d in range(4)]
        n0, c = len(base), len(loop)
        far = 10**9
        limit = [(100 * (h0[d] + far * hc[d]) + n0 + far * c) // (2 * (n0 + far * c)) for d in range(4)]
        sign = -1 if flip else 1
        best_k, best_s = 0, None
        k = 0
        while n0 + k * c <= MAX_WITNESS_TURNS:
            turns = n0 + k * c
            dims = [(100 * (h0[d] + k * hc[d]) + turns) // (2 * turns) if turns else 0 for d in range(4)]
            s = (sum(dims) + 2) // 4 if turns else 0
            if best_s is None or sign * s > sign * best_s:
                best_k, best_s = k, s
            if dims == limit:
                break
            k += 1
        assert best_s is not None
        return _Candidate(best_s, prefix + loop * best_k + suffix)


def _known(v: int | None) -> int:
    assert v is not None
    return v


# -- putting it together ---------------------------------------------------------------


def _bounds(mean: Fraction, best: bool) -> int:
    """The most (least) any play can score when no play's mean points per turn is above (below) ``mean``.

    The four unrounded dimension scores sum to ``50 * mean``; rounding half up moves each
    by at most +0.5 (a tie rounds up) and by more than -0.5, so their rounded sum is at
    most ``floor(50 * mean) + 2`` (at least ``floor(50 * mean) - 1``), and the overall
    score is that sum over four, rounded half up.
    """
    top = (50 * mean.numerator) // mean.denominator
    if best:
        return min(100, (top + 2 + 2) // 4)
    return max(0, (top - 1 + 2) // 4)


def _extreme(g: _Graph, scorer: _Scorer, exact: _Candidate | None, covered: bool, best: bool) -> Extreme | None:
    candidates = [c for c in (exact,) if c is not None]
    bound: int | None = None
    if not covered:
        found = scorer.ratio(flip=not best, hint=exact.edges if exact is not None else ())
        if found is not None:
            cand, mean = found
            candidates.append(cand)
            bound = _bounds(mean if best else 8 - mean, best)
    if not candidates:
        return None
    sign = 1 if best else -1
    pick = max(candidates, key=lambda c: (sign * c.score, -len(c.edges)))
    path = tuple(g.moves[g.gid[e]][1] for e in pick.edges)
    table = g.ratings.table
    real = score([table[g.rate[e]][2] for e in pick.edges])["overall"]  # the judge's ratings, its rounding
    if real != pick.score:  # pragma: no cover - the two ways of scoring are held together by the tests
        raise RuntimeError(f"explore's scoring disagrees with judge.score on {list(path)}: {pick.score} vs {real}")
    if bound is None:
        bound = real
    return Extreme(real, path, covered or real == bound, bound)


def analyse(scenario: Scenario, max_nodes: int = DEFAULT_MAX_NODES) -> Result:
    """Explore every play of ``scenario`` (see the module docstring for what is proven)."""
    if max_nodes < 1:
        raise ValueError("the position limit must be at least 1")
    # Millions of small tuples and ints, none of them in a reference cycle: the cyclic
    # collector would only walk them again and again (it doubles the time on big graphs).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _analyse(scenario, max_nodes)
    finally:
        if collecting:
            gc.enable()


def _analyse(scenario: Scenario, max_nodes: int) -> Result:
    t = tracked(scenario)
    layout = _Layout(scenario, t)
    g = _build(scenario, layout, max_nodes)
    state_ids = layout.state_ids
    ending_ids = list(scenario.endings)
    at: dict[int, list[int]] = {}  # ending index -> its positions, in the order found
    for x, node in enumerate(g.nodes):
        k = g.ending_of_state[node[0]]
        if k >= 0:
            at.setdefault(k, []).append(x)
    first_at = {k: xs[0] for k, xs in at.items()}

    def names(edges: Sequence[int]) -> tuple[str, ...]:
        return tuple(g.moves[g.gid[e]][1] for e in edges)

    endings: dict[str, EndingFacts] = {}
    if not g.complete:
        for k, eid in enumerate(ending_ids):
            outcome = scenario.endings[eid].outcome
            if k in first_at:
                shortest = _shortest(g, first_at[k])
                endings[eid] = EndingFacts(eid, outcome, True, names(shortest), len(shortest), None)
            else:
                endings[eid] = EndingFacts(eid, outcome, None, None, None, None)
        return Result(scenario.id, False, max_nodes, len(g.nodes), len(g.tgt), t, endings, None, None, None, None, None)

    st = _structure(g)
    plays, loop_before, longest = _counts(g, st)
    for k, eid in enumerate(ending_ids):
        if k not in first_at:
            endings[eid] = EndingFacts(eid, scenario.endings[eid].outcome, False, None, None, None)
            continue
        most: int | Unbounded = UNBOUNDED if any(loop_before[x] for x in at[k]) else max(longest[x] for x in at[k])
        shortest = _shortest(g, first_at[k])
        endings[eid] = EndingFacts(eid, scenario.endings[eid].outcome, True, names(shortest), len(shortest), most)

    scorer = _Scorer(g, st)
    exact_best, exact_worst, covered = scorer.layered()
    best = _extreme(g, scorer, exact_best, covered, best=True)
    worst = _extreme(g, scorer, exact_worst, covered, best=False)

    seen_states = {state_ids[node[0]] for node in g.nodes}
    played = set(g.gid)
    unvisited_states = tuple(s for s in state_ids if s not in seen_states)
    unvisited_choices = tuple(mv for i, mv in enumerate(g.moves) if i not in played)
    return Result(
        scenario.id, True, max_nodes, len(g.nodes), len(g.tgt), t, endings, plays, best, worst,
        unvisited_states, unvisited_choices,
    )  # fmt: skip


# -- output -------------------------------------------------------------------------------


def _extreme_json(x: Extreme | None) -> dict[str, Any] | None:
    if x is None:
        return None
    return {"score": x.score, "path": list(x.path), "exact": x.exact, "bound": x.bound}


def to_json(result: Result) -> dict[str, Any]:
    """The ``--json`` form: ``{endings, plays, best, worst, unvisited}`` and how complete it is."""
    t = result.tracked
    return {
        "scenario": result.scenario,
        "complete": result.complete,
        "positions": result.nodes,
        "max_positions": result.max_nodes,
        "tracked": {
            "meters": list(t.meters),
            "flags": list(t.flags),
            "visited": "all" if t.visited_all else list(t.visited or ()),
            "turn": t.turn,
        },
        "endings": {
            e.id: {
                "outcome": e.outcome,
                "reachable": e.reachable,
                "shortest": list(e.shortest) if e.shortest is not None else None,
                "min_turns": e.min_turns,
                "max_turns": e.max_turns,
            }
            for e in result.endings.values()
        },
        "plays": result.plays,
        "best": _extreme_json(result.best),
        "worst": _extreme_json(result.worst),
        "unvisited": None
        if result.unvisited_states is None
        else {
            "states": list(result.unvisited_states),
            "choices": [{"state": s, "choice": c} for s, c in result.unvisited_choices or ()],
        },
    }


def _path_text(path: Sequence[str]) -> str:
    """Choice ids, with a repeated run (a loop played again and again) written once: ``(a, b) x12``."""
    if not path:
        return "(no turns)"
    parts: list[str] = []
    i = 0
    while i < len(path):
        best_len, best_times = 1, 1
        for size in range(1, 9):
            block = path[i : i + size]
            times = 1
            while path[i + times * size : i + (times + 1) * size] == block:
                times += 1
            if times >= 3 and size * times > best_len * best_times:
                best_len, best_times = size, times
        block_text = ", ".join(path[i : i + best_len])
        if best_times == 1:
            parts.append(block_text)
        else:
            parts.append(f"{block_text if best_len == 1 else f'({block_text})'} x{best_times:,}")
        i += best_len * best_times
    return ", ".join(parts)


def _turns(n: int) -> str:
    return f"{n} turn{'s' if n != 1 else ''}"


def _extreme_text(label: str, x: Extreme | None, best: bool) -> list[str]:
    if x is None:
        return [f"{label}: none (no play reaches an ending)"]
    line = f"{label}: {x.score}, in {_turns(len(x.path))}: {_path_text(x.path)}"
    if x.exact:
        return [line]
    side = "above" if best else "below"
    return [line, f"  (not proven {'best' if best else 'worst'}: no play can score {side} {x.bound})"]


def to_text(result: Result) -> str:
    """A readable report: endings, plays, best and worst, what is never visited."""
    t = result.tracked
    held = [f"meters {', '.join(t.meters)}"]
    if t.flags:
        held.append(f"flags {', '.join(t.flags)}")
    if t.visited_all:
        held.append("every visited state")
    elif t.visited:
        held.append(f"visited {', '.join(t.visited)}")
    if t.turn == "exact":
        held.append("the turn")
    elif t.turn is not None:
        held.append(f"the turn (up to {t.turn})")
    lines = [f"{result.scenario}: {result.nodes:,} positions (state with {'; '.join(held)})"]
    if not result.complete:
        lines.append(
            f"Stopped at the limit of {result.max_nodes:,} positions: the analysis is incomplete. "
            "Endings below marked reachable are proven; nothing else is."
        )
    lines += ["", "Endings:"]
    width = max((len(e) for e in result.endings), default=0)
    for e in result.endings.values():
        if e.reachable is None:
            lines.append(f"  {e.id:<{width}}  {e.outcome:<8}  not reached before the limit")
            continue
        if not e.reachable:
            lines.append(f"  {e.id:<{width}}  {e.outcome:<8}  unreachable: no play ends here")
            continue
        assert e.min_turns is not None and e.shortest is not None
        if e.max_turns is None:
            span = f"reachable in {_turns(e.min_turns)} or more"
        elif e.max_turns == UNBOUNDED:
            span = f"{e.min_turns} or more turns (a loop can repeat)"
        elif e.max_turns == e.min_turns:
            span = _turns(e.min_turns)
        else:
            span = f"{e.min_turns} to {e.max_turns} turns"
        lines.append(f"  {e.id:<{width}}  {e.outcome:<8}  {span}; shortest: {_path_text(e.shortest)}")
    if not result.complete:
        return "\n".join(lines)
    lines.append("")
    if result.plays == UNBOUNDED:
        lines.append("Plays: unbounded (a loop can repeat before an ending)")
    else:
        lines.append(f"Plays: {result.plays:,} distinct plays reach an ending")
    lines += _extreme_text("Best overall score", result.best, best=True)
    lines += _extreme_text("Worst overall score", result.worst, best=False)
    lines.append("")
    if not result.unvisited_states and not result.unvisited_choices:
        lines.append("Every state and every choice is played in some play.")
    else:
        if result.unvisited_states:
            lines.append(f"States no play visits: {', '.join(result.unvisited_states)}")
        if result.unvisited_choices:
            lines.append(f"Choices no play can make: {', '.join(f'{s}: {c}' for s, c in result.unvisited_choices)}")
    return "\n".join(lines)


__all__ = ["DEFAULT_MAX_NODES", "EndingFacts", "Extreme", "Result", "Tracked", "analyse", "to_json", "to_text", "tracked"]
