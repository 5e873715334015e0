"""Session records: every turn written as it is played, private to the user.

SQLAlchemy Core keeps one code path for SQLite (the zero-set-up default, in the user's
data folder) and PostgreSQL (a class server). On SQLite the file is created 0600 in a
0700 folder (SQLite gives its WAL and shared-memory files the database file's mode), the
journal is WAL, and each turn is its own transaction: a crash or kill loses at most the
turn in progress.

A record carries what its report needs without the scenario (what was said and shown,
feedback, the best alternative, the scenario's title and facts) plus the scenario's id,
path and SHA-256, so a report still renders after the scenario is edited and can say so.

Records outlive releases: the tables are changed only by migrations (:mod:`simulator.migrate`,
run on open), each turn keeps its facts with a version, and the rows a report shows are
built from them on reading by a mapper that accepts every version written so far
(:func:`turn_of`, :func:`row_of`). A terminal playing a session holds it (:meth:`Store.take`),
so two processes never interleave its turns.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from simulator import migrate
from simulator.debrief import Debrief, Row, ending_info, from_parts, row_for, scenario_facts
from simulator.engine import Session, Turn
from simulator.errors import IptSimError, RecordNotFound, SessionLive, StaleWrite, TakenOver
from simulator.rules import Recorded
from simulator.transcript import session_scores, turn_dict

metadata = sa.MetaData()


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware datetime, stored in UTC: SQLite keeps no zone, so one is put back on reading."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The schema at migrations' head (simulator/migrations/versions): change both together.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("scenario_id", sa.String(200), nullable=False),
    sa.Column("scenario_path", sa.Text, nullable=False),
    sa.Column("scenario_sha256", sa.String(64), nullable=False),
    sa.Column("facts", sa.JSON, nullable=False),  # title, perspective, meters, techniques...
    sa.Column("mode", sa.String(16), nullable=False),
    sa.Column("owner", sa.String(200), nullable=False, default=""),  # web users; "" for the terminal
    sa.Column("ending_id", sa.String(200)),
    sa.Column("ending", sa.JSON(none_as_null=True)),  # id, title, outcome, debrief text; None is SQL NULL, not JSON null
    sa.Column("scores", sa.JSON(none_as_null=True)),  # when finished
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("writer", sa.String(200)),  # the process playing it now (host:pid:token), see Store.take
    sa.Column("lease_until", UTCDateTime),
    sa.Column("checklist", sa.JSON(none_as_null=True)),  # item -> its last level in the active turns (see levels_of)
)

sign_in_failures = sa.Table(  # the course leader's wrong passwords, shared by every worker
    "sign_in_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False, index=True),
)

turns = sa.Table(
    "turns",
    metadata,
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),  # order of writing, rewound attempts included
    sa.Column("number", sa.Integer, nullable=False),  # the turn number in the conversation
    sa.Column("choice", sa.String(200), nullable=False),
    sa.Column("tone", sa.String(40), nullable=False),
    sa.Column("nonverbal", sa.JSON, nullable=False),  # list of cues
    sa.Column("response_time", sa.Float),
    sa.Column("rewound", sa.Boolean, nullable=False, default=False),
    sa.Column("patience", sa.Float),  # how far the late limit was stretched; None in turns older than schema 0002
    sa.Column("facts", sa.JSON, nullable=False),  # what happened, versioned: see turn_facts and the mapper below
    sa.Column("played_at", UTCDateTime, nullable=False),
)

FACTS_VERSION = 2
LEASE = timedelta(minutes=10)  # a writer on another machine counts as gone after this long without a turn


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ipt-sim"))


def private_folder(folder: Path) -> None:
    """Make ``folder`` (with its parents) readable by this user only, also when it already
    existed with wider rights (web review, finding 20): SQLite's journal files and anything
    else written there take the process's umask, so the folder is what keeps them private."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and folder.stat().st_mode & 0o077 and folder.stat().st_uid == os.getuid():
        os.chmod(folder, 0o700)


