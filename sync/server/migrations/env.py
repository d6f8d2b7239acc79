"""Alembic environment: runs on the connection handed over by ``sync.server.migrate``."""

from __future__ import annotations

from alembic import context

from sync.server.db import ServerBase

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("server migrations run only through sync.server.migrate")

context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
