"""One writer per session, and the course leader's failed sign-ins.

A session being played in a terminal is leased to that process (``writer``, renewed
until ``lease_until``), so a second ``resume`` can tell it is live and two processes
never interleave turns. Failed leader sign-ins are counted in the database, so a lockout
holds across every worker of a class server.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as s:
        s.add_column(sa.Column("writer", sa.String(200)))
        s.add_column(sa.Column("lease_until", sa.DateTime(timezone=True)))
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    raise RuntimeError("records are never migrated down: keep a copy of the database instead")
