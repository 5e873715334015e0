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
this graph, by dynamic programming where it can be (the overall score of an assessed
scenario is searched for, below):

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
  scored or the play reaches ``bound``. This is the whole score of a version-1 scenario.
- With assessment (format 1.1: some choice carries ``assess``), the overall score is the
  mean of practice (over the rated turns) and delivery (the score above), capped at 49
  when a critical item is missed: best and worst are then found by a branch-and-bound
  search over plays, each scored exactly (:mod:`simulator.explore.overall`), seeded with
  the delivery extremes, which are reported beside them. The best play that misses each
  critical item is found by the same search (:mod:`simulator.explore.assessment`).

At a ``delivery: choose`` moment every delivery the learner is offered (each tone of
:func:`simulator.delivery.tone_options` with each cue set of ``cue_options``) is a move
of its own, named ``choice@tone@cue+cue`` in paths as ``play --choices`` takes it; its
charge shift and its judging are the engine's. Turns are played without a measured
response time (timing is judged from the choice's tag, as with ``--timing off``).
Where the graph has more than ``max_nodes`` positions, the search stops and the result
says so (``complete`` false): endings met are reachable, with their shortest play;
nothing is claimed about the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from simulator.explore import assessment
from simulator.explore.model import DEFAULT_MAX_NODES, UNBOUNDED, EndingFacts, Extreme, Result, Tracked, Unbounded
from simulator.explore.overall import Overall
from simulator.explore.reads import tracked
from simulator.explore.scoring import _Candidate, _Scorer
from simulator.explore.space import _build, _Graph, _Layout, _shortest
from simulator.explore.structure import _counts, _structure
from simulator.judge import score
from simulator.model import Scenario

__all__ = [
    "DEFAULT_MAX_NODES",
    "UNBOUNDED",
    "EndingFacts",
    "Extreme",
    "Result",
    "Tracked",
    "Unbounded",
    "analyse",
    "to_json",
    "to_text",
    "tracked",
]

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


def _extreme(g: _Graph, scorer: _Scorer, exact: _Candidate | None, covered: bool, best: bool) -> tuple[Extreme | None, list[int]]:
    """The best (worst) delivery score: version 1's overall."""
    candidates = [c for c in (exact,) if c is not None]
    bound: int | None = None
    if not covered:
        found = scorer.ratio(flip=not best, hint=exact.edges if exact is not None else ())
        if found is not None:
            cand, mean = found
            candidates.append(cand)
            bound = _bounds(mean if best else 8 - mean, best)
    if not candidates:
        return None, []
    sign = 1 if best else -1
    pick = max(candidates, key=lambda c: (sign * c.score, -len(c.edges)))
    path = tuple(g.labels[g.gid[e]] for e in pick.edges)
    table = g.ratings.table
    real = score([table[g.rate[e]][2] for e in pick.edges])["delivery"]  # the judge's ratings, its rounding
    if real != pick.score:  # pragma: no cover - the two ways of scoring are held together by the tests
        raise RuntimeError(f"explore's scoring disagrees with judge.score on {list(path)}: {pick.score} vs {real}")
    if bound is None:
        bound = real
    return Extreme(real, path, covered or real == bound, bound), pick.edges


def _overall(
    scenario: Scenario, g: _Graph, ov: Overall, best: bool, seeds: Sequence[Sequence[int]], delivery: Extreme | None
) -> Extreme | None:
    """The best (worst) overall of a scenario with assessment: practice, delivery and the critical cap."""
    found = ov.search(best, seeds, delivery.bound if delivery is not None else None)
    if found is None:
        return None
    path = tuple(g.labels[g.gid[e]] for e in found.edges)
    real = ov.check(scenario, found.edges)  # the judge's ratings and scores, the assessment's critical verdict
    if real != found.score:  # pragma: no cover - the two ways of scoring are held together by the tests
        raise RuntimeError(f"explore's scoring disagrees with judge.score on {list(path)}: {found.score} vs {real}")
    return Extreme(real, path, found.exact, found.bound)


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
        return tuple(g.labels[g.gid[e]] for e in edges)

    endings: dict[str, EndingFacts] = {}
    if not g.complete:
        for k, eid in enumerate(ending_ids):
            outcome = scenario.endings[eid].outcome
            if k in first_at:
                shortest = _shortest(g, first_at[k])
                endings[eid] = EndingFacts(eid, outcome, True, names(shortest), len(shortest), None)
            else:
                endings[eid] = EndingFacts(eid, outcome, None, None, None, None)
        return Result(scenario.id, False, max_nodes, len(g.nodes), len(g.tgt), t, endings, None, None, None, None, None,
                      assessment.critical(scenario, g), assessment.objectives(scenario, g, layout))  # fmt: skip

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
    best, best_edges = _extreme(g, scorer, exact_best, covered, best=True)
    worst, worst_edges = _extreme(g, scorer, exact_worst, covered, best=False)
    assessed = any(c.assess for s in scenario.states.values() for c in s.choices)
    delivery: tuple[Extreme | None, Extreme | None] | None = None
    ov: Overall | None = None
    if assessed:  # best and worst are overall scores; delivery alone is kept beside them
        delivery = (best, worst)
        ov = Overall(scenario, g, st, scorer)
        seeds = [e for e in (best_edges, worst_edges) if best is not None]
        best = _overall(scenario, g, ov, True, seeds, best)
        worst = _overall(scenario, g, ov, False, seeds, worst)

    seen_states = {state_ids[node[0]] for node in g.nodes}
    played = {g.moves[i] for i in set(g.gid)}  # a choice is played when any of its deliveries is
    unvisited_states = tuple(s for s in state_ids if s not in seen_states)
    unvisited_choices = tuple(dict.fromkeys(mv for mv in g.moves if mv not in played))
    return Result(
        scenario.id, True, max_nodes, len(g.nodes), len(g.tgt), t, endings, plays, best, worst,
        unvisited_states, unvisited_choices, assessment.critical(scenario, g, ov), assessment.objectives(scenario, g, layout),
        assessed, delivery,
    )  # fmt: skip


# -- output -------------------------------------------------------------------------------


def _extreme_json(x: Extreme | None) -> dict[str, Any] | None:
    if x is None:
        return None
    return {"score": x.score, "path": list(x.path), "exact": x.exact, "bound": x.bound}


def to_json(result: Result) -> dict[str, Any]:
    """The ``--json`` form: ``{endings, plays, best, worst, unvisited}`` and how complete it is
    (with assessment, also ``critical``, ``objectives`` and ``delivery``)."""
    t = result.tracked
    out: dict[str, Any] = {
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
        "critical": {
            i: {
                "missable": c.missable,
                "best_score_when_missed": c.best_score_when_missed,
                "path": list(c.path),
                "exact": c.exact,
            }
            for i, c in result.critical.items()
        },
        "objectives": {
            o.id: {"positive_ending_without": o.positive_ending_without, "path": list(o.path)} for o in result.objectives.values()
        },
    }
    if result.delivery is not None:  # format 1.1: best and worst are overall; delivery alone beside them
        out["delivery"] = {"best": _extreme_json(result.delivery[0]), "worst": _extreme_json(result.delivery[1])}
    return out


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
    lines = [f"{result.scenario}: {result.nodes:,} positions (state with {_held_text(result.tracked)})"]
    if not result.complete:
        lines.append(
            f"Stopped at the limit of {result.max_nodes:,} positions: the analysis is incomplete. "
            "Endings below marked reachable are proven; nothing else is."
        )
    lines += ["", "Endings:"]
    width = max((len(e) for e in result.endings), default=0)
    lines += [f"  {e.id:<{width}}  {e.outcome:<8}  {_ending_text(e)}" for e in result.endings.values()]
    if not result.complete:
        return "\n".join(lines)
    lines.append("")
    if result.plays == UNBOUNDED:
        lines.append("Plays: unbounded (a loop can repeat before an ending)")
    else:
        lines.append(f"Plays: {result.plays:,} distinct plays reach an ending")
    # With assessment (format 1.1) these are overall scores (practice, delivery, the critical
    # cap), and delivery alone is given beside them; without it, delivery is the overall (version 1).
    lines += _extreme_text("Best overall score", result.best, best=True)
    lines += _extreme_text("Worst overall score", result.worst, best=False)
    top, low = result.delivery or (None, None)
    if top is not None and low is not None:
        lines.append(
            f"Delivery alone (tone, timing, nonverbal, charge): best {top.score}{'' if top.exact else ' (not proven)'}, "
            f"worst {low.score}{'' if low.exact else ' (not proven)'}"
        )
    lines += _assessment_text(result)
    lines.append("")
    if not result.unvisited_states and not result.unvisited_choices:
        lines.append("Every state and every choice is played in some play.")
    else:
        if result.unvisited_states:
            lines.append(f"States no play visits: {', '.join(result.unvisited_states)}")
        if result.unvisited_choices:
            lines.append(f"Choices no play can make: {', '.join(f'{s}: {c}' for s, c in result.unvisited_choices)}")
    return "\n".join(lines)


def _held_text(t: Tracked) -> str:
    """What a position holds beside the state, for the report's first line: the reader
    judges the position count by it."""
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
    return "; ".join(held)


def _ending_text(e: EndingFacts) -> str:
    """How an ending is reached, for its line of the report: not before the limit, never,
    or in how many turns and by which shortest play."""
    if e.reachable is None:
        return "not reached before the limit"
    if not e.reachable:
        return "unreachable: no play ends here"
    assert e.min_turns is not None and e.shortest is not None
    if e.max_turns is None:
        span = f"reachable in {_turns(e.min_turns)} or more"
    elif e.max_turns == UNBOUNDED:
        span = f"{e.min_turns} or more turns (a loop can repeat)"
    elif e.max_turns == e.min_turns:
        span = _turns(e.min_turns)
    else:
        span = f"{e.min_turns} to {e.max_turns} turns"
    return f"{span}; shortest: {_path_text(e.shortest)}"


def _assessment_text(result: Result) -> list[str]:
    """Critical items a play can miss (and the best it then scores); positive endings with an objective unmet."""
    lines: list[str] = []
    for c in result.critical.values():
        if not c.missable:
            lines.append(f"Critical item {c.item}: no play misses it.")
        else:
            about = "" if c.exact else " (best found; the search stopped early)"
            lines.append(f"Critical item {c.item}: can be missed; the best such play scores {c.best_score_when_missed}{about}:")
            lines.append(f"  {_path_text(c.path)}")
    for o in result.objectives.values():
        if o.positive_ending_without:
            lines.append(f"Objective {o.id}: a positive ending is reachable without it: {_path_text(o.path)}")
        else:
            lines.append(f"Objective {o.id}: met on every play that ends well.")
    return ["", *lines] if lines else []


__all__ = ["DEFAULT_MAX_NODES", "EndingFacts", "Extreme", "Result", "Tracked", "analyse", "to_json", "to_text", "tracked"]
