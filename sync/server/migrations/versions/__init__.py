"""The server's schema revisions, oldest first (``sync.server.migrate.SERVER_REVISIONS``)."""
