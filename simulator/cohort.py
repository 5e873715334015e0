"""What a course leader reads about a cohort: mean scores per scenario, and how often each
assessment item was done, misapplied or missed, critical misses first.

Plain functions over what the records database adds up (:meth:`Store.scores_by_scenario`,
:meth:`Store.item_levels`: no session's turns are read), shared by the /leader page and its
CSV export, so the two always agree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from simulator import catalogs
from simulator.assessment import verdict
from simulator.model import DIMENSIONS
from simulator.records import ItemLevel, ScenarioScores

SCORE_KEYS: tuple[str, ...] = (*DIMENSIONS, "practice", "delivery", "overall")


@dataclass(frozen=True, slots=True)
class ItemCounts:
    """One item in one scenario: in how many sessions its final verdict was each status."""

    scenario_id: str
    scenario_title: str
    item: str
    title: str
    critical: bool
    done: int
    misapplied: int
    missed: int

    @property
    def sessions(self) -> int:
        return self.done + self.misapplied + self.missed


def score_means(rows: Sequence[ScenarioScores]) -> list[dict[str, Any]]:
    """Per scenario: sessions, finished ones, and the mean of each score over the finished
    (a score a session does not have, such as practice in a version-1 scenario, is left
    out), rounded half up as scores are. ``rows``: :meth:`simulator.records.Store.scores_by_scenario`."""
    return [
        {
            "id": r.scenario_id,
            "title": r.title,
            "sessions": r.sessions,
            "finished": r.finished,
            "means": {k: _half_up(r.means.get(k)) for k in SCORE_KEYS},
        }
        for r in sorted(rows, key=lambda r: r.scenario_id)
    ]


def _half_up(mean: float | None) -> int | None:
    return None if mean is None else int(mean + 0.5)


def item_counts(levels: Sequence[ItemLevel]) -> list[ItemCounts]:
    """Each (scenario, item) with the sessions that tagged it, by final verdict; critical
    items with misses first, then by misses, then by scenario and item. ``levels``:
    :meth:`simulator.records.Store.item_levels` (each session's last level per item)."""
    items = catalogs.load().items
    tally: dict[tuple[str, str], dict[str, Any]] = {}
    for lv in levels:
        entry = tally.setdefault((lv.scenario_id, lv.item), {"title": lv.title, "done": 0, "misapplied": 0, "missed": 0})
        entry[verdict(lv.level)] += lv.sessions
    rows = []
    for (sid, item), e in tally.items():
        info = items.get(item)  # an item a later catalog dropped is still counted, under its id
        title, critical = (info.title, info.critical) if info is not None else (item, False)
        rows.append(ItemCounts(sid, e["title"], item, title, critical, e["done"], e["misapplied"], e["missed"]))
    return sorted(
        rows, key=lambda c: (not (c.critical and c.missed + c.misapplied), -(c.missed + c.misapplied), c.scenario_id, c.item)
    )


def items_csv(rows: Sequence[ItemCounts]) -> str:
    """The item table as CSV, for a course's own spreadsheet."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["scenario", "scenario_title", "item", "item_title", "critical", "sessions", "done", "misapplied", "missed"])
    for c in rows:
        w.writerow([c.scenario_id, c.scenario_title, c.item, c.title, "yes" if c.critical else "no", c.sessions,
                    c.done, c.misapplied, c.missed])  # fmt: skip
    return buf.getvalue()
