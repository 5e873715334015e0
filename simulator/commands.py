"""What each CLI command does, as plain functions (testable without click's runner)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator import controls
from simulator.errors import Diagnostic, SessionEnded, sort_key
from simulator.library import FileResult, bundled, check_file, find, iter_files, load
from simulator.model import AREAS

if TYPE_CHECKING:
    from simulator.engine import Session
    from simulator.play import Recorder


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
    for area in AREAS:
        group = [i for i in infos if i.area == area]
        if not group:
            continue
        click.echo(area.replace("_", " ").capitalize())
        for i in group:
            facts = ", ".join(x for x in (i.stage, i.phase, i.perspective) if x)
            click.echo(f"  {i.id:<34} {i.title}  ({facts})")
        click.echo()


def pick_bundled(interactive: bool) -> str:
    """Ask which bundled scenario to play (by number)."""
    infos = sorted((r.info for r in bundled() if r.info), key=lambda i: (AREAS.index(i.area), i.id))
    click.echo("Which scenario would you like to play?")
    for n, i in enumerate(infos, 1):
        click.echo(f"  {n:>2}. {i.title}  ({i.area.replace('_', ' ')}, {i.perspective})")
    while True:
        if interactive:
            reply = click.prompt("Number", default="", show_default=False)
        else:
            line = sys.stdin.readline()
            if not line:
                raise SessionEnded("No scenario chosen (end of input).")
            reply = line.strip()
        if reply.isdigit() and 1 <= int(reply) <= len(infos):
            return infos[int(reply) - 1].path
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
) -> None:  # fmt: skip
    """`ipt-sim play`: brief, consent, play, record, debrief."""
    from simulator.engine import compile_scenario

    interactive = choices is None and sys.stdin.isatty()
    try:
        path = find(ref) if ref else Path(pick_bundled(interactive))
    except KeyboardInterrupt:
        raise SessionEnded("Stopped before starting.") from None
    scenario = load(path)
    session = compile_scenario(scenario).new_session()
    _play(session, choices, as_json, mode, no_record, yes, data_dir, interactive, None, settings or Settings())


def _play(
    session: Session, choices: str | None, as_json: bool, mode: str, no_record: bool, yes: bool,
    data_dir: Path | None, interactive: bool, session_id: str | None, settings: Settings,
) -> None:  # fmt: skip
    from simulator.debrief import build
    from simulator.play import Answers, NoRecord, PlayOptions, brief, consent, run, show_debrief
    from simulator.terminal import Screen
    from simulator.transcript import session_dict

    scenario = session.scenario
    scripted = [c for c in (x.strip() for x in choices.split(",")) if c] if choices is not None else None
    answers = Answers(scripted, interactive=interactive)
    screen = Screen()
    opts = PlayOptions(mode=mode, quiet=as_json, consent_given=yes, timing=settings.timing, reading_wpm=settings.reading_wpm)
    if not as_json and session_id is None:
        brief(scenario, screen, settings.timing if interactive else "off")
        if not yes:
            try:
                agreed = consent(scenario, answers, screen)
            except KeyboardInterrupt:
                agreed = False
            if not agreed:
                raise SessionEnded("Not started. Nothing was played or recorded.")
    recorder: Recorder = NoRecord()
    if not no_record:
        from simulator.records import Recorder as StoreRecorder
        from simulator.records import Store

        store_recorder = StoreRecorder(Store(data_dir=data_dir), mode, session_id=session_id)
        opts.session_id = store_recorder.begin(session)
        recorder = store_recorder
    try:
        run(session, answers, screen, recorder, opts)
    finally:
        close = getattr(recorder, "close", None)
        if close:
            close()
    if as_json:
        data = session_dict(session, mode)
        if opts.session_id:
            data["session_id"] = opts.session_id
        click.echo(controls.json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    if session.finished or session.turns:
        show_debrief(build(session, mode, opts.session_id, settings.region), screen)
    if not session.finished:
        click.echo(f"Stopped after {session.turn} turns: the replies given ran out before an ending.", err=True)
    if opts.session_id:
        click.echo(f"Recorded as session {opts.session_id}: `ipt-sim report {opts.session_id}` shows it again.", err=True)


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
    for r in records:
        state = (
            f"ended '{r['ending']}', overall {r['scores']['overall']}"
            if r["ending"]
            else "unfinished: `ipt-sim resume " + r["id"] + "`"
        )
        click.echo(f"{r['id']}  {r['started_at']}  {r['scenario']:<34} {r['turns']:>2} turns  {state}")


def resume_session(sid: str, mode: str | None, data_dir: Path | None, yes: bool, settings: Settings | None = None) -> None:
    """`ipt-sim resume ID`: replay the recorded turns, then carry on playing."""
    from simulator.engine import compile_scenario
    from simulator.errors import IptSimError
    from simulator.judge import Delivery
    from simulator.records import Store

    with Store(data_dir=data_dir) as store:
        record = store.get(sid)
        played = store.choices(sid)
    if record.finished_at:
        ended = (record.ending or {}).get("id")
        raise IptSimError(f"session {sid} has already ended ('{ended}'); `ipt-sim report {sid}` shows it")
    path = Path(record.scenario_path)
    if not path.is_file():
        path = find(record.scenario_id)
    scenario = load(path)
    if scenario.sha256 != record.scenario_sha256:
        click.echo(
            f"Note: {path} has changed since session {sid} started; replaying its {len(played)} turns on the new version.",
            err=True,
        )
    session = compile_scenario(scenario).new_session()
    try:
        for choice, tone, cues, rt in played:
            session.play(choice, Delivery(tone, cues), response_time=rt)
    except IptSimError as err:
        raise IptSimError(f"cannot resume session {sid}: the scenario no longer plays the same way ({err.message})") from None
    click.echo(f"Resuming session {sid} of '{scenario.title}' at turn {session.turn + 1}.", err=True)
    interactive = sys.stdin.isatty()
    _play(session, None, False, mode or record.mode, False, yes, data_dir, interactive, sid, settings or Settings())


def report_session(sid: str, fmt: str, output: Path | None, data_dir: Path | None) -> None:
    """`ipt-sim report ID`: the debrief of a recorded session as HTML, Markdown or JSON."""
    import hashlib

    from simulator import report
    from simulator.records import Store, debrief_of

    with Store(data_dir=data_dir) as store:
        record = store.get(sid)
    try:
        current = hashlib.sha256(Path(record.scenario_path).read_bytes()).hexdigest()
    except OSError:
        current = None
    emit(report.render(debrief_of(record, current), fmt), output)


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


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` and say so (a file that cannot be written is a plain error)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, "utf-8")
    except OSError as err:
        raise click.FileError(str(output), err.strerror) from None
    click.echo(f"Wrote {output}", err=True)
