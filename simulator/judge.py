"""Judging a turn: practice (what was done, format 1.1) and the four delivery dimensions
(tone, timing, nonverbal cues, emotional charge).

Each is rated good, mixed or poor, with feedback that says why. Practice comes from the
choice's ``assess`` levels and is not rated (None) without them. An author's ``rating``
overrides a derived delivery rating and an author's ``feedback`` text replaces the
catalog's. The derivation rules are documented in docs/judging.md; keep them in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from simulator import catalogs
from simulator.expressions import Names, render
from simulator.model import DIMENSIONS, DONE_LEVELS, RATING_POINTS, Assess, Choice, Rating, Scenario, State

# Reply time (seconds, reading time already taken off) against a state's pace: (too soon
# below, too late above). A heated (fast) moment has no "too soon" and is as patient as a
# slow one: a considered reply to someone upset is not a fault.
PACE_WINDOWS: Mapping[str, tuple[float, float]] = {"slow": (3.0, 90.0), "normal": (1.0, 45.0), "fast": (0.0, 90.0)}
_WORSE = {"good": 0, "mixed": 1, "poor": 2}
_LEVEL_WORDS = {"skilful": "done with skill", "adequate": "done", "misapplied": "attempted, misapplied", "omitted": "missed"}


@dataclass(frozen=True, slots=True)
class Delivery:
    """How the words were said: the choice's own, or what the learner picked."""

    tone: str
    nonverbal: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One assess tag as played: the item, its level and the rendered why."""

    item: str
    level: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Judgement:
    ratings: Mapping[str, Rating]
    feedback: Mapping[str, str]
    mixed_message: bool = False
    flooded: bool = False
    practice: Rating | None = None  # None: the choice has no assess (not rated)
    practice_feedback: str = ""
    items: tuple[ItemResult, ...] = ()
    problem: str | None = None


CONGRUENCE_WHY = (
    "The words said one thing and the body another; people believe the body. Say it with a face and voice that mean it."
)


def rate_practice(assess: Sequence[Assess | ItemResult]) -> Rating | None:
    """All skilful/adequate: good; all misapplied/omitted: poor; a mix: mixed; none: not rated."""
    if not assess:
        return None
    done = [a.level in DONE_LEVELS for a in assess]
    return "good" if all(done) else "poor" if not any(done) else "mixed"


def practice_text(items: Sequence[ItemResult]) -> str:
    """What was done and what was not, item by item, with the author's why."""
    cat = catalogs.load().items
    parts = []
    for i in items:
        part = f"{cat[i.item].title}: {_LEVEL_WORDS[i.level]}."
        parts.append(f"{part} {i.why}" if i.why else part)
    return " ".join(parts)


def worst(*ratings: Rating) -> Rating:
    return max(ratings, key=_WORSE.__getitem__)


def rate_tone(tone: catalogs.Tone, charge_before: int, flood: int, needs: str | None = None) -> tuple[Rating, str]:
    """What the moment needs sets the base where the author said (``needs``), else warmth;
    arousal matters when the other person is flooded."""
    flooded = charge_before >= flood
    if needs is not None:
        need = catalogs.load().needs[needs]
        rating: Rating = "good" if tone.id in need.good else "poor" if tone.id in need.poor else "mixed"
        text = need.mixed_note.replace("{x}", tone.id) if rating == "mixed" else ""
        if flooded and tone.arousal >= 2 and rating != "poor":
            return "poor", "Someone flooded needs a steady voice; an aroused one adds to the flood."
        return rating, text
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
    tone: catalogs.Tone, cues: Sequence[catalogs.Cue], say: str, charge_before: int, flood: int, therapist: bool = False
) -> tuple[Rating, str, bool]:
    """Cues on their own, and whether they agree with the tone and words (congruence).

    ``cues`` carry the valence they have with this listener (see :func:`landing`); from the
    therapist's chair some cues are cautionary whatever the moment (touch, tissues pushed across).
    """
    if therapist and any(c.therapist_caution for c in cues):
        return "mixed", next(c.therapist_caution for c in cues if c.therapist_caution), False
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


def rate_timing(timing: catalogs.Timing, pace: str, response_time: float | None, patience: float = 1.0) -> tuple[Rating, str]:
    """The tag's rating; with a measured reply time, also how it fits the state's pace.

    ``patience`` stretches the late limit (``--timing relaxed``: 3).
    """
    rating: Rating = timing.rating  # type: ignore[assignment]
    if response_time is None or rating != "good":
        # A tag that already faults the timing (premature, interrupting, late...) speaks of the
        # words' place in the conversation; a measured delay beside it would contradict it.
        return rating, ""
    soon, late = PACE_WINDOWS.get(pace, PACE_WINDOWS["normal"])
    late *= patience
    if response_time < soon:
        why = (
            "after something this heavy, a moment's pause shows it was heard"
            if pace == "slow"
            else "so quick a reply can sound ready-made rather than a response to what was said"
        )
        return worst(rating, "mixed"), f"You replied {response_time:.1f} s after reading; {why}."
    if response_time > late:
        moment = (
            "at a fast-moving moment" if pace == "fast" else "even for a moment that needed thought" if pace == "slow" else "here"
        )
        return worst(rating, "mixed"), f"You took {response_time:.0f} s {moment}; a long gap can read as not caring."
    return rating, ""