def sqlite_url(data_dir: Path | None) -> str:
    """Create the private folder and database file, and name it as an SQLAlchemy URL."""
    folder = data_dir or Path(os.environ.get("IPT_SIM_DATA_DIR") or default_data_dir())
    try:
        private_folder(folder)
        path = folder / "records.sqlite3"
        # Never open and close an existing database file here: closing any descriptor of a file
        # drops every POSIX lock this process holds on it, and SQLite's connections already open
        # on it (another Store in this process) would then miss other processes' writes.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))
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
    started_at: datetime
    finished_at: datetime | None
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
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "turns": len(self.turns),
            "ending": self.ending["id"] if self.ending else None,
            "ending_title": self.ending.get("title") if self.ending else None,
            "scores": self.scores,
        }


@dataclass(frozen=True, slots=True)
class Listed:
    """A session as the lists show it (My sessions, the briefing, the course leader's table),
    read without its turns."""

    id: str
    scenario_id: str
    title: str  # the scenario's title as recorded
    mode: str
    owner: str
    started_at: datetime
    finished_at: datetime | None
    ending_title: str | None  # None while unfinished
    scores: dict[str, int | None] | None
    replies: int  # active turns


@dataclass(frozen=True, slots=True)
class ScenarioScores:
    """One scenario's sessions, finished ones, and each score's mean over the finished
    (None where no finished session has that score), as the database averaged them."""

    scenario_id: str
    title: str  # as recorded in its oldest session
    sessions: int
    finished: int
    means: dict[str, float | None]


@dataclass(frozen=True, slots=True)
class ItemLevel:
    """How many sessions of a scenario ended with this level as an item's last verdict."""

    scenario_id: str
    title: str  # as recorded in the scenario's oldest session
    item: str
    level: str
    sessions: int


def _first_title() -> sa.ScalarSelect[Any]:
    """The title recorded by the oldest session of the outer query's scenario."""
    first = sessions.alias("first")
    return (
        sa.select(sa.func.coalesce(first.c.facts["title"].as_string(), first.c.scenario_id))
        .where(first.c.scenario_id == sessions.c.scenario_id)
        .order_by(first.c.started_at, first.c.id)
        .limit(1)
        .scalar_subquery()
    )


@functools.cache
def _listing_query(of_owner: bool, of_scenario: bool, unfinished: bool, paged: bool) -> sa.Select[Any]:
    """:meth:`Store.listing`'s statement for this shape, built once (its values are bound)."""
    page = sa.select(sessions.c.id, sessions.c.started_at)
    if of_owner:
        page = page.where(sessions.c.owner == sa.bindparam("owner"))
    if of_scenario:
        page = page.where(sessions.c.scenario_id == sa.bindparam("scenario"))
    if unfinished:
        page = page.where(sessions.c.finished_at.is_(None))
    newest = (sessions.c.started_at.desc(), sessions.c.id.desc())
    page = page.order_by(*newest)
    if paged:
        page = page.limit(sa.bindparam("limit", type_=sa.Integer)).offset(sa.bindparam("offset", type_=sa.Integer))
    chosen = page.subquery()  # the replies are counted for these only
    replies = sa.select(sa.func.count()).where(turns.c.session_id == sessions.c.id, turns.c.rewound.is_(False)).scalar_subquery()
    return sa.select(
        sessions.c.id, sessions.c.scenario_id, sessions.c.facts["title"].as_string().label("title"), sessions.c.mode,
        sessions.c.owner, sessions.c.started_at, sessions.c.finished_at,
        sessions.c.ending["title"].as_string().label("ending_title"), sessions.c.scores, replies.label("replies"),
    ).join_from(sessions, chosen, chosen.c.id == sessions.c.id).order_by(*newest)  # fmt: skip


