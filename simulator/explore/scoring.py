"""The best and worst overall score over every play (a ratio objective with rounding)."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm

from simulator.explore.model import LAYER_BUDGET, LAYER_TURNS_WITH_LOOPS, MAX_WITNESS_TURNS
from simulator.explore.space import _edge_source, _Graph, _shortest
from simulator.explore.structure import _Structure

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
        g, per, good = self.g, self.per, self.good_node
        off, tgt = g.off, g.tgt
        zero = (0, 0, 0, 0)
        layers: list[dict[int, dict[tuple[int, ...], tuple[int, tuple[int, ...], int]]]] = [{0: {zero: (-1, zero, -1)}}]
        best: tuple[int, int, int, tuple[int, ...]] | None = None  # (score, turns, node, points)
        worst: tuple[int, int, int, tuple[int, ...]] | None = None
        if self.is_end[0]:
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
            best, worst = self._score_endings(new, turns, best, worst)
        return self._unwind(layers, best), self._unwind(layers, worst), not self.has_loop

    def _score_endings(
        self,
        layer: dict[int, dict[tuple[int, ...], tuple[int, tuple[int, ...], int]]],
        turns: int,
        best: tuple[int, int, int, tuple[int, ...]] | None,
        worst: tuple[int, int, int, tuple[int, ...]] | None,
    ) -> tuple[tuple[int, int, int, tuple[int, ...]] | None, tuple[int, int, int, tuple[int, ...]] | None]:
        """The best and worst so far, after scoring the plays of this layer that end here."""
        is_end = self.is_end
        for y, bucket in layer.items():
            if not is_end[y]:
                continue
            for h in bucket:
                s = _score(turns, h)
                if best is None or s > best[0]:
                    best = (s, turns, y, h)
                if worst is None or s < worst[0]:
                    worst = (s, turns, y, h)
        return best, worst

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

    def ratio(
        self, flip: bool, hint: Sequence[int] = (), weights: Sequence[int] | None = None, top: int = 8
    ) -> tuple[_Candidate, Fraction] | None:
        """The supremum of mean points per turn (of 8 - points if ``flip``), and a witness play.

        Dinkelbach's iteration starts from the best loop's mean or the mean of ``hint`` (a
        play already known to be good), whichever is higher: both are at most the answer.
        Other per-edge ``weights`` (from 0 to ``top``) may stand in for the points: the
        mean is then theirs (the witness is still scored on delivery).
        """
        ends = [x for x in range(len(self.g.nodes)) if self.is_end[x]]
        if not ends:
            return None
        base = self.points if weights is None else list(weights)
        w = [top - p for p in base] if flip else base
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
            if self._higher_means(cid, group, pol, ep, eq):
                continue
            p, q = ep[group[0]], eq[group[0]]  # one mean now: no edge leads to a higher one
            if (p, q) != last:  # the mean moved: a full sweep, as Howard does
                last = (p, q)
                if not self._higher_values(cid, group, w, pol, val, p, q):
                    return
                continue
            if not self._raise_labels(group, into, w, pol, val, p, q):
                return

    def _higher_means(self, cid: int, group: list[int], pol: list[int], ep: list[int], eq: list[int]) -> bool:
        """Howard's first step: switch each position to the successor with the highest cycle
        mean, if higher than its own; True if any switched (the policy needs evaluating)."""
        g, comp = self.g, self.st.comp
        off, tgt = g.off, g.tgt
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
        return changed

    def _higher_values(self, cid: int, group: list[int], w: list[int], pol: list[int], val: list[int], p: int, q: int) -> bool:
        """A full sweep at the mean ``p/q``: switch each position to the edge of highest value;
        True if any switched."""
        g, comp = self.g, self.st.comp
        off, tgt = g.off, g.tgt
        changed = False
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
        return changed

    def _raise_labels(
        self,
        group: list[int],
        into: dict[int, list[tuple[int, int]]],
        w: list[int],
        pol: list[int],
        val: list[int],
        p: int,
        q: int,
    ) -> bool:
        """Switches for a higher value at an unchanged mean, as a label-correcting longest path
        (the switched position's policy subtree moves up by the gain); True when a switch
        closed a policy cycle, a loop better than the mean, so the policy needs evaluating."""
        tgt = self.g.tgt
        kids: dict[int, set[int]] = {x: set() for x in group}
        for x in group:
            kids[tgt[pol[x]]].add(x)
        queue = deque(group)
        queued = set(group)
        while queue:
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
                    return True
                kids[tgt[pol[x]]].discard(x)
                kids[y].add(x)
                pol[x] = e
                for z in tree:
                    val[z] += gain
                    if z not in queued:
                        queued.add(z)
                        queue.append(z)
        return False

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
