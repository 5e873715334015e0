"""Judging a turn on the four dimensions: tone, timing, nonverbal cues, emotional charge.

Each dimension is rated good, mixed or poor, with feedback that says why. An author's
``rating`` overrides the derived one and an author's ``feedback`` text replaces the
catalog's. The derivation rules are documented in docs/judging.md; keep them in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulator import catalogs
from simulator.expressions import render
from simulator.model import DIMENSIONS, RATING_POINTS, Choice, Rating, Scenario, State

# Response time (seconds) against a state's pace: (too soon below, too late above).
PACE_WINDOWS: Mapping[str, tuple[float, float]] = {"slow": (3.0, 90.0), "normal": (1.0, 45.0), "fast": (0.0, 20.0)}
_WORSE = {"good": 0, "mixed": 1, "poor": 2}


@dataclass(frozen=True, slots=True)
class Delivery:
    """How the words were said: the choice's own, or what the learner picked."""

    tone: str
    nonverbal: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Judgement:
    ratings: Mapping[str, Rating]
    feedback: Mapping[str, str]
    mixed_message: bool = False
    flooded: bool = False


def worst(*ratings: Rating) -> Rating:
    return max(ratings, key=_WORSE.__getitem__)


def rate_tone(tone: catalogs.Tone, charge_before: int, flood: int) -> tuple[Rating, str]:
    """Warmth sets the base; arousal matters when the other person is flooded."""
    flooded = charge_before >= flood
    if tone.warmth < 0:
        return "poor", ""
    if tone.warmth == 0:
        if flooded and tone.arousal >= 2:
            return "poor", "Someone flooded needs a steady voice; an aroused one adds to the flood."
        return "mixed", ""
    if flooded and tone.arousal >= 1:
        return (
            "mixed",
            "Even warmth can feel like pressure to someone flooded; a calmer, lower-key voice lands better at that level.",
        )
    return "good", ""


def rate_nonverbal(
    tone: catalogs.Tone, cues: Sequence[catalogs.Cue], say: str, charge_before: int, flood: int
) -> tuple[Rating, str, bool]:
    """Cues on their own, and whether they agree with the tone and words (congruence)."""
    if not cues:
        return "mixed", "Nothing in your body showed how you meant the words; people read the body first.", False
    negative = [c for c in cues if c.valence < 0]
    positive = [c for c in cues if c.valence > 0]
    if tone.warmth >= 1 and negative:
        worst_cue = min(negative, key=lambda c: c.valence)
        return (
            "poor",
            (
                f"A mixed message: your words and {tone.id} tone say one thing, but {worst_cue.id.replace('_', ' ')} says "
                f'"{worst_cue.signals}". When words and body disagree, people believe the body.'
            ),
            True,
        )
    if tone.warmth < 0 and positive and say.strip():
        return "mixed", "Your body was softer than your tone; the mismatch can read as sarcasm or as not meaning it.", True
    if charge_before >= flood and any(c.caution for c in cues):
        caution = next(c.caution for c in cues if c.caution)
        return "mixed", caution, False
    total = sum(c.valence for c in cues)
    if total > 0:
        return "good", "Your body said the same as your words: " + "; ".join(c.signals for c in positive) + ".", False
    if total == 0:
        return "mixed", "Your body gave little away either way.", False
    return "poor", "Your body said: " + "; ".join(c.signals for c in negative) + ".", False


def rate_timing(timing: catalogs.Timing, pace: str, response_time: float | None) -> tuple[Rating, str]:
    """The tag's rating; with a measured response time, also how it fits the state's pace."""
    rating: Rating = timing.rating  # type: ignore[assignment]
    if response_time is None:
        return rating, ""
    soon, late = PACE_WINDOWS.get(pace, PACE_WINDOWS["normal"])
    if response_time < soon:
        why = (
            "after something this heavy, a moment's pause shows it was heard"
            if pace == "slow"
            else "so quick a reply can sound ready-made rather than a response to what was said"
        )
        return worst(rating, "mixed"), f"You answered in {response_time:.1f} s; {why}."
    if response_time > late:
        moment = (
            "at a fast-moving moment" if pace == "fast" else "even for a moment that needed thought" if pace == "slow" else "here"
        )
        return worst(rating, "mixed"), f"You took {response_time:.0f} s {moment}; a long gap can read as not caring."
    return rating, ""


def rate_charge(before: int, after: int, flood: int, lowest: int) -> tuple[Rating, str, bool]:
    """What the turn did to the other person's emotional charge."""
    if after >= flood:
        return (
            "poor",
            f"{{{{ speaker.name }}}} is flooded (charge {after}, flooding at {flood}): words barely land now; calm comes first.",
            True,
        )
    if after < before:
        return (
            "good",
            f"The charge went down from {before} to {after}: {{{{ speaker.name }}}} could take in more of what you said.",
            False,
        )
    if after > before:
        return (
            "poor",
            f"The charge went up from {before} to {after}: {{{{ speaker.name }}}} is more stirred up than before.",
            False,
        )
    low = lowest + (flood - lowest) // 3
    if after <= low:
        return "good", f"The charge stayed low ({after}): the conversation stayed safe.", False
    return "mixed", f"The charge stayed at {after}: nothing got worse, but nothing eased either.", False


