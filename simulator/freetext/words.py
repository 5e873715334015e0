"""What a communication analysis would notice in the learner's own words, explainably.

Every observation is a plain rule over the words (no model), and names the words it is
about, so the learner can see why it was made: "I" statements and "you always / never",
absolutes, open, closed and stacked questions, "but" after an apology, advice and
reassurance, hedges, length, and valence from VADER's lexicon (shipped in its package),
with the words that carry it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

SHORT_WORDS = 3
LONG_WORDS = 60
VALENCE_CUT = 0.05  # VADER's own convention: compound at or beyond +/-0.05 is positive/negative


@dataclass(frozen=True, slots=True)
class Observation:
    """One thing noticed: its kind, the words it is about (as typed), and what it may do."""

    kind: str
    words: tuple[str, ...]
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "words": list(self.words), "note": self.note}


def _rx(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


_I_STATEMENT = _rx(
    r"I(?:'m| am) (?:feeling |so |really |very )?(?:\w+)",
    r"I (?:feel|felt|need|needed|want|wanted|miss|missed|worry|worried|wish|hope|notice|noticed|get|got|find|found)",
    r"I(?:'d| would) like",
    r"I can (?:see|tell|hear|imagine)",
    r"I'?ve been",
)
_DISGUISED = _rx(r"I (?:feel|felt) (?:like|that) you")
_YOU_ALWAYS = _rx(
    r"you(?:'re| are)? (?:always|never|constantly|forever)", r"you (?:keep|kept) (?:on )?\w+ing", r"you don'?t ever"
)
_ABSOLUTE = _rx(
    r"always", r"never", r"every time", r"everything", r"nothing", r"nobody", r"no one", r"everyone", r"totally", r"completely"
)
_APOLOGY_BUT = re.compile(r"\b(?:sorry|apologi[sz]e|I apologi[sz]e)\b[^.!?]*?\bbut\b", re.IGNORECASE)
_ADVICE = _rx(
    r"you should", r"you shouldn'?t", r"you need to", r"you have to", r"you've got to", r"you must", r"you ought to",
    r"why don'?t you", r"have you tried", r"if I were you", r"you could try", r"just try",
)  # fmt: skip
_REASSURANCE = _rx(
    r"don'?t worry", r"it'?ll be (?:fine|ok|okay|alright|all right)", r"it will be (?:fine|ok|okay|alright|all right)",
    r"everything will be", r"you'?ll be (?:fine|ok|okay)", r"at least", r"cheer up", r"look on the bright side",
    r"it'?s not that bad", r"it could be worse", r"no need to (?:worry|be upset|feel)", r"I'?m sure it",
)  # fmt: skip
_HEDGE = _rx(
    r"maybe", r"perhaps", r"I guess", r"I suppose", r"sort of", r"kind of", r"kinda", r"a bit", r"a little",
    r"possibly", r"I think", r"just", r"I mean", r"probably",
)  # fmt: skip
_OPEN = re.compile(r"^(?:what|how|tell me|talk me through|describe|who|where|when|which)\b", re.IGNORECASE)
_WHY = re.compile(r"^why\b", re.IGNORECASE)
_CLOSED = re.compile(
    r"^(?:do|does|did|are|is|was|were|can|could|would|will|have|has|had|should|shall|don'?t|didn'?t|isn'?t|aren'?t|won'?t|"
    r"wouldn'?t|haven'?t)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^(?:(?:so|and|but|well|okay|ok|then|now)\s+)+", re.IGNORECASE)
_QUESTION = re.compile(r"[^.!?]*\?")
_WORD = re.compile(r"[A-Za-z']+")


def _found(rx: re.Pattern[str], text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in rx.finditer(text)))


def _quote(words: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _questions(text: str) -> Iterator[Observation]:
    questions = [q.strip(" ,;:-") for q in _QUESTION.findall(text) if q.strip(" ?")]
    kinds = (
        (_WHY, "why_question", "a “why” question can sound like a demand to justify; “what happened” asks the same more gently"),
        (_OPEN, "open_question", "an open question: it invites the other person to say more, in their own words"),
        (_CLOSED, "closed_question", "a closed question: it can be answered yes or no, which may end the topic"),
    )
    for q in questions:
        # The question proper is its last clause, less a lead-in ("Okay, so what ...", "Dad, how ...").
        tail = _LEAD_IN.sub("", re.split(r"[,;:]\s*", q)[-1])
        asked = tail if len(tail.split()) >= 3 else q
        for rx, kind, what in kinds:
            if rx.match(tail):
                yield Observation(kind, (asked,), f"{_quote([asked])}: {what}.")
                break
    if len(questions) > 1:
        yield Observation(
            "stacked_questions", tuple(questions),
            f"{len(questions)} questions in one reply ({_quote(questions)}): the other person can answer only one; ask one and wait.",
        )  # fmt: skip


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def valence(text: str) -> tuple[float, tuple[tuple[str, float], ...]]:
    """VADER's compound valence (-1 to 1), and the lexicon words in the text that carry it
    (each with its lexicon value), strongest first."""
    analyser = _vader()
    compound = float(analyser.polarity_scores(text)["compound"])
    carried = {w: float(analyser.lexicon[w.lower()]) for w in _WORD.findall(text) if w.lower() in analyser.lexicon}
    return compound, tuple(sorted(carried.items(), key=lambda kv: -abs(kv[1])))


def _valence(text: str) -> Observation:
    compound, carried = valence(text)
    mood = "positive" if compound >= VALENCE_CUT else "negative" if compound <= -VALENCE_CUT else "neutral"
    words = tuple(w for w, _ in carried[:3])
    if words:
        why = "carried by " + ", ".join(f"“{w}” ({v:+.1f})" for w, v in carried[:3])
    else:
        why = "no word in it carries much feeling on its own"
    return Observation("valence", words, f"Overall valence {mood} ({compound:+.2f}), {why}.")


def _noted(kind: str, words: list[str], effect: str) -> list[Observation]:
    """One observation quoting ``words`` before what they do, or none when there are none."""
    return [Observation(kind, tuple(words), f"{_quote(words)}: {effect}")] if words else []


def observe(text: str) -> list[Observation]:
    """Everything noticed in a typed reply, in the order a reader meets it; [] for a silence."""
    if not text.strip():
        return []
    disguised = _found(_DISGUISED, text)
    i_words = [w for w in _found(_I_STATEMENT, text) if not any(w in d for d in disguised)]
    you_always = _found(_YOU_ALWAYS, text)
    absolutes = [a for a in _found(_ABSOLUTE, text) if not any(a.lower() in y.lower() for y in you_always)]
    out = [
        *_noted("disguised_you", disguised,
                "a “you” statement dressed as an “I” statement; the other person will still hear a charge."),
        *_noted("i_statement", i_words, "speaking from your own side, which is easier to hear than a charge."),
        *_noted("you_always", you_always,
                "turns one moment into a verdict on the person; expect defence rather than listening."),
        *_noted("absolute", absolutes, "absolutes are easy to disprove, so the other person may argue with the word "
                "instead of hearing the point."),
    ]  # fmt: skip
    out.extend(_questions(text))
    out += _noted(
        "apology_but",
        [m.group(0) for m in _APOLOGY_BUT.finditer(text)],
        "the “but” takes the apology back; try stopping after the apology.",
    )
    out += _noted("advice", _found(_ADVICE, text), "advice moves to fixing before the feeling has been heard.")
    out += _noted("reassurance", _found(_REASSURANCE, text),
                  "reassurance can close a feeling down rather than make room for it.")  # fmt: skip
    hedges = _found(_HEDGE, text)
    out += _noted("hedge", hedges, "several softeners can blur what you are asking for." if len(hedges) >= 3
                  else "a softener is gentle; more than a few blur the point.")  # fmt: skip
    words = _WORD.findall(text)
    if len(words) <= SHORT_WORDS:
        out.append(
            Observation(
                "short",
                (text.strip(),),
                f"{_quote([text.strip()])} is {len(words)} word{'s' if len(words) != 1 else ''}: it can read as curt or final when something matters.",
            )
        )
    elif len(words) >= LONG_WORDS:
        first = " ".join(text.split()[:6]) + " …"
        out.append(
            Observation(
                "long",
                (first,),
                f"{len(words)} words, from {_quote([first])}: in a charged moment, the other person may take in only the first sentence.",
            )
        )
    out.append(_valence(text))
    return out
