"""Gherkin steps for validating: files no editor would write, and what must not happen."""

from __future__ import annotations

import json

from pytest_bdd import given, parsers, then

from tests.steps.cli_steps import World


@given(parsers.parse('a file "{name}" of {depth:d} nested lists'))
def nested_lists(world: World, name: str, depth: int) -> None:
    """``[[[...]]]``: too deep to write by hand, too big to keep in a feature."""
    (world.folder / name).write_text("[" * depth + "]" * depth + "\n", "utf-8")


@then(parsers.parse('there is no file "{name}"'))
def no_file(world: World, name: str) -> None:
    """Nothing the command was asked to do by the file itself was done."""
    assert not (world.folder / name).exists()


@then("the JSON output is:")
def json_output_is(world: World, docstring: str) -> None:
    """Standard output, read as JSON, equals this JSON value."""
    assert json.loads(world.last.stdout) == json.loads(docstring)
