"""The conversation as a graph (``ipt-sim graph``): Mermaid or Graphviz DOT text.

Every state is a node; every (state, choice, ``next`` branch) is an edge labelled with
the choice id and its words, shortened, the branch's condition (``when ...``, or
``otherwise`` for the last branch of a conditional ``next``) and the choice's
``requires``. Endings are coloured by outcome: positive green, mixed amber, negative red.
One recorded session's path (its states, in order, and optionally its choices) can be
highlighted: those nodes and edges are drawn thick and blue.

The text is generated here rather than by ``transitions.extensions.diagrams``: its Mermaid
engine merges all transitions between two states into one edge and labels a condition by
its callable's name, so the (choice, branch) edges and their conditions would be lost; it
draws a state diagram, in which Mermaid cannot style single edges (no highlighted path);
it needs a model bound to the machine; and its DOT output needs the ``graphviz`` package,
a new dependency. Writing the two formats directly takes a page and needs nothing.
Node ids are generated (``s0``, ``s1``, ...), so a state called ``end`` or ``graph``
cannot collide with a keyword of either language.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from simulator import controls
from simulator.model import Scenario

Format = Literal["mermaid", "dot"]
SAY_CHARS = 32  # a choice's words on an edge are cut to this many characters
COLOURS = {  # outcome -> (fill, border, text)
    "positive": ("#c8e6c9", "#2e7d32", "#1b5e20"),
    "mixed": ("#ffe082", "#ff8f00", "#5d4037"),
    "negative": ("#ffcdd2", "#c62828", "#b71c1c"),
}
HIGHLIGHT = "#1565c0"


@dataclass(frozen=True, slots=True)
class Node:
    key: str  # generated id
    state: str
    lines: tuple[str, ...]
    outcome: str | None
    on_path: bool


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    lines: tuple[str, ...]
    on_path: bool


def shorten(words: str, limit: int = SAY_CHARS) -> str:
    """A choice's words for an edge: one line, at most ``limit`` characters."""
    text = " ".join(words.split())
    if not text:
        return "(silence)"
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _path_steps(
    scenario: Scenario, highlight: Sequence[str] | None, played: Sequence[str] | None
) -> tuple[set[str], set[tuple[str, str | None, str]]]:
    """The states of a session's path and its steps (from, choice or None, to), checked against the scenario."""
    if not highlight:
        return set(), set()
    for sid in highlight:
        if sid not in scenario.states:
            raise ValueError(f"the session's path names state '{sid}', which this scenario does not have")
    if played is not None and len(played) != len(highlight) - 1:
        raise ValueError(f"a path of {len(highlight)} states takes {len(highlight) - 1} choices, not {len(played)}")
    steps: set[tuple[str, str | None, str]] = set()
    for i, (a, b) in enumerate(itertools.pairwise(highlight)):
        choice = played[i] if played is not None else None
        if not any(br.goto == b for c in scenario.states[a].choices if choice in (None, c.id) for br in c.next):
            how = f"by choice '{choice}'" if choice is not None else "by any choice"
            raise ValueError(f"the session's path goes from '{a}' to '{b}', which this scenario does not allow {how}")
        steps.add((a, choice, b))
    return set(highlight), steps


