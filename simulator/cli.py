"""The ``ipt-sim`` command: options wired to plain functions, nothing more.

Heavy modules are imported inside each command, so ``ipt-sim --help`` and shell
completion start as fast as click itself.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from simulator import __version__

MODES = ("coach", "assess")
DATA_DIR = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IPT_SIM_DATA_DIR",
    help="Where records are kept (default: your user data folder; env IPT_SIM_DATA_DIR).",
)


def _complete_scenarios(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    from simulator.library import bundled

    return [CompletionItem(r.info.id, help=r.info.title) for r in bundled() if r.info and r.info.id.startswith(incomplete)]


TIMING = click.option(
    "--timing", type=click.Choice(["on", "relaxed", "off"]), default="on", show_default=True,
    help="Judge how soon you reply (less reading time); relaxed: three times as long; off: not timed.",
)  # fmt: skip
READING_SPEED = click.option(
    "--reading-speed", type=click.IntRange(50, 1000), default=230, show_default=True, metavar="WPM",
    help="Your reading speed in words per minute: reading time is not counted as reply time.",
)  # fmt: skip
REGION = click.option(
    "--region", envvar="IPT_SIM_REGION", metavar="CODE",
    help="Where to signpost help: GB, IE, US, CA, AU, NZ or international (default: from IPT_SIM_REGION or the locale).",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="ipt-sim")
def cli() -> None:
    """ipt-sim: practise communication analysis for Interpersonal Psychotherapy (IPT).

    \b
    Play a role-play:               ipt-sim play
    Check a scenario you wrote:     ipt-sim validate FILE
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="How to print problems."
)
@click.option("--select", help="Only these warning codes or prefixes, comma-separated (e.g. W2,W101).")
@click.option("--ignore", help="Not these warning codes or prefixes, comma-separated.")
def validate(paths: tuple[Path, ...], strict: bool, fmt: str, select: str | None, ignore: str | None) -> None:
    """Check scenario files (folders are searched recursively); report every problem.

    A warning on a line ending in `# ipt-sim: ignore[W201]` (or a bare `# ipt-sim: ignore`)
    is not reported. Errors cannot be ignored.
    """
    from simulator.commands import validate_paths
    from simulator.errors import WARNING_CODES

    def codes(s: str | None, option: str) -> list[str]:
        out = [c.strip().upper() for c in (s or "").split(",") if c.strip()]
        for c in out:  # a misspelt code would silently select nothing, and turn a --strict check green
            if not any(known.startswith(c) for known in WARNING_CODES) and not re.fullmatch(r"E\d{0,3}", c):
                raise click.BadParameter(f"no warning code is or starts with '{c}' (they are W101 to W106 and W201 to W218)",
                                         param_hint=option)  # fmt: skip
        return out

    sys.exit(validate_paths(paths, strict=strict, fmt=fmt, select=codes(select, "--select"), ignore=codes(ignore, "--ignore")))


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_(as_json: bool) -> None:
    """List the bundled scenarios by problem area."""
    from simulator.commands import list_scenarios

    list_scenarios(as_json)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    from importlib.resources import files

    click.echo(files("simulator").joinpath("data/scenario.schema.json").read_text("utf-8"), nl=False)


@cli.command()
@click.argument("scenario", required=False, shell_complete=_complete_scenarios)
@click.option(
    "--choices", metavar="ID,ID,...",
    help="Play these replies in order: choice ids or 1-based numbers, comma-separated; ID@tone@cue+cue picks a delivery.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the whole session as one JSON object.")
@click.option("--mode", type=click.Choice(MODES), default="coach", show_default=True,
              help="coach: feedback after each reply, hints, rewind. assess: feedback only at the end.")  # fmt: skip
@click.option("--no-record", is_flag=True, help="Do not keep a record of this session.")
@click.option("--yes", "-y", is_flag=True, help="Skip the consent question for content notes.")
@click.option("--free", is_flag=True, help="Type your replies in your own words (understood offline, on this machine).")
@TIMING
@READING_SPEED
@REGION
@DATA_DIR
def play(
    scenario: str | None, choices: str | None, as_json: bool, mode: str, no_record: bool, yes: bool, free: bool,
    timing: str, reading_speed: int, region: str | None, data_dir: Path | None,
) -> None:  # fmt: skip
    """Play a scenario: a bundled id (see `ipt-sim list`) or a file path."""
    from simulator.commands import Settings, play_scenario

    play_scenario(scenario, choices, as_json, mode, no_record, yes, data_dir, Settings(timing, reading_speed, region), free=free)


