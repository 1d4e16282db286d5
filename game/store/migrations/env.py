"""Alembic environment: the sqlmodel metadata and the DATABASE_URL the caller chose.

`game.store.migrate.upgrade(url)` passes the URL in the config; the `alembic` command line falls
back to the settings (DATABASE_URL). Migrations run in one transaction that first takes a lock, so
two processes starting at once (two bot replicas, a restart racing a CLI) migrate exactly once:
SQLite's `BEGIN IMMEDIATE` (see game.store.db) and a PostgreSQL advisory lock.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

from game.store import models  # noqa: F401  (registers the tables on the metadata)
from game.store.db import make_engine, writer
from game.store.migrate import MIGRATION_LOCK_KEY

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if url:
        return str(url)
    from game.settings import get_settings

    return get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(_url())
    try:
        with writer(engine).connect() as connection:
            # SQLite's DDL is transactional too: one transaction covers the version check and
            # every step, so a killed or concurrent start never leaves half a schema.
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=connection.dialect.name == "sqlite",
                              transactional_ddl=True)
            with context.begin_transaction():
                if connection.dialect.name == "postgresql":
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"),
                                       {"k": MIGRATION_LOCK_KEY})
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
