"""Alembic migrations of the records database (see :mod:`simulator.migrate`)."""