def build(
    scenario: Scenario, highlight: Sequence[str] | None = None, played: Sequence[str] | None = None
) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges, in file order: one edge per (state, choice, branch)."""
    on_path, steps = _path_steps(scenario, highlight, played)
    keys = {sid: f"s{i}" for i, sid in enumerate(scenario.states)}
    nodes: list[Node] = []
    edges: list[Edge] = []
    for sid, state in scenario.states.items():
        lines: tuple[str, ...] = (sid,)
        outcome = None
        if state.ending is not None:
            ending = scenario.endings[state.ending]
            outcome = ending.outcome
            lines = (sid, f"ending: {state.ending} ({outcome})")
        nodes.append(Node(keys[sid], sid, lines, outcome, sid in on_path))
        for c in state.choices:
            conditional = len(c.next) > 1
            for branch in c.next:
                label = [f"{c.id}: “{shorten(c.say)}”"]
                if branch.when is not None:
                    label.append(f"when {branch.when.text.strip()}")
                elif conditional:
                    label.append("otherwise")
                if c.requires is not None:
                    label.append(f"requires {c.requires.text.strip()}")
                taken = (sid, c.id, branch.goto) in steps or (sid, None, branch.goto) in steps
                edges.append(Edge(keys[sid], keys[branch.goto], tuple(label), taken))
    return nodes, edges


# -- Mermaid ------------------------------------------------------------------------------

_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;"}


def _mermaid_text(text: str) -> str:
    return "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in " ".join(controls.strip(text).split()))


def _mermaid(scenario: Scenario, nodes: list[Node], edges: list[Edge]) -> str:
    title = " ".join(controls.strip(scenario.title).split()).replace("'", "''")
    out = ["---", f"title: '{title}'", "---", "flowchart TD"]
    start = next(n.key for n in nodes if n.state == scenario.start)
    out.append(f'  entry(("start")) --> {start}')
    for n in nodes:
        label = "<br/>".join(_mermaid_text(line) for line in n.lines)
        shape = ('(["', '"])') if n.outcome else ('["', '"]')
        out.append(f"  {n.key}{shape[0]}{label}{shape[1]}")
    for e in edges:
        label = "<br/>".join(_mermaid_text(line) for line in e.lines)
        out.append(f'  {e.source} -->|"{label}"| {e.target}')
    for outcome, (fill, stroke, color) in COLOURS.items():
        members = [n.key for n in nodes if n.outcome == outcome]
        if members:
            out.append(f"  classDef {outcome} fill:{fill},stroke:{stroke},color:{color}")
            out.append(f"  class {','.join(members)} {outcome}")
    path_nodes = [n.key for n in nodes if n.on_path]
    if path_nodes:
        out.append(f"  classDef path stroke:{HIGHLIGHT},stroke-width:4px")
        out.append(f"  class {','.join(path_nodes)} path")
        links = [str(i + 1) for i, e in enumerate(edges) if e.on_path]  # link 0 is the start arrow
        out.append(f"  linkStyle {','.join(links)} stroke:{HIGHLIGHT},stroke-width:4px")
    return "\n".join(out) + "\n"


# -- Graphviz DOT -------------------------------------------------------------------------


def _dot_text(text: str) -> str:
    return " ".join(controls.strip(text).split()).replace("\\", "\\\\").replace('"', '\\"')


def _dot_lines(lines: Sequence[str]) -> str:
    return "\\n".join(_dot_text(line) for line in lines)


def _dot(scenario: Scenario, nodes: list[Node], edges: list[Edge]) -> str:
    out = [
        f'digraph "{_dot_text(scenario.id)}" {{',
        f'  label="{_dot_text(scenario.title)}";',
        "  labelloc=t;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        "  entry [shape=point];",
    ]
    start = next(n.key for n in nodes if n.state == scenario.start)
    out.append(f"  entry -> {start};")
    for n in nodes:
        attrs = [f'label="{_dot_lines(n.lines)}"']
        if n.outcome:
            fill, stroke, color = COLOURS[n.outcome]
            attrs += ['style="rounded,filled"', f'fillcolor="{fill}"', f'color="{stroke}"', f'fontcolor="{color}"']
        if n.on_path:
            attrs += ["penwidth=3"] + ([] if n.outcome else [f'color="{HIGHLIGHT}"'])
        out.append(f"  {n.key} [{', '.join(attrs)}];")
    for e in edges:
        attrs = [f'label="{_dot_lines(e.lines)}"']
        if e.on_path:
            attrs += [f'color="{HIGHLIGHT}"', "penwidth=3"]
        out.append(f"  {e.source} -> {e.target} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def render(
    scenario: Scenario, fmt: Format = "mermaid", highlight: list[str] | None = None, played: list[str] | None = None
) -> str:
    """The scenario as Mermaid (flowchart) or DOT text.

    ``highlight`` is one session's states, in order; every edge between two consecutive
    states is marked, unless ``played`` (the session's choice ids, in order) says which
    choice was taken. Raises ``ValueError`` with a message for the user if the path does
    not fit the scenario (a record of an older version of the file, say).
    """
    nodes, edges = build(scenario, highlight, played)
    if fmt == "mermaid":
        return _mermaid(scenario, nodes, edges)
    if fmt == "dot":
        return _dot(scenario, nodes, edges)
    raise ValueError(f"unknown graph format '{fmt}'; use mermaid or dot")


__all__ = ["COLOURS", "Edge", "Format", "Node", "build", "render", "shorten"]
