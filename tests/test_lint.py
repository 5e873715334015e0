"""Each lint code: one file that triggers it (the exact line a course leader reads) and
one that does not; plus --select/--ignore and ignore comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

BASE = """\
version: 1
id: lint-case
title: Lint case
area: grief
perspective: client
characters:
  ana: {name: Ana, role: your sister}
meters:
  charge: {start: 5, min: 0, max: 10}
  trust: {start: 5, min: 0, max: 10}
start: a
states:
  a:
    speaker: ana
    says: Hi.
    choices:
      - id: warm
        say: Hello.
        tone: warm
        nonverbal: [eye_contact]
        timing: well_timed
        effects: {trust: +1}
        set: {greeted: true}
        next: b
      - id: cold
        say: What.
        tone: dismissive
        nonverbal: [phone_check]
        timing: premature
        effects: {charge: +2}
        next: c
  b:
    speaker: ana
    says: Thanks.
    choices:
      - id: stay
        requires: greeted and trust >= 6
        say: Stay a while?
        tone: warm
        nonverbal: [lean_in]
        timing: well_timed
        next: good
      - id: go
        say: I should go.
        tone: neutral
        nonverbal: [look_away]
        timing: late
        next: bad
  c:
    speaker: ana
    says: Fine.
    choices:
      - id: sorry
        say: Sorry.
        tone: apologetic
        nonverbal: [eye_contact]
        timing: well_timed
        next: good
      - id: leave
        say: Bye.
        tone: flat
        nonverbal: [turning_away]
        timing: rushed
        next: bad
  good:
    speaker: ana
    says: See you soon.
    ending: close
  bad:
    speaker: ana
    says: Right.
    ending: apart
endings:
  close: {title: Closer, outcome: positive, debrief: Good.}
  apart: {title: Apart, outcome: negative, debrief: Try again.}
