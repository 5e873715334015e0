"""Every error and diagnostic ipt-sim reports, in one place.

User-facing failures subclass :class:`IptSimError`, a ``click.ClickException``, so the
CLI prints the message and exits with the right code without an except list.
Problems found in a scenario file are :class:`Diagnostic` values, collected all at once
and printed as ``FILE:LINE:COL: severity: MESSAGE [CODE]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Literal

import click

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one file (line and column are 1-based)."""

    file: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """The compiler-style line a course leader reads."""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        """The ``--format json`` shape."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    """File order, then position, so output reads top to bottom."""
    return (d.file, d.line, d.col, d.code)


class IptSimError(click.ClickException):
    """Base of every error a user may see; exit code 1 unless a subclass says otherwise."""

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"ipt-sim: {self.format_message()}", err=True, file=file)


class ScenarioInvalid(IptSimError):
    """A scenario has errors and cannot be played; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        lines = [d.format() for d in sorted(diagnostics, key=sort_key)]
        noun = "error" if len(errors) == 1 else "errors"
        super().__init__("\n".join([*lines, f"{len(errors)} {noun}: the scenario cannot be played"]))

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class UnknownScenario(IptSimError):
    """A scenario id or path that names nothing."""


class ChoiceRefused(IptSimError):
    """The player asked for a choice that is not offered at this point."""


class ScenarioStuck(IptSimError):
    """Play reached a state that offers no choice (a scenario fault the linter warns of)."""


class SessionEnded(IptSimError):
    """The player stopped (end of input, Ctrl-C, pause); not a failure of the program."""

    exit_code = 0

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class SessionInterrupted(SessionEnded):
    """Ctrl-C: stopped cleanly, with the conventional exit status of an interrupt."""

    exit_code = 130


class StaleWrite(IptSimError):
    """A write for a session that has changed since (a double submit or a replayed form)."""


class SessionLive(IptSimError):
    """``resume`` of a session that another process is playing now."""

    def __init__(self, sid: str, where: str) -> None:
        super().__init__(
            f"session {sid} is being played now ({where}); finish or pause it there, "
            f"or take it over with `ipt-sim resume {sid} --take-over` (the other one then stops at its next reply)"
        )
        self.sid = sid
        self.where = where


class TakenOver(SessionEnded):
    """This process's session was taken over by another (``resume --take-over``): it stops
    cleanly, writing nothing more."""

    exit_code = 1

    def __init__(self, sid: str) -> None:
        super().__init__(
            f"Session {sid} was taken over by another terminal (`ipt-sim resume {sid} --take-over`); "
            "this one stops here, and your last reply was not recorded."
        )


class RecordNotFound(IptSimError):
    """A session id that is not in the user's records."""


# Every warning code validate and lint can give (docs/diagnostics.md explains each), so
# that ``--select``/``--ignore`` can refuse a misspelt one.
WARNING_CODES = ("W101", "W102", "W103", "W105", "W106", *(f"W2{n:02d}" for n in range(1, 18)))
