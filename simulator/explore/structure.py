"""Strongly connected components of the position graph, and what they give: which positions
can still end, which loops repeat, the number of plays and the longest play."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.explore.model import UNBOUNDED, Unbounded
from simulator.explore.space import _Graph

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
