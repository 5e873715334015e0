"""The built-in catalogs (tone, nonverbal cue, timing, IPT technique, and format 1.1's
assessment items, communication problems, tone needs and support topics), loaded once.

They are data shipped in the package (``data/catalogs.yaml``); this module gives them
types. The ids are the contract with scenario files; the properties drive judging.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from simulator.yaml_source import load_data


@dataclass(frozen=True, slots=True)
class Tone:
    id: str
    warmth: int  # -2 cold/attacking .. +2 warm
    arousal: int  # 0 low .. 2 high
    note: str


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    valence: int  # -2 lands as rejection .. +2 lands as care
    signals: str
    caution: str = ""
    therapist: int | None = None  # how it lands from the therapist's chair, where that differs
    therapist_caution: str = ""

    def valence_for(self, perspective: str) -> int:
        return self.therapist if perspective == "therapist" and self.therapist is not None else self.valence


@dataclass(frozen=True, slots=True)
class Timing:
    id: str
    rating: str
    note: str


@dataclass(frozen=True, slots=True)
class Technique:
    id: str
    title: str
    note: str


@dataclass(frozen=True, slots=True)
class Need:
    """What a moment needs from the voice: tones rated good or poor against it (others mixed)."""

    id: str
    title: str
    good: frozenset[str]
    poor: frozenset[str]
    mixed_note: str


@dataclass(frozen=True, slots=True)
class Item:
    """An assessment item: what a trainer rates (format 1.1)."""

    id: str
    title: str
    phase: str
    description: str
    critical: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """One of the IPT manual's communication problems."""

    id: str
    title: str
    note: str


@dataclass(frozen=True, slots=True)
class Catalogs:
    tones: Mapping[str, Tone]
    cues: Mapping[str, Cue]
    timings: Mapping[str, Timing]
    techniques: Mapping[str, Technique]
    needs: Mapping[str, Need]
    items: Mapping[str, Item]
    problems: Mapping[str, Problem]
    support: Mapping[str, str]  # topic -> title


@cache
def load() -> Catalogs:
    """The shipped catalogs (read once per process; the file is trusted package data)."""
    raw: Any = load_data(files("simulator").joinpath("data/catalogs.yaml").read_text("utf-8"))
    return Catalogs(
        tones={k: Tone(k, **v) for k, v in raw["tones"].items()},
        cues={k: Cue(k, **v) for k, v in raw["nonverbal"].items()},
        timings={k: Timing(k, **v) for k, v in raw["timing"].items()},
        techniques={k: Technique(k, **v) for k, v in raw["techniques"].items()},
        needs={
            k: Need(k, v["title"], frozenset(v["good"]), frozenset(v["poor"]), v["mixed_note"]) for k, v in raw["needs"].items()
        },
        items={k: Item(k, **v) for k, v in raw["items"].items()},
        problems={k: Problem(k, **v) for k, v in raw["problems"].items()},
        support={k: v["title"] for k, v in raw["support"].items()},
    )
