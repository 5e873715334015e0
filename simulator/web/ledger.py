"""A web session, rebuilt from the records on every request and changed only under a guard.

The records database is the truth: no app process keeps a session in memory. A request
reads the session's record and replays its active turns through the engine
(microseconds a turn), so any process behind a load balancer can serve any request.

Every change is a compare-and-set on the session's *step* (turns written plus turns
taken back, which only ever grows), done by :class:`simulator.records.Store` under a
:class:`~simulator.records.Guard`: the writing transaction locks the session's row,
re-counts the step, and writes only if it is still the one the form was made for. So a
double-submitted or replayed form, even two arriving at once in two processes, changes
the record once and is refused after.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator import rules
from simulator.engine import Session, Turn, compile_scenario
from simulator.errors import StaleWrite
from simulator.records import Guard, Record, Store
from simulator.web.catalogue import Catalogue


class Gone(Exception):
    """The session's scenario is no longer offered, or no longer plays the same way."""


Moved = StaleWrite  # the session has changed since the form was made (a double submit or a replay)


@dataclass(frozen=True, slots=True)
class Live:
    """A recorded session, rebuilt: the record, the engine session at its current turn, its step."""

    record: Record
    session: Session
    step: int

    @property
    def last_was_rewind(self) -> bool:
        return bool(self.record.attempts) and bool(self.record.attempts[-1]["rewound"])


def open_session(store: Store, catalogue: Catalogue, sid: str, owner: str | None) -> Live:
    """The session ``sid`` of ``owner`` (any owner when None), replayed to where it is."""
    record = store.get(sid, owner)  # RecordNotFound for another owner's session too
    scenario = catalogue.get(record.scenario_id)
    if scenario is None:
        raise Gone(f"the scenario '{record.scenario_id}' of this session is no longer offered here")
    try:
        session = rules.replay(compile_scenario(scenario).new_session(), store.choices(sid))
    except rules.ScenarioChanged as err:
        raise Gone(f"the scenario has changed since this session was played ({err.message})") from None
    return Live(record, session, record.step)


def start(store: Store, session: Session, mode: str, owner: str, sid: str) -> bool:
    """Create the session's record under a given id; False when that id exists (a double submit)."""
    return store.start(session, mode, owner, sid) is not None


def play(store: Store, sid: str, owner: str, step: int, session: Session, turn: Turn) -> None:
    """Write a just-played turn (and the ending, if it ended the session), if still at ``step``."""
    store.add_turn(sid, session, turn, Guard(owner, step))


def rewind(store: Store, sid: str, owner: str, step: int) -> None:
    """Mark the last active turn as taken back (it stays in the record), if still at ``step``."""
    store.rewind(sid, 1, Guard(owner, step))


def owners(store: Store) -> dict[str, str]:
    """Each session's owner, for the course leader's view."""
    return {r.id: r.owner for r in store.all()}
