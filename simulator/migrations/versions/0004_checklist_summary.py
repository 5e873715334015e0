"""Each session keeps a summary of its assessment checklist, so the course leader's item
counts are added up by the database, without reading any turn.

``sessions.checklist`` maps each assessment item tagged in the session's active turns to
the level of the last turn that tagged it (``{"risk_recheck": "omitted", ...}``, NULL when
none was tagged); the app writes it with each turn and makes it again on a rewind. Here it
is filled for the sessions already recorded, from their turns' facts (version 1 facts, from
before schema 0002, keep them in their debrief row). An unfinished session's ``ending`` and ``scores`` are
made SQL NULL: a rewind used to write JSON ``null`` there, which SQL counts as a value.
Two indexes: by start (the leader's pages, newest first, read only the rows they show) and
by scenario and start (each scenario's oldest recorded title, found at once).

Revision ID: 0004
Revises: 0003
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _levels(facts: Any) -> list[tuple[str, str]]:
    """The (item, level) tags of one turn's facts, whatever version wrote them."""
    if not isinstance(facts, dict):
        return []
    if facts.get("v") == 1:  # the debrief row as it was stored: items as [item, level, why]
        return [(i[0], i[1]) for i in (facts.get("row") or {}).get("items") or []]
    return [(a["item"], a["level"]) for a in facts.get("assess") or []]


def upgrade() -> None:
    db = op.get_bind()
    with op.batch_alter_table("sessions") as s:
        s.add_column(sa.Column("checklist", sa.JSON(none_as_null=True)))
    op.create_index("sessions_by_scenario", "sessions", ["scenario_id", "started_at"])
    op.create_index("sessions_by_start", "sessions", ["started_at", "id"])
    sessions = sa.table(
        "sessions",
        sa.column("id"),
        sa.column("finished_at"),
        sa.column("ending_id"),
        sa.column("ending", sa.JSON(none_as_null=True)),
        sa.column("scores", sa.JSON(none_as_null=True)),
        sa.column("checklist", sa.JSON(none_as_null=True)),
    )
    turns = sa.table(
        "turns", sa.column("session_id"), sa.column("seq"), sa.column("rewound", sa.Boolean), sa.column("facts", sa.JSON)
    )
    db.execute(
        sessions.update().where(sessions.c.finished_at.is_(None)).values(ending_id=None, ending=sa.null(), scores=sa.null())
    )
    levels: dict[str, dict[str, str]] = {}
    active = (
        sa.select(turns.c.session_id, turns.c.facts).where(turns.c.rewound.is_(False)).order_by(turns.c.session_id, turns.c.seq)
    )
    for sid, facts in db.execute(active):
        for item, level in _levels(facts):
            levels.setdefault(sid, {})[item] = level
    for sid, summary in levels.items():
        db.execute(sessions.update().where(sessions.c.id == sid).values(checklist=summary))


def downgrade() -> None:
    raise RuntimeError("records are never migrated down: keep a copy of the database instead")
