"""The server's schema under Alembic (``sync/server/migrations``): ``trama-server migrate``, and
the start of ``serve`` (once, before the workers start).

- An empty database gets every revision from the baseline.
- A database made by the first release (``create_all``, no ``alembic_version``) holds exactly
  the baseline's tables: it is stamped with the baseline, then upgraded.
- A database stamped with a revision this code does not know was upgraded by a newer release:
  it is refused (``DatabaseTooNewError``) and left untouched.

The whole upgrade is one transaction under the writers' lock (``BEGIN IMMEDIATE`` on SQLite,
the advisory lock on PostgreSQL, both with transactional DDL): a second ``migrate`` waits and
then finds nothing to do, and a failed one leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.engine import make_url

from sync.server.db import ServerDB, lock_writers

# Every server schema revision ever released, oldest first (tests compare it with the scripts).
SERVER_REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_record_quarantine",
    "0003_audit_row",
)
BASELINE_REVISION = SERVER_REVISIONS[0]
HEAD_REVISION = SERVER_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The tables of the first release: all of them, and no alembic_version, is that release's schema.
BASELINE_TABLES = frozenset(
    {"server_site", "device", "enrollment_code", "record", "record_grant", "push_batch",
     "revision_counter"}
)  # fmt: skip


class SchemaError(Exception):
    """The database cannot be brought to this code's schema (Italian message)."""


class DatabaseTooNewError(SchemaError):
    pass


@dataclass(frozen=True)
class Migration:
    before: str | None  # the revision found; None for an empty database
    after: str
    baseline_recognised: bool  # made by the first release, stamped before upgrading

    @property
    def changed(self) -> bool:
        return self.before != self.after


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a message must not fail on an odd URL
        return "(indirizzo non leggibile)"


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: ServerDB) -> Migration:
    """Bring the database to ``HEAD_REVISION``; raises ``SchemaError`` and changes nothing if it
    cannot."""
    with db.engine.begin() as connection:
        lock_writers(connection, is_sqlite=db.is_sqlite)
        before = current_revision(connection)
        if before == HEAD_REVISION:
            return Migration(before, HEAD_REVISION, baseline_recognised=False)
        if before is not None and before not in SERVER_REVISIONS:
            raise DatabaseTooNewError(
                f"Il database {shown(db.url)} è stato aggiornato da una versione più recente di "
                f"trama-server (schema {before}; questa versione conosce fino a {HEAD_REVISION}). "
                "Installare la versione più recente: il database non è stato modificato."
            )
        baseline = False
        if before is None:
            present = BASELINE_TABLES & set(inspect(connection).get_table_names())
            if present == BASELINE_TABLES:
                baseline = True
            elif present:
                raise SchemaError(
                    f"Il database {shown(db.url)} contiene solo alcune tabelle di trama-server "
                    f"({', '.join(sorted(present))}) e nessuna versione dello schema: non è "
                    "stato modificato. Ripristinare un backup o usare un database vuoto."
                )
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        if baseline:
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")
        return Migration(before, HEAD_REVISION, baseline_recognised=baseline)
