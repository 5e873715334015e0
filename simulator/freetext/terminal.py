"""Free mode in the terminal: the learner types what they would say, and it is understood.

The play loop (:mod:`simulator.play`) asks this for the prompt, for which written replies
to show (none, so the learner finds their own words, until a reply is not understood),
and for the choice a typed reply means. Sure: it is played, and the screen says what it
was taken as. Unsure: "which did you mean?" with the nearest two or three, by number (or
the learner says it another way). No match: "not understood", and the written replies
are shown. The same works when standard input is piped: each line is one answer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from simulator.engine import Session, Turn
from simulator.freetext import embedder
from simulator.freetext.match import Match, Matcher
from simulator.freetext.words import observe
from simulator.humanize import cue_title
from simulator.model import PAUSE_WORDS, PLAY_COMMANDS, Choice, Scenario
from simulator.terminal import Screen

NOT_UNDERSTOOD = (
    "Not understood: that is not close to anything this moment's replies say, so nothing was played. "
    "Say it another way, or answer with the number of one of the written replies below."
)
NO_SILENCE = "Staying silent is not one of the replies here. Type what you would say."
HELP = (
    "Type what you would say, in your own words, and press Enter; a number picks a written reply when they are shown. "
    "How soon you answer is not judged in free mode (typing takes time); the timing of the reply you are taken to mean is."
)
_REWIND = re.compile(r"(?:r|rewind|undo)\s+\d+")
_MAX_REPHRASE = 5
AskFn = Callable[[str], "str | None"]  # reads one more answer; None at the end of input
StopFn = Callable[..., Exception]  # (why, pause=False) -> the exception that stops the session


class FreeText:
    """One free-mode play: the matcher (the model is loaded on first use) and what is shown."""

    help = HELP

    def __init__(self, scenario: Scenario, matcher: Matcher | None = None) -> None:
        self.scenario = scenario
        self._matcher = matcher
        self.reveal = False  # show the written replies (after a reply was not understood)
        if matcher is None:
            embedder.preload()

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.scenario, embedder.load())
        return self._matcher

    # -- what the play loop shows ---------------------------------------------------------

    def cards(self, offered: Sequence[Choice]) -> Sequence[Choice]:
        return offered if self.reveal else ()

    def prompt(self, offered: Sequence[Choice]) -> str:
        silent = any(not c.say.strip() for c in offered)
        numbers = f" or 1-{len(offered)}" if self.reveal else ""
        return f"Your reply, in your own words{numbers}{' (Enter alone: stay silent)' if silent else ''}:"

    @staticmethod
    def is_command(reply: str) -> bool:
        """Only a bare command word is a command in free mode: "help me see it" is a reply."""
        text = reply.strip().lower()
        return text in PLAY_COMMANDS or bool(_REWIND.fullmatch(text))

    def is_number(self, reply: str) -> bool:
        """A number picks a written reply only while they are shown."""
        return self.reveal and reply.strip().isdigit()

    # -- understanding a reply -------------------------------------------------------------

    def understand(
        self, state: str, offered: Sequence[Choice], reply: str, answer: AskFn, screen: Screen, stop: StopFn
    ) -> tuple[str, str] | None:
        """(choice id, the words typed) for a reply, asking when unsure; None when not understood.
        Pausing or the end of input at the question raises what ``stop`` makes (the play loop's own)."""
        text = reply
        for _ in range(_MAX_REPHRASE):
            m = self.matcher.match(state, text, offered)
            if m.verdict in ("play", "silence"):
                assert m.choice is not None
                self._taken(m, offered, screen)
                return m.choice, text
            if m.verdict == "not understood":
                screen.para(NO_SILENCE if not text.strip() else NOT_UNDERSTOOD, indent="  ")
                self.reveal = True
                return None
            nearest = [next(c for c in offered if c.id == s.choice) for s in m.nearest]
            screen.para("Which did you mean? Answer with a number, or say it another way.", indent="  ")
            for i, c in enumerate(nearest, 1):
                # Typed words carry no delivery: choices with the same words differ in tone and cues.
                screen.para(
                    f"{_words(c)}  [{', '.join([c.tone, *map(cue_title, c.nonverbal)])}]", indent="     ", first=f"  {i}. "
                )
            again = answer(f"Which [1-{len(nearest)}], or your words:")
            if again is None:
                raise stop("end of input")
            if again.strip().isdigit() and 1 <= int(again) <= len(nearest):
                chosen = nearest[int(again) - 1]
                return chosen.id, text
            if again.strip().lower() in PAUSE_WORDS:
                raise stop("paused", pause=True)
            if self.is_command(again):
                return None  # help or rewind: back to the reply prompt, where commands are answered
            text = again
        screen.para(NOT_UNDERSTOOD, indent="  ")
        self.reveal = True
        return None

    def _taken(self, m: Match, offered: Sequence[Choice], screen: Screen) -> None:
        chosen = next(c for c in offered if c.id == m.choice)
        screen.para(f"Taken as: {_words(chosen)}", indent="  ")

    def attach(self, session: Session, turn: Turn, typed: str) -> Turn:
        """The played turn with the typed words and what they show (what the record keeps)."""
        self.reveal = False
        kept = dataclasses.replace(turn, typed=typed, own_words=tuple(o.as_dict() for o in observe(typed)))
        session.turns[-1] = kept
        return kept


def _words(c: Choice) -> str:
    return f"“{c.say}”" if c.say.strip() else "(staying silent)"


__all__ = ["HELP", "NOT_UNDERSTOOD", "FreeText"]
