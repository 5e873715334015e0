"""Drawing for the terminal: wrapping to the width, colour only where wanted, small charts.

Colour is off when ``NO_COLOR`` is set (https://no-color.org) or output is not a terminal;
text wraps to the terminal's width (40 columns at the least), so narrow terminals work.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from collections.abc import Iterator, Sequence

import click

from simulator import controls

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RATING_MARK = {"good": "+", "mixed": "~", "poor": "-"}
RATING_COLOUR = {"good": "green", "mixed": "yellow", "poor": "red"}


class Screen:
    """Where play writes; knows the width and whether colour is wanted."""

    def __init__(self, color: bool | None = None, width: int | None = None, err: bool = False) -> None:
        if color is None:
            color = "NO_COLOR" not in os.environ and (sys.stderr if err else sys.stdout).isatty()
        self.color = color
        self.width = max(40, min(width or shutil.get_terminal_size((80, 24)).columns, 100))
        self.err = err
        self.captured: list[str] | None = None

    @contextlib.contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Collect the lines written inside the block instead of printing them (for files)."""
        lines: list[str] = []
        self.captured = lines
        try:
            yield lines
        finally:
            self.captured = None

    def style(self, text: str, **kw: object) -> str:
        text = controls.strip(text)
        return click.style(text, **kw) if self.color else text  # type: ignore[arg-type]

    def line(self, text: str = "") -> None:
        """Print a line; no control character reaches the terminal but the colours of :meth:`style`."""
        text = controls.strip_keeping_colour(text) if self.color else controls.strip(text)
        if self.captured is not None:
            self.captured.append(text)
            return
        click.echo(text, err=self.err, color=self.color)

    def para(self, text: str, indent: str = "", first: str | None = None) -> None:
        """A wrapped paragraph; ``first`` replaces the indent on its first line."""
        if not text:
            return
        for i, block in enumerate(text.splitlines() or [""]):
            init = first if (first is not None and i == 0) else indent
            self.line(wrap(block, self.width, init, indent) if block.strip() else "")

    def rating(self, r: str) -> str:
        return self.style(f"[{RATING_MARK[r]}] {r}", fg=RATING_COLOUR[r])


def visible_len(text: str) -> int:
    """Columns ``text`` takes on screen: colour codes take none."""
    return len(ANSI.sub("", text))


def wrap(text: str, width: int, first: str = "", indent: str = "") -> str:
    """Greedy word wrap that measures what is seen, so coloured words wrap like plain ones
    (``textwrap`` counts escape codes as characters and breaks coloured lines early)."""
    lines: list[str] = []
    line, used = first, visible_len(first)
    fresh = True
    for word in text.rstrip().split(" "):  # split on single spaces: runs of spaces are kept
        w = visible_len(word)
        if not fresh and used + 1 + w > width:
            lines.append(line.rstrip())
            line, used, fresh = indent, visible_len(indent), True
        if fresh and not word and lines:
            continue  # a wrapped line starts at its indent, not with spaces
        if fresh:
            line, used, fresh = line + word, used + w, False
        else:
            line, used = f"{line} {word}", used + 1 + w
    lines.append(line)
    return "\n".join(lines)


def meter_bar(value: int, low: int, high: int, flood: int | None = None, width: int = 10) -> str:
    """``[######....] 6/10`` with a ``!`` when at or over flood."""
    span = max(1, high - low)
    filled = round((value - low) / span * width)
    bar = "#" * filled + "." * (width - filled)
    mark = " flooded" if flood is not None and value >= flood else ""
    return f"[{bar}] {value}/{high}{mark}"


def chart(values: Sequence[int], low: int, high: int, flood: int | None = None, height: int = 10) -> list[str]:
    """A column chart of a meter over the turns; the flood level's row is marked ``=``.

    One row per value when the range fits in ``height`` rows, so labels are exact.
    """
    if not values:
        return []
    span = max(1, high - low)
    step = max(1, -(-span // height))  # ceiling division: values per row
    levels = list(range(high, low, -step))
    rows = []
    for level in levels:
        is_flood = flood is not None and level - step < flood <= level
        cells = ["#" if v >= level else ("=" if is_flood else " ") for v in values]
        rows.append(f"{level:>3} |" + " ".join(cells) + ("  <- flooding" if is_flood else ""))
    rows.append("    +" + "-" * (2 * len(values) - 1))
    rows.append("     " + " ".join(str(i % 10) for i in range(len(values))) + "   (turn)")
    return rows