"""

# code -> (edit of BASE: old, new), expected line printed for bad.yaml
CASES: dict[str, tuple[str, str, str]] = {
    "W201": (
        "      - id: leave\n        say: Bye.\n        tone: flat\n        nonverbal: [turning_away]\n        timing: rushed\n        next: bad\n",
        "",
        "bad.yaml:49:3: warning: state 'c' has a single choice: with nothing to choose between, there is nothing to learn [W201]",
    ),
    "W202": (
        "  ana: {name: Ana, role: your sister}\n",
        "  ana: {name: Ana, role: your sister}\n  bo: {name: Bo, role: her husband}\n",
        "bad.yaml:8:3: warning: character 'bo' never speaks; remove them or give them a line [W202]",
    ),
    "W203": (
        "  trust: {start: 5, min: 0, max: 10}\n",
        "  trust: {start: 5, min: 0, max: 10}\n  hope: {start: 5, min: 0, max: 10}\n",
        "bad.yaml:11:3: warning: meter 'hope' is never changed by an effect nor read by an expression [W203]",
    ),
    "W204": (
        "        effects: {charge: +2}\n",
        "        effects: {charge: +2}\n        set: {was_cold: true}\n",
        "bad.yaml:25:9: warning: flag 'was_cold' is set but never read by a requires, when, met or text [W204]",
    ),
    "W205": (
        "requires: greeted and trust >= 6",
        "requires: greeted and trust >= 11",
        "bad.yaml:37:19: warning: requires 'greeted and trust >= 11' of choice 'stay' can never be true: the choice is never offered [W205]",
    ),
    "W206": (
        "        effects: {trust: +1}\n        set: {greeted: true}\n        next: b\n",
        "        effects: {trust: +1}\n        set: {greeted: true}\n        next:\n          - when: trust >= 0\n            goto: b\n          - goto: c\n",
        "bad.yaml:27:13: warning: branch 2 of choice 'warm' in state 'a' (to 'c') can never be taken: earlier branches cover every case [W206]",
    ),
    "W207": (
        "        timing: premature\n        effects: {charge: +2}\n",
        "        timing: premature\n        rating: {tone: poor}\n        effects: {charge: +2}\n",
        "bad.yaml:25:9: warning: choice 'cold' rates tone poor but gives no tone feedback: say why, so the learner can do better [W207]",
    ),
    "W208": (
        "outcome: positive", "outcome: mixed",
        "bad.yaml:73:1: warning: no ending has a positive outcome: learners need to see what success looks like [W208]",
    ),
    "W209": (
        "outcome: negative", "outcome: mixed",
        "bad.yaml:73:1: warning: no ending has a negative outcome: learners need to see where a conversation can go wrong [W209]",
    ),
    "W210": (
        "        effects: {trust: +1}\n        set: {greeted: true}\n        next: b\n",
        "        effects: {trust: +1, charge: -9}\n        set: {greeted: true}\n        next: b\n",
        "bad.yaml:17:9: warning: choice 'warm' pushes charge below its min on every path (it is 5 here, -9 takes it past 0); clamping hides the effect [W210]",
    ),
    "W218": (
        "        effects: {trust: +1}\n        set: {greeted: true}\n",
        "        tones: [flat, hostile]\n        effects: {trust: +1}\n        set: {greeted: true}\n",
        "bad.yaml:17:9: warning: choice 'warm' lists tones or cues, but the delivery of state 'a' is fixed: they are never "
        "offered; set 'delivery: choose' on the state or drop them [W218]",
    ),
    "W211": (
        "requires: greeted and trust >= 6\n        say: Stay a while?",
        "requires: greeted and trust >= 7\n        say: Stay a while?",
        "bad.yaml:32:3: warning: state 'b' can offer no choice at all (when greeted = true, trust = 6): give it one choice without 'requires' [W211]",
    ),
    "W212": (
        "  charge: {start: 5, min: 0, max: 10}\n",
        "  charge: {start: 5, min: 0, max: 10, window: [2, 8]}\n",
        "bad.yaml:9:3: warning: the charge meter's window [2, 8] is not inside [0, 8): it must start at or above min and stay below flood [W212]",
    ),
    "W213": (
        "  ana: {name: Ana, role: your sister}\n",
        "  ana: {name: Ana, role: your sister}\nobjectives:\n  - {id: trusted, text: Earn her trust, met: trust >= 7}\n",
        "bad.yaml:9:46: warning: objective 'trusted' can be unmet at a positive ending (for example after warm, stay): gate the ending on what 'trusted' checks [W213]",
    ),
    "W214": (
        "        timing: premature\n        effects: {charge: +2}\n",
        "        timing: premature\n        assess: [{item: risk_assessment, level: omitted}]\n        effects: {charge: +2}\n",
        "bad.yaml:25:9: warning: choice 'cold' misses the critical item 'risk_assessment' with no why, and no ending's debrief names 'Risk assessment': the learner is told they missed it but not what to do instead [W214]",
    ),
    "W215": (
        "        timing: premature\n        effects: {charge: +2}\n",
        "        timing: premature\n        feedback: {charge: Ana is flooded now.}\n        effects: {charge: +2}\n",
        "bad.yaml:25:9: warning: choice 'cold' says 'flooded' in its feedback, but the charge can be 7 after it, below flood (8): say what the person shows instead (shut down, withdrawn, upset) [W215]",
    ),
    "W216": (
        "        timing: premature\n        effects: {charge: +2}\n",
        "        timing: premature\n        technique: clarification\n        assess: [{item: technique_skill, level: misapplied}]\n        effects: {charge: +2}\n",
        "bad.yaml:25:9: warning: choice 'cold' is tagged technique 'clarification' but misapplies 'technique_skill' with no why: the debrief lists it as attempted, misapplied, and cannot say why [W216]",
    ),
}  # fmt: skip


def validate(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_the_base_file_is_clean() -> None:
    Path("ok.yaml").write_text(BASE, "utf-8")
    assert validate("--strict", "ok.yaml") == (0, [])


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_on_a_file_that_triggers_it(code: str) -> None:
    old, new, expected = CASES[code]
    assert old in BASE
    text = BASE.replace(old, new, 1)
    if code == "W211":  # the other choice at 'b' gets a condition too
        text = text.replace("        timing: late\n", "        timing: late\n        requires: trust >= 7\n", 1)
    Path("bad.yaml").write_text(text, "utf-8")
    code_, lines = validate("bad.yaml")
    assert code_ == 0  # warnings alone do not fail
    assert lines == [expected]
    assert validate("--strict", "bad.yaml")[0] == 1


def test_w211_looks_at_the_positions_a_play_reaches_not_values_that_never_go_together() -> None:
    """Authoring review, finding 8: 'b' is entered greeted (charge 5) or not greeted at
    charge 7; no play reaches it not greeted at charge 5, so a choice is always offered."""
    text = BASE.replace("requires: greeted and trust >= 6\n", "requires: greeted\n", 1)
    text = text.replace("        timing: late\n", "        timing: late\n        requires: charge >= 7\n", 1)
    text = text.replace("        effects: {charge: +2}\n        next: c\n", "        effects: {charge: +2}\n        next: b\n", 1)
    Path("ok.yaml").write_text(text, "utf-8")
    assert validate("--select", "W211", "ok.yaml") == (0, [])
    Path("bad.yaml").write_text(text.replace("requires: charge >= 7", "requires: charge >= 8"), "utf-8")
    assert validate("--select", "W211", "bad.yaml") == (0, [
        "bad.yaml:32:3: warning: state 'b' can offer no choice at all (when charge = 7, greeted = false): "
        "give it one choice without 'requires' [W211]"
    ])  # fmt: skip


def test_select_and_ignore_filter_warnings_by_code_or_prefix() -> None:
    text = BASE.replace(*CASES["W202"][:2]).replace(*CASES["W203"][:2])
    Path("bad.yaml").write_text(text, "utf-8")
    assert [line[-6:] for line in validate("bad.yaml")[1]] == ["[W202]", "[W203]"]
    assert [line[-6:] for line in validate("--select", "W203", "bad.yaml")[1]] == ["[W203]"]
    assert validate("--ignore", "W2", "bad.yaml")[1] == []
    assert validate("--strict", "--ignore", "W202,w203", "bad.yaml") == (0, [])


def test_an_ignore_comment_silences_its_line_only() -> None:
    text = BASE.replace(
        "  ana: {name: Ana, role: your sister}\n", "  ana: {name: Ana, role: your sister}\n  bo: {name: Bo, role: her husband}\n"
    )
    text = text.replace("  hope", "  hope")
    text = text.replace("      - id: warm\n", "      - id: warm  # ipt-sim: ignore[W210]\n")
    text = text.replace("        effects: {trust: +1}\n", "        effects: {trust: +1, charge: -9}\n", 1)
    Path("bad.yaml").write_text(text, "utf-8")
    lines = validate("bad.yaml")[1]
    assert [line[-6:] for line in lines] == ["[W202]"]  # W210 is on the commented line; W202 is not
    Path("bad.yaml").write_text(text.replace("# ipt-sim: ignore[W210]", "# ipt-sim: ignore[W201]"), "utf-8")
    assert [line[-6:] for line in validate("bad.yaml")[1]] == ["[W202]", "[W210]"]
    Path("bad.yaml").write_text(text.replace("# ipt-sim: ignore[W210]", "# ipt-sim: ignore"), "utf-8")
    assert [line[-6:] for line in validate("bad.yaml")[1]] == ["[W202]"]


def test_errors_cannot_be_ignored() -> None:
    Path("bad.yaml").write_text(BASE.replace("tone: warm", "tone: wram", 1), "utf-8")
    code, lines = validate("--ignore", "E,W", "bad.yaml")
    assert code == 1
    assert lines == ["bad.yaml:19:15: error: unknown tone 'wram' -- did you mean 'warm'? [E301]"]


def test_a_bare_flag_name_counts_as_read() -> None:
    """Regression: `requires: greeted` alone (the whole expression is one name) reads the flag."""
    Path("ok.yaml").write_text(BASE.replace("requires: greeted and trust >= 6", "requires: greeted"), "utf-8")
    assert validate("--strict", "ok.yaml") == (0, [])


def test_a_flag_always_set_on_the_way_in_is_not_assumed_false() -> None:
    """At 'b' the flag 'greeted' is always true (only 'warm' leads there), so a choice that
    requires it and one that requires its absence never leave 'b' empty-handed."""
    text = BASE.replace("requires: greeted and trust >= 6", "requires: greeted").replace(
        "        nonverbal: [look_away]\n        timing: late\n",
        "        nonverbal: [look_away]\n        timing: late\n        requires: not greeted\n",
    )
    Path("ok.yaml").write_text(text, "utf-8")
    assert validate("--strict", "ok.yaml") == (0, [])


def test_play_stops_clearly_where_no_choice_is_offered() -> None:
    old, new, _ = CASES["W211"]
    text = BASE.replace(old, new, 1).replace("        timing: late\n", "        timing: late\n        requires: trust >= 7\n", 1)
    Path("bad.yaml").write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["play", "bad.yaml", "--choices", "warm", "--no-record"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.endswith(
        "ipt-sim: state 'b' offers no choice at this point, so the conversation cannot go on; "
        "this is a fault in the scenario (`ipt-sim validate` warns of it: W211)\n"
    )


def test_w210_only_when_every_path_overshoots() -> None:
    # `c` is reached with charge 7 (after cold) or 5 (after warm, go): +4 overshoots only from 7.
    text = BASE.replace("        timing: late\n        next: bad\n", "        timing: late\n        next: c\n", 1)
    text = text.replace("        tone: apologetic\n", "        tone: apologetic\n        effects: {charge: +4}\n", 1)
    Path("bad.yaml").write_text(text, "utf-8")
    assert not [line for line in validate("bad.yaml")[1] if line.endswith("[W210]")]
    Path("bad.yaml").write_text(text.replace("effects: {charge: +4}", "effects: {charge: +6}"), "utf-8")
    assert [line for line in validate("bad.yaml")[1] if line.endswith("[W210]")] == [
        "bad.yaml:53:9: warning: choice 'sorry' pushes charge above its max on every path (it is 5 to 7 here, +6 takes it "
        "past 10); clamping hides the effect [W210]"
    ]


def test_w217_names_the_tones_past_the_options_shown() -> None:
    text = BASE.replace("    says: Hi.\n", "    says: Hi.\n    delivery: choose\n", 1)
    text = text.replace(
        "        effects: {trust: +1}\n",
        "        tones: [calm, flat, hostile, pleading, curious]\n        effects: {trust: +1}\n",
        1,
    )
    Path("bad.yaml").write_text(text, "utf-8")
    assert [line for line in validate("bad.yaml")[1] if line.endswith("[W218]")] == [
        "bad.yaml:18:9: warning: choice 'warm' offers at most 4 tones and 4 cue sets, its own first: pleading, curious are "
        "never shown [W218]"
    ]
