"""Words for people, not machines: counts, times and labels as a learner reads them.

Shared by the terminal and the browser, so "1 turn", "today, 11:27" and "Standing over"
read the same everywhere. Display only: nothing here decides anything.
"""

from __future__ import annotations

from datetime import UTC, datetime


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 turn``, ``2 turns``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _local(value: str | datetime) -> datetime | None:
    """A stored time in local time: records keep real datetimes (UTC when naive); JSON and
    older callers give ISO text. None when the text is not a time."""
    if isinstance(value, datetime):
        t = value
    else:
        try:
            t = datetime.fromisoformat(value)
        except ValueError:
            return None
    return (t if t.tzinfo is not None else t.replace(tzinfo=UTC)).astimezone()


def when(iso: str | datetime | None, now: datetime | None = None) -> str:
    """An ISO time as a person says it, in local time: ``today, 11:27``, ``yesterday, 09:05``,
    ``Mon 23 Nov, 14:02`` this year, ``23 Nov 2025`` before; empty for None."""
    t = _local(iso) if iso else None
    if t is None:
        return str(iso) if iso else ""
    today = (now or datetime.now(UTC)).astimezone().date()
    clock = t.strftime("%H:%M")
    days = (today - t.date()).days
    if days == 0:
        return f"today, {clock}"
    if days == 1:
        return f"yesterday, {clock}"
    if t.year == today.year:
        return f"{t.strftime('%a')} {t.day} {t.strftime('%b')}, {clock}"
    return f"{t.day} {t.strftime('%b %Y')}"


def date(iso: str | datetime | None) -> str:
    """An ISO time for a page that is kept (a report file): ``24 Nov 2026, 11:27``, local time."""
    t = _local(iso) if iso else None
    if t is None:
        return str(iso) if iso else ""
    return f"{t.day} {t.strftime('%b %Y')}, {t.strftime('%H:%M')}"


def label(ident: str) -> str:
    """A snake_case id as words with a capital: ``standing_over`` -> ``Standing over``."""
    words = ident.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def cue_title(cue: str) -> str:
    """A nonverbal cue as words (the catalog has signals, not titles, for cues)."""
    return label(cue).lower()
