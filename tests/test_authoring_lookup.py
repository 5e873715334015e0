"""``ipt-sim test`` looks where the author points, says plainly what is wrong, and its
golden transcripts see everything a player sees (authoring review 2026-11, findings 6,
7, 13 and 21). Each test runs the real command, as an author does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO / "tests/data/valid/money-impasse.yaml").read_text("utf-8")
FEATURE = """\
Feature: Money impasse
  Scenario: acknowledging the worry de-escalates
    Given the scenario "{ref}"
    When I choose "acknowledge"
    Then Sam's charge is 4
"""


def ipt_sim_test(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "simulator", "test", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """scenarios/money-impasse.yaml, features/money.feature, and an archived copy of the scenario under the same id."""
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "money-impasse.yaml").write_text(EXAMPLE, "utf-8")
    (tmp_path / "archive").mkdir()
    old = EXAMPLE.replace("say: I'm not doing this again.", "say: OLD WORDING")
    (tmp_path / "archive" / "money-impasse-v0.yaml").write_text(old, "utf-8")
    (tmp_path / "features").mkdir()
    return tmp_path


def test_a_path_is_read_from_the_feature_file_not_the_current_folder(project: Path) -> None:
    (project / "features" / "money.feature").write_text(FEATURE.format(ref="../scenarios/money-impasse.yaml"), "utf-8")
    done = ipt_sim_test(Path("/"), str(project / "features"))  # run from / : nothing there is read
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("1 passed")


def test_an_id_is_looked_up_in_declared_folders_only(project: Path) -> None:
    (project / "features" / "money.feature").write_text(FEATURE.format(ref="money-impasse"), "utf-8")
    done = ipt_sim_test(project, "features")  # the current folder holds the scenario and its archived copy: neither is read
    assert done.returncode == 1
    assert (
        f"no scenario 'money-impasse' next to the feature ({project / 'features'}), in the declared folders "
        "(none: --scenarios DIR or [test] scenarios in ipt-sim.toml) or bundled; "
        "a path such as \"../scenarios/x.yaml\" is read from the feature's folder -- did you mean 'mother-impasse'?"
    ) in done.stdout
    assert "Traceback" not in done.stdout
    assert ipt_sim_test(project, "features", "--scenarios", "scenarios").returncode == 0
    (project / "ipt-sim.toml").write_text('[test]\nscenarios = ["scenarios"]\n', "utf-8")
    assert ipt_sim_test(Path("/"), str(project / "features")).returncode == 0


def test_the_same_id_in_two_declared_files_is_an_error_naming_both(project: Path) -> None:
    (project / "features" / "money.feature").write_text(FEATURE.format(ref="money-impasse"), "utf-8")
    (project / "ipt-sim.toml").write_text('[test]\nscenarios = ["scenarios", "archive"]\n', "utf-8")
    done = ipt_sim_test(project, "features")
    assert done.returncode == 1
    assert (
        f"scenario id 'money-impasse' is in two files, {project / 'scenarios' / 'money-impasse.yaml'} and "
        f"{project / 'archive' / 'money-impasse-v0.yaml'}: rename or remove one"
    ) in done.stdout


def test_author_mistakes_get_one_line_each_not_tracebacks(project: Path) -> None:
    features = project / "features"
    (features / "syntax.feature").write_text('Feature: x\n  Scenario: y\n    Given the scenario "a"\n  Nonsense here\n', "utf-8")
    done = ipt_sim_test(project, "features")
    assert done.returncode == 1
    assert done.stdout.startswith("features/syntax.feature:4: error: Gherkin syntax: ")
    assert "Traceback" not in done.stdout and "ERROR collecting" not in done.stdout
    (features / "syntax.feature").unlink()
    steps = FEATURE.format(ref="../scenarios/money-impasse.yaml").replace(
        'When I choose "acknowledge"', 'When I choose "acknowledge" in a furious tone'
    )
    steps += '\n  Scenario: a misspelt step\n    Given the scenario "../scenarios/money-impasse.yaml"\n    When I chose "acknowledge"\n'
    (features / "money.feature").write_text(steps, "utf-8")
    done = ipt_sim_test(project, "features")
    assert "unknown tone 'furious'" in done.stdout
    assert 'features/money.feature:9: unknown step: When I chose "acknowledge" (the steps ipt-sim knows are listed in ' in (
        done.stdout
    )
    assert "Traceback" not in done.stdout and "KeyError" not in done.stdout and "StepDefinitionNotFoundError" not in done.stdout


def play_json(path: Path, choices: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "simulator", "play", str(path), "--choices", choices, "--json", "--no-record"],
                          capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    data: dict[str, object] = json.loads(done.stdout)
    return data


@pytest.mark.parametrize(
    ("old", "new", "moment"),
    [
        (
            "Forty pounds on -- what even is this?",
            "Forty pounds on -- what IS this?",
            "turn 1 at 'doorway' ('acknowledge') changed: heard.says",
        ),
        ("jaw tight", "jaw set", "turn 1 at 'doorway' ('acknowledge') changed: heard.nonverbal"),
        ("Notice the jaw before", "Notice the hands before", "turn 1 at 'doorway' ('acknowledge') changed: heard.coach"),
        ("This is where renegotiation can start.", "This is where it can start.", "ending changed: ending.debrief"),
    ],
)
def test_a_golden_transcript_sees_what_a_player_sees_and_names_the_moment(project: Path, old: str, new: str, moment: str) -> None:
    scenario = project / "scenarios" / "money-impasse.yaml"
    golden = project / "scenarios" / "money.golden.json"
    golden.write_text(json.dumps(play_json(scenario, "acknowledge,follow,own-it")), "utf-8")
    assert EXAMPLE.count(old) == 1
    scenario.write_text(EXAMPLE.replace(old, new), "utf-8")
    done = ipt_sim_test(project, "scenarios")
    assert done.returncode == 1
    assert f"the transcript has changed; if that is intended, run with --update-golden\n  {moment}\n" in done.stdout


def test_a_hand_edited_golden_gets_one_line(project: Path) -> None:
    scenario = project / "scenarios" / "money-impasse.yaml"
    data = play_json(scenario, "acknowledge")
    golden = project / "scenarios" / "money.golden.json"
    for broken, message in (
        ({**data, "turns": 5}, '"turns" must be a list of turns, not 5'),
        ({**data, "scenario": ["x"]}, '"scenario" must be a scenario id or path, not ["x"]'),
        ({**data, "turns": [{"choice": "acknowledge", "nonverbal": []}]}, 'turn 1 has no "tone"'),
        ({**data, "turns": [{"choice": "acknowledge", "tone": "zzz", "nonverbal": []}]}, "turn 1: unknown tone 'zzz'"),
    ):
        golden.write_text(json.dumps(broken), "utf-8")
        done = ipt_sim_test(project, "scenarios")
        assert f"{golden}: {message}" in done.stdout, done.stdout
        assert "Traceback" not in done.stdout
