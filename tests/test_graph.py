"""``graph``: every state a node, every (state, choice, branch) a labelled edge, endings
coloured by outcome, conditions shown, one session's path highlighted; Mermaid and DOT."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.engine import replay
from simulator.graph import COLOURS, render, shorten
from simulator.model import Scenario
from simulator.validate import load_text

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"
BUNDLED = REPO / "scenarios" / "role_dispute" / "partner-renegotiation.yaml"


def load(path: Path) -> Scenario:
    scenario, diags = load_text(path.read_bytes(), str(path))
    assert scenario is not None, [d.format() for d in diags]
    return scenario


EXAMPLE_MERMAID = """\
---
title: 'The same argument about money'
---
flowchart TD
  entry(("start")) --> s0
  s0["doorway"]
  s1["escalation"]
  s2["still-hot"]
  s3(["table<br/>ending: renegotiating (positive)"])
  s4(["walked-out<br/>ending: impasse-deepens (negative)"])
  s0 -->|"counter: “Me? You bought a new phone last…”"| s1
  s0 -->|"acknowledge: “You're worried about money. I c…”"| s3
  s0 -->|"silence: “(silence)”"| s1
  s1 -->|"follow: “Sam, wait. I don't want to figh…”<br/>when charge #gt;= 7"| s2
  s1 -->|"follow: “Sam, wait. I don't want to figh…”<br/>otherwise"| s3
  s1 -->|"let-go: “Fine. Go.”"| s4
  s2 -->|"own-it: “You have. I left you alone with…”<br/>requires named_worry"| s3
  s2 -->|"explain: “Well, if you'd just told me --”"| s4
  classDef positive fill:#c8e6c9,stroke:#2e7d32,color:#1b5e20
  class s3 positive
  classDef negative fill:#ffcdd2,stroke:#c62828,color:#b71c1c
  class s4 negative
