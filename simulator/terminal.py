"""Drawing for the terminal: wrapping to the width, colour only where wanted, small charts.

Colour is off when ``NO_COLOR`` is set (https://no-color.org) or output is not a terminal;
text wraps to the terminal's width (40 columns at the least), so narrow terminals work.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Sequence

import click

from simulator import controls

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

    def style(self, text: str, **kw: object) -> str:
        text = controls.strip(text)
        return click.style(text, **kw) if self.color else text  # type: ignore[arg-type]

    def line(self, text: str = "") -> None:
        """Print a line; no control character reaches the terminal but the colours of :meth:`style`."""
        text = controls.strip_keeping_colour(text) if self.color else controls.strip(text)
        click.echo(text, err=self.err, color=self.color)

    def para(self, text: str, indent: str = "", first: str | None = None) -> None:
        """A wrapped paragraph; ``first`` replaces the indent on its first line."""
        if not text:
            return
        for i, block in enumerate(text.splitlines() or [""]):
            init = first if (first is not None and i == 0) else indent
            wrapped = textwrap.fill(block, self.width, initial_indent=init, subsequent_indent=indent) if block.strip() else ""
            self.line(wrapped)

    def rating(self, r: str) -> str:
        return self.style(f"[{RATING_MARK[r]}] {r}", fg=RATING_COLOUR[r])


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
