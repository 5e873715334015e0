"""The conversation engine: one ``transitions`` Machine per scenario, many light sessions.

A scenario compiles once (:func:`compile_scenario`, cached by content hash) into a
Machine with no models. Sessions are never added to it: adding a model binds a method
per state and trigger onto it (hundreds of KB on a large scenario), so instead each turn
fires the event on the machine for the session, as the library's FAQ shows. A session
then costs a few small dicts, whatever the size of the scenario.

A turn follows "How a turn is played" in the format doc: the machine's
``prepare_event`` applies effects (clamped; with a chosen delivery, its charge shift),
flags and the turn counter once; the
transitions for that choice are the ``next`` branches in order, each guarded by its
``when``, so the first true branch wins; entering a state marks it visited.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from jinja2.runtime import Context
from transitions import EventData, Machine

from simulator import rules
from simulator.delivery import charge_shift
from simulator.errors import ChoiceRefused
from simulator.expressions import bind, evaluate, render
from simulator.judge import Delivery, Judgement, judge
from simulator.model import Choice, Ending, Objective, Scenario, State

# transitions logs every callback of every turn at INFO and DEBUG: an application that logs
# at INFO (a web server) would otherwise write several lines per turn, 4x the turn's time.
logging.getLogger("transitions").setLevel(logging.WARNING)


@dataclass(frozen=True, slots=True)
class Visit:
    """A session's visited states as a chain shared by its turns: the newest state first,
    then the chain before it. A turn keeps the chain as it was (one reference), not a copy
    of the set, so a session's memory grows with its turns, not turns x states."""

    state: str
    prior: Visit | None = None

    def states(self) -> frozenset[str]:
        out = []
        link: Visit | None = self
        while link is not None:
            out.append(link.state)
            link = link.prior
        return frozenset(out)


@dataclass(frozen=True, slots=True)
class Turn:
    """One played turn, as recorded and reported."""

    number: int
    state: str
    choice: str
    say: str
    delivery: Delivery
    timing: str
    meters_before: Mapping[str, int]
    meters_after: Mapping[str, int]
    flags_before: Mapping[str, bool]
    visits_before: Visit
    next: str
    judgement: Judgement
    response_time: float | None = None
    patience: float = 1.0  # how far the late limit was stretched (``--timing relaxed``)
    typed: str | None = None  # free mode: the learner's own words, taken as this choice
    own_words: tuple[Mapping[str, Any], ...] = ()  # free mode: what the words show (simulator.freetext.words)

    @property
    def visited_before(self) -> frozenset[str]:
        return self.visits_before.states()


