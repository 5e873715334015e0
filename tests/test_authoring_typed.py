"""The typed-reply steps of ``ipt-sim test`` (issue 13, "Authors can help it"): an author pins
what free mode makes of a phrasing in context, and a failing step says what free mode would
do instead, with the scores. Each test runs the real command on an author's folder, as an
author does; the phrasings were checked with ``ipt-sim match``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO / "tests/data/valid/money-impasse.yaml").read_text("utf-8")
README = (REPO / "README.md").read_text("utf-8")


def free(text: str, scenario_id: str) -> str:
    """The example as a scenario that takes typed replies, under another id."""
    assert "version: 1\n" in text and "id: money-impasse" in text
    return text.replace("version: 1\n", "version: 1\nfree_text: true\n", 1).replace("id: money-impasse", f"id: {scenario_id}", 1)


FAILING = """\
Feature: Typed replies
  Scenario: words that mean nothing here
    Given the scenario "money-free"
    When I type "What's for dinner tonight?"

  Scenario: words that fit no reply at all
    Given the scenario "money-free"
    When I type "hmm"

  Scenario: unsure words
    Given the scenario "money-free"
    When I type "Calm down, let's look at it"

  Scenario: no silence on offer
    Given the scenario "money-free"
    When I choose "counter"
    And I type ""

  Scenario: taken as another reply
    Given the scenario "money-free"
    Then typing "You bought a phone yourself!" is taken as "acknowledge"

  Scenario: asks instead
    Given the scenario "money-free"
    Then typing "Calm down, let's look at it" is taken as "acknowledge"

  Scenario: the silence is understood
    Given the scenario "money-free"
    Then typing "" is not understood

  Scenario: not understood rather than asked
    Given the scenario "money-free"
    Then typing "What's for dinner tonight?" asks which was meant

  Scenario: a choice of another state
    Given the scenario "money-free"
    Then typing "Fine. Go." is taken as "let-go"

  Scenario: a reply not offered now
    Given the scenario "money-gated"
    When I play "counter, follow"
    Then typing "I left you alone with it. I'm sorry." is taken as "own-it"

  Scenario: only what is offered is matched
    Given the scenario "money-gated"
    When I play "counter, follow"
    And I type "I left you alone with it. I'm sorry."

  Scenario: after the ending
    Given the scenario "money-free"
    When I type "You bought a phone yourself!"
    And I type "Fine. Go."
    And I type "Sorry"

  Scenario: a scenario without typed replies
    Given the scenario "money-impasse"
    When I type "You bought a phone yourself!"

  Scenario: typed replies that pass
    Given the scenario "money-free"
    Then typing "You bought a phone yourself!" is taken as "counter"
    When I type "You bought a phone yourself!"
    Then the tone is rated poor
    And typing "Wait, I don't want a fight, I want to know what frightens you." is taken as "follow"
