"""No scenario file can make the tool chain hang, crash or eat memory (authoring review
2026-11, findings 1-3, 9 and 10): every analysis is linear in a meter's range, meters
are held to ``MAX_METER_SPAN``, explore's position limit stops it before any work per
value, and every position a diagnostic gives lies inside the file as an editor shows it.

Work is counted (calls of the clamp every meter step goes through, calls of the judge),
not timed, so the checks hold on a busy machine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator import judge as judge_module
from simulator.cli import cli
from simulator.explore import space
from simulator.model import Meter

REPO = Path(__file__).resolve().parent.parent
NPP = REPO / "scenarios" / "role_transition" / "new-parent-partner.yaml"
SMALL = REPO / "tests" / "data" / "rules" / "empty-file" / "ok.yaml"
NPP_CHARGE = "charge: {start: 3, min: 0, max: 10,"  # the rest of the line (window, recovery) stays


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="ipt-sim", catch_exceptions=False)


def npp_with_charge_max(tmp_path: Path, top: int) -> Path:
    text = NPP.read_text("utf-8")
    assert text.count(NPP_CHARGE) == 1
    path = tmp_path / f"npp-{top}.yaml"
    path.write_text(text.replace(NPP_CHARGE, f"charge: {{start: 3, min: 0, max: {top},"), "utf-8")
    return path


def clamps_to_validate(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    calls = 0
    clamp = Meter.clamp

    def counting(self: Meter, value: int) -> int:
        nonlocal calls
        calls += 1
        return clamp(self, value)

    monkeypatch.setattr(Meter, "clamp", counting)
    result = run("validate", str(path))
    monkeypatch.setattr(Meter, "clamp", clamp)
    assert result.exit_code == 0, result.output
    return calls


def test_validating_a_wide_meter_costs_linear_not_quadratic_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Review #1: the bundled scenario with charge max 10000 took 95 s (work grew with the square of the range).
    small = clamps_to_validate(npp_with_charge_max(tmp_path, 1_000), monkeypatch)
    large = clamps_to_validate(npp_with_charge_max(tmp_path, 10_000), monkeypatch)
    assert large <= 12 * small, (small, large)  # ten times the range, about ten times the work


def test_a_huge_meter_range_is_an_error_that_names_the_limit_not_a_memory_error(tmp_path: Path) -> None:
    # Review #2: max 2**40 with a `requires` on the meter raised MemoryError from lint.
    text = SMALL.read_text("utf-8").replace(
        "charge: {start: 5, min: 0, max: 10}", "charge: {start: 5, min: 0, max: 1099511627776}"
    )
    text = text.replace("        timing: premature\n", "        timing: premature\n        requires: charge > 1\n", 1)
    (tmp_path / "huge-range.yaml").write_text(text, "utf-8")
    result = run("validate", str(tmp_path / "huge-range.yaml"))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path / 'huge-range.yaml'}:11:35: error: meter 'charge' spans 1,099,511,627,776 steps (0 to 1099511627776): "
        "the limit is 10,000 (max - min), so that every check stays quick; count in larger units [E223]\n"
    )


def test_explore_applies_its_position_limit_before_judging_every_charge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Review #3: `explore --max-positions 10` judged every charge value of every choice first (68 s).
    calls = 0
    real = judge_module.judge

    def counting(*args: object, **kw: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(space, "judge", counting)
    result = run("explore", str(npp_with_charge_max(tmp_path, 10_000)), "--max-positions", "10")
    assert result.exit_code == 0, result.output
    assert "Stopped at the limit of 10 positions" in result.stdout
    assert calls <= 10 * 4  # at most one judgement per move out of each position found (4 choices a state at most)


def test_a_file_cut_short_is_reported_on_its_last_line(tmp_path: Path) -> None:
    # Review #9: `a: [1, 2` (no final newline) was reported on line 2 of a one-line file.
    (tmp_path / "t.yaml").write_bytes(b"a: [1, 2")
    result = run("validate", str(tmp_path / "t.yaml"))
    assert result.stdout.startswith(f"{tmp_path / 't.yaml'}:1:9: error: YAML syntax: while parsing a flow sequence")


def test_unicode_line_separators_do_not_shift_later_lines(tmp_path: Path) -> None:
    # Review #10: a U+2028 in a quoted `says` moved every later line number down by one.
    text = SMALL.read_text("utf-8")
    text = text.replace("says: I don't want to talk about your mother.", 'says: "I don\'t want to\u2028talk about your mother."')
    text = text.replace("tone: irritated", "tone: irritatd")
    (tmp_path / "ls-shift.yaml").write_text(text, "utf-8")
    result = run("validate", str(tmp_path / "ls-shift.yaml"))
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "irritatd" in t)
    assert re.search(
        rf"ls-shift.yaml:{line}:15: error: unknown tone 'irritatd' -- did you mean 'irritated'\? \[E301\]", result.stdout
    )
