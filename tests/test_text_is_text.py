"""Scenario text is text (authoring review 2026-11, finding 4): a control character in
any string is a validation error (E224, tests/test_validate_rules.py), and whatever still
reaches a presenter some other way (an old record, a hand-edited transcript, a future
path that skips the validator) is dropped by the terminal, the reports and the graphs,
and escaped in JSON.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator import debrief, graph, report
from simulator.cli import cli
from simulator.engine import replay
from simulator.library import load
from simulator.terminal import Screen

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "data" / "rules" / "empty-file" / "ok.yaml"
HOSTILE = "\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x1b[2J clear \x9b2J"
SGR = re.compile("\x1b\\[[0-9;]*m")


def hostile_file(tmp_path: Path) -> Path:
    """The review's esc3.yaml: escapes written with YAML's own `\\e` and `\\a`."""
    text = SMALL.read_text("utf-8").replace(
        "says: I don't want to talk about your mother.", 'says: "\\e[31mRED\\e[0m \\e]0;pwned\\a \\e[2J clear"'
    )
    path = tmp_path / "esc3.yaml"
    path.write_text(text, "utf-8")
    return path


def test_escapes_in_a_scenario_are_refused_before_play(tmp_path: Path) -> None:
    path = hostile_file(tmp_path)
    result = CliRunner().invoke(cli, ["play", str(path), "--choices", "1", "--no-record"], prog_name="ipt-sim")
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert f"{path}:16:11: error: text holds the control character U+001B" in result.output


@pytest.fixture
def let_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """A validator that lets control characters through, to test what stands behind it."""
    monkeypatch.setattr("simulator.yaml_source.first_control", lambda *_a, **_k: None)


def hostile_session(tmp_path: Path):  # type: ignore[no-untyped-def]
    scenario = load(SMALL)
    kitchen = dataclasses.replace(scenario.states["kitchen"], says=HOSTILE, coach=HOSTILE)
    scenario = dataclasses.replace(scenario, title=HOSTILE, states={**scenario.states, "kitchen": kitchen})
    return replay(scenario, ["stay"])


def test_the_terminal_shows_no_control_character_even_in_colour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, let_through: None
) -> None:
    made = Screen.__init__

    def in_colour(self: Screen, color: bool | None = None, width: int | None = None, err: bool = False) -> None:
        made(self, True, width, err)  # as on a terminal without NO_COLOR

    monkeypatch.setattr(Screen, "__init__", in_colour)
    result = CliRunner().invoke(
        cli, ["play", str(hostile_file(tmp_path)), "--choices", "1", "--no-record", "--yes"], prog_name="ipt-sim", color=True
    )
    assert result.exit_code == 0, result.output
    assert "RED" in result.output and "clear" in result.output
    assert SGR.search(result.output)  # our own colours are still there
    left = SGR.sub("", result.output)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", left), repr(left[:400])


def test_reports_and_graphs_drop_control_characters_and_json_escapes_them(tmp_path: Path) -> None:
    session = hostile_session(tmp_path)
    d = debrief.build(session)
    for text in (
        report.html(d),
        report.markdown(d),
        graph.render(session.scenario, "mermaid"),
        graph.render(session.scenario, "dot"),
    ):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    dumped = report.as_json(d)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", dumped)
    assert json.loads(dumped)["title"] == HOSTILE  # escaped, not lost: a JSON reader gets the data as it was
