"""A web session, rebuilt from the records on every request and changed only under a guard.

The records database is the truth: no app process keeps a session in memory. A request
reads the session's record and replays its active turns through the engine
(microseconds a turn), so any process behind a load balancer can serve any request.

Every change is a compare-and-set on the session's *step* (turns written plus turns
taken back, which only ever grows): the writing transaction first locks the session's
row (a no-op ``UPDATE``, which takes the row lock on PostgreSQL and the write lock on
SQLite), re-counts the step, and writes only if it is still the one the form was made
for. So a double-submitted or replayed form, even two arriving at once in two
processes, changes the record once and is refused after. The rows written are the ones
:class:`simulator.records.Store` writes and reads (its tables, its row shapes).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import sqlalchemy as sa

from simulator.debrief import row_for, scenario_facts
from simulator.engine import Session, Turn, compile_scenario
from simulator.errors import IptSimError, RecordNotFound
from simulator.judge import Delivery, score
from simulator.records import Record, Store, now, sessions, turns
from simulator.transcript import turn_dict
from simulator.web.catalogue import Catalogue


class Gone(Exception):
    """The session's scenario is no longer offered, or no longer plays the same way."""


class Moved(Exception):
    """The session has changed since the form was made (a double submit or a replay)."""


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
    session = compile_scenario(scenario).new_session()
    try:
        for choice, tone, cues, rt in store.choices(sid):
            session.play(choice, Delivery(tone, cues), response_time=rt)
    except IptSimError as err:
        raise Gone(f"the scenario has changed since this session was played ({err.message})") from None
    step = len(record.attempts) + sum(1 for a in record.attempts if a["rewound"])
    return Live(record, session, step)


def start(store: Store, session: Session, mode: str, owner: str, sid: str) -> bool:
    """Create the session's record under a given id; False when that id exists (a double submit)."""
    s = session.scenario
    try:
        with store.engine.begin() as db:
            db.execute(
                sessions.insert().values(
                    id=sid, scenario_id=s.id, scenario_path=s.path, scenario_sha256=s.sha256,
                    facts=json.dumps(scenario_facts(s)), mode=mode, owner=owner, started_at=now(),
                )
            )  # fmt: skip
    except sa.exc.IntegrityError:
        return False
    return True


def _guard(db: sa.Connection, sid: str, owner: str, step: int) -> None:
    """Lock the session's row, then check nothing was written since the form was made."""
    locked = db.execute(sessions.update().where(sessions.c.id == sid, sessions.c.owner == owner).values(owner=sessions.c.owner))
    if locked.rowcount != 1:
        raise RecordNotFound(f"no recorded session '{sid}'")
    total, rewound = db.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(sa.case((turns.c.rewound, 1), else_=0)), 0)).where(
            turns.c.session_id == sid
        )
    ).one()
    if int(total) + int(rewound) != step:
        raise Moved(sid)


def play(store: Store, sid: str, owner: str, step: int, session: Session, turn: Turn) -> None:
    """Write a just-played turn (and the ending, if it ended the session), if still at ``step``."""
    row = json.dumps(dataclasses.asdict(row_for(session, turn)))
    with store.engine.begin() as db:
        _guard(db, sid, owner, step)
        seq = db.execute(sa.select(sa.func.coalesce(sa.func.max(turns.c.seq), 0)).where(turns.c.session_id == sid)).scalar_one()
        db.execute(
            turns.insert().values(
                session_id=sid, seq=seq + 1, number=turn.number, choice=turn.choice, tone=turn.delivery.tone,
                nonverbal=json.dumps(list(turn.delivery.nonverbal)), response_time=turn.response_time,
                row=row, turn=json.dumps(turn_dict(turn)), rewound=False, played_at=now(),
            )
        )  # fmt: skip
        ending = session.ending
        if ending is not None:
            info = {"id": ending.id, "title": ending.title, "outcome": ending.outcome, "debrief": session.debrief()}
            scores = score([t.judgement.ratings for t in session.turns])
            db.execute(
                sessions.update()
                .where(sessions.c.id == sid)
                .values(finished_at=now(), ending_id=ending.id, ending=json.dumps(info), scores=json.dumps(scores))
            )


def rewind(store: Store, sid: str, owner: str, step: int) -> None:
    """Mark the last active turn as taken back (it stays in the record), if still at ``step``."""
    with store.engine.begin() as db:
        _guard(db, sid, owner, step)
        last = db.execute(
            sa.select(sa.func.max(turns.c.seq)).where(turns.c.session_id == sid, turns.c.rewound.is_(False))
        ).scalar_one()
        if last is not None:
            db.execute(turns.update().where(turns.c.session_id == sid, turns.c.seq == last).values(rewound=True))


def owners(store: Store) -> dict[str, str]:
    """Each session's owner (the records' ``Record`` leaves it out), for the course leader's view."""
    with store.engine.connect() as db:
        return {sid: owner for sid, owner in db.execute(sa.select(sessions.c.id, sessions.c.owner))}
