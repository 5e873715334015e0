"""What explore says about a scenario's assessment (format 1.1): can a trainee skip a
critical item and still pass, and can a positive ending be reached with an objective unmet.

Both are decided on the position graph (:mod:`simulator.explore.space`), which follows
the engine exactly. A critical item adds a small status to each position (not tagged yet,
done, missed), so "missable" is a breadth-first search of that product graph: exact, and
the play it reports is a shortest one. The best score of a play that misses the item is
found by the branch-and-bound search of the best overall (:mod:`simulator.explore.overall`),
keeping only partial plays that can still end with the item missed; it stops as soon as a
play reaches the cap (a missed critical item caps ``overall`` at 49, so nothing can score
more). When its budget runs out first, or loops make some plays longer than it searches
and their bound is above the play found, the figure is the best play found and ``exact``
says so. An objective's ``met`` reads only tracked values (explore tracks what
it reads), so it is evaluated on the ending's position itself.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from simulator import catalogs
from simulator.explore.overall import Overall, of_graph
from simulator.explore.space import _Graph, _Layout, _shortest
from simulator.model import DONE_LEVELS, Scenario

_UNTOUCHED, _DONE, _MISSED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class CriticalFacts:
    item: str
    missable: bool
    best_score_when_missed: int | None
    path: tuple[str, ...]
    exact: bool


@dataclass(frozen=True, slots=True)
class ObjectiveFacts:
    id: str
    positive_ending_without: bool
    path: tuple[str, ...]


def critical_items(scenario: Scenario) -> list[str]:
    """The critical items some choice tags, in catalog order."""
    cat = catalogs.load().items
    tagged = {a.item for st in scenario.states.values() for c in st.choices for a in c.assess}
    return [i for i in cat if i in tagged and cat[i].critical]


def _effects(scenario: Scenario, g: _Graph, item: str) -> list[int]:
    """Per move: how it leaves the item's status (-1: not tagged; else done or missed)."""
    out = []
    for sid, cid in g.moves:
        choice = scenario.states[sid].choice(cid)
        assert choice is not None
        levels = [a.level for a in choice.assess if a.item == item]
        out.append(-1 if not levels else _DONE if levels[-1] in DONE_LEVELS else _MISSED)
    return out


def _ending_positions(g: _Graph) -> list[int]:
    return [x for x, node in enumerate(g.nodes) if g.ending_of_state[node[0]] >= 0]


def critical(scenario: Scenario, g: _Graph, ov: Overall | None = None) -> dict[str, CriticalFacts]:
    """For each critical item some choice tags: can a play miss it, and the best such play.

    ``ov`` is the overall search on ``g`` when the caller has one (it is built otherwise).
    """
    expanded = len(g.off) - 1  # on a graph stopped at its limit, later positions have no known moves
    out: dict[str, CriticalFacts] = {}
    for item in critical_items(scenario):
        step = _effects(scenario, g, item)
        # breadth first over (position, status): a shortest play that misses the item
        parent: dict[tuple[int, int], tuple[tuple[int, int], int] | None] = {(0, _UNTOUCHED): None}
        todo = deque([(0, _UNTOUCHED)])
        found: tuple[int, int] | None = None
        while todo:
            x, st = todo.popleft()
            if g.ending_of_state[g.nodes[x][0]] >= 0:
                if st == _MISSED:
                    found = (x, st)
                    break
                continue
            if x >= expanded:
                continue
            for e in range(g.off[x], g.off[x + 1]):
                nxt = (g.tgt[e], st if step[g.gid[e]] < 0 else step[g.gid[e]])
                if nxt not in parent:
                    parent[nxt] = ((x, st), e)
                    todo.append(nxt)
        if found is None:
            out[item] = CriticalFacts(item, False, None, (), g.complete)
            continue
        edges: list[int] = []
        at: tuple[int, int] | None = found
        while at is not None and parent[at] is not None:
            prev, e = parent[at]  # type: ignore[misc]
            edges.append(e)
            at = prev
        edges.reverse()
        if ov is None:
            ov = of_graph(scenario, g)
        best = ov.search(True, [edges], need=item)
        assert best is not None  # the play found above is a seed
        path = tuple(g.labels[g.gid[e]] for e in best.edges)
        out[item] = CriticalFacts(item, True, best.score, path, best.exact and g.complete)
    return out


def objectives(scenario: Scenario, g: _Graph, layout: _Layout) -> dict[str, ObjectiveFacts]:
    """For each checked objective: a positive ending reachable with it unmet, and a shortest such play."""
    positive = {i for i, e in enumerate(scenario.endings.values()) if e.outcome == "positive"}
    ends = [x for x in _ending_positions(g) if g.ending_of_state[g.nodes[x][0]] in positive]
    out: dict[str, ObjectiveFacts] = {}
    for o in scenario.objectives:
        if o.met is None or o.id is None:
            continue
        met = layout.cond(o.met.text)
        unmet = [x for x in ends if not met(g.nodes[x])]
        if unmet:
            x = min(unmet, key=lambda y: g.dist[y])
            out[o.id] = ObjectiveFacts(o.id, True, tuple(g.labels[g.gid[e]] for e in _shortest(g, x)))
        else:
            out[o.id] = ObjectiveFacts(o.id, False, ())
    return out
