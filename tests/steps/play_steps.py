"""Gherkin steps for judging and play: rating rules, an injected clock, records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_bdd import parsers, then, when

from simulator import catalogs
from simulator.engine import Session, compile_scenario
from simulator.judge import rate_charge, rate_nonverbal, rate_practice, rate_timing, rate_tone
from simulator.library import load
from simulator.model import Assess
from simulator.play import Answers, NoRecord, PlayOptions, run
from simulator.records import Record, Store
from simulator.terminal import Screen
from simulator.transcript import best_alternative
from tests.steps.cli_steps import REPO, World


class Rated:
    """The last rating a judging step produced."""

    rating: str = ""
    text: str = ""
    mixed_message: bool = False


@pytest.fixture
def rated() -> Rated:
    return Rated()


# Rating rules ------------------------------------------------------------------------


@when(parsers.parse("a {tone} tone meets a charge of {charge:d}, flooding at {flood:d}"))
def tone_meets(rated: Rated, tone: str, charge: int, flood: int) -> None:
    rated.rating, rated.text = rate_tone(catalogs.load().tones[tone], charge, flood)


@when(parsers.parse("a {tone} tone meets a moment that needs a {need} voice"))
def tone_meets_need(rated: Rated, tone: str, need: str) -> None:
    rated.rating, rated.text = rate_tone(catalogs.load().tones[tone], 3, 8, need)


@when(parsers.parse("the charge goes from {before:d} to {after:d} against a window of {lo:d} to {hi:d}, flooding at {flood:d}"))
def charge_in_window(rated: Rated, before: int, after: int, lo: int, hi: int, flood: int) -> None:
    rated.rating, rated.text, _ = rate_charge(before, after, flood, 0, (lo, hi))


@when(parsers.parse("a reply is tagged {levels}"))
def tagged(rated: Rated, levels: str) -> None:
    tags = [] if levels == "with nothing" else [Assess("alliance", lv.strip()) for lv in levels.split(",")]  # type: ignore[arg-type]
    rated.rating = rate_practice(tags) or "not rated"


@when(parsers.parse('"{words}" is said in a {tone} tone with {cues}'))
def said_with(rated: Rated, words: str, tone: str, cues: str) -> None:
    cat = catalogs.load()
    cue_list = [] if cues == "no cues" else [cat.cues[c.strip()] for c in cues.split(",")]
    rated.rating, rated.text, rated.mixed_message = rate_nonverbal(cat.tones[tone], cue_list, words, 3, 8)


@when(parsers.parse("a {timing} reply comes after {seconds:g} seconds at a {pace} moment"))
def reply_after(rated: Rated, timing: str, seconds: float, pace: str) -> None:
    rated.rating, rated.text = rate_timing(catalogs.load().timings[timing], pace, seconds)


@when(parsers.parse("a {timing} reply is scripted at a {pace} moment"))
def reply_scripted(rated: Rated, timing: str, pace: str) -> None:
    rated.rating, rated.text = rate_timing(catalogs.load().timings[timing], pace, None)


@when(parsers.parse("the charge goes from {before:d} to {after:d}, flooding at {flood:d}, lowest {low:d}"))
def charge_goes(rated: Rated, before: int, after: int, flood: int, low: int) -> None:
    rated.rating, rated.text, _ = rate_charge(before, after, flood, low)


@then(parsers.parse("it is rated {rating}"))
def it_is_rated(rated: Rated, rating: str) -> None:
    assert rated.rating == rating, rated.text


@then(parsers.parse('the feedback says "{text}"'))
def feedback_says(rated: Rated, text: str) -> None:
    assert text in rated.text, rated.text


@then("it is named a mixed message")
def named_mixed(rated: Rated) -> None:
    assert rated.mixed_message
    assert rated.text.startswith("A mixed message:"), rated.text


@then("it is not a mixed message")
def not_mixed(rated: Rated) -> None:
    assert not rated.mixed_message, rated.text


# Interactive play with an injected clock ----------------------------------------------


class Keyboard(Answers):
    """Someone typing at a terminal: each answer arrives at a given time on the clock."""

    def __init__(self, replies: list[tuple[str, float]]) -> None:
        self.replies = replies
        self.now = 0.0
        super().__init__(None, interactive=True, clock=lambda: self.now)

    def ask(self, prompt: str, screen: Screen) -> str | None:
        if not self.replies:
            return None
        reply, seconds = self.replies.pop(0)
        self.now += seconds
        return reply


class Played:
    session: Session | None = None


@pytest.fixture
def played() -> Played:
    return Played()


@when(parsers.parse('I play "{name}" at a terminal, answering:'))
def play_at_terminal(world: World, played: Played, name: str, datatable: list[list[str]]) -> None:
    """A table of | reply | seconds after the prompt |."""
    play_timed(world, played, name, "on", datatable)


@when(parsers.parse('I play "{name}" at a terminal with timing {setting}, answering:'))
def play_timed(world: World, played: Played, name: str, setting: str, datatable: list[list[str]]) -> None:
    path = world.folder / name if (world.folder / name).exists() else REPO / "tests/data/valid" / name
    session = compile_scenario(load(path)).new_session()
    replies = [(row[0], float(row[1])) for row in datatable[1:]]
    run(session, Keyboard(replies), Screen(color=False), NoRecord(), PlayOptions(quiet=True, timing=setting))
    played.session = session


@then(parsers.parse("turn {n:d} shows no better alternative"))
def no_alternative(played: Played, n: int) -> None:
    assert played.session is not None
    assert best_alternative(played.session, played.session.turns[n - 1]) is None


@then(parsers.parse('turn {n:d}\'s better alternative is "{choice}"'))
def alternative_is(played: Played, n: int, choice: str) -> None:
    assert played.session is not None
    alt = best_alternative(played.session, played.session.turns[n - 1])
    assert alt is not None and alt[0] == choice, alt


@then(parsers.parse("turn {n:d} has {dimension} rated {rating}"))
def turn_rated(played: Played, n: int, dimension: str, rating: str) -> None:
    assert played.session is not None
    turn = played.session.turns[n - 1]
    assert turn.judgement.ratings[dimension] == rating, turn.judgement.feedback[dimension]


@then(parsers.parse('turn {n:d}\'s {dimension} feedback says "{text}"'))
def turn_feedback(played: Played, n: int, dimension: str, text: str) -> None:
    assert played.session is not None
    feedback = played.session.turns[n - 1].judgement.feedback[dimension]
    assert text in feedback, feedback


# Records -----------------------------------------------------------------------------


def last_record() -> Record:
    """The most recent session in this test's records (IPT_SIM_DATA_DIR is set per test)."""
    with Store() as store:
        return store.get(store.ids()[-1])


