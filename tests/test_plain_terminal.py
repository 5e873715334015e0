"""What a learner reads in the terminal is plain English (newcomer review, issue 12)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from simulator.cli import cli
from simulator.commands import play_scenario
from simulator.errors import SessionEnded
from simulator.humanize import plural, when
from simulator.play import Answers
from simulator.terminal import Screen, visible_len, wrap

FIRST_LINE = "You've spent it again"  # Sam's first words in money-impasse


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def last_session() -> str:
    listed = json.loads(run("sessions", "--json").output)
    return str(listed[-1]["id"])


class Typed(Answers):
    """Someone typing at a terminal: these lines, then Ctrl-D."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(None, interactive=True)
        self.lines: Iterator[str] = iter(lines)

    def ask(self, prompt: str, screen: Screen) -> str | None:
        return next(self.lines, None)


def play_typed(example: Path, lines: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """Play in coach mode as if typed at a terminal; the output and the stop message."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("simulator.play.Answers", lambda *a, **k: Typed(lines))
        with pytest.raises(SessionEnded) as stopped:
            play_scenario(str(example), None, False, "coach", True, True, None)
    return capsys.readouterr().out, stopped.value.message


def test_an_invalid_answer_is_plain_and_the_turn_is_not_shown_again(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, stopped = play_typed(example, ["99", "abc", ""], capsys)
    assert out.count("Please answer with a number from 1 to 3, or type help.") == 3
    assert out.count(FIRST_LINE) == 1
    assert "state '" not in out and "choice" not in out
    assert stopped.startswith("Session stopped (Ctrl-D) after 0 turns.")


def test_help_does_not_reprint_the_turn(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = play_typed(example, ["help"], capsys)
    assert "Answer with the number of a reply." in out
    assert out.count(FIRST_LINE) == 1


def test_piped_invalid_answer_says_what_to_type(example: Path) -> None:
    result = run("play", str(example), "--yes", "--no-record", stdin="y\n")
    assert result.exit_code == 1
    assert "ipt-sim: 'y' is not a reply here. Please answer with a number from 1 to 3, or type help." in result.output


def test_piped_input_is_asked_for_consent(example: Path) -> None:
    refused = run("play", str(example), "--no-record", stdin="2\n")
    assert refused.exit_code == 0
    assert refused.output.endswith(
        "Not started. Nothing was played or recorded. With piped input, make the first line 'y', or use --yes.\n"
    )
    agreed = run("play", str(example), "--no-record", stdin="y\n2\n")
    assert "Start this scenario? [y/N]" in agreed.output
    assert "Ending: The real expectation is on the table (positive)" in agreed.output


def test_ctrl_d_at_a_terminal_is_named_ctrl_d(monkeypatch: pytest.MonkeyPatch) -> None:
    def eof() -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    assert Answers(interactive=True).ask("Your reply [1-3]:", Screen()) is None
    assert Answers(interactive=True).ended_by == "Ctrl-D"
    assert Answers(interactive=False).ended_by == "end of input"


def test_ctrl_c_at_the_scenario_picker_is_not_a_bare_aborted(monkeypatch: pytest.MonkeyPatch) -> None:
    def abort(interactive: bool) -> str:
        raise click.Abort

    monkeypatch.setattr("simulator.commands.pick_bundled", abort)
    with pytest.raises(SessionEnded) as stopped:
        play_scenario(None, None, False, "coach", True, False, None)
    assert stopped.value.message == "Not started. Nothing was played or recorded."


def test_resume_shows_the_content_note_and_asks_again(example: Path) -> None:
    run("play", str(example), "--yes", stdin="1\n")
    sid = last_session()
    refused = run("resume", sid, stdin="1\n")
    assert "Content note: Raised voices; talk of separating." in refused.output
    assert "Not resumed. Nothing more was played or recorded." in refused.output
    agreed = run("resume", sid, "--yes", stdin="1\n")
    assert "Content note: Raised voices; talk of separating." in agreed.output
    assert "Start this scenario?" not in agreed.output
    assert "replaying" not in agreed.output and "after 2 turns" in agreed.output


def test_play_of_a_folder_talks_about_files(tmp_path: Path) -> None:
    result = run("play", str(tmp_path))
    assert result.exit_code == 1
    assert f"ipt-sim: '{tmp_path}' is a folder: give one scenario file in it" in result.output
    assert "bundled" not in result.output


def test_resume_after_the_file_moved_talks_about_the_file(example: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(example, mine)
    run("play", str(mine), "--yes", stdin="1\n")
    sid = last_session()
    mine.rename(tmp_path / "mine.moved")
    result = run("resume", sid)
    assert result.exit_code == 1
    assert f"its scenario file {mine} is no longer there (moved or deleted?)" in result.output
    assert "bundled" not in result.output


def test_sessions_have_a_header_human_times_and_one_turn(example: Path) -> None:
    run("play", str(example), "--yes", stdin="1\n")
    run("play", str(example), "--choices", "acknowledge")
    lines = run("sessions").output.splitlines()
    assert lines[0].split() == ["Session", "Started", "Scenario", "Turns", "Score", "Outcome"]
    unfinished, finished = sorted(lines[1:], key=lambda line: "unfinished" not in line)
    assert " today, " in unfinished and " 1 turn " in unfinished and "unfinished: ipt-sim resume" in unfinished
    assert finished.endswith("  100  The real expectation is on the table")
    assert all(len(line) <= 100 for line in lines)


def test_the_end_of_play_hint_names_commands_that_work(example: Path, tmp_path: Path) -> None:
    played = run("play", str(example), "--choices", "acknowledge")
    sid = last_session()
    assert f"`ipt-sim report {sid}` shows it again; `ipt-sim report {sid} --format html -o {sid}.html`" in played.output
    shown = run("report", sid)
    assert "Ending: The real expectation is on the table (positive)" in shown.output
    assert "<td>" not in shown.output
    page = tmp_path / "r.html"
    run("report", sid, "--format", "html", "-o", str(page))
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(page).st_mode & 0o777 == 0o600


def test_records_are_kept_in_a_folder_only_this_user_can_open(example: Path, tmp_path: Path) -> None:
    """Web review, finding 20: a data folder that already existed open to others is closed."""
    folder = tmp_path / "records"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    run("play", str(example), "--choices", "acknowledge", "--data-dir", str(folder))
    assert (os.stat(folder).st_mode & 0o777, os.stat(folder / "records.sqlite3").st_mode & 0o777) == (0o700, 0o600)


def test_assess_mode_debrief_gives_the_reasons(example: Path) -> None:
    result = run("play", str(example), "--mode", "assess", "--choices", "acknowledge", "--no-record")
    after = result.output.split("Communication analysis", 1)[1]
    assert "tone [+] good: Your calm tone fitted the moment." in " ".join(after.split())
    assert "charge [+] good: The charge went down from 6 to 4" in " ".join(after.split())


def test_wrapping_counts_what_is_seen_not_colour_codes() -> None:
    name = click.style("Tomás: ", bold=True)
    text = name + "You said you wanted to talk. Is this about the money again or about us?"
    first = wrap(text, 60, "", "  ").splitlines()[0]
    assert visible_len(first) == len("Tomás: You said you wanted to talk. Is this about the money")
    assert wrap("Scores: tone 100  timing 100", 100) == "Scores: tone 100  timing 100"


def test_plain_counts_and_times() -> None:
    from datetime import datetime, timedelta

    now = datetime.now().astimezone()
    assert (plural(1, "turn"), plural(0, "turn"), plural(2, "turn")) == ("1 turn", "0 turns", "2 turns")
    assert when(now.isoformat(), now) == f"today, {now:%H:%M}"
    assert when((now - timedelta(days=1)).isoformat(), now).startswith("yesterday, ")


def test_smaller_things_a_newcomer_noticed(example: Path) -> None:
    extra = run("play", str(example), "--choices", "acknowledge,1,2", "--no-record")
    assert "Note: the conversation ended before the last 2 replies given; they were not played." in extra.output
    paused = run("play", str(example), "--yes", "--no-record", "--mode", "assess", stdin="pause\n")
    assert "Assess mode: no hints and no rewind; all the feedback, with the reasons, comes in the debrief." in " ".join(
        paused.output.split()
    )
    assert "You can stop at any moment by typing 'pause'" in paused.output  # shown with --yes too
    assert "This session was not recorded (--no-record), so it cannot be resumed." in paused.output
    top = run("--help").output
    assert "Check a scenario you wrote:     ipt-sim validate FILE" in top
    labels = run("play", str(example), "--choices", "1", "--yes", "--no-record").output
    assert "[defensive, arms crossed, raised voice]" in " ".join(labels.split())


def test_the_list_fits_100_columns_and_marks_content_notes() -> None:
    lines = run("list").output.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert "  talking-to-dad                    The drawer that sticks  (middle, client, content note)" in lines


def test_help_texts_describe_every_option_a_newcomer_looked_for() -> None:
    """Newcomer finding 24: undescribed --format options, no ID@tone@cue syntax, an odd default style."""

    def said(*args: str) -> str:
        return " ".join(run(*args, "--help").output.split())

    assert "--format [text|html|md|json] text: to read here (the default); html: one page to print;" in said("report")
    assert "--format [mermaid|dot] Mermaid (renders on GitHub and in many editors) or Graphviz DOT. [default: mermaid]" in (
        said("graph")
    )
    assert "ID@tone@cue+cue picks a delivery." in said("play")
    assert "--max-positions INTEGER RANGE Stop after this many positions. [default: 1000000] [x>=1]" in said("explore")


def test_the_briefing_says_replies_are_timed_and_how_to_relax_it(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Newcomer finding 1: a learner at the keyboard is told that replies are timed, before the first one."""
    from simulator.library import load
    from simulator.play import brief
    from simulator.terminal import Screen

    scenario = load(example)
    for timed, says in (
        ("on", "Your replies are timed, from when the replies are shown,"),
        ("relaxed", "Your replies are timed (relaxed: you have three times as long), from when the replies are shown,"),
    ):
        brief(scenario, Screen(width=200, color=False), timed=timed)
        out = " ".join(capsys.readouterr().out.split())  # as read, whatever the wrapping
        assert says in out
        assert "less the time it takes to read them. Use --timing relaxed or --timing off if you need more time." in out
    brief(scenario, Screen(width=200, color=False), timed="off")
    assert "timed" not in capsys.readouterr().out


def test_ctrl_c_at_a_terminal_prompt_is_reported_on_a_line_of_its_own(example: Path, tmp_path: Path) -> None:
    """At a real terminal (a pseudo-terminal here), Ctrl-C at the reply prompt: the terminal
    echoes ^C after the prompt, and the stop message starts on the next line."""
    import pty
    import select
    import sys
    import time

    env = os.environ | {"IPT_SIM_DATA_DIR": str(tmp_path / "tty-data"), "NO_COLOR": "1", "COLUMNS": "100"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: ipt-sim at the terminal
        os.execve(
            sys.executable, [sys.executable, "-c", "from simulator.cli import cli; cli()", "play", str(example), "--yes"], env
        )
    seen = b""

    def read_until(wanted: bytes, seconds: float) -> None:
        nonlocal seen
        deadline = time.monotonic() + seconds
        while wanted not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child has gone: its side of the terminal is closed
                    return
                if not chunk:
                    return
                seen += chunk

    try:
        read_until(b"Your reply", 60)
        assert b"Your reply" in seen, seen.decode(errors="replace")
        os.write(fd, b"\x03")  # Ctrl-C, as the keyboard sends it
        read_until(b"Continue later with", 30)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    lines = seen.decode(errors="replace").replace("\r\n", "\n").split("\n")
    stop = next(line for line in lines if "Session stopped (Ctrl-C)" in line)
    assert stop.startswith("Session stopped (Ctrl-C) after 0 turns."), lines[-5:]
    prompt = next(line for line in lines if "Your reply" in line)
    assert "Session stopped" not in prompt
    assert os.waitstatus_to_exitcode(status) == 130
