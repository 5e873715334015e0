"""Alembic's entry point: migrations always run on the connection :mod:`simulator.migrate`
hands over (under its lock), never from an ``alembic.ini``."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)  # batch: SQLite rebuilds tables to alter them
with context.begin_transaction():
    context.run_migrations()