@then(parsers.parse("there is {count:d} recorded session"))
@then(parsers.parse("there are {count:d} recorded sessions"))
def recorded_count(count: int) -> None:
    with Store() as store:
        assert len(store.ids()) == count


@then(parsers.parse("the last record holds {attempts:d} attempts, {rewound:d} taken back"))
def record_attempts(attempts: int, rewound: int) -> None:
    record = last_record()
    assert len(record.attempts) == attempts
    assert sum(a["rewound"] for a in record.attempts) == rewound


@then(parsers.parse("the last record is {state} with {turns:d} turns"))
def record_state(state: str, turns: int) -> None:
    record = last_record()
    assert (record.finished_at is not None) == (state == "finished"), record
    assert len(record.turns) == turns


@when("I resume the last recorded session typing:")
def resume_last(world: World, docstring: str) -> None:
    from click.testing import CliRunner

    from simulator.cli import cli

    world.result = CliRunner().invoke(cli, ["resume", last_record().id, "--yes"], input=docstring + "\n", catch_exceptions=False)


@when(parsers.parse("I ask for the last session's report as {fmt}"))
def report_last(world: World, fmt: str) -> None:
    from click.testing import CliRunner

    from simulator.cli import cli

    world.result = CliRunner().invoke(cli, ["report", last_record().id, "--format", fmt], catch_exceptions=False)


@then(parsers.parse("the records file is private to the user"))
def records_private() -> None:
    import os

    path = Path(os.environ["IPT_SIM_DATA_DIR"]) / "records.sqlite3"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def last_json(world: World) -> dict[str, object]:
    data: dict[str, object] = json.loads(world.last.stdout)
    return data


@when(parsers.parse('I play "{name}" in a real process, answer {replies}, and kill it while it waits at "{marker}"'))
def play_and_kill(world: World, name: str, replies: str, marker: str) -> None:
    """SIGKILL, as a crash or a closed laptop would: no clean-up code runs.

    The process is killed once its output shows the next moment, i.e. while it waits
    for a reply; reading its output is what synchronises, nothing sleeps.
    """
    import os
    import signal
    import subprocess
    import sys

    with subprocess.Popen(
        [sys.executable, "-m", "simulator", "play", name, "--yes"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=world.folder,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    ) as proc:  # fmt: skip
        assert proc.stdin is not None and proc.stdout is not None
        for reply in (r.strip().strip('"') for r in replies.replace(" and ", ",").split(",")):
            proc.stdin.write(reply + "\n")
            proc.stdin.flush()
        seen = []
        for line in proc.stdout:
            seen.append(line)
            if marker in line:
                break
        else:
            raise AssertionError("the process ended before the marker:\n" + "".join(seen))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@when(parsers.parse('I graph the last session of "{name}" as {fmt}'))
def graph_last(world: World, name: str, fmt: str) -> None:
    from click.testing import CliRunner

    from simulator.cli import cli

    world.result = CliRunner().invoke(
        cli, ["graph", name, "--format", fmt, "--session", last_record().id], catch_exceptions=False
    )


@when(parsers.parse('I play "{name}" in a real process and press Ctrl-C at "{marker}"'))
def play_and_interrupt(world: World, name: str, marker: str) -> None:
    """SIGINT while the player is being asked for a reply; the output is read to synchronise."""
    play_typing_and_interrupt(world, name, "", marker)


@when(parsers.parse('I play "{name}" in a real process, type "{typed}" and press Ctrl-C at "{marker}"'))
def play_typing_and_interrupt(world: World, name: str, typed: str, marker: str) -> None:
    """The same, after typing some replies first (``typed``: comma-separated lines)."""
    import os
    import signal
    import subprocess
    import sys
    from types import SimpleNamespace

    with subprocess.Popen(
        [sys.executable, "-m", "simulator", "play", name, "--yes"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=world.folder,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stdin is not None
        if typed:
            proc.stdin.write("".join(line.strip() + "\n" for line in typed.split(",")))
            proc.stdin.flush()
        seen = []
        for line in proc.stdout:
            seen.append(line)
            if marker in line:
                break
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
    world.result = SimpleNamespace(exit_code=proc.returncode, output="".join(seen) + rest, exception=None)  # type: ignore[assignment]