def rate_charge(
    before: int, after: int, flood: int, lowest: int, window: tuple[int, int] | None = None
) -> tuple[Rating, str, bool]:
    """What the turn did to the other person's emotional charge: against the affect window
    where there is one (feeling is the work), else lower is better (version 1)."""
    if after >= flood:
        return (
            "poor",
            f"{{{{ speaker.name }}}} is flooded (charge {after}, flooding at {flood}): words barely land now; calm comes first.",
            True,
        )
    if window is not None:
        return (*rate_in_window(before, after, window), False)
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


def rate_in_window(before: int, after: int, window: tuple[int, int]) -> tuple[Rating, str]:
    """The affect window's table (format 1.1): inside, or moving towards it, is good."""
    lo, hi = window

    def distance(x: int) -> int:
        return lo - x if x < lo else x - hi if x > hi else 0

    span = f"{lo} to {hi}"
    if distance(after) == 0:
        return (
            "good",
            f"The charge is {after}, inside the window ({span}): enough feeling to work with, not so much that thinking stops.",
        )
    below = after < lo
    where = (
        "below the window: too little feeling to work with, the conversation stays polite or shut down"
        if below
        else "above the window: more feeling than {{ speaker.name }} can think through"
    )
    if distance(after) < distance(before):
        return "good", f"The charge moved from {before} to {after}, towards the window ({span})."
    if after == before:
        return "mixed", f"The charge stayed at {after}, {where} ({span})."
    return "poor", f"The charge went from {before} to {after}, further {where} ({span})."


