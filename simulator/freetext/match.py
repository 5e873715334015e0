"""Which authored choice a typed reply means: a score for each, and what to do about it.

A choice is represented by its ``say`` and its ``examples``; a reply's score for a choice
is the best cosine similarity between the reply and any of those texts (static embeddings,
so a few words of overlap in meaning score well and unrelated words score near zero).
Then, among the choices on offer:

- the best score at or above ``ACCEPT``, and ahead of the next by ``MARGIN``: play it;
- the best at or above ``FLOOR``: unsure, so ask which was meant (the nearest two or three);
- below ``FLOOR``: not understood; never silently mapped to anything;
- an empty reply: the silent choice (``say: ""``), where one is on offer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from simulator.freetext.embedder import Embedder, Vectors
from simulator.model import Choice, Scenario

# Tuned on the labelled replies in tests/data/freetext/ (paraphrases of the bundled scenarios'
# replies, and off-topic lines), with scripts/bench_freetext.py --sweep: FLOOR is the lowest
# value that still refuses at least 90% of the off-topic lines with some room (their best scores
# cluster below 0.2, paraphrases' above 0.3); ACCEPT and MARGIN are set so that a reply played
# without asking is almost never the wrong one, leaving the close calls to "which did you mean?".
FLOOR = 0.25
ACCEPT = 0.42
MARGIN = 0.06
ASK_AT_MOST = 3

Verdict = Literal["play", "ask", "not understood", "silence"]
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Scored:
    choice: str
    score: float


@dataclass(frozen=True, slots=True)
class Match:
    """What a typed reply was taken as: ``choice`` is set only when it is played without asking."""

    text: str
    verdict: Verdict
    choice: str | None
    score: float
    ranked: tuple[Scored, ...]  # every choice considered, best first

    @property
    def nearest(self) -> tuple[Scored, ...]:
        """The two or three choices to offer when unsure: the best, and those close behind it."""
        near = [s for s in self.ranked if s.score >= FLOOR]
        return tuple(self.ranked[: max(2, min(ASK_AT_MOST, len(near)))])

    def as_json(self) -> dict[str, Any]:
        """``{text, choice, score, alternatives: [{choice, score}]}`` (``ipt-sim match --json``)."""
        return {
            "text": self.text,
            "choice": self.choice,
            "score": round(self.score, 3),
            "verdict": self.verdict,
            "alternatives": [{"choice": s.choice, "score": round(s.score, 3)} for s in self.ranked],
        }


def normalise(text: str) -> str:
    """Lower case and single spaces: the tokenizer is case-sensitive, people's typing is not."""
    return _SPACE.sub(" ", text.strip().lower())


def texts_of(choice: Choice) -> list[str]:
    """What a choice is matched on: its words and its examples (a silence has no words)."""
    return [normalise(t) for t in (choice.say, *choice.examples) if t.strip()]


class Matcher:
    """Matches typed replies against one scenario's choices; choice vectors are made once per state."""

    def __init__(self, scenario: Scenario, embedder: Embedder) -> None:
        self.scenario = scenario
        self.embedder = embedder
        self._states: dict[str, tuple[Vectors, list[str]]] = {}

    def _vectors(self, state_id: str) -> tuple[Vectors, list[str]]:
        """Every text of the state's choices, embedded, and which choice each belongs to."""
        if state_id not in self._states:
            owners: list[str] = []
            texts: list[str] = []
            for c in self.scenario.states[state_id].choices:
                for t in texts_of(c):
                    owners.append(c.id)
                    texts.append(t)
            self._states[state_id] = (self.embedder.embed(texts), owners)
        return self._states[state_id]

    def scores(self, state_id: str, text: str) -> dict[str, float]:
        """Each choice of the state (silent ones score 0) against the text."""
        vectors, owners = self._vectors(state_id)
        out = dict.fromkeys((c.id for c in self.scenario.states[state_id].choices), 0.0)
        if not owners:
            return out
        sims = vectors @ self.embedder.embed([normalise(text)])[0]
        for owner, sim in zip(owners, sims.tolist(), strict=True):
            out[owner] = max(out[owner], float(sim))
        return out

    def match(self, state_id: str, text: str, offered: Sequence[Choice] | None = None) -> Match:
        """What ``text`` means among ``offered`` (default: all of the state's choices)."""
        choices = list(offered) if offered is not None else list(self.scenario.states[state_id].choices)
        if not text.strip():
            silent = next((c for c in choices if not c.say.strip()), None)
            ranked = tuple(Scored(c.id, 1.0 if c is silent else 0.0) for c in choices)
            ranked = tuple(sorted(ranked, key=lambda s: -s.score))
            if silent is not None:
                return Match(text, "silence", silent.id, 1.0, ranked)
            return Match(text, "not understood", None, 0.0, ranked)
        scores = self.scores(state_id, text)
        ranked = tuple(sorted((Scored(c.id, scores[c.id]) for c in choices), key=lambda s: -s.score))
        return decide(text, ranked)

    def misread(self, state_id: str, together: Callable[[Choice, Choice], bool]) -> list[tuple[Choice, str, Match]]:
        """The W217 lint: each text a choice is written with (its words and its examples) that,
        typed exactly as written, free mode would not play as that choice among the choices
        that can be offered with it (``together``). If an author's own words are misread, a
        learner's paraphrase of them will be too; choices merely on the same subject are not."""
        out = []
        choices = self.scenario.states[state_id].choices
        for c in choices:
            rivals = [c, *(o for o in choices if o is not c and together(c, o))]
            for text in texts_of(c):
                m = self.match(state_id, text, rivals)
                if m.verdict != "play" or m.choice != c.id:
                    out.append((c, text, m))
        return out


def decide(text: str, ranked: tuple[Scored, ...]) -> Match:
    """Play, ask or refuse, from the scores (best first)."""
    if not ranked:
        return Match(text, "not understood", None, 0.0, ranked)
    best = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else -1.0
    if best.score >= ACCEPT and best.score - second >= MARGIN:
        return Match(text, "play", best.choice, best.score, ranked)
    if best.score >= FLOOR:
        return Match(text, "ask", None, best.score, ranked)
    return Match(text, "not understood", None, best.score, ranked)


__all__ = ["ACCEPT", "FLOOR", "MARGIN", "Match", "Matcher", "Scored", "decide", "normalise"]
