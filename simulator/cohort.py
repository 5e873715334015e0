"""What a course leader reads about a cohort: mean scores per scenario, and how often each
assessment item was done, misapplied or missed, critical misses first.

Plain functions over records, shared by the /leader page and its CSV export, so the two
always agree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from simulator.assessment import checklist
from simulator.model import DIMENSIONS
from simulator.records import Record

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


def score_means(records: Sequence[Record]) -> list[dict[str, Any]]:
    """Per scenario: sessions, finished ones, and the mean of each score over the finished
    (a score a session does not have, such as practice in a version-1 scenario, is left out)."""
    out: dict[str, dict[str, Any]] = {}
    for r in records:
        row = out.setdefault(r.scenario_id, {"id": r.scenario_id, "title": r.facts.get("title", r.scenario_id),
                                             "sessions": 0, "finished": 0, "scores": []})  # fmt: skip
        row["sessions"] += 1
        if r.scores:
            row["finished"] += 1
            row["scores"].append(r.scores)
    for row in out.values():
        scored = row.pop("scores")
        means: dict[str, int | None] = {}
        for k in SCORE_KEYS:
            values = [s[k] for s in scored if s.get(k) is not None]
            means[k] = int(sum(values) / len(values) + 0.5) if values else None
        row["means"] = means
    return sorted(out.values(), key=lambda r: r["id"])


def item_counts(records: Sequence[Record]) -> list[ItemCounts]:
    """Each (scenario, item) with the sessions that tagged it, by final verdict; critical
    items with misses first, then by misses, then by scenario and item."""
    tally: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        tags = [(row.number, item, level, why) for row in r.rows for item, level, why in row.items]
        for line in checklist(tags):
            entry = tally.setdefault(
                (r.scenario_id, line.item),
                {"title": r.facts.get("title", r.scenario_id), "line": line, "done": 0, "misapplied": 0, "missed": 0},
            )
            entry[line.status] += 1
    rows = [
        ItemCounts(sid, e["title"], item, e["line"].title, e["line"].critical, e["done"], e["misapplied"], e["missed"])
        for (sid, item), e in tally.items()
    ]
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
