"""The terminal respects NO_COLOR and narrow terminals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.terminal import Screen, chart, meter_bar

ANSI = re.compile(r"\x1b\[")


def test_no_color_means_no_colour_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    screen = Screen()
    assert screen.color is False
    assert screen.rating("poor") == "[-] poor"


def test_colour_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert ANSI.search(Screen().rating("poor"))


def test_play_output_fits_a_narrow_terminal(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = CliRunner().invoke(
        cli, ["play", str(example), "--choices", "counter,follow,own-it", "--no-record"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert not ANSI.search(result.output)
    long = [line for line in result.stdout.splitlines() if len(line) > 40 and " " in line.strip()]
    # only unbreakable runs (a chart row or a single long word) may exceed the width
    assert all(" " not in line.strip() or line.lstrip().startswith(("10 |", "=", "+")) for line in long), long


def test_the_charge_meter_and_chart() -> None:
    assert meter_bar(6, 0, 10, 8) == "[######....] 6/10"
    assert meter_bar(9, 0, 10, 8) == "[#########.] 9/10 flooded"
    rows = chart([6, 8, 7, 5], 0, 10, 8)
    assert rows[2] == "  8 |= # = =  <- flooding"  # the flood row is marked where the charge is below it
    assert rows[4] == "  6 |# # #  "


def test_ctrl_c_while_a_turn_is_judged_stops_cleanly(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the work of a turn (not at a prompt) gives the same one line and exit 130."""
    from simulator import engine

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine.Session, "play", interrupted)
    result = CliRunner().invoke(cli, ["play", str(example), "--choices", "acknowledge", "--no-record"])
    assert result.exit_code == 130
    assert result.output.endswith("Session stopped (Ctrl-C) after 0 turns.\n")