"""

EXAMPLE_DOT = """\
digraph "money-impasse" {
  label="The same argument about money";
  labelloc=t;
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  entry [shape=point];
  entry -> s0;
  s0 [label="doorway"];
  s1 [label="escalation"];
  s2 [label="still-hot"];
  s3 [label="table\\nending: renegotiating (positive)", style="rounded,filled", fillcolor="#c8e6c9", color="#2e7d32", fontcolor="#1b5e20"];
  s4 [label="walked-out\\nending: impasse-deepens (negative)", style="rounded,filled", fillcolor="#ffcdd2", color="#c62828", fontcolor="#b71c1c"];
  s0 -> s1 [label="counter: “Me? You bought a new phone last…”"];
  s0 -> s3 [label="acknowledge: “You're worried about money. I c…”"];
  s0 -> s1 [label="silence: “(silence)”"];
  s1 -> s2 [label="follow: “Sam, wait. I don't want to figh…”\\nwhen charge >= 7"];
  s1 -> s3 [label="follow: “Sam, wait. I don't want to figh…”\\notherwise"];
  s1 -> s4 [label="let-go: “Fine. Go.”"];
  s2 -> s3 [label="own-it: “You have. I left you alone with…”\\nrequires named_worry"];
  s2 -> s4 [label="explain: “Well, if you'd just told me --”"];
}
"""


def test_example_as_mermaid() -> None:
    assert render(load(EXAMPLE), "mermaid") == EXAMPLE_MERMAID


def test_example_as_dot() -> None:
    assert render(load(EXAMPLE), "dot") == EXAMPLE_DOT


def test_example_path_highlighted_exactly_in_both_formats() -> None:
    scenario = load(EXAMPLE)
    states = ["doorway", "escalation", "still-hot", "table"]
    mermaid = render(scenario, "mermaid", states, ["counter", "follow", "own-it"])
    assert mermaid == EXAMPLE_MERMAID + (
        "  classDef path stroke:#1565c0,stroke-width:4px\n"
        "  class s0,s1,s2,s3 path\n"
        "  linkStyle 1,4,7 stroke:#1565c0,stroke-width:4px\n"  # counter, follow (when), own-it; link 0 is the start arrow
    )
    dot = render(scenario, "dot", states, ["counter", "follow", "own-it"])
    marked = [line.strip() for line in dot.splitlines() if "penwidth=3" in line]
    assert marked == [
        's0 [label="doorway", penwidth=3, color="#1565c0"];',
        's1 [label="escalation", penwidth=3, color="#1565c0"];',
        's2 [label="still-hot", penwidth=3, color="#1565c0"];',
        's3 [label="table\\nending: renegotiating (positive)", style="rounded,filled", fillcolor="#c8e6c9", '
        'color="#2e7d32", fontcolor="#1b5e20", penwidth=3];',
        's0 -> s1 [label="counter: “Me? You bought a new phone last…”", color="#1565c0", penwidth=3];',
        's1 -> s2 [label="follow: “Sam, wait. I don\'t want to figh…”\\nwhen charge >= 7", color="#1565c0", penwidth=3];',
        's2 -> s3 [label="own-it: “You have. I left you alone with…”\\nrequires named_worry", color="#1565c0", penwidth=3];',
    ]


def test_states_alone_mark_every_edge_between_consecutive_states() -> None:
    """Without the choices, both replies that lead from the doorway to the escalation could be the one played."""
    mermaid = render(load(EXAMPLE), "mermaid", ["doorway", "escalation", "walked-out"])
    assert mermaid.endswith("  class s0,s1,s4 path\n  linkStyle 1,3,6 stroke:#1565c0,stroke-width:4px\n")


@pytest.mark.parametrize(
    ("states", "played", "message"),
    [
        (["doorway", "hallway"], None, "the session's path names state 'hallway', which this scenario does not have"),
        (
            ["doorway", "still-hot"],
            None,
            "the session's path goes from 'doorway' to 'still-hot', which this scenario does not allow by any choice",
        ),
        (
            ["doorway", "table"],
            ["counter"],
            "the session's path goes from 'doorway' to 'table', which this scenario does not allow by choice 'counter'",
        ),
        (["doorway", "table"], [], "a path of 2 states takes 1 choices, not 0"),
    ],
)
def test_a_path_that_does_not_fit_is_refused(states: list[str], played: list[str] | None, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        render(load(EXAMPLE), "mermaid", states, played)


# -- a bundled scenario, read back from the text ------------------------------------------

_MERMAID_NODE = re.compile(r'^  (s\d+)(\["|\(\[")(.*?)("\]|"\]\))$')
_MERMAID_EDGE = re.compile(r'^  (s\d+) -->\|"(.*)"\| (s\d+)$')
_DOT_NODE = re.compile(r'^  (s\d+) \[label="(.*?)"(.*)\];$')
_DOT_EDGE = re.compile(r'^  (s\d+) -> (s\d+) \[label="(.*?)"(.*)\];$')


def expected_edges(scenario: Scenario, ids: dict[str, str], sep: str, gt: str, lt: str = "<") -> list[tuple[str, str, str]]:
    """(from, label, to) for every (state, choice, branch), in file order."""
    out = []
    for sid, state in scenario.states.items():
        for c in state.choices:
            for b in c.next:
                label = f"{c.id}: “{shorten(c.say)}”"
                if b.when is not None:
                    label += sep + "when " + b.when.text.replace(">", gt).replace("<", lt)
                elif len(c.next) > 1:
                    label += sep + "otherwise"
                if c.requires is not None:
                    label += sep + "requires " + c.requires.text.replace(">", gt).replace("<", lt)
                out.append((ids[sid], label.replace('"', "#quot;") if sep == "<br/>" else label, ids[b.goto]))
    return out


def test_bundled_scenario_as_mermaid() -> None:
    scenario = load(BUNDLED)
    text = render(scenario, "mermaid").splitlines()
    nodes = {m[1]: m[3] for line in text if (m := _MERMAID_NODE.match(line))}
    assert list(nodes.values()) == [
        f"{sid}<br/>ending: {s.ending} ({scenario.endings[s.ending].outcome})" if s.ending else sid
        for sid, s in scenario.states.items()
    ]
    ids = {sid: key for key, sid in zip(nodes, scenario.states, strict=True)}
    edges = [(m[1], m[2], m[3]) for line in text if (m := _MERMAID_EDGE.match(line))]
    assert edges == expected_edges(scenario, ids, "<br/>", "#gt;", "#lt;")
    assert any("when " in label for _, label, _ in edges)  # the scenario has conditional branches
    for outcome, (fill, stroke, color) in COLOURS.items():
        members = [ids[sid] for sid, s in scenario.states.items() if s.ending and scenario.endings[s.ending].outcome == outcome]
        assert f"  classDef {outcome} fill:{fill},stroke:{stroke},color:{color}" in text
        assert f"  class {','.join(members)} {outcome}" in text


def test_bundled_scenario_as_dot() -> None:
    scenario = load(BUNDLED)
    text = render(scenario, "dot").splitlines()
    nodes = {m[1]: (m[2], m[3]) for line in text if (m := _DOT_NODE.match(line))}
    ids = {sid: key for key, sid in zip(nodes, scenario.states, strict=True)}
    for sid, s in scenario.states.items():
        label, attrs = nodes[ids[sid]]
        if s.ending:
            fill, stroke, _ = COLOURS[scenario.endings[s.ending].outcome]
            assert label == f"{sid}\\nending: {s.ending} ({scenario.endings[s.ending].outcome})"
            assert f'fillcolor="{fill}", color="{stroke}"' in attrs
        else:
            assert (label, attrs) == (sid, "")
    edges = [(m[1], m[3], m[2]) for line in text if (m := _DOT_EDGE.match(line))]
    assert edges == expected_edges(scenario, ids, "\\n", ">")


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_a_played_session_is_highlighted_and_nothing_else(fmt: str) -> None:
    scenario = load(BUNDLED)
    choices = ["grievance-list", "repair", "honest-why", "help-more", "see-how-it-goes"]
    session = replay(scenario, choices)
    states = [t.state for t in session.turns] + [session.state]
    text = render(scenario, fmt, states, choices).splitlines()
    ids = {sid: f"s{i}" for i, sid in enumerate(scenario.states)}
    steps = {(ids[t.state], t.choice, ids[t.next]) for t in session.turns}
    if fmt == "mermaid":
        edges = [(m[1], m[2].split(":")[0], m[3]) for line in text if (m := _MERMAID_EDGE.match(line))]
        marked = {edges[int(i) - 1] for i in text[-1].split()[1].split(",")}
        assert text[-1].startswith("  linkStyle ")
        assert text[-2] == f"  class {','.join(sorted({ids[s] for s in states}, key=lambda k: int(k[1:])))} path"
    else:
        marked = {(m[1], m[3].split(":")[0], m[2]) for line in text if (m := _DOT_EDGE.match(line)) and "penwidth=3" in m[4]}
        on = {m[1] for line in text if (m := _DOT_NODE.match(line)) and "penwidth=3" in m[3]}
        assert on == {ids[s] for s in states}
    assert marked == steps


def test_awkward_names_and_words_are_escaped() -> None:
    text = """\
