"""Turns keep their facts with a version; real datetimes and JSON columns.

Each turn's two presentation blobs (the debrief row and the ``--json`` turn) become one
``facts`` document, ``{"v": 1, "row": ..., "turn": ...}`` for the turns already written
(the mapper in :mod:`simulator.records` reads either version); the reply-time patience
is kept so a replay judges as the turn was judged; timestamps become timezone-aware
datetimes (UTC) and JSON is stored as JSON.

Revision ID: 0002
Revises: 0001
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def upgrade() -> None:
    db = op.get_bind()
    with op.batch_alter_table("turns") as t:
        t.add_column(sa.Column("facts", sa.Text))
        t.add_column(sa.Column("patience", sa.Float))
        t.add_column(sa.Column("played", WHEN))
    old = sa.table(
        "turns", sa.column("session_id"), sa.column("seq"), sa.column("row"), sa.column("turn"), sa.column("played_at")
    )
    new = sa.table("turns", sa.column("session_id"), sa.column("seq"), sa.column("facts"), sa.column("played", WHEN))
    for sid, seq, row, turn, played in db.execute(
        sa.select(old.c.session_id, old.c.seq, old.c.row, old.c.turn, old.c.played_at)
    ).all():
        facts = json.dumps({"v": 1, "row": json.loads(row), "turn": json.loads(turn)})
        db.execute(new.update().where(new.c.session_id == sid, new.c.seq == seq).values(facts=facts, played=_when(played)))
    with op.batch_alter_table("turns") as t:
        t.drop_column("row")
        t.drop_column("turn")
        t.drop_column("played_at")
        t.alter_column("played", new_column_name="played_at", nullable=False, existing_type=WHEN)
        t.alter_column("facts", type_=sa.JSON, nullable=False, existing_type=sa.Text, postgresql_using="facts::json")
        t.alter_column("nonverbal", type_=sa.JSON, existing_type=sa.Text, postgresql_using="nonverbal::json")

    with op.batch_alter_table("sessions") as s:
        s.add_column(sa.Column("started", WHEN))
        s.add_column(sa.Column("finished", WHEN))
    old = sa.table("sessions", sa.column("id"), sa.column("started_at"), sa.column("finished_at"))
    new = sa.table("sessions", sa.column("id"), sa.column("started", WHEN), sa.column("finished", WHEN))
    for sid, started, finished in db.execute(sa.select(old.c.id, old.c.started_at, old.c.finished_at)).all():
        db.execute(new.update().where(new.c.id == sid).values(started=_when(started), finished=_when(finished)))
    with op.batch_alter_table("sessions") as s:
        s.drop_column("started_at")
        s.drop_column("finished_at")
        s.alter_column("started", new_column_name="started_at", nullable=False, existing_type=WHEN)
        s.alter_column("finished", new_column_name="finished_at", existing_type=WHEN)
        for column in ("facts", "ending", "scores"):
            s.alter_column(column, type_=sa.JSON, existing_type=sa.Text, postgresql_using=f"{column}::json")
    op.create_index("sessions_by_owner", "sessions", ["owner", "started_at"])


def downgrade() -> None:
    raise RuntimeError("records are never migrated down: keep a copy of the database instead")
