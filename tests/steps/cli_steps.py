"""Gherkin steps that drive the ``ipt-sim`` command as a user would, through click's runner."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pytest_bdd import given, parsers, then, when

from simulator.cli import cli

REPO = Path(__file__).resolve().parents[2]


class World:
    """What a feature's steps share: a work folder and the last command's result."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.result: Result | None = None

    @property
    def last(self) -> Result:
        assert self.result is not None, "no command has been run yet"
        return self.result


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return World(work)


# Given -----------------------------------------------------------------------------


@given(parsers.parse('a scenario file "{name}" containing:'))
def file_containing(world: World, name: str, docstring: str) -> None:
    """Write an author's file into the work folder."""
    path = world.folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docstring + "\n", "utf-8")


@given(parsers.parse('the example scenario as "{name}"'))
def example_file(world: World, name: str) -> None:
    """The complete example from the format doc."""
    (world.folder / name).write_text((REPO / "tests/data/valid/money-impasse.yaml").read_text("utf-8"), "utf-8")


@given(parsers.parse('the test scenario "{name}"'))
def test_scenario(world: World, name: str) -> None:
    """A scenario from tests/data/valid, copied into the work folder."""
    (world.folder / name).write_text((REPO / "tests/data/valid" / name).read_text("utf-8"), "utf-8")


@given(parsers.parse('the example scenario as "{name}" with "{old}" replaced by "{new}"'))
def example_edited(world: World, name: str, old: str, new: str) -> None:
    """The example with one edit, as an author's typo would make it (``\\n`` is a new line)."""
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    text = (REPO / "tests/data/valid/money-impasse.yaml").read_text("utf-8")
    assert old in text, f"{old!r} is not in the example"
    (world.folder / name).write_text(text.replace(old, new, 1), "utf-8")


@given(parsers.parse('the test scenario "{name}" with "{old}" replaced by "{new}"'))
def test_scenario_edited(world: World, name: str, old: str, new: str) -> None:
    """A scenario from tests/data/valid with one edit (``\\n`` is a new line)."""
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    text = (REPO / "tests/data/valid" / name).read_text("utf-8")
    assert old in text, f"{old!r} is not in {name}"
    (world.folder / name).write_text(text.replace(old, new, 1), "utf-8")


# When ------------------------------------------------------------------------------


@when(parsers.parse('I run "{command}"'))
def run_command(world: World, command: str) -> None:
    """Run ``ipt-sim ...`` (the first word is the program name), after ``env NAME=VALUE ...`` if given."""
    args = shlex.split(command)
    env: dict[str, str] = {}
    if args[0] == "env":
        args.pop(0)
        while "=" in args[0]:
            name, _, value = args.pop(0).partition("=")
            env[name] = value
    assert args[0] == "ipt-sim"
    world.result = CliRunner().invoke(cli, args[1:], prog_name="ipt-sim", catch_exceptions=False, env=env)


@when(parsers.parse('I run "{command}" typing:'))
def run_with_input(world: World, command: str, docstring: str) -> None:
    """Run with these lines on standard input (not a terminal)."""
    args = shlex.split(command)
    world.result = CliRunner().invoke(cli, args[1:], input=docstring + "\n", prog_name="ipt-sim", catch_exceptions=False)


# Then ------------------------------------------------------------------------------


@then(parsers.parse("the exit code is {code:d}"))
def exit_code(world: World, code: int) -> None:
    assert world.last.exit_code == code, world.last.output


@then("the output is:")
def output_is(world: World, docstring: str) -> None:
    """The whole output (standard output and error, as a terminal shows them), exactly."""
    assert world.last.output.rstrip("\n") == docstring.rstrip("\n")


@then(parsers.parse('the output contains "{text}"'))
def output_contains(world: World, text: str) -> None:
    assert text in world.last.output, world.last.output


@then(parsers.parse('the output, read as prose, contains "{text}"'))
def output_contains_prose(world: World, text: str) -> None:
    """For wrapped paragraphs: line breaks and indentation count as single spaces."""
    assert text in " ".join(world.last.output.split()), world.last.output


@then("the output contains:")
def output_contains_block(world: World, docstring: str) -> None:
    assert docstring in world.last.output, world.last.output


@then(parsers.parse('the output does not contain "{text}"'))
def output_lacks(world: World, text: str) -> None:
    assert text not in world.last.output, world.last.output


@then("there is no traceback")
def no_traceback(world: World) -> None:
    assert "Traceback" not in world.last.output
    assert world.last.exception is None or isinstance(world.last.exception, SystemExit)


def json_output(world: World) -> Any:
    return json.loads(world.last.stdout)


@then(parsers.parse('the JSON has "{key}" equal to {value}'))
def json_key(world: World, key: str, value: str) -> None:
    """A dotted path into the JSON output, compared with a JSON value."""
    data = json_output(world)
    for part in key.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    assert data == json.loads(value)
