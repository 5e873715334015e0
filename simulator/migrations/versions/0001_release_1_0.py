"""The records schema as released up to commit adda831, before any version was kept.

A database written by that release has these tables and no ``alembic_version``;
:mod:`simulator.migrate` stamps it with this revision before upgrading it.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("scenario_path", sa.Text, nullable=False),
        sa.Column("scenario_sha256", sa.String(64), nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("ending_id", sa.String(200)),
        sa.Column("ending", sa.Text),
        sa.Column("scores", sa.Text),
    )
    op.create_table(
        "turns",
        sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("choice", sa.String(200), nullable=False),
        sa.Column("tone", sa.String(40), nullable=False),
        sa.Column("nonverbal", sa.Text, nullable=False),
        sa.Column("response_time", sa.Float),
        sa.Column("row", sa.Text, nullable=False),
        sa.Column("turn", sa.Text, nullable=False),
        sa.Column("rewound", sa.Boolean, nullable=False),
        sa.Column("played_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    raise RuntimeError("records are never migrated down: keep a copy of the database instead")
