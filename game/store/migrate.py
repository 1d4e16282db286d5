"""Run the Alembic migrations from code: `wargame db upgrade` and the bot's start both call here.

The script location is this package's absolute path, so migrations work from any working directory
and from an installed wheel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from game.store.db import make_engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
# pg_advisory_xact_lock key held while migrating ("warg"), so concurrent starts migrate once.
MIGRATION_LOCK_KEY = 0x77617267


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        # Passed as an attribute, not an ini option: a password may contain '%'.
        config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str | None = None, revision: str = "head") -> None:
    """Bring the schema at `database_url` (default: settings.DATABASE_URL) up to `revision`."""
    log.info("migrating database to %s", revision)
    command.upgrade(alembic_config(database_url), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database_url: str | Engine) -> str | None:
    engine = make_engine(database_url) if isinstance(database_url, str) else database_url
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        if isinstance(database_url, str):
            engine.dispose()


def check(engine: Engine) -> None:
    """Refuse to run on a database without the schema; warn when it is not at this code's head
    (during a rolling upgrade the database may be ahead of a replica that is about to stop)."""
    current, head = current_revision(engine), head_revision()
    if current is None:
        raise RuntimeError(f"{engine.url!r} has no schema: run `wargame db upgrade` first "
                           "(game.store.migrate.upgrade)")
    if current != head:
        log.warning("database schema is at %s, this code expects %s", current, head)


def is_current(database_url: str) -> bool:
    return current_revision(database_url) == head_revision()
