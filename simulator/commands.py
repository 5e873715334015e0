"""What each CLI command does, as plain functions (testable without click's runner)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator import controls, rules
from simulator.errors import Diagnostic, IptSimError, SessionEnded, SessionLive, sort_key
from simulator.library import FileResult, bundled, check_file, find, iter_files, load
from simulator.model import AREAS, ScenarioInfo

if TYPE_CHECKING:
    from simulator.engine import Session
    from simulator.model import Scenario
    from simulator.play import Answers, PlayOptions, Recorder
    from simulator.terminal import Screen


def check_paths(paths: Sequence[Path]) -> list[Diagnostic]:
    """Every diagnostic for these files and folders, duplicate ids across files included."""
    results: list[FileResult] = [check_file(f) for f in iter_files(paths)]
    diags = [d for r in results for d in r.diagnostics]
    first: dict[str, FileResult] = {}
    for r in results:
        if r.info is None or r.id_pos is None:
            continue
        other = first.setdefault(r.info.id, r)
        if other is not r:
            line, col = r.id_pos
            where = f"{other.path}:{other.id_pos[0]}" if other.id_pos else other.path
            diags.append(Diagnostic(r.path, line, col, "error", "E307", f"scenario id '{r.info.id}' is already used by {where}"))
    from simulator.freetext.command import similar_choices  # W217 loads the model: only for free_text scenarios

    diags += similar_choices(results)
    return sorted(diags, key=sort_key)


def selected(diags: list[Diagnostic], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Diagnostic]:
    """Warnings filtered by ``--select``/``--ignore`` (codes or prefixes such as ``W2``) and by
    ``# ipt-sim: ignore[CODE]`` comments on their line. Errors are always kept: a file with
    errors cannot be played, whatever is ignored."""
    from simulator.lint import suppressed

    lines: dict[str, dict[int, str]] = {}
    out = []
    for d in diags:
        if d.severity == "warning":
            if select and not any(d.code.startswith(p) for p in select):
                continue
            if any(d.code.startswith(p) for p in ignore):
                continue
            if d.file not in lines:
                try:
                    lines[d.file] = dict(enumerate(Path(d.file).read_text("utf-8", errors="replace").splitlines(), 1))
                except OSError:
                    lines[d.file] = {}
            if suppressed(lines[d.file], d):
                continue
        out.append(d)
    return out


def validate_paths(
    paths: Sequence[Path], strict: bool = False, fmt: str = "text", select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> int:
    """Print the diagnostics; the exit code is 1 on errors (or warnings under --strict)."""
    files = list(iter_files(paths))
    if not files:
        raise click.UsageError(f"no .yaml or .yml files under {', '.join(map(str, paths))}")
    diags = selected(check_paths(paths), select, ignore)
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if fmt == "json":
        click.echo(json.dumps([d.as_dict() for d in diags], indent=2))
    else:
        for d in diags:
            click.echo(d.format())
        noun = "file" if len(files) == 1 else "files"
        found = ", ".join(p for p in (_count(errors, "error"), _count(warnings, "warning")) if p) or "no problems"
        click.echo(f"{len(files)} {noun} checked: {found}", err=True)
    return 1 if errors or (strict and warnings) else 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}" if n else ""


def list_scenarios(as_json: bool) -> None:
    infos = sorted((r.info for r in bundled() if r.info), key=lambda i: (AREAS.index(i.area), i.id))
    if as_json:
        click.echo(json.dumps([i.as_dict() for i in infos], indent=2))
        return
    noted = content_noted(infos)
    width = max(len(i.id) for i in infos) if infos else 0
    for area in AREAS:
        group = [i for i in infos if i.area == area]
        if not group:
            continue
        click.echo(area.replace("_", " ").capitalize())
        for i in group:
            facts = ", ".join(x for x in (i.stage, i.phase, i.perspective, "content note" if i.id in noted else "") if x)
            line = f"  {i.id:<{width}}  {i.title}  ({facts})"
            if len(line) > 100:  # the facts on a line of their own, under the title
                line = f"  {i.id:<{width}}  {i.title}\n  {'':<{width}}  ({facts})"
            click.echo(line)
        click.echo()


def content_noted(infos: Sequence[ScenarioInfo]) -> set[str]:
    """Ids of the scenarios with a content note, so a list can say so before one is chosen."""
    noted = set()
    for i in infos:
        try:
            if load(Path(i.path)).content_note:
                noted.add(i.id)
        except IptSimError:
            continue
    return noted


def pick_bundled(interactive: bool) -> str:
    """Ask which bundled scenario to play (by number)."""
    infos = sorted((r.info for r in bundled() if r.info), key=lambda i: (AREAS.index(i.area), i.id))
    noted = content_noted(infos)
    click.echo("Which scenario would you like to play?")
    for n, i in enumerate(infos, 1):
        note = ", content note" if i.id in noted else ""
        click.echo(f"  {n:>2}. {i.title}  ({i.area.replace('_', ' ')}, {i.perspective}{note})")
    while True:
        if interactive:
            reply = click.prompt("Number", default="", show_default=False)
        else:
            line = sys.stdin.readline()
            if not line:
                raise SessionEnded("No scenario chosen (end of input).")
            reply = line.strip()
        index = rules.pick(reply, infos)
        if index is not None:
            return infos[index].path
        if reply in {i.id for i in infos}:
            return next(i.path for i in infos if i.id == reply)
        if not interactive:
            raise click.UsageError(f"'{reply}' is not a scenario number from 1 to {len(infos)}")
        click.echo(f"Please answer with a number from 1 to {len(infos)}.")


@dataclass(frozen=True, slots=True)
class Settings:
    """How a learner plays: timing (on | relaxed | off), reading speed, region for signposting."""

    timing: str = "on"
    reading_wpm: int = 230
    region: str | None = None


def play_scenario(
    ref: str | None, choices: str | None, as_json: bool, mode: str, no_record: bool, yes: bool, data_dir: Path | None,
    settings: Settings | None = None,
    free: bool = False,
) -> None:  # fmt: skip
    """`ipt-sim play`: brief, consent, play, record, debrief."""
    from simulator.engine import compile_scenario

    interactive = choices is None and sys.stdin.isatty()
    try:
        path = find(ref) if ref else Path(pick_bundled(interactive))
    except (KeyboardInterrupt, click.Abort):
        click.echo(err=True)
        raise SessionEnded("Not started. Nothing was played or recorded.") from None
    scenario = load(path)
    if free:
        from simulator.freetext.command import check_free

        check_free(scenario, choices)
    session = compile_scenario(scenario).new_session()
    _play(session, choices, as_json, mode, no_record, yes, data_dir, interactive, None, settings or Settings(), free=free)


def _play(
    session: Session, choices: str | None, as_json: bool, mode: str, no_record: bool, yes: bool,
    data_dir: Path | None, interactive: bool, session_id: str | None, settings: Settings, take_over: bool = False,
    free: bool = False,
) -> None:  # fmt: skip
    from simulator.play import Answers, PlayOptions, run
    from simulator.terminal import Screen

    scenario = session.scenario
    scripted = [c for c in (x.strip() for x in choices.split(",")) if c] if choices is not None else None
    answers = Answers(scripted, interactive=interactive)
    screen = Screen()
    opts = PlayOptions(mode=mode, quiet=as_json, consent_given=yes, timing=settings.timing, reading_wpm=settings.reading_wpm)
    if free:
        from simulator.freetext.terminal import FreeText

        opts.free = FreeText(scenario)
        screen = Screen(err=True) if as_json else screen  # with --json, questions go to standard error
    if not as_json:
        _brief_and_consent(scenario, answers, screen, mode, yes, interactive, choices, session_id, settings)
    recorder = _open_recorder(session, opts, mode, no_record, data_dir, interactive, session_id, take_over)
    try:
        run(session, answers, screen, recorder, opts)
    finally:
        close = getattr(recorder, "close", None)
        if close:
            close()
    if as_json:
        from simulator.transcript import session_dict

        data = session_dict(session, mode)
        if opts.session_id:
            data["session_id"] = opts.session_id
        click.echo(controls.json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    _after_play(session, answers, screen, mode, opts.session_id, settings)


def _brief_and_consent(
    scenario: Scenario, answers: Answers, screen: Screen, mode: str, yes: bool, interactive: bool, choices: str | None,
    session_id: str | None, settings: Settings,
) -> None:  # fmt: skip
    """Before the first turn: the brief (resuming, only the content note again), then the
    learner's consent unless --yes gave it; no consent ends the command with nothing played."""
    from simulator.play import brief, consent

    if session_id is None:
        brief(scenario, screen, settings.timing if interactive else "off", mode)
    elif scenario.content_note:  # resuming: the note again, before anything is shown
        screen.para(screen.style("Content note: ", bold=True) + scenario.content_note)
    if yes:
        return
    try:
        agreed = consent(scenario, answers, screen)
    except KeyboardInterrupt:
        agreed = False
    if not agreed:
        piped = "" if interactive or choices is not None else " With piped input, make the first line 'y', or use --yes."
        what = (
            "Not resumed. Nothing more was played or recorded." if session_id else "Not started. Nothing was played or recorded."
        )
        raise SessionEnded(what + piped)


