"""Control characters: what a scenario's text must not hold, and how presenters drop them.

A control character (C0, DEL, C1) is an instruction to a terminal, not a letter: ESC
starts sequences that clear the screen, retitle the window or hide text. The validator
refuses them in every scenario string (E224); every presenter still drops (terminal,
HTML, Markdown, graphs) or escapes (JSON) any that reach it some other way, such as an
old record or a hand-edited golden transcript.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# Line breaks are text everywhere; a tab is text inside a block (| or >).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_OR_TAB = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SGR = re.compile("\x1b\\[[0-9;]*m")
_C1 = re.compile("[\x7f-\x9f]")


def first_control(value: str, block: bool = False) -> str | None:
    """The first control character ``value`` must not hold, as ``U+XXXX``, or None."""
    m = (CONTROL if block else CONTROL_OR_TAB).search(value)
    return f"U+{ord(m.group()):04X}" if m else None


def strip(text: str) -> str:
    """``text`` without control characters (line breaks and tabs kept)."""
    return CONTROL.sub("", text) if CONTROL.search(text) else text


def strip_keeping_colour(text: str) -> str:
    """As :func:`strip`, but colour codes (SGR, ``ESC [ ... m``) made by our own styling stay."""
    if not CONTROL.search(text):
        return text
    parts = _SGR.split(text)
    colours = _SGR.findall(text)
    out = [strip(parts[0])]
    for colour, part in zip(colours, parts[1:], strict=True):
        out += [colour, strip(part)]
    return "".join(out)


def finalize(value: Any) -> Any:
    """Jinja ``finalize`` for the report templates: every printed string without controls."""
    if not isinstance(value, str) or not CONTROL.search(value):
        return value
    return Markup(CONTROL.sub("", str(value))) if isinstance(value, Markup) else CONTROL.sub("", value)


def json_text(dumped: str) -> str:
    """JSON text with C1 characters (which ``ensure_ascii=False`` leaves raw) written as ``\\u`` escapes;
    C0 characters are always escaped by :mod:`json`, and none can stand outside a string."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped) if _C1.search(dumped) else dumped


__all__ = ["CONTROL", "CONTROL_OR_TAB", "finalize", "first_control", "json_text", "strip", "strip_keeping_colour"]
