"""`ipt-sim new` writes a scenario that validates clean and plays to an ending, for every
area and perspective; `ipt-sim test` runs an author's features and golden transcripts
with readable failures."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

REPO = Path(__file__).resolve().parent.parent
AREAS = ["grief", "role_dispute", "role_transition", "interpersonal_deficits"]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize(("area", "perspective"), list(itertools.product(AREAS, ["client", "therapist"])))
def test_new_validates_clean_and_plays_to_an_ending(tmp_path: Path, area: str, perspective: str) -> None:
    stage = ["--stage", "impasse"] if area == "role_dispute" else []
    code, out = invoke("new", "first-try", "--area", area, *stage, "--perspective", perspective, "--dir", str(tmp_path))
    assert code == 0
    path = tmp_path / "first-try.yaml"
    assert out.splitlines()[0] == f"Wrote {path}"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    assert (tmp_path / "scenario.schema.json").read_text("utf-8") == (REPO / "simulator/data/scenario.schema.json").read_text(
        "utf-8"
    )
    assert invoke("validate", "--strict", str(path)) == (0, "1 file checked: no problems\n")
    for choices, ending in (("open-question,reflect", "heard"), ("rush-in", "shut-down")):
        code, out = invoke("play", str(path), "--choices", choices, "--json", "--no-record")
        assert json.loads(out)["ending"]["id"] == ending
    if perspective == "therapist":
        assert "technique: exploratory_question" in text


def test_new_refuses_to_overwrite_and_checks_the_stage(tmp_path: Path) -> None:
    args = ["new", "x-1", "--area", "grief", "--perspective", "client", "--dir", str(tmp_path)]
    assert invoke(*args)[0] == 0
    assert invoke(*args) == (1, f"ipt-sim: {tmp_path / 'x-1.yaml'} already exists; choose another id or pass --force\n")
    code, out = invoke("new", "x-2", "--area", "role_dispute", "--perspective", "client", "--dir", str(tmp_path))
    assert (code, out) == (1, "ipt-sim: --stage is needed for a role_dispute scenario (renegotiation, impasse, dissolution)\n")
    code, out = invoke("new", "Bad_Id", "--area", "grief", "--perspective", "client")
    assert code == 2 and "use lowercase letters and digits with single hyphens" in out


FEATURE = """\
Feature: Money impasse
  Scenario: acknowledging the worry de-escalates
    Given the scenario "money-impasse"
    When I choose "acknowledge"
    Then Sam's charge is 4
    And the tone is rated good
    And the session ends in "renegotiating"

  Scenario: countering floods Sam
    Given the scenario "money-impasse"
    When I choose "counter"
    Then Sam's charge is 4
"""


def run_test_command(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "simulator", "test", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


@pytest.fixture
def author(tmp_path: Path) -> Path:
    """An author's folder: the example scenario beside a feature file."""
    folder = tmp_path / "author"
    folder.mkdir()
    (folder / "money-impasse.yaml").write_text((REPO / "tests/data/valid/money-impasse.yaml").read_text("utf-8"), "utf-8")
    (folder / "money.feature").write_text(FEATURE, "utf-8")
    return folder


def test_ipt_sim_test_runs_an_author_feature_with_a_readable_failure(author: Path) -> None:
    done = run_test_command(author, ".")
    assert done.returncode == 1
    out = done.stdout
    assert "1 failed, 1 passed" in out
    assert (
        "countering floods Sam\n"
        "  money.feature:12: Then Sam's charge is 4\n"
        "  expected Sam's charge to be 4, but it is 8 (after counter, at state 'escalation')"
    ) in out
    assert "Traceback" not in out and "def " not in out
    (author / "money.feature").write_text(FEATURE.replace("Then Sam's charge is 4\n", "Then Sam's charge is 8\n").replace(
        "When I choose \"acknowledge\"\n    Then Sam's charge is 8", "When I choose \"acknowledge\"\n    Then Sam's charge is 4"), "utf-8")  # fmt: skip
    done = run_test_command(author, ".")
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("2 passed in "), done.stdout  # nothing skipped


def test_golden_transcripts_show_a_diff_when_behaviour_changes(author: Path) -> None:
    (author / "money.feature").unlink()
    played, out = invoke(
        "play", str(author / "money-impasse.yaml"), "--choices", "counter,follow,own-it", "--json", "--no-record"
    )
    assert played == 0
    (author / "money.golden.json").write_text(out, "utf-8")
    assert run_test_command(author, ".").returncode == 0
    scenario = author / "money-impasse.yaml"
    scenario.write_text(
        scenario.read_text("utf-8").replace("effects: {charge: -1, trust: +1}", "effects: {charge: -1, trust: +2}", 1), "utf-8"
    )
    done = run_test_command(author, ".")
    assert done.returncode == 1
    assert "the transcript has changed; if that is intended, run with --update-golden" in done.stdout
    assert '\n-    "trust": 6\n+    "trust": 7\n' in done.stdout  # the final meters, as a unified diff
    assert run_test_command(author, ".", "--update-golden").returncode == 0
    assert run_test_command(author, ".").returncode == 0


def test_ipt_sim_test_with_nothing_to_run_is_a_usage_error(tmp_path: Path) -> None:
    code, out = invoke("test", str(tmp_path))
    assert code == 2
    assert "Error: no *.feature or *.golden.json files under the paths given" in out


def test_the_bundled_library_features_run_through_ipt_sim_test() -> None:
    done = run_test_command(REPO, "features/library")
    assert done.returncode == 0, done.stdout
    assert " passed" in done.stdout and "failed" not in done.stdout