def _open_recorder(
    session: Session, opts: PlayOptions, mode: str, no_record: bool, data_dir: Path | None, interactive: bool,
    session_id: str | None, take_over: bool,
) -> Recorder:  # fmt: skip
    """Where the turns are recorded (nowhere with --no-record), setting ``opts.session_id``;
    a session being played elsewhere is taken over only if the learner says so here."""
    from simulator.play import NoRecord

    if no_record:
        return NoRecord()
    from simulator.records import Recorder as StoreRecorder
    from simulator.records import Store

    store_recorder = StoreRecorder(Store(data_dir=data_dir), mode, session_id=session_id, take_over=take_over)
    try:
        opts.session_id = store_recorder.begin(session)
    except SessionLive as live:
        if not interactive or not click.confirm(
            f"Session {live.sid} is being played now ({live.where}). Take it over here? The other one stops at its next reply",
            default=False,
            err=True,
        ):
            store_recorder.close()
            raise
        store_recorder.take_over = True
        opts.session_id = store_recorder.begin(session)
    return store_recorder


def _after_play(session: Session, answers: Answers, screen: Screen, mode: str, sid: str | None, settings: Settings) -> None:
    """After the last turn played: the debrief, why play stopped early or replies went
    unplayed, and how to see a recorded session again."""
    from simulator.debrief import build
    from simulator.humanize import plural
    from simulator.play import show_debrief

    if session.finished or session.turns:
        show_debrief(build(session, mode, sid, settings.region), screen)
    if not session.finished:
        click.echo(f"Stopped after {plural(session.turn, 'turn')}: the replies given ran out before an ending.", err=True)
    elif answers.scripted is not None and (unused := len(list(answers.scripted))):
        what = "the last reply given; it was" if unused == 1 else f"the last {unused} replies given; they were"
        click.echo(f"Note: the conversation ended before {what} not played.", err=True)
    if sid:
        click.echo(
            f"Recorded as session {sid}: `ipt-sim report {sid}` shows it again; "
            f"`ipt-sim report {sid} --format html -o {sid}.html` writes a page to print.",
            err=True,
        )


