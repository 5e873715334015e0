"""A session's assessment (format 1.1): its items turn by turn, the critical items missed,
the objectives met, and the techniques credited for how they were done.

It works on plain data (turn numbers and the items each turn tagged) so that a live
session, a record read back years later and explore all reach the same verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulator import catalogs
from simulator.model import DONE_LEVELS

Tagged = tuple[int, str, str, str]  # (turn, item, level, why)


@dataclass(frozen=True, slots=True)
class ItemLine:
    """One line of the phase checklist: an item's final verdict, at which turn, and why."""

    item: str
    title: str
    phase: str
    critical: bool
    status: str  # done | misapplied | missed
    turn: int
    why: str


def critical_missed(tags: Iterable[Tagged]) -> list[str]:
    """Critical items tagged omitted or misapplied with no later turn tagging them done
    (a later adequate or skilful turn clears an earlier miss; a later miss undoes a done)."""
    cat = catalogs.load().items
    last: dict[str, str] = {}
    for _turn, item, level, _why in tags:
        if cat[item].critical:
            last[item] = level
    return [item for item, level in last.items() if level not in DONE_LEVELS]


def verdict(level: str) -> str:
    """An item's status on the checklist from the level of its last tag: done | misapplied | missed."""
    return "done" if level in DONE_LEVELS else "misapplied" if level == "misapplied" else "missed"


def checklist(tags: Sequence[Tagged]) -> list[ItemLine]:
    """Each item tagged in the session, with its last verdict; critical misses first, then
    the other misses and misapplications, then what was done, each group in phase order."""
    cat = catalogs.load().items
    final: dict[str, Tagged] = {}
    for t in tags:
        final[t[1]] = t
    lines = []
    for turn, item, level, why in final.values():
        info = cat[item]
        lines.append(ItemLine(item, info.title, info.phase, info.critical, verdict(level), turn, why))
    order = list(cat)

    def rank(line: ItemLine) -> tuple[int, int]:
        group = 0 if line.critical and line.status != "done" else 1 if line.status != "done" else 2
        return group, order.index(line.item)

    return sorted(lines, key=rank)


def items_json(tags: Iterable[Tagged]) -> list[dict[str, Any]]:
    """``assessment.items`` of the ``--json`` shape: every tag, in play order."""
    cat = catalogs.load().items
    return [
        {"item": item, "title": cat[item].title, "level": level, "turn": turn, "critical": cat[item].critical}
        for turn, item, level, _why in tags
    ]


def assessment_json(tags: Sequence[Tagged], objectives: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {"items": items_json(tags), "critical_missed": critical_missed(tags), "objectives": list(objectives)}


@dataclass(frozen=True, slots=True)
class Techniques:
    """Techniques as a trainer credits them: for how they were done, not for their name."""

    used: tuple[str, ...]
    misapplied: tuple[tuple[str, str], ...]  # (technique, why)
    missed: tuple[str, ...]


def techniques(
    played: Sequence[tuple[str | None, Sequence[tuple[str, str]]]], called_for: Iterable[str], advice_like: Iterable[str]
) -> Techniques:
    """``played``: per turn, its technique and its (level, why) tags. A technique is *used*
    on a turn whose levels are all adequate or skilful (or that has none: version 1),
    *attempted, misapplied* otherwise; *missed* if it was called for where the learner was
    and never used."""
    used: dict[str, None] = {}
    misapplied: dict[str, str] = {}
    for technique, levels in played:
        if technique is None:
            continue
        if all(level in DONE_LEVELS for level, _why in levels):
            used[technique] = None
        else:
            misapplied.setdefault(technique, next((why for level, why in levels if level not in DONE_LEVELS and why), ""))
    skip = set(advice_like)
    missed = [t for t in dict.fromkeys(called_for) if t not in used and t not in misapplied and t not in skip]
    return Techniques(tuple(used), tuple((t, w) for t, w in misapplied.items() if t not in used), tuple(missed))
