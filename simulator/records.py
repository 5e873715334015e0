"""Session records: every turn written as it is played, private to the user.

SQLAlchemy Core keeps one code path for SQLite (the zero-set-up default, in the user's
data folder) and PostgreSQL (a class server). On SQLite the file is created 0600 in a
0700 folder (SQLite gives its WAL and shared-memory files the database file's mode), the
journal is WAL, and each turn is its own transaction: a crash or kill loses at most the
turn in progress.

A record carries what its report needs without the scenario (what was said and shown,
feedback, the best alternative, the scenario's title and facts) plus the scenario's id,
path and SHA-256, so a report still renders after the scenario is edited and can say so.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from simulator.debrief import Debrief, Row, row_for, scenario_facts
from simulator.engine import Session, Turn
from simulator.errors import IptSimError, RecordNotFound, StaleWrite
from simulator.rules import Recorded

metadata = sa.MetaData()

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("scenario_id", sa.String(200), nullable=False),
    sa.Column("scenario_path", sa.Text, nullable=False),
    sa.Column("scenario_sha256", sa.String(64), nullable=False),
    sa.Column("facts", sa.Text, nullable=False),  # JSON: title, perspective, meters, techniques...
    sa.Column("mode", sa.String(16), nullable=False),
    sa.Column("owner", sa.String(200), nullable=False, default=""),  # web users; "" for the terminal
    sa.Column("started_at", sa.String(32), nullable=False),
    sa.Column("finished_at", sa.String(32)),
    sa.Column("ending_id", sa.String(200)),
    sa.Column("ending", sa.Text),  # JSON: id, title, outcome, debrief text
    sa.Column("scores", sa.Text),  # JSON, when finished
)

turns = sa.Table(
    "turns",
    metadata,
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),  # order of writing, rewound attempts included
    sa.Column("number", sa.Integer, nullable=False),  # the turn number in the conversation
    sa.Column("choice", sa.String(200), nullable=False),
    sa.Column("tone", sa.String(40), nullable=False),
    sa.Column("nonverbal", sa.Text, nullable=False),  # JSON list
    sa.Column("response_time", sa.Float),
    sa.Column("row", sa.Text, nullable=False),  # JSON: the debrief row, for reports
    sa.Column("turn", sa.Text, nullable=False),  # JSON: the --json turn shape
    sa.Column("rewound", sa.Boolean, nullable=False, default=False),
    sa.Column("played_at", sa.String(32), nullable=False),
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ipt-sim"))


def sqlite_url(data_dir: Path | None) -> str:
    """Create the private folder and database file, and name it as an SQLAlchemy URL."""
    folder = data_dir or Path(os.environ.get("IPT_SIM_DATA_DIR") or default_data_dir())
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / "records.sqlite3"
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except OSError as err:
        raise IptSimError(f"cannot keep records in {folder}: {err.strerror}; use --no-record or --data-dir") from None
    return f"sqlite:///{path}"


@dataclass(frozen=True, slots=True)
class Record:
    """A stored session, as listed and reported."""

    id: str
    scenario_id: str
    scenario_path: str
    scenario_sha256: str
    mode: str
    started_at: str
    finished_at: str | None
    ending: dict[str, Any] | None
    scores: dict[str, int] | None
    facts: dict[str, Any]
    turns: tuple[dict[str, Any], ...]  # active turns' --json shape
    rows: tuple[Row, ...]  # active turns' debrief rows
    attempts: tuple[dict[str, Any], ...]  # every written turn, rewound ones included
    owner: str = ""  # the web user (a random id); "" for the terminal

    @property
    def step(self) -> int:
        """Turns written plus turns taken back: grows with every change, so it guards writes."""
        return len(self.attempts) + sum(1 for a in self.attempts if a["rewound"])

    def listing(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scenario": self.scenario_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "turns": len(self.turns),
            "ending": self.ending["id"] if self.ending else None,
            "scores": self.scores,
        }


class Store:
    """The records database (SQLite by default, any SQLAlchemy URL otherwise)."""

    def __init__(self, url: str | None = None, data_dir: Path | None = None) -> None:
        self.url = url or sqlite_url(data_dir)
        try:
            self.engine = sa.create_engine(self.url)
        except sa.exc.ArgumentError:
            raise IptSimError(
                "the database URL is not one SQLAlchemy understands (e.g. postgresql+psycopg://user@host/db)"
            ) from None
        except ModuleNotFoundError as err:
            raise IptSimError(f"the database driver '{err.name}' is not installed: pip install 'ipt-sim[postgres]'") from None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            metadata.create_all(self.engine)
        except sa.exc.SQLAlchemyError as err:
            raise IptSimError(f"cannot open the records database: {err.__class__.__name__}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------

    def start(self, session: Session, mode: str, owner: str = "", sid: str | None = None) -> str | None:
        """Create a session's record; with ``sid`` given, None when that id exists already
        (a double-submitted start), otherwise a fresh random id."""
        s = session.scenario
        for _ in range(1 if sid else 10):
            new = sid or secrets.token_hex(4)
            try:
                with self.engine.begin() as db:
                    db.execute(
                        sessions.insert().values(
                            id=new, scenario_id=s.id, scenario_path=s.path, scenario_sha256=s.sha256,
                            facts=json.dumps(scenario_facts(s)), mode=mode, owner=owner, started_at=now(),
                        )
                    )  # fmt: skip
            except sa.exc.IntegrityError:
                continue
            return new
        if sid:
            return None
        raise IptSimError("could not find a free session id")  # pragma: no cover

    def add_turn(self, sid: str, session: Session, t: Turn, guard: Guard | None = None) -> None:
        """Write a played turn, and the ending if it ended the session, in one transaction."""
        from simulator.transcript import turn_dict

        row = row_for(session, t)
        with self.engine.begin() as db:
            if guard is not None:
                _check(db, sid, guard)
            seq = db.execute(
                sa.select(sa.func.coalesce(sa.func.max(turns.c.seq), 0)).where(turns.c.session_id == sid)
            ).scalar_one()
            db.execute(
                turns.insert().values(
                    session_id=sid, seq=seq + 1, number=t.number, choice=t.choice, tone=t.delivery.tone,
                    nonverbal=json.dumps(list(t.delivery.nonverbal)), response_time=t.response_time,
                    row=json.dumps(_row_dict(row)), turn=json.dumps(turn_dict(t)), rewound=False, played_at=now(),
                )
            )  # fmt: skip
            if session.ending is not None:
                _finish(db, sid, session)

    def rewind(self, sid: str, count: int, guard: Guard | None = None) -> None:
        """Mark the last ``count`` active turns as taken back (they stay in the record)."""
        with self.engine.begin() as db:
            if guard is not None:
                _check(db, sid, guard)
            active = db.execute(
                sa.select(turns.c.seq)
                .where(turns.c.session_id == sid, turns.c.rewound.is_(False))
                .order_by(turns.c.seq.desc())
                .limit(count)
            ).all()
            for (seq,) in active:
                db.execute(turns.update().where(turns.c.session_id == sid, turns.c.seq == seq).values(rewound=True))

    def finish(self, sid: str, session: Session) -> None:
        """Record the ending (already done by ``add_turn`` when the last turn ended it)."""
        if session.ending is not None:
            with self.engine.begin() as db:
                _finish(db, sid, session)

    # -- reading -------------------------------------------------------------------

    def ids(self, owner: str | None = None) -> list[str]:
        q = sa.select(sessions.c.id).order_by(sessions.c.started_at, sessions.c.id)
        if owner is not None:
            q = q.where(sessions.c.owner == owner)
        with self.engine.connect() as db:
            return [r[0] for r in db.execute(q)]

    def all(self, owner: str | None = None) -> list[Record]:
        return [self.get(i) for i in self.ids(owner)]

    def get(self, sid: str, owner: str | None = None) -> Record:
        with self.engine.connect() as db:
            q = sa.select(sessions).where(sessions.c.id == sid)
            if owner is not None:
                q = q.where(sessions.c.owner == owner)
            s = db.execute(q).mappings().first()
            if s is None:
                raise RecordNotFound(f"no recorded session '{sid}'; `ipt-sim sessions` lists them")
            ts = db.execute(sa.select(turns).where(turns.c.session_id == sid).order_by(turns.c.seq)).mappings().all()
        active = [t for t in ts if not t["rewound"]]
        attempts = tuple(json.loads(t["turn"]) | {"rewound": bool(t["rewound"]), "number": t["number"]} for t in ts)
        return Record(
            id=s["id"], scenario_id=s["scenario_id"], scenario_path=s["scenario_path"], scenario_sha256=s["scenario_sha256"],
            mode=s["mode"], started_at=s["started_at"], finished_at=s["finished_at"],
            ending=json.loads(s["ending"]) if s["ending"] else None, scores=json.loads(s["scores"]) if s["scores"] else None,
            facts=json.loads(s["facts"]), turns=tuple(json.loads(t["turn"]) for t in active),
            rows=tuple(_row_from(json.loads(t["row"])) for t in active), attempts=attempts, owner=s["owner"],
        )  # fmt: skip

    def choices(self, sid: str) -> list[Recorded]:
        """The active turns as played, to replay on resume (:func:`simulator.rules.replay`)."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(turns.c.choice, turns.c.tone, turns.c.nonverbal, turns.c.response_time)
                .where(turns.c.session_id == sid, turns.c.rewound.is_(False))
                .order_by(turns.c.seq)
            ).all()
        return [Recorded(c, t, tuple(json.loads(n)), rt) for c, t, n, rt in rows]