version: 1
id: awkward
title: 'Quotes "and" # marks | pipes'
area: grief
perspective: client
characters:
  sam: {name: Sam, role: a friend}
meters:
  charge: {start: 2, min: 0, max: 10}
start: graph
states:
  graph:
    speaker: sam
    says: Hello.
    choices:
      - id: go
        say: 'She said "no" <firmly> | twice\\ then left'
        tone: calm
        nonverbal: []
        timing: well_timed
        next:
          - {when: "charge < 3 and 'end' not in visited", goto: end}
          - goto: end
  end:
    speaker: sam
    says: Bye.
    ending: done
endings:
  done: {title: Done, outcome: mixed, debrief: Over.}
"""
    scenario, diags = load_text(text.encode(), "awkward.yaml")
    assert scenario is not None, [d.format() for d in diags]
    mermaid = render(scenario, "mermaid")
    assert "title: 'Quotes \"and\" # marks | pipes'" in mermaid
    assert '  s1(["end<br/>ending: done (mixed)"])' in mermaid
    assert (
        '  s0 -->|"go: “She said #quot;no#quot; #lt;firmly#gt; #124; twice\\…”<br/>'
        "when charge #lt; 3 and 'end' not in visited\"| s1"
    ) in mermaid
    assert "  classDef mixed fill:#ffe082,stroke:#ff8f00,color:#5d4037\n  class s1 mixed\n" in mermaid
    dot = render(scenario, "dot")
    assert '  label="Quotes \\"and\\" # marks | pipes";' in dot
    assert (
        '  s0 -> s1 [label="go: “She said \\"no\\" <firmly> | twice\\\\…”\\nwhen charge < 3 and \'end\' not in visited"];'
    ) in dot
