"""Bring a records database to this release's schema when it is opened (Alembic).

Records outlive releases: a learner's data folder, or a class server's PostgreSQL
database, is opened by every later version. Each change to the tables is an Alembic
migration in ``simulator/migrations/versions``; opening a store runs the ones the
database has not had, under a lock (a file lock beside an SQLite file, an advisory lock
on PostgreSQL), so several workers starting at once on an empty folder or database do
not race. A database written by a newer release is refused, never altered: this release
cannot know what the newer schema means.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from simulator.errors import IptSimError

HEAD = "0004"  # the newest revision in migrations/versions (checked by the tests)
BASELINE = "0001"  # the schema of the releases that kept no version (up to commit adda831)
KNOWN = ("0001", "0002", "0003", "0004")
LOCK_KEY = 0x1E7_51A  # PostgreSQL advisory lock: "ipt-sim migrating"


class NewerDatabase(IptSimError):
    """The records were written by a newer release."""


def upgrade(engine: sa.Engine) -> None:
    """Run the migrations this database has not had; refuse one newer than this release."""
    with _lock(engine):
        with engine.connect() as db:
            if _revision(db) == HEAD:  # the common case: nothing to do, and Alembic stays unloaded
                return
        _migrate(engine)


def _migrate(engine: sa.Engine) -> None:
    with engine.connect() as db:
        sqlite = db.dialect.name == "sqlite"
        if sqlite:  # SQLite alters a table by copying it, which foreign keys would refuse mid-way
            db.exec_driver_sql("PRAGMA foreign_keys=OFF")
            db.commit()
        try:
            with db.begin():
                _upgrade(db)
        finally:
            if sqlite:
                db.exec_driver_sql("PRAGMA foreign_keys=ON")
                db.commit()


def _upgrade(db: sa.Connection) -> None:
    if db.dialect.name == "postgresql":
        db.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
    current = _revision(db)
    if current == HEAD:
        return  # another process migrated while this one waited
    if current is not None and current not in KNOWN:
        raise NewerDatabase(
            f"the records database was written by a newer release of ipt-sim (schema {current}; this release knows "
            f"up to {HEAD}); it is left as it is: upgrade ipt-sim (pip install -U ipt-sim) to open it"
        )
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = db
    if current is None and sa.inspect(db).has_table("sessions"):
        command.stamp(cfg, BASELINE)  # written by a release that kept no version
    command.upgrade(cfg, HEAD)


def _revision(db: sa.Connection) -> str | None:
    if not sa.inspect(db).has_table("alembic_version"):
        return None
    return db.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


@contextlib.contextmanager
def _lock(engine: sa.Engine) -> Iterator[None]:
    """An exclusive lock on a file beside an SQLite database (PostgreSQL locks in the transaction)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    fd = os.open(f"{path}.migrating", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