def list_sessions(as_json: bool, data_dir: Path | None) -> None:
    """`ipt-sim sessions`: every recorded session, unfinished ones included."""
    from simulator.records import Store

    with Store(data_dir=data_dir) as store:
        records = [r.listing() for r in store.all()]
    if as_json:
        click.echo(json.dumps(records, indent=2))
        return
    if not records:
        click.echo("No recorded sessions yet. Play one with `ipt-sim play`.")
        return
    from simulator.humanize import plural, when

    width = max(len("Scenario"), *(len(r["scenario"]) for r in records))
    head = f"{'Session':<8}  {'Started':<17}  {'Scenario':<{width}}  {'Turns':<8}  {'Score':>5}  "
    room = max(20, 100 - len(head))
    click.echo(head + "Outcome")
    for r in records:
        score = str(r["scores"]["overall"]) if r["ending"] and r["scores"] else ""
        state = r["ending_title"] or r["ending"] if r["ending"] else f"unfinished: ipt-sim resume {r['id']}"
        state = state if len(state) <= room else state[: room - 1] + "…"
        line = (
            f"{r['id']:<8}  {when(r['started_at']):<17}  {r['scenario']:<{width}}  {plural(r['turns'], 'turn'):<8}  {score:>5}  "
        )
        click.echo(line + state)