@dataclass(frozen=True, slots=True)
class Guard:
    """A write is for this owner's session at this step (see :attr:`Record.step`)."""

    owner: str
    step: int


def _check(db: sa.Connection, sid: str, guard: Guard) -> None:
    """Lock the session's row (a no-op UPDATE: the row lock on PostgreSQL, the write lock on
    SQLite), then refuse the write if anything was written since the form was made."""
    locked = db.execute(
        sessions.update().where(sessions.c.id == sid, sessions.c.owner == guard.owner).values(owner=sessions.c.owner)
    )
    if locked.rowcount != 1:
        raise RecordNotFound(f"no recorded session '{sid}'")
    total, rewound = db.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(sa.case((turns.c.rewound, 1), else_=0)), 0)).where(
            turns.c.session_id == sid
        )
    ).one()
    if int(total) + int(rewound) != guard.step:
        raise StaleWrite(sid)


def _finish(db: sa.Connection, sid: str, session: Session) -> None:
    from simulator.debrief import ending_info
    from simulator.transcript import session_scores

    info = ending_info(session)
    assert info is not None
    db.execute(
        sessions.update()
        .where(sessions.c.id == sid)
        .values(finished_at=now(), ending_id=info["id"], ending=json.dumps(info), scores=json.dumps(session_scores(session)))
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # durable across a process crash or kill
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _row_dict(r: Row) -> dict[str, Any]:
    return {
        "number": r.number, "speaker": r.speaker, "they_said": r.they_said, "they_showed": r.they_showed,
        "you_said": r.you_said, "tone": r.tone, "cues": list(r.cues), "timing": r.timing,
        "charge_before": r.charge_before, "charge_after": r.charge_after, "ratings": dict(r.ratings),
        "feedback": dict(r.feedback), "technique": r.technique, "alternative": r.alternative,
        "meters_after": dict(r.meters_after), "practice": r.practice, "practice_feedback": r.practice_feedback,
        "items": [list(i) for i in r.items], "problem": r.problem, "called_for": None if r.called_for is None else list(r.called_for),
    }  # fmt: skip


_ROW_FIELDS = frozenset(Row.__dataclass_fields__)


def _row_from(d: dict[str, Any]) -> Row:
    """A stored row, tolerant of its age: keys a newer release added take their defaults
    (rows written before format 1.1 have no practice, items or problem), unknown keys are
    ignored."""
    known = {k: v for k, v in d.items() if k in _ROW_FIELDS}
    return Row(**(known | {"cues": tuple(d["cues"]), "items": tuple(tuple(i) for i in d.get("items", ())),
                           "called_for": None if d.get("called_for") is None else tuple(d["called_for"])}))  # fmt: skip


def debrief_of(record: Record, current_sha256: str | None) -> Debrief:
    """A record's debrief, from the record alone; notes when the scenario has changed."""
    from simulator.debrief import from_parts

    changed = current_sha256 is not None and current_sha256 != record.scenario_sha256
    return from_parts(record.facts, record.rows, record.ending, scenario_changed=changed, session_id=record.id,
                      started_at=record.started_at, mode=record.mode)  # fmt: skip


class Recorder:
    """The play loop's recorder: a session row on the first turn, then one row per turn."""

    def __init__(self, store: Store, mode: str, owner: str = "", session_id: str | None = None) -> None:
        self.store = store
        self.mode = mode
        self.owner = owner
        self.session_id = session_id

    def begin(self, session: Session) -> str:
        if self.session_id is None:
            sid = self.store.start(session, self.mode, self.owner)
            assert sid is not None  # only a chosen id can already exist
            self.session_id = sid
        return self.session_id

    def turn(self, session: Session, turn: Turn) -> None:
        self.store.add_turn(self.begin(session), session, turn)

    def rewound(self, session: Session, undone: Sequence[Turn]) -> None:
        self.store.rewind(self.begin(session), len(undone))

    def finish(self, session: Session) -> None:
        self.store.finish(self.begin(session), session)

    def close(self) -> None:
        self.store.close()
