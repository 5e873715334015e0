"""Timing that measures the reply, not the reading.

A response time counts from when the choices are on screen; the time it takes to read
what is shown (the other person's words and the replies on offer) is taken off, at a
reading speed the learner can set, so a slow reader is not judged a slow replier. The
setting ``on | relaxed | off`` is the same in the terminal and the browser: ``relaxed``
triples how long a reply may take; ``off`` judges timing from the choice's tag alone.
"""

from __future__ import annotations

from collections.abc import Iterable

READING_WPM = 230  # words per minute: a typical adult reading speed for plain prose
SETTINGS: tuple[str, ...] = ("on", "relaxed", "off")
PATIENCE = {"on": 1.0, "relaxed": 3.0, "off": 1.0}
MAX_RESPONSE_TIME = 3600.0  # an hour: beyond that the learner was away, not thinking


def reading_seconds(texts: Iterable[str], wpm: float = READING_WPM) -> float:
    """How long reading these texts takes at ``wpm`` words per minute."""
    words = sum(len(t.split()) for t in texts)
    return 60.0 * words / wpm if wpm > 0 else 0.0


def reply_seconds(elapsed: float | None, shown: Iterable[str], setting: str = "on", wpm: float = READING_WPM) -> float | None:
    """The reply time the judge sees: elapsed time less reading time, or None when timing is
    off or was not measured (scripted play)."""
    if elapsed is None or setting == "off":
        return None
    return round(max(0.0, min(elapsed, MAX_RESPONSE_TIME) - reading_seconds(shown, wpm)), 2)
