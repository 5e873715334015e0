"""The rules of play, decided once for every front-end (terminal, web, authoring steps).

A front-end shows what these functions offer and passes on what the learner picked;
it never decides for itself which replies or deliveries are allowed, how a typed number
is read, how recorded turns are replayed, or when a rewind is allowed. The terminal and
the browser drifted apart while each had its own copy (a tone accepted at a
fixed-delivery moment in scripted play, ``²`` read as a number), hence this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from simulator import delivery
from simulator.errors import ChoiceRefused, IptSimError
from simulator.judge import Delivery
from simulator.model import Choice, Scenario, State

if TYPE_CHECKING:
    from simulator.engine import Session, Turn


def number(text: str) -> int | None:
    """``text`` as a whole number written in ASCII digits, else None.

    ``str.isdigit`` is true for ``²`` and other Unicode digits that ``int`` refuses, so it
    cannot be the test: only 0-9 count, and at most nine of them.
    """
    text = text.strip()
    if not text or len(text) > 9 or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def pick(text: str, options: Sequence[object]) -> int | None:
    """The 0-based index of the option numbered ``text`` (1-based on screen), else None."""
    n = number(text)
    return n - 1 if n is not None and 1 <= n <= len(options) else None


# -- deliveries ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeliveryOffer:
    """The tones and sets of cues offered for one reply, in the order they are shown."""

    tones: list[str]
    cues: list[tuple[str, ...]]


def chooses_delivery(scenario: Scenario, state: State) -> bool:
    """Whether the learner picks how the words are said at this moment."""
    return scenario.delivery_of(state) == "choose"


def delivery_offer(session: Session, choice: Choice) -> DeliveryOffer | None:
    """What the learner may pick for ``choice`` now, shuffled the same way in every
    front-end (seeded by the moment, so a rewind or a reload reads the same); None at a
    fixed-delivery moment."""
    if not chooses_delivery(session.scenario, session.current):
        return None
    seed = f"{session.scenario.id}:{session.state}:{choice.id}:{session.turn}"
    return DeliveryOffer(
        delivery.shuffled(delivery.tone_options(choice), seed + ":tone"),
        delivery.shuffled(delivery.cue_options(choice), seed + ":cues"),
    )


def check_delivery(scenario: Scenario, state: State, choice: Choice, said: Delivery | None) -> Delivery:
    """The delivery ``choice`` is said with: the choice's own when ``said`` is None, ``said``
    when this moment offers a choice of delivery and it is on offer; a refusal otherwise
    (the same words in every front-end)."""
    own = Delivery(choice.tone, choice.nonverbal)
    if said is None:
        return own
    if not chooses_delivery(scenario, state):  # even the choice's own: there is nothing to pick here
        raise ChoiceRefused("this moment has no choice of delivery")
    if said == own:
        return own
    if said.tone not in delivery.tone_options(choice):
        raise ChoiceRefused(f"'{said.tone[:40]}' is not one of the tones on offer")
    if tuple(said.nonverbal) not in delivery.cue_options(choice):
        raise ChoiceRefused(f"'{'+'.join(said.nonverbal)[:40]}' is not one of the sets of cues on offer")
    return said


def scripted(session: Session, text: str) -> tuple[Choice, Delivery | None]:
    """A scripted reply (``--choices``): ``ID`` or a number, optionally ``@tone@cue+cue`` to
    pick the delivery, checked against what this moment offers."""
    ref, *how = text.split("@")
    if len(how) > 2:
        raise ChoiceRefused(
            f"'{text[:60]}' has more than ID@tone@cues: write cues joined by +, such as 'ID@calm@nod+eye_contact'"
        )
    choice = session.resolve(ref)
    if not how:
        return choice, None
    tone = how[0] or choice.tone
    cues = tuple(c for c in how[1].split("+") if c) if len(how) > 1 else choice.nonverbal
    said = Delivery(tone, cues)
    try:
        check_delivery(session.scenario, session.current, choice, said)
    except ChoiceRefused as err:
        raise ChoiceRefused(f"'{text}': {err.message}") from None
    return choice, said


# -- what is read before a reply -----------------------------------------------------------


def shown_before_reply(session: Session, offered: Sequence[Choice], mode: str, feedback_shown: bool = True) -> list[str]:
    """Everything the learner reads on the screen the reply is timed from, for the reading
    time taken off the reply time (simulator.timing): the other person's words and cues,
    the replies and, in coach mode, the thought and coach lines and the feedback on the last
    reply (web review, finding 4: on a coach-mode page that feedback is most of the words).
    ``feedback_shown`` is False where a front-end shows no feedback (after a rewind)."""
    state = session.current
    shown = [state.says, state.nonverbal, *(c.say for c in offered)]
    if mode == "coach":
        shown += [state.thinks or "", state.coach or ""]
        if feedback_shown and session.turns:
            j = session.turns[-1].judgement
            shown += [j.practice_feedback, *j.feedback.values()]
    return shown


# -- rewinding ------------------------------------------------------------------------------


class RewindRefused(ChoiceRefused):
    """A rewind that the rules do not allow now; ``title`` heads the browser's page."""

    def __init__(self, message: str, title: str) -> None:
        super().__init__(message)
        self.title = title


