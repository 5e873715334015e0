"""The best and worst *overall* score of a format 1.1 scenario: practice, delivery and the cap.

A play's overall is ``judge.score``: the mean of ``practice`` (over its rated turns) and
``delivery`` (the four dimensions' mean), each rounded, and at most 49 when a critical
item is missed at the end. Two means over different turns and a cap are not a ratio the
delivery programme (:mod:`simulator.explore.scoring`) can optimise, so plays are searched
depth first over the position graph, each complete play scored exactly, with branch and
bound:

- A partial play is held as its position, turns, half-points per delivery dimension,
  rated turns, practice half-points and the critical items missed so far (a bit each: a
  later done tag clears it, a later miss sets it again).
- Its bound comes from what can still follow. For every position and every number of
  turns ``k`` left, the most and least points a way to an ending of exactly ``k`` turns
  can add are tabulated (a backward pass over ``k``). When every turn is rated, overall
  is within rounding of ``12.5 (4 practice + delivery points) / turns``, one ratio, so the
  bound is tight up to rounding (half a point per rounding, all in the same direction);
  otherwise practice is bounded apart (the mean of what follows lies between the lowest
  and highest practice still reachable). A critical item missed that no later choice can
  make good caps the bound at 49; one that may still be missed lowers the worst case to 49.
- Children are tried best bound first (so the first play found is already good), and a
  subtree is dropped when its bound cannot beat the play in hand; a position reached again
  with the same totals is not searched twice. The delivery programme's own best and worst
  plays seed the search.

Every play is scored when the graph has no loop and the search stays within its budget:
the result is then exact. With loops, plays of up to ``LAYER_TURNS_WITH_LOOPS`` turns are
searched, and longer ones are covered by a bound from the best (worst) mean over every play
(Dinkelbach on the same points, from the delivery programme): ``exact`` is true when the
play found reaches it. When the budget runs out, ``bound`` also covers every subtree not
yet searched.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from simulator import catalogs
from simulator.assessment import critical_missed
from simulator.explore.model import LAYER_TURNS_WITH_LOOPS
from simulator.explore.scoring import _Scorer
from simulator.explore.space import _edge_source, _Graph
from simulator.explore.structure import _Structure, _structure
from simulator.judge import CRITICAL_CAP, rate_practice, score
from simulator.model import DONE_LEVELS, Scenario

SEARCH_BUDGET = 300_000  # partial plays the search may extend, for each of best and worst
SEEN_LIMIT = 2_000_000  # partial plays remembered so that one reached twice is searched once
_HALF = {"good": 2, "mixed": 1, "poor": 0}
_NONE = -1  # no completion within the turn limit
# a search frame: a partial play's position and totals, and its children (-sign * bound, edge), most promising first
_Frame = tuple[int, int, int, int, int, int, int, int, int, list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Found:
    """The best (or worst) overall, a play that scores it (edges), and what is proven."""

    score: int
    edges: tuple[int, ...]
    exact: bool
    bound: int


def overall(n: int, h: Sequence[int], m: int, p: int, missed: bool) -> int:
    """``judge.score``'s overall from exact integers: turns, half-points per delivery
    dimension, rated turns, practice half-points, and whether a critical item is missed."""
    if n == 0:
        return 0
    delivery = (sum((100 * x + n) // (2 * n) for x in h) + 2) // 4
    value = delivery if m == 0 else ((100 * p + m) // (2 * m) + delivery + 1) // 2
    return min(value, CRITICAL_CAP) if missed else value


class Overall:
    """Best and worst overall over every play of a complete position graph."""

    def __init__(self, scenario: Scenario, g: _Graph, st: _Structure, scorer: _Scorer) -> None:
        self.g = g
        self.scorer = scorer
        n = len(g.nodes)
        off, tgt, gid = g.off, g.tgt, g.gid
        table = g.ratings.table
        self.per = [table[r][1] for r in g.rate]
        self.points = [table[r][0] for r in g.rate]
        cat = catalogs.load().items
        self.bits = bits = {item: 1 << i for i, item in enumerate(i for i in cat if cat[i].critical)}
        self.practice: list[int] = []  # per move: half-points, or -1 when not rated
        self.clear: list[int] = []  # per move: critical items it makes good
        self.miss: list[int] = []  # per move: critical items it misses
        self.tags: list[list[tuple[str, str]]] = []
        for sid, cid in g.moves:
            choice = scenario.states[sid].choice(cid)
            assert choice is not None
            rated = rate_practice(choice.assess)
            self.practice.append(-1 if rated is None else _HALF[rated])
            last = {a.item: a.level for a in choice.assess if a.item in bits}
            self.clear.append(sum(bits[i] for i, lv in last.items() if lv in DONE_LEVELS))
            self.miss.append(sum(bits[i] for i, lv in last.items() if lv not in DONE_LEVELS))
            self.tags.append([(a.item, a.level) for a in choice.assess])
        self.is_end = [g.ending_of_state[node[0]] >= 0 for node in g.nodes]
        self.good = [st.good[c] for c in st.comp]
        edges = [e for x in range(n) if self.good[x] for e in range(off[x], off[x + 1]) if self.good[tgt[e]]]
        self.all_rated = all(self.practice[gid[e]] >= 0 for e in edges)
        self.has_loop = scorer.has_loop
        self._classes: tuple[bool, bool, bool, bool] | None = None
        self.limit = LAYER_TURNS_WITH_LOOPS if self.has_loop else None
        self._reach_ahead(st)
        self._ways_to_end(edges)

    def _reach_ahead(self, st: _Structure) -> None:
        """What is still reachable from each position, component by component (sinks first):
        the critical items a later move makes good or misses, and the highest and lowest
        practice still to be rated; the bounds need them."""
        g = self.g
        off, tgt, gid = g.off, g.tgt, g.gid
        n = len(g.nodes)
        self.clear_ahead = [0] * n
        self.miss_ahead = [0] * n
        self.p_hi = [-1] * n  # highest practice reachable, -1 if none is rated
        self.p_lo = [3] * n
        for k_comp, group in enumerate(st.members):
            if not st.good[k_comp]:
                continue
            clear = miss = 0
            hi, lo = -1, 3
            for x in group:
                for e in range(off[x], off[x + 1]):
                    y = tgt[e]
                    if not self.good[y]:
                        continue
                    mv = gid[e]
                    clear |= self.clear[mv]
                    miss |= self.miss[mv]
                    if self.practice[mv] >= 0:
                        hi, lo = max(hi, self.practice[mv]), min(lo, self.practice[mv])
                    if st.comp[y] != k_comp:
                        clear |= self.clear_ahead[y]
                        miss |= self.miss_ahead[y]
                        hi, lo = max(hi, self.p_hi[y]), min(lo, self.p_lo[y])
            for x in group:
                self.clear_ahead[x], self.miss_ahead[x], self.p_hi[x], self.p_lo[x] = clear, miss, hi, lo

    def _ways_to_end(self, edges: list[int]) -> None:
        """The ways to an ending of exactly k turns: per position, the k and the most and
        least points (a backward pass over k), and whether an ending is reachable with no
        rated turn."""
        g = self.g
        tgt, gid = g.tgt, g.gid
        n = len(g.nodes)
        into: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for e in edges:
            into[tgt[e]].append((e, _edge_source(g, e)))
        self.bare = [False] * n  # an ending is reachable with no rated turn
        todo = deque(x for x in range(n) if self.is_end[x])
        for x in todo:
            self.bare[x] = True
        while todo:
            y = todo.popleft()
            for e, x in into[y]:
                if self.practice[gid[e]] < 0 and not self.bare[x]:
                    self.bare[x] = True
                    todo.append(x)
        w = [4 * self.practice[gid[e]] + self.points[e] for e in range(len(tgt))] if self.all_rated else self.points
        self.w = w
        self.ks: list[list[int]] = [[] for _ in range(n)]
        self.hi: list[list[int]] = [[] for _ in range(n)]
        self.lo: list[list[int]] = [[] for _ in range(n)]
        layer = {x: (0, 0) for x in range(n) if self.is_end[x]}
        k = 0
        while layer:
            for x, (a, b) in layer.items():
                self.ks[x].append(k)
                self.hi[x].append(a)
                self.lo[x].append(b)
            k += 1
            if self.limit is not None and k > self.limit:
                break
            nxt: dict[int, tuple[int, int]] = {}
            for y, (a, b) in layer.items():
                for e, x in into[y]:
                    we = w[e]
                    old = nxt.get(x)
                    if old is None:
                        nxt[x] = (a + we, b + we)
                    else:
                        nxt[x] = (max(old[0], a + we), min(old[1], b + we))
            layer = nxt

    # -- bounds --------------------------------------------------------------------------

    def upper(self, x: int, n0: int, h: int, m0: int, p0: int, mask: int) -> int:
        """No play going on from here (within the turn limit) scores above this; -1: none ends."""
        limit = self.limit
        top = _NONE
        if self.all_rated:
            c0 = 4 * p0 + h
            for k, f in zip(self.ks[x], self.hi[x], strict=True):
                n = n0 + k
                if limit is not None and n > limit:
                    break
                v = 0 if n == 0 else ((25 * (c0 + f) + 3 * n) // (2 * n) + 1) // 2
                top = max(top, v)
        else:
            for k, f in zip(self.ks[x], self.hi[x], strict=True):
                n = n0 + k
                if limit is not None and n > limit:
                    break
                v = 0 if n == 0 else ((50 * (h + f)) // n + 4) // 4
                top = max(top, v)
            if top == _NONE:
                return _NONE
            top = min(top, 100)
            ps = [(100 * p0 + m0) // (2 * m0)] if m0 else []
            if self.p_hi[x] >= 0:
                ps.append(50 * self.p_hi[x])
            top = max((max(ps) + top + 1) // 2 if ps else -1, top if m0 == 0 and self.bare[x] else -1)
        if top == _NONE:
            return _NONE
        top = min(top, 100)
        if mask & ~self.clear_ahead[x]:
            top = min(top, CRITICAL_CAP)
        return top

    def lower(self, x: int, n0: int, h: int, m0: int, p0: int, mask: int) -> int:
        """No play going on from here (within the turn limit) scores below this; 101: none ends."""
        limit = self.limit
        low = 101
        if self.all_rated:
            c0 = 4 * p0 + h
            for k, f in zip(self.ks[x], self.lo[x], strict=True):
                n = n0 + k
                if limit is not None and n > limit:
                    break
                v = 0 if n == 0 else ((50 * (c0 + f) - 5 * n) // (4 * n) + 2) // 2
                low = min(low, v)
        else:
            for k, f in zip(self.ks[x], self.lo[x], strict=True):
                n = n0 + k
                if limit is not None and n > limit:
                    break
                v = 0 if n == 0 else ((50 * (h + f)) // n + 1) // 4
                low = min(low, v)
            if low == 101:
                return 101
            ps = [(100 * p0 + m0) // (2 * m0)] if m0 else []
            if self.p_lo[x] <= 2:
                ps.append(50 * self.p_lo[x])
            low = min((min(ps) + low + 1) // 2 if ps else 101, low if m0 == 0 and self.bare[x] else 101)
        if low == 101:
            return 101
        low = max(low, 0)
        if mask or self.miss_ahead[x]:
            low = min(low, CRITICAL_CAP)
        return low

    def _tail(self, best: bool, delivery: int | None) -> int:
        """A bound on every play (it covers the plays longer than the turn limit).

        ``delivery`` bounds the delivery score of every play (the delivery programme's
        ``bound``); practice is bounded by the highest (lowest) practice any play can get.
        When every turn is rated, the best (worst) mean of ``4 practice + delivery points``
        over every play (Dinkelbach's method, exact) gives a second bound: the tighter wins.
        """
        if delivery is None:
            found = self.scorer.ratio(flip=not best)
            assert found is not None
            mean = found[1] if best else 8 - found[1]
            a, b = mean.numerator, mean.denominator
            delivery = min(100, ((50 * a) // b + 4) // 4) if best else max(0, ((50 * a) // b + 1) // 4)
        d = delivery
        if best:
            value = max((50 * self.p_hi[0] + d + 1) // 2 if self.p_hi[0] >= 0 else -1, d if self.bare[0] else -1)
        else:
            value = min((50 * self.p_lo[0] + d + 1) // 2 if self.p_lo[0] <= 2 else 101, d if self.bare[0] else 101)
        if self.all_rated:
            found = self.scorer.ratio(flip=not best, weights=self.w, top=16)
            assert found is not None
            mean = found[1] if best else 16 - found[1]
            a, b = mean.numerator, mean.denominator
            if best:
                value = min(value, ((25 * a + 3 * b) // (2 * b) + 1) // 2)
            else:
                value = max(value, ((50 * a - 5 * b) // (4 * b) + 2) // 2)
        return min(value, 100) if best else max(value, 0)

    # -- the search ----------------------------------------------------------------------

    def totals(self, edges: Sequence[int]) -> tuple[int, int]:
        """A play's overall and the critical items it misses (as bits)."""
        h = [0, 0, 0, 0]
        m = p = mask = 0
        for e in edges:
            for d, v in enumerate(self.per[e]):
                h[d] += v
            mv = self.g.gid[e]
            if self.practice[mv] >= 0:
                m += 1
                p += self.practice[mv]
            mask = (mask & ~self.clear[mv]) | self.miss[mv]
        return overall(len(edges), h, m, p, bool(mask)), mask

    def search(
        self, best: bool, seeds: Sequence[Sequence[int]] = (), delivery: int | None = None, need: str | None = None
    ) -> Found | None:
        """The best (or worst) overall of any play, by branch and bound (see the module).

        ``seeds`` are plays to start from; ``delivery``, if known, bounds every play's
        delivery. With ``need`` (a critical item), only plays that miss it count (best only):
        a partial play is dropped once no play going on from it can end with the item missed.
        """
        g = self.g
        tgt, gid = g.tgt, g.gid
        per, practice, clear, miss, is_end = self.per, self.practice, self.clear, self.miss, self.is_end
        bound = self.upper if best else self.lower
        sign = 1 if best else -1
        want = self.bits[need] if need is not None else 0
        cap = CRITICAL_CAP if want else 100
        assert best or not want
        root = bound(0, 0, 0, 0, 0, 0)
        if root in (_NONE, 101) or (want and not self.miss_ahead[0] & want):
            return None
        root = min(root, cap)
        inc, inc_edges = self._seeded(best, seeds, want)
        seen: set[tuple[int, ...]] = set()
        path: list[int] = []
        stack: list[tuple[_Frame, int]] = []
        spent = 0
        children = self._children(best, want, cap)
        frame: _Frame = (0, 0, 0, 0, 0, 0, 0, 0, 0, children(0, 0, (0, 0, 0, 0), 0, 0, 0))
        stack.append((frame, 0))
        stopped = False
        while stack:
            if inc is not None and inc == root:
                break
            (x, n, h0, h1, h2, h3, m, p, mask, kids), i = stack[-1]
            if i >= len(kids) or (inc is not None and -kids[i][0] <= sign * inc):
                stack.pop()
                if path:
                    path.pop()
                continue
            stack[-1] = ((x, n, h0, h1, h2, h3, m, p, mask, kids), i + 1)
            e = kids[i][1]
            y = tgt[e]
            d = per[e]
            mv = gid[e]
            pr = practice[mv]
            n2 = n + 1
            c0, c1, c2, c3 = h0 + d[0], h1 + d[1], h2 + d[2], h3 + d[3]
            m2, p2 = (m + 1, p + pr) if pr >= 0 else (m, p)
            mask2 = (mask & ~clear[mv]) | miss[mv]
            if is_end[y]:
                s = overall(n2, (c0, c1, c2, c3), m2, p2, bool(mask2))
                if (not want or mask2 & want) and (inc is None or sign * s > sign * inc):
                    inc, inc_edges = s, (*path, e)
                continue
            key = (y, n2, c0, c1, c2, c3, m2, p2, mask2)
            if key in seen:
                continue
            if len(seen) < SEEN_LIMIT:
                seen.add(key)
            spent += 1
            if spent > SEARCH_BUDGET:
                stack[-1] = ((x, n, h0, h1, h2, h3, m, p, mask, kids), i)  # not searched: its bound counts
                stopped = True
                break
            path.append(e)
            stack.append(((y, n2, c0, c1, c2, c3, m2, p2, mask2, children(y, n2, (c0, c1, c2, c3), m2, p2, mask2)), 0))
        if inc is None:  # pragma: no cover - a good position always has a play within the limit, or a seed
            return None
        return Found(inc, inc_edges, *self._proven(best, inc, stack if stopped else [], cap, delivery))

    def _seeded(self, best: bool, seeds: Sequence[Sequence[int]], want: int) -> tuple[int | None, tuple[int, ...]]:
        """The play in hand before the search: the best (worst) of the seeds and, when the
        start is an ending, the empty play; plays that do not miss ``want`` do not count."""
        sign = 1 if best else -1
        inc: int | None = None
        inc_edges: tuple[int, ...] = ()
        for seed in seeds:
            s, mask = self.totals(seed)
            if (not want or mask & want) and (inc is None or sign * s > sign * inc):
                inc, inc_edges = s, tuple(seed)
        if self.is_end[0] and not want:
            s = overall(0, (0, 0, 0, 0), 0, 0, False)
            if inc is None or sign * s > sign * inc:
                inc, inc_edges = s, ()
        return inc, inc_edges

    def _children(
        self, best: bool, want: int, cap: int
    ) -> Callable[[int, int, tuple[int, int, int, int], int, int, int], list[tuple[int, int]]]:
        """The search's expansion of a partial play: its moves as (-sign * bound, edge), most
        promising first, without those that cannot end or cannot miss ``want``. A closure
        over local copies of the tables, as the search's hot path."""
        g = self.g
        off, tgt, gid = g.off, g.tgt, g.gid
        per, practice, clear, miss, good, miss_ahead = self.per, self.practice, self.clear, self.miss, self.good, self.miss_ahead
        bound = self.upper if best else self.lower
        sign = 1 if best else -1

        def children(x: int, n: int, h: tuple[int, int, int, int], m: int, p: int, mask: int) -> list[tuple[int, int]]:
            out = []
            for e in range(off[x], off[x + 1]):
                y = tgt[e]
                if not good[y]:
                    continue
                d = per[e]
                mv = gid[e]
                pr = practice[mv]
                m2, p2 = (m + 1, p + pr) if pr >= 0 else (m, p)
                mask2 = (mask & ~clear[mv]) | miss[mv]
                if want and not (mask2 | miss_ahead[y]) & want:
                    continue
                b = bound(y, n + 1, h[0] + h[1] + h[2] + h[3] + d[0] + d[1] + d[2] + d[3], m2, p2, mask2)
                if b in (_NONE, 101):
                    continue
                out.append((-sign * min(b, cap), e))
            out.sort()
            return out

        return children

    def _proven(
        self, best: bool, inc: int, unsearched: Sequence[tuple[_Frame, int]], cap: int, delivery: int | None
    ) -> tuple[bool, int]:
        """Whether ``inc`` is proven the best (worst), and the bound that is: the bounds of the
        subtrees left in ``unsearched`` when the budget ran out, and with loops (or a stop)
        the bound on every play, longer ones included."""
        proven = inc
        sign = 1 if best else -1
        for (*_, kids), i in unsearched:
            if i < len(kids):
                b = -kids[i][0] * sign
                proven = max(proven, b) if best else min(proven, b)
        if self.has_loop or unsearched:
            clean, clean_long, missed, missed_long = self._endings()
            tail = self._tail(best, delivery)  # bounds every play, the critical cap aside
            if best:
                every = min(tail, cap) if clean else min(tail, CRITICAL_CAP)
                longer = min(tail, cap) if clean_long else min(tail, CRITICAL_CAP)
            else:
                every = min(tail, CRITICAL_CAP) if missed else tail
                longer = min(tail, CRITICAL_CAP) if missed_long else tail
            if self.has_loop:  # the plays longer than the search went
                proven = max(proven, longer) if best else min(proven, longer)
            proven = min(proven, every) if best else max(proven, every)
        return proven == inc, proven

    def _endings(self) -> tuple[bool, bool, bool, bool]:
        """Whether a play can end clean (no critical item missed), go round a loop and end
        clean, end with an item missed, and go round a loop and end with one missed."""
        if self._classes is not None:
            return self._classes
        g = self.g
        off, tgt, gid, good = g.off, g.tgt, g.gid, self.good
        seen = {(0, 0)}
        order = [(0, 0)]
        into: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for x, mask in order:  # forward: every (position, items missed) a play can reach
            for e in range(off[x], off[x + 1]):
                y = tgt[e]
                if not good[y]:
                    continue
                mv = gid[e]
                nxt = (y, (mask & ~self.clear[mv]) | self.miss[mv])
                into.setdefault(nxt, []).append((x, mask))
                if nxt not in seen:
                    seen.add(nxt)
                    order.append(nxt)
        out: list[bool] = []
        for clean in (True, False):
            ends = [s for s in order if self.is_end[s[0]] and (s[1] == 0) == clean]
            alive = set(ends)  # backward: the partial plays that can still end so
            todo = list(ends)
            while todo:
                for prev in into.get(todo.pop(), ()):
                    if prev not in alive:
                        alive.add(prev)
                        todo.append(prev)
            out += [bool(ends), _has_cycle(alive, into)]
        self._classes = (out[0], out[1], out[2], out[3])
        return self._classes

    def check(self, scenario: Scenario, edges: Sequence[int]) -> int:
        """The play's overall as the judge and the assessment compute it (the tests hold the two together)."""
        table = self.g.ratings.table
        ratings: list[dict[str, str | None]] = []
        tags: list[tuple[int, str, str, str]] = []
        for turn, e in enumerate(edges, 1):
            mv = self.g.gid[e]
            sid, cid = self.g.moves[mv]
            choice = scenario.states[sid].choice(cid)
            assert choice is not None
            ratings.append({**table[self.g.rate[e]][2], "practice": rate_practice(choice.assess)})
            tags += [(turn, item, level, "") for item, level in self.tags[mv]]
        value = score(ratings, critical_missed=bool(critical_missed(tags)))["overall"]
        assert value is not None
        return value


def of_graph(scenario: Scenario, g: _Graph) -> Overall:
    """An :class:`Overall` on a graph, complete or not (positions left unexpanded then have no moves)."""
    if len(g.off) < len(g.nodes) + 1:
        g = replace(g, off=g.off + [g.off[-1]] * (len(g.nodes) + 1 - len(g.off)))
    st = _structure(g)
    return Overall(scenario, g, st, _Scorer(g, st))


def _has_cycle(alive: set[tuple[int, int]], into: dict[tuple[int, int], list[tuple[int, int]]]) -> bool:
    """Whether the moves among ``alive`` (given backwards, ``into``) hold a loop (Kahn's algorithm)."""
    indegree = dict.fromkeys(alive, 0)
    succ: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for s in alive:
        for prev in into.get(s, ()):
            if prev in alive:
                indegree[s] += 1
                succ.setdefault(prev, []).append(s)
    free = [s for s, d in indegree.items() if d == 0]
    removed = 0
    while free:
        s = free.pop()
        removed += 1
        for nxt in succ.get(s, ()):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                free.append(nxt)
    return removed < len(alive)