_LEADS: Mapping[str, Mapping[str, str]] = {
    "tone": {
        "good": "Your {x} tone fitted the moment.",
        "mixed": "Your {x} tone only partly fitted.",
        "poor": "Your {x} tone worked against you.",
    },
    "timing": {"good": "Good timing ({x}).", "mixed": "The timing was off ({x}).", "poor": "Poor timing ({x})."},
}
# What a measured reply time alone changed: the tag's own word would contradict it.
_MEASURED_LEADS: Mapping[str, str] = {"mixed": "The timing was off.", "poor": "Poor timing."}
# Delivery described without praise, for a turn whose content was flagged.
_PLAIN_LEADS: Mapping[str, str] = {
    "tone": "You said it in a {x} tone; the delivery is not what went wrong here.",
    "nonverbal": "Your body said: {x}. The delivery is not what went wrong here.",
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


def timing_lead(rating: Rating, timing: catalogs.Timing) -> str:
    """The timing feedback's first words: "Well timed." rather than "Good timing (well timed)."."""
    if rating == "good" and timing.id == "well_timed":
        return "Well timed."
    return _LEADS["timing"][rating].format(x=timing.id.replace("_", " "))


def overridden_text(dim: str, rating: Rating, tone: str, timing: catalogs.Timing, before: int, after: int) -> str:
    """Feedback in the catalog's voice that agrees with an author's overriding rating."""
    if dim == "tone":
        return _LEADS["tone"][rating].format(x=tone)
    if dim == "timing":
        return timing_lead(rating, timing)
    return _OVERRIDE_LEADS[dim][rating].format(before=before, after=after)


def rating_inputs(state: State, choice: Choice) -> tuple[Any, ...]:
    """All that :func:`judge` reads of a state and a choice to rate a turn, besides the
    delivery and the charge before and after (and the scenario's flood, window and cues):
    turns alike in these are rated alike, so explore judges each such turn once. Keep it
    next to ``judge`` and in step with it."""
    return (
        state.pace, state.needs, state.window, state.speaker, choice.tone, choice.nonverbal, choice.timing,
        bool(choice.say.strip()), tuple(sorted(choice.rating.items())), choice.assess,
    )  # fmt: skip


def judge(
    scenario: Scenario,
    state: State,
    choice: Choice,
    delivery: Delivery,
    charge_before: int,
    charge_after: int,
    context: Names,
    response_time: float | None = None,
    patience: float = 1.0,
) -> Judgement:
    """Rate one turn and write its feedback (templates rendered with ``context``)."""
    cat = catalogs.load()
    flood = scenario.flood
    tone = cat.tones[delivery.tone]
    therapist = scenario.perspective == "therapist"
    cues = [landing(cat.cues[c], scenario, state) for c in delivery.nonverbal]
    timing = cat.timings[choice.timing]
    own_delivery = delivery.tone == choice.tone and delivery.nonverbal == choice.nonverbal

    items = tuple(ItemResult(a.item, a.level, render(a.why.text, context) if a.why else "") for a in choice.assess)
    t_rating, t_extra = rate_tone(tone, charge_before, flood, state.needs)
    n_rating, n_text, mixed = rate_nonverbal(tone, cues, choice.say, charge_before, flood, therapist)
    if mixed and not own_delivery and choice.assess and not therapist:
        # The learner produced this delivery: a mixed message is their practice, not the author's words.
        items += (ItemResult("congruence", "misapplied", CONGRUENCE_WHY),)
    practice = rate_practice(items)
    ti_rating, ti_extra = rate_timing(timing, state.pace, response_time, patience)
    c_rating, c_text, flooded = rate_charge(
        charge_before, charge_after, flood, scenario.meters["charge"].min, scenario.window_of(state)
    )
    derived: dict[str, Rating] = {"tone": t_rating, "timing": ti_rating, "nonverbal": n_rating, "charge": c_rating}
    lead = timing_lead(ti_rating, timing) if ti_rating == timing.rating else _MEASURED_LEADS[ti_rating]
    texts = {
        "tone": " ".join(p for p in (_LEADS["tone"][t_rating].format(x=tone.id), tone.note, t_extra) if p),
        "timing": " ".join(p for p in (lead, timing.note if ti_rating == timing.rating else "", ti_extra) if p),
        "nonverbal": n_text,
        "charge": c_text,
    }
    # What the moment added that an author's text, written for every path, cannot know:
    # the other person was flooded, the reply came too fast or too slow, the message was mixed.
    context_notes = {
        # only what the moment added (flooding); a `needs` note is the catalog's voice, which the author's replaces
        "tone": t_extra if charge_before >= flood else "",
        "timing": ti_extra,
        "nonverbal": n_text if mixed else "",
        "charge": c_text if flooded else "",
    }
    ratings: dict[str, Rating] = {}
    feedback: dict[str, str] = {}
    # No praise beside a flag: when what was said was wrong, the delivery is described, not praised.
    flagged = practice == "poor" or "poor" in choice.rating.values()
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
        elif src is None and flagged and dim in _PLAIN_LEADS and ratings[dim] == "good":
            shown = tone.id if dim == "tone" else "; ".join(c.signals for c in cues)
            text = _PLAIN_LEADS[dim].format(x=shown)
        if src is not None and dim not in choice.rating and context_notes[dim]:
            feedback[dim] = _shared(render(src.text, context) + " " + render(context_notes[dim], context))
        else:
            feedback[dim] = _shared(render(src.text if src else text, context))
    return Judgement(ratings, feedback, mixed, flooded, practice, practice_text(items), items, choice.problem)


_SHARED: dict[str, str] = {}


def _shared(text: str) -> str:
    """One copy of a feedback line that many turns get (the catalog's lines, filled with the
    same values), so a long session keeps each once; bounded, so odd texts cannot pile up."""
    kept = _SHARED.get(text)
    if kept is not None:
        return kept
    if len(_SHARED) >= 4096:
        _SHARED.clear()
    _SHARED[text] = text
    return text


def landing(cue: catalogs.Cue, scenario: Scenario, state: State) -> catalogs.Cue:
    """The cue as it lands with this listener: the character's own override, else the
    perspective's (a therapist's touch), else the catalog's valence."""
    person = scenario.characters.get(state.speaker)
    own = person.cues.get(cue.id) if person is not None else None
    if own is not None:  # the author knows this person: their word replaces the perspective's caution too
        return cue if (own, cue.therapist_caution) == (cue.valence, "") else replace(cue, valence=own, therapist_caution="")
    valence = cue.valence_for(scenario.perspective)
    return cue if valence == cue.valence else replace(cue, valence=valence)


CRITICAL_CAP = 49


def score(ratings: Sequence[Mapping[str, str | None]], critical_missed: bool = False) -> dict[str, int | None]:
    """Per-dimension scores (mean of good=1, mixed=0.5, poor=0, x100), ``delivery`` (their
    mean: version 1's overall), ``practice`` (over the rated turns, None if none) and
    ``overall`` (mean of practice and delivery, or delivery alone; at most 49 when a critical
    item was missed)."""
    out: dict[str, int | None] = {}
    for dim in DIMENSIONS:
        values = [RATING_POINTS[v] for r in ratings if (v := r.get(dim))]
        out[dim] = round_half_up(100 * sum(values) / len(values)) if values else 0
    delivery = round_half_up(sum(out[d] or 0 for d in DIMENSIONS) / len(DIMENSIONS)) if ratings else 0
    rated = [RATING_POINTS[p] for r in ratings if (p := r.get("practice"))]
    practice = round_half_up(100 * sum(rated) / len(rated)) if rated else None
    overall = delivery if practice is None else round_half_up((practice + delivery) / 2)
    out["practice"] = practice
    out["delivery"] = delivery
    out["overall"] = min(overall, CRITICAL_CAP) if critical_missed else overall
    return out


def round_half_up(x: float) -> int:
    """Round half away from zero: 62.5 -> 63, -0.5 -> -1, as a person would expect."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)