def rewind_count(text: str) -> int:
    """How many replies ``rewind N`` takes back (1 without N)."""
    if not text.strip():
        return 1
    n = number(text)
    if n is None or n < 1:
        raise RewindRefused(f"'rewind {text.strip()}': say how many replies to take back, e.g. 'rewind 2'", "Not a number")
    return n


def check_rewind(session: Session, mode: str) -> None:
    """Refuse a rewind the rules do not allow: only in coach mode, and only with a reply to take back."""
    if mode != "coach":
        raise RewindRefused("rewind is only available in coach mode", "No rewind in assess mode")
    if not session.turns:
        raise RewindRefused("there is nothing to take back yet", "Nothing to take back")


def may_take_back_ending(session: Session, mode: str) -> bool:
    """Whether the learner is offered to take back the reply that ended the conversation:
    in coach mode, at an ending that did not go well (mixed or negative). Coach mode is for
    trying again; a flood that closed the session with no way back taught nothing more
    (newcomer review, finding 16). A good ending is left as it is."""
    ending = session.ending
    return mode == "coach" and bool(session.turns) and ending is not None and ending.outcome != "positive"


# -- replaying ---------------------------------------------------------------------------------


class Recorded(NamedTuple):
    """What a recorded turn needs to be played again: the choice, how it was said, the reply time."""

    choice: str
    tone: str
    cues: tuple[str, ...]
    response_time: float | None = None
    patience: float = 1.0


class ScenarioChanged(IptSimError):
    """Recorded turns no longer play on the scenario as it is now; the message says where."""


def replay(session: Session, recorded: Iterable[Recorded]) -> Session:
    """Play recorded turns again, in order, as they were played.

    The delivery is not checked again: it was accepted when played, and a record written
    by an older release must stay readable (a choice that no longer exists is refused).
    """
    try:
        for r in recorded:
            session.replay_turn(r.choice, Delivery(r.tone, r.cues), r.response_time, r.patience)
    except IptSimError as err:
        raise ScenarioChanged(err.message) from None
    return session


# -- the best alternative ----------------------------------------------------------------------


def offered_at(session: Session, t: Turn) -> list[Choice]:
    """The choices that were on offer when ``t`` was played."""
    return session.compiled.new_session().restore(t).offered()


def alternatives(session: Session, t: Turn) -> list[Turn]:
    """Each other choice on offer when ``t`` was played, played from the same point under the
    same reply time and, where the learner chose the delivery, the same delivery, so no
    alternative wins only by being untimed or differently said."""
    probe = session.compiled.new_session()
    own = session.scenario.states[t.state].choice(t.choice)
    chose_delivery = own is not None and (t.delivery.tone, t.delivery.nonverbal) != (own.tone, own.nonverbal)
    out = []
    for c in probe.restore(t).offered():
        if c.id != t.choice:
            out.append(probe.restore(t).replay_turn(c.id, t.delivery if chose_delivery else None, t.response_time, t.patience))
    return out
