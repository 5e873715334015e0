"""A web session, rebuilt from the records and changed only under a guard.

The records database is the truth. A request reads the session's head (its row, step and
last turn: two queries) and takes the engine session at that step from this process's
:class:`Rebuilt` cache, or replays its active turns when the step is not there (first
sight, or written by another process); so any process behind a load balancer can serve
any request, and a turn's cost does not grow with the session's length.

Every change is a compare-and-set on the session's *step* (turns written plus turns
taken back, which only ever grows), done by :class:`simulator.records.Store` under a
:class:`~simulator.records.Guard`: the writing transaction locks the session's row,
re-counts the step, and writes only if it is still the one the form was made for. So a
double-submitted or replayed form, even two arriving at once in two processes, changes
the record once and is refused after.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from simulator import rules
from simulator.engine import Session, Turn, compile_scenario
from simulator.errors import StaleWrite
from simulator.records import Guard, Head, Store
from simulator.web.catalogue import Catalogue


class Gone(Exception):
    """The session's scenario is no longer offered, or no longer plays the same way."""


Moved = StaleWrite  # the session has changed since the form was made (a double submit or a replay)


@dataclass(frozen=True, slots=True)
class Live:
    """A recorded session, rebuilt: the record's head, the engine session at its current turn, its step."""

    record: Head
    session: Session
    step: int

    @property
    def last_was_rewind(self) -> bool:
        return self.record.last is not None and bool(self.record.last["rewound"])


class Rebuilt:
    """Sessions already rebuilt by this process, by (session id, step): the records stay the
    truth (a step written by another process is simply a miss), but a turn no longer replays
    the whole session twice, so its cost stays flat as the session grows."""

    SIZE = 512

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, int], tuple[str, Session]] = OrderedDict()

    def get(self, sid: str, step: int, sha256: str) -> Session | None:
        with self._lock:
            hit = self._items.get((sid, step))
            if hit is None or hit[0] != sha256:
                return None
            self._items.move_to_end((sid, step))
            return hit[1].copy()  # the caller may play on it

    def put(self, sid: str, step: int, session: Session) -> None:
        with self._lock:
            self._items[(sid, step)] = (session.scenario.sha256, session.copy())
            while len(self._items) > self.SIZE:
                self._items.popitem(last=False)


REBUILT = Rebuilt()


def open_session(store: Store, catalogue: Catalogue, sid: str, owner: str | None) -> Live:
    """The session ``sid`` of ``owner`` (any owner when None), at where it is."""
    head = store.head(sid, owner)  # RecordNotFound for another owner's session too
    scenario = catalogue.get(head.scenario_id)
    if scenario is None:
        raise Gone(f"the scenario '{head.scenario_id}' of this session is no longer offered here")
    session = REBUILT.get(sid, head.step, scenario.sha256)
    if session is None:
        try:
            session = rules.replay(compile_scenario(scenario).new_session(), store.choices(sid))
        except rules.ScenarioChanged as err:
            raise Gone(f"the scenario has changed since this session was played ({err.message})") from None
        REBUILT.put(sid, head.step, session)
    return Live(head, session, head.step)


def start(store: Store, session: Session, mode: str, owner: str, sid: str) -> bool:
    """Create the session's record under a given id; False when that id exists (a double submit)."""
    return store.start(session, mode, owner, sid) is not None


def play(store: Store, sid: str, owner: str, step: int, session: Session, turn: Turn) -> None:
    """Write a just-played turn (and the ending, if it ended the session), if still at ``step``."""
    store.add_turn(sid, session, turn, Guard(owner, step))
    REBUILT.put(sid, step + 1, session)


def rewind(store: Store, sid: str, owner: str, step: int, session: Session | None = None) -> None:
    """Mark the last active turn as taken back (it stays in the record), if still at ``step``."""
    store.rewind(sid, 1, Guard(owner, step))
    if session is not None:
        session.rewind(1)
        REBUILT.put(sid, step + 1, session)


def owners(store: Store) -> dict[str, str]:
    """Each session's owner, for the course leader's view (one query, not every record again)."""
    return store.owners()