_LEADS: Mapping[str, Mapping[str, str]] = {
    "tone": {
        "good": "Your {x} tone fitted the moment.",
        "mixed": "Your {x} tone only partly fitted.",
        "poor": "Your {x} tone worked against you.",
    },
    "timing": {"good": "Good timing ({x}).", "mixed": "The timing was off ({x}).", "poor": "Poor timing ({x})."},
}


_OVERRIDE_LEADS: Mapping[str, Mapping[str, str]] = {
    "nonverbal": {
        "good": "Your body language fitted this moment.",
        "mixed": "Your body language only partly fitted this moment.",
        "poor": "Your body language worked against your words here.",
    },
    "charge": {
        "good": "What this did to the charge ({before} to {after}) is right for this moment.",
        "mixed": "What this did to the charge ({before} to {after}) helped only partly here.",
        "poor": "What this did to the charge ({before} to {after}) did not help here.",
    },
}


def overridden_text(dim: str, rating: Rating, tone: str, timing: catalogs.Timing, before: int, after: int) -> str:
    """Feedback in the catalog's voice that agrees with an author's overriding rating."""
    if dim == "tone":
        return _LEADS["tone"][rating].format(x=tone)
    if dim == "timing":
        return _LEADS["timing"][rating].format(x=timing.id.replace("_", " "))
    return _OVERRIDE_LEADS[dim][rating].format(before=before, after=after)


def judge(
    scenario: Scenario,
    state: State,
    choice: Choice,
    delivery: Delivery,
    charge_before: int,
    charge_after: int,
    context: Mapping[str, Any],
    response_time: float | None = None,
) -> Judgement:
    """Rate one turn and write its feedback (templates rendered with ``context``)."""
    cat = catalogs.load()
    flood = scenario.flood
    tone = cat.tones[delivery.tone]
    cues = [cat.cues[c] for c in delivery.nonverbal]
    timing = cat.timings[choice.timing]
    own_delivery = delivery.tone == choice.tone and delivery.nonverbal == choice.nonverbal

    t_rating, t_extra = rate_tone(tone, charge_before, flood)
    n_rating, n_text, mixed = rate_nonverbal(tone, cues, choice.say, charge_before, flood)
    ti_rating, ti_extra = rate_timing(timing, state.pace, response_time)
    c_rating, c_text, flooded = rate_charge(charge_before, charge_after, flood, scenario.meters["charge"].min)
    derived: dict[str, Rating] = {"tone": t_rating, "timing": ti_rating, "nonverbal": n_rating, "charge": c_rating}
    texts = {
        "tone": " ".join(p for p in (_LEADS["tone"][t_rating].format(x=tone.id), tone.note, t_extra) if p),
        "timing": " ".join(
            p for p in (_LEADS["timing"][ti_rating].format(x=timing.id.replace("_", " ")), timing.note, ti_extra) if p
        ),
        "nonverbal": n_text,
        "charge": c_text,
    }
    # What the moment added that an author's text, written for every path, cannot know:
    # the other person was flooded, the reply came too fast or too slow, the message was mixed.
    context_notes = {
        "tone": t_extra,
        "timing": ti_extra,
        "nonverbal": n_text if mixed else "",
        "charge": c_text if flooded else "",
    }
    ratings: dict[str, Rating] = {}
    feedback: dict[str, str] = {}
    for dim in DIMENSIONS:
        # The author's rating and words were written for the choice's own delivery; when the
        # learner chose another tone or cues, tone and nonverbal are judged afresh.
        author_applies = own_delivery or dim in ("timing", "charge")
        ratings[dim] = choice.rating.get(dim, derived[dim]) if author_applies else derived[dim]
        src = choice.feedback.get(dim) if author_applies else None
        text = texts[dim]
        if src is None and ratings[dim] != derived[dim]:
            # The author overrode the rating without words: the catalog text must not contradict it.
            text = overridden_text(dim, ratings[dim], tone.id, timing, charge_before, charge_after)
        if src is not None and dim not in choice.rating and context_notes[dim]:
            feedback[dim] = render(src.text, context) + " " + render(context_notes[dim], context)
        else:
            feedback[dim] = render(src.text if src else text, context)
    return Judgement(ratings, feedback, mixed, flooded)


def score(ratings: Sequence[Mapping[str, str]]) -> dict[str, int]:
    """Per-dimension scores (mean of good=1, mixed=0.5, poor=0, x100) and overall."""
    out: dict[str, int] = {}
    for dim in DIMENSIONS:
        values = [RATING_POINTS[r[dim]] for r in ratings]
        out[dim] = round_half_up(100 * sum(values) / len(values)) if values else 0
    out["overall"] = round_half_up(sum(out[d] for d in DIMENSIONS) / len(DIMENSIONS)) if ratings else 0
    return out


def round_half_up(x: float) -> int:
    """Round half away from zero: 62.5 -> 63, -0.5 -> -1, as a person would expect."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)