# A session's turns as subqueries of a query on its row: all written, those taken back, the newest.
_MINE = turns.c.session_id == sessions.c.id
_WRITTEN = sa.select(sa.func.count()).where(_MINE).scalar_subquery()
_TAKEN_BACK = sa.select(sa.func.count()).where(_MINE, turns.c.rewound.is_(True)).scalar_subquery()
_NEWEST = sa.select(sa.func.max(turns.c.seq)).where(_MINE).scalar_subquery()


def _head_query(of_owner: bool) -> sa.Select[Any]:
    """The session's row, its step and its last written turn, in one query."""
    last = turns.alias("last")
    newest_turn = sa.and_(last.c.session_id == sessions.c.id, last.c.seq == _NEWEST)
    columns = (sessions.c.id, sessions.c.scenario_id, sessions.c.mode, sessions.c.owner, sessions.c.finished_at,
               _WRITTEN.label("total"), _TAKEN_BACK.label("rewound"),
               last.c.facts.label("last_facts"), last.c.rewound.label("last_rewound"))  # fmt: skip
    q = sa.select(*columns).select_from(sessions.outerjoin(last, newest_turn)).where(sessions.c.id == sa.bindparam("sid"))
    return q.where(sessions.c.owner == sa.bindparam("owner")) if of_owner else q


# Built once: building a statement costs more than running it on a small table.
_HEAD, _HEAD_OF_OWNER = _head_query(False), _head_query(True)


@dataclass(frozen=True, slots=True)
class Head:
    """What a conversation page needs of a record, in one query whatever its length: the
    session's row, its step, and its last written turn (``--json`` shape plus ``rewound``)."""

    id: str
    scenario_id: str
    mode: str
    owner: str
    finished: bool
    step: int
    last: dict[str, Any] | None