"""

# The step that failed and what the author reads, for each failing scenario, in order.
EXPECTED = [
    (
        'typed.feature:4: When I type "What\'s for dinner tonight?"',
        "\"What's for dinner tonight?\" is not understood at state 'doorway': nothing would be played; "
        "the nearest is 'counter' (0.07)",
    ),
    (
        'typed.feature:8: When I type "hmm"',
        "\"hmm\" is not understood at state 'doorway': nothing would be played; no reply offered comes near it",
    ),
    (
        'typed.feature:12: When I type "Calm down, let\'s look at it"',
        "\"Calm down, let's look at it\" would ask which was meant at state 'doorway': 'acknowledge' (0.35) or 'counter' (0.00)",
    ),
    (
        'typed.feature:17: And I type ""',
        "\"\" is not understood at state 'escalation' (after counter): staying silent is not one of the replies offered, "
        "so nothing would be played",
    ),
    (
        'typed.feature:21: Then typing "You bought a phone yourself!" is taken as "acknowledge"',
        "expected \"You bought a phone yourself!\" to be taken as 'acknowledge', but it would be taken as 'counter' (0.58) "
        "at state 'doorway', ahead of 'acknowledge' (0.06)",
    ),
    (
        'typed.feature:25: Then typing "Calm down, let\'s look at it" is taken as "acknowledge"',
        "expected \"Calm down, let's look at it\" to be taken as 'acknowledge', but it would ask which was meant at state "
        "'doorway': 'acknowledge' (0.35) or 'counter' (0.00)",
    ),
    (
        'typed.feature:29: Then typing "" is not understood',
        "expected \"\" not to be understood, but it would be taken as the silence 'silence' at state 'doorway'",
    ),
    (
        'typed.feature:33: Then typing "What\'s for dinner tonight?" asks which was meant',
        "expected \"What's for dinner tonight?\" to ask which was meant, but it is not understood at state 'doorway': "
        "nothing would be played; the nearest is 'counter' (0.07)",
    ),
    (
        'typed.feature:37: Then typing "Fine. Go." is taken as "let-go"',
        "state 'doorway' has no choice 'let-go'; its choices: counter, acknowledge, silence",
    ),
    (
        'typed.feature:42: Then typing "I left you alone with it. I\'m sorry." is taken as "own-it"',
        "'own-it' is not offered at state 'still-hot' now (its condition is false), so nothing typed can be taken as it; "
        "offered: explain",
    ),
    (
        'typed.feature:47: And I type "I left you alone with it. I\'m sorry."',
        "\"I left you alone with it. I'm sorry.\" is not understood at state 'still-hot' (after counter -> follow): "
        "nothing would be played; the nearest is 'explain' (0.15)",
    ),
    (
        'typed.feature:53: And I type "Sorry"',
        "cannot type \"Sorry\": the session has already ended in 'impasse-deepens'",
    ),
    (
        'typed.feature:57: When I type "You bought a phone yourself!"',
        "scenario 'money-impasse' does not take typed replies (its author has not set `free_text: true`), so free mode "
        'would refuse it: typing "You bought a phone yourself!" cannot be tested',
    ),
]


def ipt_sim(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


@pytest.fixture
def author(tmp_path: Path) -> Path:
    """The example three ways: as it is (no typed replies), taking typed replies, and taking
    them with the apology offered only before the worry is named (so never at still-hot)."""
    (tmp_path / "money-impasse.yaml").write_text(EXAMPLE, "utf-8")
    (tmp_path / "money-free.yaml").write_text(free(EXAMPLE, "money-free"), "utf-8")
    gated = free(EXAMPLE, "money-gated").replace("requires: named_worry", "requires: not named_worry", 1)
    (tmp_path / "money-gated.yaml").write_text(gated, "utf-8")
    return tmp_path


def test_each_typed_step_fails_saying_what_free_mode_would_do(author: Path) -> None:
    (author / "typed.feature").write_text(FAILING, "utf-8")
    done = ipt_sim(author, "test", ".")
    out = done.stdout
    assert done.returncode == 1, out
    assert out.splitlines()[-1].startswith(f"{len(EXPECTED)} failed, 1 passed in "), out
    for where, message in EXPECTED:
        assert f"\n  {where}\n  {message}\n" in out, (where, out)
    assert "Traceback" not in out and "def " not in out


def test_match_scores_every_choice_where_the_step_sees_only_those_offered(author: Path) -> None:
    """The step's 'not understood' above is context: ``ipt-sim match`` (every choice of the
    state) plays the same words as the reply that is not offered then."""
    done = ipt_sim(author, "match", "money-gated.yaml", "still-hot", "I left you alone with it. I'm sorry.")
    assert done.stdout.splitlines()[0] == "\"I left you alone with it. I'm sorry.\" -> played as 'own-it' (0.99)"


def test_the_readmes_typed_example_passes(tmp_path: Path) -> None:
    """The README's example of the typed-reply steps, on the example with ``free_text: true`` added."""
    example = next(b for b in re.findall(r"^```gherkin\n(.*?)^```", README, re.M | re.S) if "I type" in b)
    (tmp_path / "money-impasse.yaml").write_text(free(EXAMPLE, "money-impasse"), "utf-8")
    (tmp_path / "typed.feature").write_text(example, "utf-8")
    done = ipt_sim(tmp_path, "test", ".")
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("1 passed in "), done.stdout


PROBE = """\
import sys
from pathlib import Path
from simulator.authoring import runner
code = runner.run([Path(sys.argv[1])])
print(code, "wordllama" in sys.modules, file=sys.stderr)
"""


def models_loaded(folder: Path, feature: str, text: str) -> str:
    """``EXIT_CODE LOADED`` after ``ipt-sim test`` runs one feature (in-process, to see what it imported)."""
    (folder / feature).write_text(text, "utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, feature], cwd=folder,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    return done.stderr.splitlines()[-1]


def test_only_a_feature_that_types_loads_the_model(author: Path) -> None:
    chosen = 'Feature: Chosen\n  Scenario: chosen\n    Given the scenario "money-free"\n    When I choose "counter"\n'
    assert models_loaded(author, "chosen.feature", chosen) == "0 False"
    typed = chosen.replace('I choose "counter"', 'I type "You bought a phone yourself!"')
    assert models_loaded(author, "typed.feature", typed) == "0 True"
