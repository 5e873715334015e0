"""Delivery choice: the learner picks how to say the words, not only what to say.

The options at a ``delivery: choose`` moment are the choice's own tone and cues, the
ones the author allows (``tones``, ``cues``), and, when the author gave none, a few the
simulator offers from the catalog: one warmer and one colder than the choice's own, so
there is always a real contrast to learn from. The chosen delivery changes the judging
(through the catalog) and the charge: each step of warmth below the choice's own tone,
and each cue that lands worse, stirs the other person up.
"""

from __future__ import annotations

import random
from typing import TypeVar

from simulator import catalogs
from simulator.judge import Delivery, landing, round_half_up
from simulator.model import Choice, Scenario, State

MAX_OPTIONS = 4
T = TypeVar("T")


def tone_options(choice: Choice) -> list[str]:
    """The tones offered for this choice, its own first."""
    if choice.tone_options:
        return _unique([choice.tone, *choice.tone_options])[:MAX_OPTIONS]
    cat = catalogs.load().tones
    own = cat[choice.tone]
    warmer = [t for t in cat.values() if t.warmth > own.warmth and t.arousal <= 1]
    colder = [t for t in cat.values() if t.warmth < own.warmth]
    picks = [choice.tone]
    if warmer:
        picks.append(min(warmer, key=lambda t: (t.warmth - own.warmth, t.arousal, t.id)).id)
    if colder:
        picks.append(max(colder, key=lambda t: (t.warmth, -t.arousal, t.id)).id)
    neutral = "neutral" if choice.tone != "neutral" else "calm"
    return _unique([*picks, neutral])[:MAX_OPTIONS]


def cue_options(choice: Choice) -> list[tuple[str, ...]]:
    """Sets of cues offered for this choice, its own first."""
    if choice.nonverbal_options:
        return _unique([choice.nonverbal, *((c,) for c in choice.nonverbal_options)])[:MAX_OPTIONS]
    own = choice.nonverbal
    cat = catalogs.load().cues
    valence = sum(cat[c].valence for c in own)
    warm = ("eye_contact", "open_posture")
    cold = ("arms_crossed", "look_away")
    alts = [warm, cold] if valence <= 0 else [cold, ("pause",)]
    return _unique([own, *alts])[:MAX_OPTIONS]


def charge_shift(choice: Choice, said: Delivery, scenario: Scenario, state: State) -> int:
    """How much more (or less) charged the other person gets than with the choice's own
    delivery; cues count as they land with this listener (:func:`simulator.judge.landing`)."""
    cat = catalogs.load()
    tone_step = cat.tones[choice.tone].warmth - cat.tones[said.tone].warmth

    def lands(cues: tuple[str, ...]) -> int:
        return sum(landing(cat.cues[c], scenario, state).valence for c in cues)

    cue_step = lands(choice.nonverbal) - lands(said.nonverbal)
    shift = (tone_step + cue_step) / 2
    return max(-2, min(2, round_half_up(shift)))


def shuffled(options: list[T], seed: str) -> list[T]:
    """The options in an order that does not give the answer away: the choice's own (first
    in the lists above) never stays first when there is another, and a given moment always
    shows the same order (seeded), so a rewind or a replay reads the same."""
    if len(options) < 2:
        return list(options)
    out = list(options)
    random.Random(seed).shuffle(out)
    if out[0] == options[0]:
        out.append(out.pop(0))
    return out


def _unique(items: list[T]) -> list[T]:
    seen: list[T] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen
