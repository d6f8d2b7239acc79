"""The server's Alembic environment (separate from the office application's); run through
``sync.server.migrate``, never with the ``alembic`` command."""