def resume_session(
    sid: str,
    mode: str | None,
    data_dir: Path | None,
    yes: bool,
    settings: Settings | None = None,
    take_over: bool = False,
    free: bool = False,
) -> None:
    """`ipt-sim resume ID`: replay the recorded turns, then carry on playing."""
    from simulator.engine import compile_scenario
    from simulator.errors import IptSimError
    from simulator.humanize import plural
    from simulator.records import Store

    with Store(data_dir=data_dir) as store:
        record = store.get(sid)
        played = store.choices(sid)
    if record.finished_at:
        ended = (record.ending or {}).get("title") or (record.ending or {}).get("id")
        raise IptSimError(f"session {sid} has already ended ({ended}); `ipt-sim report {sid}` shows it")
    path = Path(record.scenario_path)
    if not path.is_file():
        from simulator.library import bundled_dir

        if not path.is_relative_to(bundled_dir()) and path.suffix:
            raise IptSimError(
                f"cannot resume session {sid}: its scenario file {path} is no longer there (moved or deleted?); "
                f"put it back to carry on. `ipt-sim report {sid}` still shows what was played."
            )
        path = find(record.scenario_id)
    scenario = load(path)
    if free:
        from simulator.freetext.command import check_free

        check_free(scenario, None)
    if scenario.sha256 != record.scenario_sha256:
        click.echo(
            f"Note: {path} has changed since session {sid} started; replaying its {plural(len(played), 'turn')} on the new version.",
            err=True,
        )
    try:
        session = rules.replay(compile_scenario(scenario).new_session(), played)
    except rules.ScenarioChanged as err:
        raise IptSimError(f"cannot resume session {sid}: the scenario no longer plays the same way ({err.message})") from None
    click.echo(f"Resuming session {sid} of '{scenario.title}' at turn {session.turn + 1}.", err=True)
    interactive = sys.stdin.isatty()
    _play(session, None, False, mode or record.mode, False, yes, data_dir, interactive, sid, settings or Settings(), take_over,
          free=free)  # fmt: skip


def report_session(sid: str, fmt: str, output: Path | None, data_dir: Path | None) -> None:
    """`ipt-sim report ID`: the debrief of a recorded session, readable in the terminal (text),
    or as HTML, Markdown or JSON. Files are written 0600, like the records they come from."""
    import hashlib

    from simulator import report
    from simulator.records import Store, debrief_of

    with Store(data_dir=data_dir) as store:
        record = store.get(sid)
    try:
        current = hashlib.sha256(Path(record.scenario_path).read_bytes()).hexdigest()
    except OSError:
        current = None
    d = debrief_of(record, current)
    if fmt == "text":
        from simulator.play import show_debrief
        from simulator.terminal import Screen

        screen = Screen(color=False if output else None)
        if output is None:
            show_debrief(d, screen)
            return
        with screen.capture() as lines:
            show_debrief(d, screen)
        emit("\n".join(lines) + "\n", output, private=True)
        return
    emit(report.render(d, fmt), output, private=True)


def explore_scenario(ref: str, as_json: bool, max_positions: int | None) -> None:
    """`ipt-sim explore`: the exact analysis of a scenario's play space."""
    from simulator import explore

    scenario = load(find(ref))
    result = explore.analyse(scenario, max_positions or explore.DEFAULT_MAX_NODES)
    if as_json:
        click.echo(json.dumps(explore.to_json(result), indent=2))
    else:
        click.echo(explore.to_text(result))


def graph_scenario(ref: str, fmt: str, output: Path | None, session_id: str | None, data_dir: Path | None) -> None:
    """`ipt-sim graph`: the conversation as Mermaid or DOT, optionally one session's path lit."""
    from simulator import graph
    from simulator.errors import IptSimError

    scenario = load(find(ref))
    highlight: list[str] | None = None
    played: list[str] | None = None
    if session_id:
        from simulator.records import Store

        with Store(data_dir=data_dir) as store:
            record = store.get(session_id)
        if record.scenario_id != scenario.id:
            raise IptSimError(f"session {session_id} is of scenario '{record.scenario_id}', not '{scenario.id}'")
        turns = list(record.turns)
        highlight = [t["state"] for t in turns] + ([turns[-1]["next"]] if turns else [scenario.start])
        played = [t["choice"] for t in turns]
    try:
        text = graph.render(scenario, fmt, highlight, played)  # type: ignore[arg-type]
    except ValueError as err:
        raise IptSimError(str(err)) from None
    emit(text, output)


def emit(text: str, output: Path | None, private: bool = False) -> None:
    """Print ``text``, or write it to ``output`` and say so (a file that cannot be written is a plain error).
    ``private`` files (a learner's report) are readable by their owner only."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        if private:
            import os

            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            output.write_text(text, "utf-8")
    except OSError as err:
        raise click.FileError(str(output), err.strerror) from None
    click.echo(f"Wrote {output}", err=True)