class Store:
    """The records database (SQLite by default, any SQLAlchemy URL otherwise)."""

    def __init__(self, url: str | None = None, data_dir: Path | None = None) -> None:
        self.url = url or sqlite_url(data_dir)
        try:
            # SQLite: wait up to 30 s for another process's write (a class server's first start) rather than 5
            sqlite = self.url.startswith("sqlite")
            self.engine = sa.create_engine(self.url, connect_args={"timeout": 30} if sqlite else {})
        except sa.exc.ArgumentError:
            raise IptSimError(
                "the database URL is not one SQLAlchemy understands (e.g. postgresql+psycopg://user@host/db)"
            ) from None
        except ModuleNotFoundError as err:
            raise IptSimError(f"the database driver '{err.name}' is not installed: pip install 'ipt-sim[postgres]'") from None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            migrate.upgrade(self.engine)
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
                            facts=scenario_facts(s), mode=mode, owner=owner, started_at=now(),
                        )
                    )  # fmt: skip
            except sa.exc.IntegrityError:
                continue
            return new
        if sid:
            return None
        raise IptSimError("could not find a free session id")  # pragma: no cover

    def add_turn(self, sid: str, session: Session, t: Turn, guard: Guard | None = None, writer: str | None = None) -> None:
        """Write a played turn, and the ending if it ended the session, in one transaction."""
        facts = turn_facts(session, t)
        with self.engine.begin() as db:
            seq = _check(db, sid, guard) if guard is not None else None
            if writer is not None:
                _hold(db, sid, writer)
            if seq is None:
                seq = db.execute(_NEXT_SEQ, {"g_sid": sid}).scalar_one()
            db.execute(
                turns.insert(),
                {"session_id": sid, "seq": seq, "number": t.number, "choice": t.choice, "tone": t.delivery.tone,
                 "nonverbal": list(t.delivery.nonverbal), "response_time": t.response_time, "patience": t.patience,
                 "facts": facts, "rewound": False, "played_at": now()},
            )  # fmt: skip
            if t.judgement.items:  # the cohort's item counts read this summary, never the turns
                db.execute(sessions.update().where(sessions.c.id == sid).values(checklist=levels_of(session)))
            if session.ending is not None:
                _finish(db, sid, session)

    def rewind(self, sid: str, count: int, guard: Guard | None = None, writer: str | None = None) -> None:
        """Mark the last ``count`` active turns as taken back (they stay in the record). A
        session that had ended is open again (coach mode's take-back at an ending:
        :func:`simulator.rules.may_take_back_ending`): its ending and scores are cleared. The
        checklist summary is made again from the turns that stay."""
        with self.engine.begin() as db:
            if guard is not None:
                _check(db, sid, guard)
            if writer is not None:
                _hold(db, sid, writer)
            active = db.execute(
                sa.select(turns.c.seq)
                .where(turns.c.session_id == sid, turns.c.rewound.is_(False))
                .order_by(turns.c.seq.desc())
                .limit(count)
            ).all()
            for (seq,) in active:
                db.execute(turns.update().where(turns.c.session_id == sid, turns.c.seq == seq).values(rewound=True))
            if active:
                db.execute(
                    sessions.update()
                    .where(sessions.c.id == sid, sessions.c.finished_at.is_not(None))
                    .values(finished_at=None, ending_id=None, ending=sa.null(), scores=sa.null())
                )
                kept = db.execute(
                    sa.select(turns.c.facts, turns.c.number)
                    .where(turns.c.session_id == sid, turns.c.rewound.is_(False))
                    .order_by(turns.c.seq)
                ).all()
                db.execute(sessions.update().where(sessions.c.id == sid).values(checklist=levels_in(kept)))

    def finish(self, sid: str, session: Session) -> None:
        """Record the ending (already done by ``add_turn`` when the last turn ended it)."""
        if session.ending is not None:
            with self.engine.begin() as db:
                _finish(db, sid, session)

    # -- one writer per session ------------------------------------------------------

    def take(self, sid: str, writer: str, take_over: bool = False) -> None:
        """Lease the session to ``writer`` (see :func:`writer_id`); refuses with
        :class:`SessionLive` when another writer still plays it, unless ``take_over``: the
        other then stops at its next turn (:class:`TakenOver`)."""
        with self.engine.begin() as db:
            locked = db.execute(sessions.update().where(sessions.c.id == sid).values(owner=sessions.c.owner))
            if locked.rowcount != 1:  # (a no-op update takes the row's lock; RETURNING would not be portable here)
                raise RecordNotFound(f"no recorded session '{sid}'; `ipt-sim sessions` lists them")
            other, until = db.execute(_HOLDER, {"g_sid": sid}).one()
            if other and other != writer and _alive(other, until) and not take_over:
                raise SessionLive(sid, _where(other))
            db.execute(sessions.update().where(sessions.c.id == sid).values(writer=writer, lease_until=now() + LEASE))

    def holder(self, sid: str) -> str | None:
        """The writer holding the session now, if any (see :meth:`take`)."""
        with self.engine.connect() as db:
            row = db.execute(sa.select(sessions.c.writer, sessions.c.lease_until).where(sessions.c.id == sid)).first()
        return row.writer if row is not None and row.writer and _alive(row.writer, row.lease_until) else None

    def release(self, sid: str, writer: str) -> None:
        """Give the lease back (a writer that was taken over has none to give)."""
        with self.engine.begin() as db:
            db.execute(
                sessions.update().where(sessions.c.id == sid, sessions.c.writer == writer).values(writer=None, lease_until=None)
            )

    # -- the course leader's sign-in ---------------------------------------------------

    def sign_in_failures(self, since: datetime) -> int:
        with self.engine.connect() as db:
            q = sa.select(sa.func.count()).select_from(sign_in_failures).where(sign_in_failures.c.at >= since)
            return int(db.execute(q).scalar_one())

    def sign_in_failed(self) -> None:
        with self.engine.begin() as db:
            db.execute(sign_in_failures.insert().values(at=now()))

    def sign_in_cleared(self) -> None:
        with self.engine.begin() as db:
            db.execute(sign_in_failures.delete())

    # -- reading -------------------------------------------------------------------

    def ids(self, owner: str | None = None) -> list[str]:
        q = sa.select(sessions.c.id).order_by(sessions.c.started_at, sessions.c.id)
        if owner is not None:
            q = q.where(sessions.c.owner == owner)
        with self.engine.connect() as db:
            return [r[0] for r in db.execute(q)]

    def all(self, owner: str | None = None) -> list[Record]:
        """Every session (of ``owner``), oldest first, in two queries whatever their number."""
        q = sa.select(sessions).order_by(sessions.c.started_at, sessions.c.id)
        t = sa.select(turns).order_by(turns.c.session_id, turns.c.seq)
        if owner is not None:
            q = q.where(sessions.c.owner == owner)
            t = t.where(turns.c.session_id.in_(sa.select(sessions.c.id).where(sessions.c.owner == owner)))
        with self.engine.connect() as db:
            rows = db.execute(q).mappings().all()
            by_session: dict[str, list[sa.RowMapping]] = {}
            for row in db.execute(t).mappings():
                by_session.setdefault(row["session_id"], []).append(row)
        return [_record(s, by_session.get(s["id"], [])) for s in rows]

    def listing(self, owner: str | None = None, scenario: str | None = None, unfinished: bool = False,
                limit: int | None = None, offset: int = 0) -> list[Listed]:  # fmt: skip
        """Sessions newest first (of ``owner``, of ``scenario``, only the unfinished), a page
        of them with ``limit`` and ``offset``: one query, no turn read."""
        q = _listing_query(owner is not None, scenario is not None, unfinished, limit is not None)
        with self.engine.connect() as db:
            rows = db.execute(q, {"owner": owner, "scenario": scenario, "limit": limit, "offset": offset}).all()
        return [Listed(**(r._asdict() | {"title": r.title or "", "replies": int(r.replies)})) for r in rows]

    def scores_by_scenario(self, keys: Sequence[str]) -> list[ScenarioScores]:
        """Per scenario, by scenario id: sessions, finished sessions and the mean of each of
        ``keys`` over the finished ones (a score a session lacks is left out), in one query."""
        finished = sessions.c.finished_at.is_not(None)
        means = [sa.func.avg(sa.case((finished, sessions.c.scores[k].as_float()))).label(f"m{i}") for i, k in enumerate(keys)]
        q = (
            sa.select(
                sessions.c.scenario_id,
                _first_title().label("title"),
                sa.func.count().label("sessions"),
                sa.func.count(sessions.c.finished_at).label("finished"),
                *means,
            )
            .group_by(sessions.c.scenario_id)
            .order_by(sessions.c.scenario_id)
        )
        with self.engine.connect() as db:
            rows = db.execute(q).all()
        return [
            ScenarioScores(
                r.scenario_id,
                r.title,
                int(r.sessions),
                int(r.finished),
                {k: None if r[4 + i] is None else float(r[4 + i]) for i, k in enumerate(keys)},
            )
            for r in rows
        ]

    def item_levels(self) -> list[ItemLevel]:
        """Per scenario and assessment item, how many sessions ended on each level (from each
        session's checklist summary, never its turns), in one query."""
        pairs = sa.func.json_each_text if self.engine.dialect.name == "postgresql" else sa.func.json_each
        each = pairs(sessions.c.checklist).table_valued("key", "value").alias("each")
        q = (
            sa.select(sessions.c.scenario_id, _first_title().label("title"), each.c.key, each.c.value, sa.func.count())
            .select_from(sessions)
            .join(each, sa.true())
            .where(sessions.c.checklist.is_not(None))
            .group_by(sessions.c.scenario_id, each.c.key, each.c.value)
        )
        with self.engine.connect() as db:
            rows = db.execute(q).all()
        return [ItemLevel(sid, title, item, level, int(n)) for sid, title, item, level, n in rows]

    def owners(self) -> dict[str, str]:
        """Each session's owner ("" for the terminal's)."""
        with self.engine.connect() as db:
            return {sid: who for sid, who in db.execute(sa.select(sessions.c.id, sessions.c.owner))}

    def get(self, sid: str, owner: str | None = None) -> Record:
        with self.engine.connect() as db:
            q = sa.select(sessions).where(sessions.c.id == sid)
            if owner is not None:
                q = q.where(sessions.c.owner == owner)
            s = db.execute(q).mappings().first()
            if s is None:
                raise RecordNotFound(f"no recorded session '{sid}'; `ipt-sim sessions` lists them")
            ts = db.execute(sa.select(turns).where(turns.c.session_id == sid).order_by(turns.c.seq)).mappings().all()
        return _record(s, ts)

    def head(self, sid: str, owner: str | None = None) -> Head:
        """The session's :class:`Head` (RecordNotFound for another owner's session)."""
        with self.engine.connect() as db:
            q = _HEAD_OF_OWNER if owner is not None else _HEAD
            s = db.execute(q, {"sid": sid, "owner": owner}).mappings().first()
        if s is None:
            raise RecordNotFound(f"no recorded session '{sid}'; `ipt-sim sessions` lists them")
        return Head(
            id=s["id"], scenario_id=s["scenario_id"], mode=s["mode"], owner=s["owner"], finished=s["finished_at"] is not None,
            step=int(s["total"]) + int(s["rewound"]),
            last=turn_of(s["last_facts"]) | {"rewound": bool(s["last_rewound"])} if s["last_facts"] is not None else None,
        )  # fmt: skip

    def choices(self, sid: str) -> list[Recorded]:
        """The active turns as played, to replay on resume (:func:`simulator.rules.replay`)."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(turns.c.choice, turns.c.tone, turns.c.nonverbal, turns.c.response_time, turns.c.patience)
                .where(turns.c.session_id == sid, turns.c.rewound.is_(False))
                .order_by(turns.c.seq)
            ).all()
        return [Recorded(c, t, tuple(n), rt, 1.0 if p is None else p) for c, t, n, rt, p in rows]


def levels_of(session: Session) -> dict[str, str]:
    """The session's checklist summary: each assessment item tagged in its turns, with the
    level of the last turn that tagged it (what :func:`simulator.assessment.checklist` judges by)."""
    return {i.item: i.level for t in session.turns for i in t.judgement.items}


def levels_in(facts: Sequence[tuple[dict[str, Any], int]]) -> dict[str, str] | None:
    """The checklist summary of recorded turns (their facts and numbers, in playing order);
    None when they tagged no item."""
    levels = {item: level for f, n in facts for item, level, _why in row_of(f, n).items}
    return levels or None


def _record(s: sa.RowMapping, ts: Sequence[sa.RowMapping]) -> Record:
    """A session's row and its turn rows (in writing order) as a :class:`Record`."""
    active = [t for t in ts if not t["rewound"]]
    attempts = tuple(turn_of(t["facts"]) | {"rewound": bool(t["rewound"]), "number": t["number"]} for t in ts)
    return Record(
        id=s["id"], scenario_id=s["scenario_id"], scenario_path=s["scenario_path"], scenario_sha256=s["scenario_sha256"],
        mode=s["mode"], started_at=s["started_at"], finished_at=s["finished_at"], ending=s["ending"], scores=s["scores"],
        facts=s["facts"], turns=tuple(turn_of(t["facts"]) for t in active),
        rows=tuple(row_of(t["facts"], t["number"]) for t in active), attempts=attempts, owner=s["owner"],
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Guard:
    """A write is for this owner's session at this step (see :attr:`Record.step`)."""

    owner: str
    step: int


_LOCK_SESSION = (
    sessions.update()
    .where(sessions.c.id == sa.bindparam("g_sid"), sessions.c.owner == sa.bindparam("g_owner"))
    .values(owner=sessions.c.owner)
)
_HOLDER = sa.select(sessions.c.writer, sessions.c.lease_until).where(sessions.c.id == sa.bindparam("g_sid"))
# What a guarded write checks, in one query: who holds the session, its step, and the newest turn's seq.
_WRITING = sa.select(sessions.c.writer, sessions.c.lease_until, _WRITTEN, _TAKEN_BACK, _NEWEST).where(
    sessions.c.id == sa.bindparam("g_sid")
)
_NEXT_SEQ = sa.select(sa.func.coalesce(sa.func.max(turns.c.seq), 0) + 1).where(turns.c.session_id == sa.bindparam("g_sid"))


def _check(db: sa.Connection, sid: str, guard: Guard) -> int:
    """Lock the session's row (a no-op UPDATE: the row lock on PostgreSQL, the write lock on
    SQLite), then refuse the write if a terminal is playing the session now, or if anything
    was written since the form was made; else the next turn's seq."""
    if db.execute(_LOCK_SESSION, {"g_sid": sid, "g_owner": guard.owner}).rowcount != 1:
        raise RecordNotFound(f"no recorded session '{sid}'")
    writer, until, total, rewound, newest = db.execute(_WRITING, {"g_sid": sid}).one()
    if writer and _alive(writer, until):  # a terminal resumed it: one writer at a time
        raise SessionLive(sid, _where(writer))
    if int(total) + int(rewound) != guard.step:
        raise StaleWrite(sid)
    return (newest or 0) + 1


def writer_id() -> str:
    """Who writes: this machine, this process and a random token (a second play in the same
    process is another writer)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _where(writer: str) -> str:
    host, _, rest = writer.partition(":")
    pid = rest.partition(":")[0]
    return f"process {pid} on this machine" if host == socket.gethostname() else f"a process on {host}"


def _alive(writer: str, until: datetime | None) -> bool:
    """Whether ``writer`` still plays: on this machine, while its process runs (a killed
    terminal frees the session at once); elsewhere, until its lease runs out."""
    host, _, rest = writer.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isascii() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return until is not None and until > now()


def _hold(db: sa.Connection, sid: str, writer: str) -> None:
    """Renew ``writer``'s lease in the writing transaction (locking the row), or refuse the
    write: another process took the session over."""
    held = db.execute(
        sessions.update().where(sessions.c.id == sid, sessions.c.writer == writer).values(lease_until=now() + LEASE)
    )
    if held.rowcount != 1:
        raise TakenOver(sid)


def _finish(db: sa.Connection, sid: str, session: Session) -> None:

    info = ending_info(session)
    assert info is not None
    db.execute(
        sessions.update()
        .where(sessions.c.id == sid)
        .values(finished_at=now(), ending_id=info["id"], ending=info, scores=session_scores(session))
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # durable across a process crash or kill
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def turn_facts(session: Session, t: Turn) -> dict[str, Any]:
    """What a turn's record keeps (version ``FACTS_VERSION``): the turn as played and judged,
    and what the report shows of its moment (who spoke, what they said and showed, the
    best alternative), so a report needs no scenario. Read back by :func:`turn_of` and :func:`row_of`."""

    row = row_for(session, t)
    return turn_dict(t) | {
        "v": FACTS_VERSION, "response_time": t.response_time, "patience": t.patience,
        "speaker": row.speaker, "they_said": row.they_said, "they_showed": row.they_showed,
        "technique": row.technique, "alternative": row.alternative,
        "called_for": None if row.called_for is None else list(row.called_for),
    }  # fmt: skip


_TURN_KEYS = ("state", "choice", "say", "tone", "nonverbal", "timing", "meters_before", "meters_after", "ratings",
              "feedback", "next", "assess", "problem")  # fmt: skip
_TYPED_KEYS = ("typed", "own_words")  # free mode: only on turns typed in the learner's own words


def turn_of(facts: dict[str, Any]) -> dict[str, Any]:
    """A recorded turn in the ``--json`` shape, whatever version wrote it."""
    if facts.get("v") == 1:  # written before schema 0002: the shape was stored as it was
        return dict(facts["turn"])
    return ({k: facts.get(k) for k in _TURN_KEYS} | {"assess": facts.get("assess", []), "nonverbal": facts.get("nonverbal", [])}
            | {k: facts[k] for k in _TYPED_KEYS if k in facts})  # fmt: skip


_ROW_FIELDS = frozenset(Row.__dataclass_fields__)


def row_of(facts: dict[str, Any], number: int) -> Row:
    """A recorded turn's debrief row, whatever version wrote it: keys a newer release added
    take their defaults (rows written before format 1.1 have no practice, items or
    problem), unknown keys are ignored."""
    if facts.get("v") == 1:
        d = facts["row"]
    else:
        ratings = dict(facts.get("ratings") or {})
        feedback = dict(facts.get("feedback") or {})
        d = facts | {
            "number": number, "you_said": facts.get("say", ""), "cues": facts.get("nonverbal", []),
            "charge_before": (facts.get("meters_before") or {}).get("charge", 0),
            "charge_after": (facts.get("meters_after") or {}).get("charge", 0),
            "practice": ratings.pop("practice", None), "practice_feedback": feedback.pop("practice", ""),
            "ratings": ratings, "feedback": feedback,
            "items": [(i["item"], i["level"], i.get("why") or "") for i in facts.get("assess", [])],
        }  # fmt: skip
    known = {k: v for k, v in d.items() if k in _ROW_FIELDS}
    return Row(**(known | {"cues": tuple(d["cues"]), "items": tuple(tuple(i) for i in d.get("items", ())),
                           "called_for": None if d.get("called_for") is None else tuple(d["called_for"]),
                           "own_words": tuple(o["note"] if isinstance(o, dict) else o for o in d.get("own_words", ()))}))  # fmt: skip


def debrief_of(record: Record, current_sha256: str | None) -> Debrief:
    """A record's debrief, from the record alone; notes when the scenario has changed."""

    changed = current_sha256 is not None and current_sha256 != record.scenario_sha256
    return from_parts(record.facts, record.rows, record.ending, scenario_changed=changed, session_id=record.id,
                      started_at=record.started_at.isoformat(), mode=record.mode)  # fmt: skip


class Recorder:
    """The play loop's recorder: a session row on the first turn, then one row per turn."""

    def __init__(self, store: Store, mode: str, owner: str = "", session_id: str | None = None, take_over: bool = False) -> None:
        self.store = store
        self.mode = mode
        self.owner = owner
        self.session_id = session_id
        self.writer = writer_id()
        self.take_over = take_over
        self.held = False

    def begin(self, session: Session) -> str:
        """The session's id (a new record on the first call) and its lease, taken once."""
        if self.session_id is None:
            sid = self.store.start(session, self.mode, self.owner)
            assert sid is not None  # only a chosen id can already exist
            self.session_id = sid
        if not self.held:
            self.store.take(self.session_id, self.writer, self.take_over)
            self.held = True
        return self.session_id

    def turn(self, session: Session, turn: Turn) -> None:
        self.store.add_turn(self.begin(session), session, turn, writer=self.writer)

    def rewound(self, session: Session, undone: Sequence[Turn]) -> None:
        self.store.rewind(self.begin(session), len(undone), writer=self.writer)

    def finish(self, session: Session) -> None:
        self.store.finish(self.begin(session), session)

    def close(self) -> None:
        if self.held and self.session_id is not None:
            self.store.release(self.session_id, self.writer)
        self.store.close()
