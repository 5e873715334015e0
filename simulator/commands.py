"""What each CLI command does, as plain functions (testable without click's runner)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.errors import Diagnostic, SessionEnded, sort_key
from simulator.library import FileResult, bundled, check_file, find, iter_files, load
from simulator.model import AREAS, Scenario

if TYPE_CHECKING:
    from simulator.play import PlayOptions, Recorder


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


def validate_paths(paths: Sequence[Path], strict: bool = False, fmt: str = "text") -> int:
    """Print the diagnostics; the exit code is 1 on errors (or warnings under --strict)."""
    files = list(iter_files(paths))
    diags = check_paths(paths)
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


def play_scenario(
    ref: str | None, choices: str | None, as_json: bool, mode: str, no_record: bool, yes: bool, data_dir: Path | None
) -> None:
    from simulator.debrief import build
    from simulator.engine import compile_scenario
    from simulator.play import Answers, NoRecord, PlayOptions, brief, consent, run, show_debrief
    from simulator.terminal import Screen
    from simulator.transcript import session_dict

    interactive = choices is None and sys.stdin.isatty()
    try:
        path = find(ref) if ref else Path(pick_bundled(interactive))
    except KeyboardInterrupt:
        raise SessionEnded("Stopped before starting.") from None
    scenario = load(path)
    scripted = [c for c in (x.strip() for x in choices.split(",")) if c] if choices is not None else None
    answers = Answers(scripted, interactive=interactive)
    screen = Screen()
    opts = PlayOptions(mode=mode, quiet=as_json, consent_given=yes)
    if not as_json:
        brief(scenario, screen)
        if not yes:
            try:
                agreed = consent(scenario, answers, screen)
            except KeyboardInterrupt:
                agreed = False
            if not agreed:
                raise SessionEnded("Not started. Nothing was played or recorded.")
    session = compile_scenario(scenario).new_session()
    recorder = NoRecord() if no_record else _recorder(scenario, mode, data_dir, opts)
    try:
        run(session, answers, screen, recorder, opts)
    finally:
        close = getattr(recorder, "close", None)
        if close:
            close()
    if as_json:
        click.echo(json.dumps(session_dict(session, mode), indent=2, ensure_ascii=False))
        return
    if session.finished or session.turns:
        show_debrief(build(session), screen)
    if not session.finished:
        click.echo(f"Stopped after {session.turn} turns: the replies given ran out before an ending.", err=True)


def _recorder(scenario: Scenario, mode: str, data_dir: Path | None, opts: PlayOptions) -> Recorder:
    """The records store for this session (records arrive with the records module)."""
    from simulator.play import NoRecord

    return NoRecord()
