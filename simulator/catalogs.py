"""The built-in catalogs (tone, nonverbal cue, timing, IPT technique), loaded once.

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
class Catalogs:
    tones: Mapping[str, Tone]
    cues: Mapping[str, Cue]
    timings: Mapping[str, Timing]
    techniques: Mapping[str, Technique]


@cache
def load() -> Catalogs:
    """The shipped catalogs (read once per process; the file is trusted package data)."""
    raw: Any = load_data(files("simulator").joinpath("data/catalogs.yaml").read_text("utf-8"))
    return Catalogs(
        tones={k: Tone(k, **v) for k, v in raw["tones"].items()},
        cues={k: Cue(k, **v) for k, v in raw["nonverbal"].items()},
        timings={k: Timing(k, **v) for k, v in raw["timing"].items()},
        techniques={k: Technique(k, **v) for k, v in raw["techniques"].items()},
    )
