"""Reports of a debrief: one self-contained HTML page, Markdown for notes, or JSON.

HTML comes from the package's own templates through the autoescaping environment, so
anything a scenario author wrote (even ``<script>``) is shown as text. The chart is a
small inline SVG drawn here: no plotting library, no external asset, prints well.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from simulator import controls
from simulator.debrief import SCORES_HELD_BACK, Debrief, problem_title, technique_title
from simulator.jinja_env import report_environment
from simulator.model import DIMENSIONS

COLOURS = ("#b3261e", "#1f5fa8", "#2e7d32", "#6a1b9a", "#ad5a00")  # charge first; AA on white


def svg_points(values: list[int], low: int, high: int, width: int, height: int, pad: int) -> list[tuple[float, float]]:
    n = max(1, len(values) - 1)
    span = max(1, high - low)
    return [(pad + i * (width - 2 * pad) / n, height - pad - (v - low) * (height - 2 * pad) / span) for i, v in enumerate(values)]


def chart_data(d: Debrief, width: int = 640, height: int = 240, pad: int = 32) -> dict[str, Any]:
    """Polylines for each meter, scaled to the chart; flood line for charge."""
    lines = []
    for i, (name, values) in enumerate(d.meters.items()):
        low, high = d.meter_bounds[name]
        pts = svg_points(list(values), low, high, width, height, pad)
        lines.append({"name": name, "colour": COLOURS[i % len(COLOURS)], "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in pts),
                      "dots": pts, "series": list(values), "low": low, "high": high})  # fmt: skip
    low, high = d.meter_bounds["charge"]
    flood_y = svg_points([d.flood], low, high, width, height, pad)[0][1]
    return {"width": width, "height": height, "pad": pad, "lines": lines, "flood_y": flood_y, "turns": len(d.rows)}


def _context(d: Debrief, links: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "links": links,  # the web app's printable page: a way back and a print button
        "d": d,
        "dims": DIMENSIONS,
        "chart": chart_data(d),
        "technique_title": technique_title,
        "problem_title": problem_title,
        "grounding": d.grounding,
        "scores_held_back": SCORES_HELD_BACK if d.scores_held_back else "",
    }


def html(d: Debrief, back: str | None = None, script: str | None = None) -> str:
    """The page; ``back`` and ``script`` (the web app's) add a way back and a print button."""
    links = {"back": back, "script": script} if back and script else None
    return report_environment().get_template("report.html.j2").render(_context(d, links))


def markdown(d: Debrief) -> str:
    return report_environment().get_template("report.md.j2").render(_context(d))


def as_json(d: Debrief) -> str:
    data = asdict(d)
    data["meter_bounds"] = {k: list(v) for k, v in d.meter_bounds.items()}
    return controls.json_text(json.dumps(data, indent=2, ensure_ascii=False))


def render(d: Debrief, fmt: str) -> str:
    return {"html": html, "md": markdown, "json": as_json}[fmt](d)
