"""How the web pages show things to a learner: lengths, progress, cards, scores, dates.

Display only. The play rules stay in the engine; this module turns facts into words and
small visuals (the catalogue card's length, "turn N of about M", score bars, "today,
11:27"). A scenario's length comes from :mod:`simulator.explore` (its shortest and
longest plays), computed once per file content and kept for the process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.humanize import label, plural, when
from simulator.model import Scenario

EXPLORE_LIMIT = 3000  # positions: enough for every bundled scenario's lengths, a fraction of a second each
SECONDS_PER_TURN = 60  # reading, thinking and choosing one reply, for "about N minutes"


@dataclass(frozen=True, slots=True)
class Length:
    """The fewest and most turns a play takes (``longest`` None: a loop can repeat, or not proven)."""

    shortest: int
    longest: int | None

    @property
    def about(self) -> int:
        """The turn count a progress bar aims at: the longest play when bounded, else a guess."""
        return self.longest if self.longest is not None else self.shortest * 2

    @property
    def words(self) -> str:
        if self.longest is None:
            return f"{self.shortest} turns or more"
        if self.longest == self.shortest:
            return plural(self.shortest, "turn")
        return f"{self.shortest} to {self.longest} turns"

    @property
    def minutes(self) -> str:
        return f"about {max(1, round(self.about * SECONDS_PER_TURN / 60))} minutes"


_lengths: dict[str, Length | None] = {}
_lock = threading.Lock()


def length(scenario: Scenario) -> Length | None:
    """The scenario's length from explore, cached by file content; None when nothing ends."""
    key = scenario.sha256 or scenario.id
    with _lock:
        if key in _lengths:
            return _lengths[key]
    from simulator import explore

    result = explore.analyse(scenario, EXPLORE_LIMIT)
    ends = [e for e in result.endings.values() if e.reachable and e.min_turns is not None]
    found: Length | None = None
    if ends:
        bounded = [e.max_turns for e in ends if isinstance(e.max_turns, int)]
        every_bounded = len(bounded) == len(ends)
        found = Length(min(e.min_turns for e in ends if e.min_turns is not None), max(bounded) if every_bounded else None)
    with _lock:
        _lengths[key] = found
    return found


def known_length(scenario: Scenario) -> Length | None:
    """The length if already worked out (a page must not wait for explore)."""
    with _lock:
        return _lengths.get(scenario.sha256 or scenario.id)


def warm(scenarios: Iterable[Scenario]) -> threading.Thread:
    """Work out every length in the background, so the catalogue can show them soon."""

    def work() -> None:
        for s in scenarios:
            length(s)

    t = threading.Thread(target=work, name="ipt-sim-lengths", daemon=True)
    t.start()
    return t


def progress(turn: int, size: Length | None) -> dict[str, Any]:
    """``Turn 3 of about 7`` (and a bar), or plain ``Turn 9`` once past the estimate."""
    if size is None or turn > size.about:
        return {"text": f"Turn {turn}", "value": None, "max": None}
    return {"text": f"Turn {turn} of about {size.about}", "value": turn, "max": size.about}


def filters() -> dict[str, Any]:
    """The Jinja filters pages use for people's words."""
    return {"when": when, "label": label, "plural": plural}


@dataclass(frozen=True, slots=True)
class Card:
    """A scenario as the catalogue shows it."""

    id: str
    title: str
    area: str
    stage: str | None
    phase: str
    perspective: str
    summary: str
    content_note: str | None
    length: Length | None


def cards(infos: Iterable[Any], get: Any) -> list[Card]:
    """Catalogue cards for these listings; ``get`` gives the parsed scenario (for the summary)."""
    out = []
    for i in infos:
        s = get(i.id)
        summary, note, size = (s.summary, s.content_note, known_length(s)) if s else ("", None, None)
        out.append(Card(i.id, i.title, i.area, i.stage, i.phase, i.perspective, summary, note, size))
    return out


def report_body(page: str) -> str:
    """The report's content for the app's debrief page, which gives its own heading and meta line."""
    start, end = page.find("<main>"), page.rfind("</main>")
    body = page[start + len("<main>") : end] if 0 <= start < end else page
    h1_end = body.find("</h1>")
    if h1_end >= 0:
        body = body[h1_end + len("</h1>") :]
        meta = body.find('<p class="meta">')
        if 0 <= meta < 5:
            body = body[body.find("</p>", meta) + len("</p>") :]
    return body