class CompiledScenario:
    """A validated scenario and its one shared state machine."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        transitions: list[dict[str, Any]] = []
        for sid, state in scenario.states.items():
            for choice in state.choices:
                for branch in choice.next:
                    t: dict[str, Any] = {"trigger": choice.id, "source": sid, "dest": branch.goto}
                    if branch.when is not None:
                        t["conditions"] = [_Condition(branch.when.text)]
                    transitions.append(t)
        self.machine = Machine(
            model=None,
            states=list(scenario.states),
            transitions=transitions,
            initial=scenario.start,
            send_event=True,
            auto_transitions=False,
            prepare_event=[_apply_choice],
            after_state_change=[_mark_visited],
            name=scenario.id,
        )

    def new_session(self) -> Session:
        return Session(self)


class _Condition:
    """A branch's ``when``, evaluated in the sandbox against the session's values (the
    turn's one bound context, already updated by the turn's effects)."""

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        self.source = source

    def __call__(self, event: EventData) -> bool:
        session = cast(Session, event.model)
        return evaluate(self.source, session.bound())


def _apply_choice(event: EventData) -> None:
    """Step 2 of a turn: effects clamped to bounds, then flags, then the turn counter."""
    session = cast(Session, event.model)
    choice: Choice = event.kwargs["choice"]
    meters = session.scenario.meters
    for name, amount in choice.effects.items():
        session.meters[name] = meters[name].clamp(session.meters[name] + amount)
    said: Delivery | None = event.kwargs.get("delivery")
    if said is not None and (said.tone != choice.tone or said.nonverbal != choice.nonverbal):
        # A delivery the learner chose moves the charge by how it differs from the choice's own,
        # as part of the effects, so `next` branches see it.
        charge = meters["charge"]
        session.meters["charge"] = charge.clamp(
            session.meters["charge"] + charge_shift(choice, said, session.scenario, session.current)
        )
    charge = meters["charge"]
    before = event.kwargs["charge_before"]
    if charge.recovery is not None and before >= session.scenario.flood:
        # Flooding does not vanish in one sentence: while flooded, a turn lowers it by at most `recovery`.
        session.meters["charge"] = max(session.meters["charge"], before - charge.recovery)
    session.flags.update(choice.set_flags)
    session.turn += 1
    session.values_changed(bool(choice.set_flags))


def _mark_visited(event: EventData) -> None:
    session = cast(Session, event.model)
    if session.state not in session.visited:
        session.visited.add(session.state)
        session.visits = Visit(session.state, session.visits)


@lru_cache(maxsize=64)
def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """Compile once per scenario object (scenarios are frozen and hashable by identity)."""
    return CompiledScenario(scenario)


class Session:
    """One play of a scenario: where it is, its meters, flags, turn and visited states."""

    __slots__ = (
        "_bound", "_flags_kept", "_meters_kept", "compiled", "flags", "meters", "scenario", "state", "turn", "turns",
        "visited", "visits",
    )  # fmt: skip

    def __init__(self, compiled: CompiledScenario) -> None:
        self.compiled = compiled
        self.scenario = compiled.scenario
        self.state: str = self.scenario.start
        self.meters: dict[str, int] = {m.name: m.start for m in self.scenario.meters.values()}
        self.flags: dict[str, bool] = {}
        self.turn = 0
        self.visited: set[str] = {self.scenario.start}
        self.visits = Visit(self.scenario.start)  # the same states, as the chain turns keep
        self.turns: list[Turn] = []
        self._bound: Context | None = None
        # Copies of meters and flags as they are now, already kept by the last turn: the next
        # turn shares them instead of copying again (turns never change what they keep).
        self._meters_kept: dict[str, int] | None = None
        self._flags_kept: dict[str, bool] | None = None

    # -- reading -----------------------------------------------------------------

    @property
    def current(self) -> State:
        return self.scenario.states[self.state]

    @property
    def finished(self) -> bool:
        return self.current.ending is not None

    @property
    def ending(self) -> Ending | None:
        eid = self.current.ending
        return self.scenario.endings[eid] if eid else None

    def names(self) -> dict[str, Any]:
        """The context of ``when``/``requires``: meters, flags (unset = false), turn, visited."""
        ctx: dict[str, Any] = dict.fromkeys(self.scenario.flags, False)
        ctx.update(self.flags)
        ctx.update(self.meters)
        ctx["turn"] = self.turn
        ctx["visited"] = self.visited  # live, not a copy: the sandbox allows no call that could change it
        return ctx

    def bound(self) -> Context:
        """:meth:`names` bound once for Jinja and kept up to date as the session moves
        (:meth:`values_changed`), so ``requires`` and ``when`` share one context."""
        if self._bound is None:
            self._bound = bind(self.names())
        return self._bound

    def values_changed(self, flags: bool = True) -> None:
        """Bring the bound context in step after a turn changed meters, turn and maybe flags."""
        if self._bound is not None:
            names = self._bound.parent
            if flags:
                names.update(self.flags)
            names.update(self.meters)
            names["turn"] = self.turn

    def offered(self) -> list[Choice]:
        """The current state's choices whose ``requires`` is true, in file order."""
        choices = self.current.choices
        if not any(c.requires for c in choices):
            return list(choices)
        names = self.bound()
        return [c for c in choices if c.requires is None or evaluate(c.requires.text, names)]

    def template_context(self, before: Mapping[str, int] | None = None, speaker: str | None = None) -> dict[str, Any]:
        """The context of feedback and debrief text."""
        chars = {cid: {"name": c.name, "role": c.role} for cid, c in self.scenario.characters.items()}
        who = speaker or self.current.speaker
        return {
            "speaker": chars.get(who, {"name": who, "role": ""}),
            "characters": chars,
            "meters": dict(self.meters),
            "before": dict(before if before is not None else self.meters),
            "flags": dict.fromkeys(self.scenario.flags, False) | self.flags,
            "turn": self.turn,
        }

    def debrief(self) -> str:
        ending = self.ending
        return render(ending.debrief.text, self.template_context()) if ending else ""

    def objectives(self) -> list[tuple[Objective, bool | None]]:
        """Each objective and whether it was met: checked ones (``met``) once the session has
        ended, None for plain-text objectives and for a session stopped before its end."""
        names = self.names() if self.finished else None
        return [(o, evaluate(o.met.text, names) if o.met and names is not None else None) for o in self.scenario.objectives]

    # -- playing -----------------------------------------------------------------

    def resolve(self, ref: str) -> Choice:
        """A choice id or 1-based number among the offered choices, or a clear refusal."""
        if self.finished:
            raise ChoiceRefused(f"the conversation has already ended ('{self.current.ending}'); '{ref}' cannot be played")
        offered = self.offered()
        ref = ref.strip()
        index = rules.pick(ref, offered)
        if index is not None:
            return offered[index]
        for c in offered:
            if c.id == ref:
                return c
        listing = ", ".join(f"{i}. {c.id}" for i, c in enumerate(offered, 1))
        if self.current.choice(ref) is not None:
            reason = f"choice '{ref}' is not offered in state '{self.state}' right now"
        elif rules.number(ref) is not None:
            reason = f"there is no choice number {ref} in state '{self.state}'"
        else:
            reason = f"state '{self.state}' has no choice '{ref}'"
        raise ChoiceRefused(f"{reason}; offered: {listing}")

    def play(self, ref: str, delivery: Delivery | None = None, response_time: float | None = None, patience: float = 1.0) -> Turn:
        """Play one turn and return it, judged; a delivery this moment does not offer is refused
        (:func:`simulator.rules.check_delivery`)."""
        choice = self.resolve(ref)
        said = rules.check_delivery(self.scenario, self.current, choice, delivery)
        return self._step(choice, said, response_time, patience)

    def replay_turn(self, ref: str, delivery: Delivery | None, response_time: float | None = None, patience: float = 1.0) -> Turn:
        """Play a turn that was played before (a record, or the debrief's what-if) without
        checking its delivery again: see :func:`simulator.rules.replay`."""
        choice = self.resolve(ref)
        return self._step(choice, delivery or Delivery(choice.tone, choice.nonverbal), response_time, patience)

    def _step(self, choice: Choice, said: Delivery, response_time: float | None, patience: float) -> Turn:
        state = self.current
        before = self._meters_kept if self._meters_kept is not None else dict(self.meters)
        flags_before = self._flags_kept if self._flags_kept is not None else dict(self.flags)
        visits_before = self.visits
        self._meters_kept = self._flags_kept = None  # until this turn has kept its own
        event = self.compiled.machine.events[choice.id]
        if not event.trigger(
            self, choice=choice, delivery=said, charge_before=before["charge"]
        ):  # pragma: no cover - the last branch has no guard
            raise ChoiceRefused(f"no branch of '{choice.id}' could be taken")
        context = bind(self.template_context(before, speaker=state.speaker))
        judgement = judge(
            self.scenario, state, choice, said, before["charge"], self.meters["charge"], context, response_time, patience
        )
        after = before if self.meters == before else dict(self.meters)
        self._meters_kept, self._flags_kept = after, None if choice.set_flags else flags_before
        turn = Turn(
            number=self.turn, state=state.id, choice=choice.id, say=choice.say, delivery=said, timing=choice.timing,
            meters_before=before, meters_after=after, flags_before=flags_before,
            visits_before=visits_before, next=self.state, judgement=judgement, response_time=response_time, patience=patience,
        )  # fmt: skip
        self.turns.append(turn)
        return turn

    def copy(self) -> Session:
        """An independent session at the same point (turns are immutable, so they are shared)."""
        other = Session(self.compiled)
        other.state, other.turn = self.state, self.turn
        other.meters, other.flags, other.visited, other.visits, other.turns = (
            dict(self.meters),
            dict(self.flags),
            set(self.visited),
            self.visits,
            list(self.turns),
        )
        return other

    def restore(self, t: Turn) -> Session:
        """Go back to just before ``t`` was played (dropping it and any later turn of this session)."""
        self.state = t.state
        self.meters = dict(t.meters_before)
        self.flags = dict(t.flags_before)
        self.visits = t.visits_before
        self.visited = set(t.visits_before.states())
        self._bound = self._meters_kept = self._flags_kept = None
        self.turn = t.number - 1
        self.turns = [x for x in self.turns if x.number < t.number]
        return self

    def rewind(self, count: int = 1) -> list[Turn]:
        """Take back the last ``count`` turns; returns them, last first (the caller keeps them for the record)."""
        undone = self.turns[::-1][: max(0, count)]
        if undone:
            self.restore(undone[-1])
        return undone


def replay(scenario: Scenario, choices: Sequence[str]) -> Session:
    """A session with these choices played, in order (for scripted runs and tests); each is
    an id or number, optionally ``@tone@cue+cue`` as ``--choices`` and explore's paths
    write it (:func:`simulator.rules.scripted`)."""
    session = compile_scenario(scenario).new_session()
    for ref in choices:
        choice, said = rules.scripted(session, ref)
        session.play(choice.id, said)
    return session


__all__ = ["CompiledScenario", "Session", "Turn", "Visit", "compile_scenario", "replay"]
