"""What a scenario's expressions read: the only parts of a play's history that matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from simulator.explore.model import _COMPARE_OPS, Tracked
from simulator.jinja_env import scenario_environment
from simulator.model import Scenario

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
    # An objective's `met` is read at the end of a play: what it reads must be in the position.
    out.extend(o.met.text for o in scenario.objectives if o.met is not None)
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
