"""A web session, rebuilt from the records and changed only under a guard.

The records database is the truth. A page reads the session's head (its row, step and
last turn: one query) and takes the engine session at that step from this process's
:class:`Rebuilt` cache, or replays its active turns when the step is not there (first
sight, or written by another process); so any process behind a load balancer can serve
any request, and a turn's cost does not grow with the session's length. A form's POST
(:func:`open_to_write`) need not read the head at all when the cache holds the form's
step: the step names one state of the record for good, and the write checks it again.

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
    """Sessions already rebuilt by this process, by (session id, step), with the record's
    head at that step once a page has read it: the records stay the truth (a step written
    by another process is simply a miss), but a turn no longer replays the whole session
    twice, so its cost stays flat as the session grows. A step only ever grows, and every
    write (a turn or a taking back) makes a new one, so what is kept for a step never goes
    out of date; only the scenario's file can change under it (its SHA-256 is checked)."""

    SIZE = 512

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, int], tuple[str, Session, Head | None]] = OrderedDict()

    def get(self, sid: str, step: int, sha256: str) -> tuple[Session, Head | None] | None:
        """A copy of the session kept at this step (the caller may play on it), and its head if known."""
        with self._lock:
            hit = self._items.get((sid, step))
            if hit is None or hit[0] != sha256:
                return None
            self._items.move_to_end((sid, step))
            return hit[1].copy(), hit[2]

    def head(self, sid: str, step: int) -> Head | None:
        with self._lock:
            hit = self._items.get((sid, step))
            return hit[2] if hit is not None else None

    def put(self, sid: str, step: int, session: Session, head: Head | None = None) -> None:
        with self._lock:
            self._items[(sid, step)] = (session.scenario.sha256, session.copy(), head)
            while len(self._items) > self.SIZE:
                self._items.popitem(last=False)


REBUILT = Rebuilt()


def open_session(store: Store, catalogue: Catalogue, sid: str, owner: str | None) -> Live:
    """The session ``sid`` of ``owner`` (any owner when None), at where it is."""
    head = store.head(sid, owner)  # RecordNotFound for another owner's session too
    return Live(head, session_at(store, catalogue, sid, head.scenario_id, head.step, head), head.step)


def session_at(store: Store, catalogue: Catalogue, sid: str, scenario_id: str, step: int, head: Head | None = None) -> Session:
    """The engine session of ``sid`` at ``step`` (read from the records by the caller), from
    this process's cache or replayed; ``head``, when the caller read it, is kept with it."""
    scenario = catalogue.get(scenario_id)
    if scenario is None:
        raise Gone(f"the scenario '{scenario_id}' of this session is no longer offered here")
    kept = REBUILT.get(sid, step, scenario.sha256)
    if kept is not None:
        if kept[1] is None and head is not None:
            REBUILT.put(sid, step, kept[0], head)
        return kept[0]
    try:
        session = rules.replay(compile_scenario(scenario).new_session(), store.choices(sid))
    except rules.ScenarioChanged as err:
        raise Gone(f"the scenario has changed since this session was played ({err.message})") from None
    REBUILT.put(sid, step, session, head)
    return session


def open_to_write(store: Store, catalogue: Catalogue, sid: str, owner: str, step: int) -> Live:
    """The session ``sid`` of ``owner`` for a form made at ``step``: from this process's cache
    when it holds that step with its head, else as :func:`open_session` reads it. Taking it
    from the cache skips no check: the write is refused under its :class:`Guard` if the
    records have moved on from ``step`` or the session is not ``owner``'s."""
    head = REBUILT.head(sid, step)
    if head is not None and head.owner == owner:
        scenario = catalogue.get(head.scenario_id)
        kept = REBUILT.get(sid, step, scenario.sha256) if scenario is not None else None
        if kept is not None:
            return Live(head, kept[0], step)
    return open_session(store, catalogue, sid, owner)


def start(store: Store, session: Session, mode: str, owner: str, sid: str) -> bool:
    """Create the session's record under a given id; False when that id exists (a double submit)."""
    if store.start(session, mode, owner, sid) is None:
        return False
    REBUILT.put(sid, 0, session)  # its first page need not replay an empty record
    return True


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