@cli.command()
@click.argument("scenario", shell_complete=_complete_scenarios)
@click.argument("state")
@click.argument("texts", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list: {text, choice, score, alternatives}.")
def match(scenario: str, state: str, texts: tuple[str, ...], as_json: bool) -> None:
    """Which of STATE's choices each TEXT would be taken as in free mode (for trying phrasings)."""
    from simulator.freetext.command import match_texts

    match_texts(scenario, state, texts, as_json)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@DATA_DIR
def sessions(as_json: bool, data_dir: Path | None) -> None:
    """List your recorded sessions, unfinished ones included."""
    from simulator.commands import list_sessions

    list_sessions(as_json, data_dir)


@cli.command()
@click.argument("session_id")
@click.option("--mode", type=click.Choice(MODES), default=None, help="Change the mode (default: the session's own).")
@click.option("--yes", "-y", is_flag=True, help="Skip the consent question.")
@click.option("--free", is_flag=True, help="Type your replies in your own words.")
@click.option("--take-over", is_flag=True, help="Take the session over from another terminal that is playing it now.")
@TIMING
@READING_SPEED
@REGION
@DATA_DIR
def resume(session_id: str, mode: str | None, yes: bool, free: bool, take_over: bool, timing: str, reading_speed: int,
           region: str | None, data_dir: Path | None) -> None:  # fmt: skip
    """Continue an unfinished session where it stopped."""
    from simulator.commands import Settings, resume_session

    resume_session(session_id, mode, data_dir, yes, Settings(timing, reading_speed, region), take_over, free=free)


@cli.command()
@click.argument("session_id")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "html", "md", "json"]), default=None,
    help="text: to read here (the default); html: one page to print; md: Markdown notes; json: data. "
    "Default with -o: from the file's ending (.html, .md, .json).",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (readable by you only) instead of the terminal.",
)  # fmt: skip
@DATA_DIR
def report(session_id: str, fmt: str | None, output: Path | None, data_dir: Path | None) -> None:
    """The debrief of a recorded session, in the terminal; or a page (HTML), Markdown or JSON."""
    from simulator.commands import report_session

    by_suffix = {".html": "html", ".htm": "html", ".md": "md", ".json": "json"}
    report_session(session_id, fmt or by_suffix.get(output.suffix.lower() if output else "", "text"), output, data_dir)


@cli.command()
@click.argument("scenario_id")
@click.option("--area", type=click.Choice(["grief", "role_dispute", "role_transition", "interpersonal_deficits"]), required=True)
@click.option("--stage", type=click.Choice(["renegotiation", "impasse", "dissolution"]), help="For role_dispute only.")
@click.option("--perspective", type=click.Choice(["client", "therapist"]), required=True)
@click.option(
    "--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path(), help="Where to write (default: here)."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(scenario_id: str, area: str, stage: str | None, perspective: str, folder: Path, force: bool) -> None:
    """Write a small, valid, commented scenario to start from: SCENARIO_ID.yaml."""
    import re

    from simulator.authoring.scaffold import write

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", scenario_id):
        raise click.BadParameter(
            "use lowercase letters and digits with single hyphens, e.g. 'money-talk'", param_hint="SCENARIO_ID"
        )
    for path in write(scenario_id, area, stage, perspective, folder, force):
        click.echo(f"Wrote {path}")
    click.echo(f"Next: ipt-sim validate {folder / (scenario_id + '.yaml')} && ipt-sim play {folder / (scenario_id + '.yaml')}")


@cli.command()
@click.argument("scenario", shell_complete=_complete_scenarios)
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON.")
@click.option("--max-positions", type=click.IntRange(1), default=None, help="Stop after this many positions.  [default: 1000000]")
def explore(scenario: str, as_json: bool, max_positions: int | None) -> None:
    """Analyse every possible play: endings, shortest paths, best and worst scores, dead parts."""
    from simulator.commands import explore_scenario

    explore_scenario(scenario, as_json, max_positions)


@cli.command()
@click.argument("scenario", shell_complete=_complete_scenarios)
@click.option(
    "--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True,
    help="Mermaid (renders on GitHub and in many editors) or Graphviz DOT.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of standard output."
)
@click.option("--session", "session_id", help="Highlight the path of this recorded session.")
@DATA_DIR
def graph(scenario: str, fmt: str, output: Path | None, session_id: str | None, data_dir: Path | None) -> None:
    """Draw the conversation as a graph (Mermaid or Graphviz DOT)."""
    from simulator.commands import graph_scenario

    graph_scenario(scenario, fmt, output, session_id, data_dir)


@cli.command(name="test", context_settings={"ignore_unknown_options": True})
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--update-golden", is_flag=True, help="Accept today's behaviour: rewrite the golden transcripts.")
@click.option(
    "--pytest-arg",
    "pytest_args",
    multiple=True,
    help="Pass an option to pytest (repeatable), e.g. --pytest-arg=-k --pytest-arg=worry",
)
@click.option(
    "--scenarios",
    "scenario_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder to look up scenario ids in (repeatable), after each feature's own folder; see also ipt-sim.toml.",
)
def test_(paths: tuple[Path, ...], update_golden: bool, pytest_args: tuple[str, ...], scenario_dirs: tuple[Path, ...]) -> None:
    """Run Gherkin features (*.feature) and golden transcripts (*.golden.json) for scenarios."""
    from simulator.authoring.runner import require_tools, run

    require_tools()
    code = run(paths, update_golden, pytest_args, scenario_dirs)
    if code == 5:
        raise click.UsageError("no *.feature or *.golden.json files under the paths given")
    sys.exit(code)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--database-url", envvar="IPT_SIM_DATABASE_URL",
              help="e.g. postgresql+psycopg://user@host/db for a class server (default: SQLite in the data folder).")  # fmt: skip
@click.option(
    "--leader-password-file", type=click.File("r"), help="The course leader's password (or env IPT_SIM_LEADER_PASSWORD)."
)
@click.option(
    "--scenarios", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also offer the scenarios in this folder (yours win over bundled ones with the same id).",
)  # fmt: skip
@DATA_DIR
def serve(
    host: str, port: int, database_url: str | None, leader_password_file: Any, scenarios: Path | None, data_dir: Path | None
) -> None:  # fmt: skip
    """Serve the web app: the same scenarios, judging and records in a browser (Ctrl-C stops)."""
    import os

    from simulator.web import serve as run

    password = leader_password_file.read().strip() if leader_password_file else os.environ.get("IPT_SIM_LEADER_PASSWORD")
    run(host, port, database_url, password, data_dir, scenarios)


def main() -> None:
    """Entry point of the ``ipt-sim`` console script."""
    cli(prog_name="ipt-sim")
