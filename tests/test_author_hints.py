"""Messages that lead to the fix (authoring review 2026-11, findings 11, 12 and 17): a
quoted expression followed by more text, unquoted ``{{`` in text, and a misspelt
``--select`` code, which used to pass a ``--strict`` check silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.cli import cli

SMALL = (Path(__file__).resolve().parent / "data" / "rules" / "empty-file" / "ok.yaml").read_text("utf-8")


def validate(*args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", *args], prog_name="ipt-sim", catch_exceptions=False)


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_a_quoted_visited_test_gets_the_quoting_hint() -> None:
    Path("t.yaml").write_text(
        SMALL.replace("        timing: premature\n", "        timing: premature\n        requires: 'door' in visited\n"), "utf-8"
    )
    assert validate("t.yaml").stdout == (
        "t.yaml:31:26: error: YAML syntax: while parsing a block mapping (from line 26), did not find expected key "
        "(a value that starts with a quote must end with it: wrap it all in double quotes, \"'door' in visited\") [E110]\n"
    )


def test_unquoted_braces_in_text_get_the_quoting_hint() -> None:
    Path("t.yaml").write_text(
        SMALL.replace("debrief: Dad named one small thing he misses.", "debrief: {{ speaker.name }} named it."), "utf-8"
    )
    assert validate("t.yaml").stdout.splitlines()[0] == (
        "t.yaml:45:15: error: a key must be plain text, not a list or mapping (text that starts with {{ must be in double "
        'quotes: "{{ speaker.name }} ...") [E102]'
    )


def test_a_misspelt_select_code_is_a_usage_error_not_a_green_check() -> None:
    Path("t.yaml").write_text(SMALL, "utf-8")
    result = validate("--strict", "--select", "ZZZ", "t.yaml")
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for --select: no warning code is or starts with 'ZZZ' (they are W101 to W106 and W201 to W218)"
        in (result.output)
    )
    assert validate("--strict", "--select", "W2", "t.yaml").exit_code == 0


def test_a_scripted_reply_with_more_than_id_tone_cues_is_refused() -> None:
    Path("t.yaml").write_text(SMALL, "utf-8")
    result = CliRunner().invoke(cli, ["play", "t.yaml", "--choices", "stay@calm@nod@extra", "--no-record"], prog_name="ipt-sim")
    assert result.exit_code == 1
    assert (
        "ipt-sim: 'stay@calm@nod@extra' has more than ID@tone@cues: write cues joined by +, such as 'ID@calm@nod+eye_contact'"
        in (result.output)
    )
