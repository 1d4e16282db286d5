"""Engines and transactions for the two backends DATABASE_URL may name.

SQLite (the default, one file next to the bot):
- `journal_mode=WAL`: readers never block the writer and the writer never blocks readers, and a
  killed process leaves the database consistent (the WAL is replayed or ignored on next open).
- `synchronous=FULL`: every commit is fsynced before `handle()` acknowledges a move. With NORMAL a
  committed move survives a killed process but may vanish on power loss; a move the bot has already
  announced in Discord must not vanish, and a game writes a few commits a minute, so the fsync is
  cheap. (`synchronous` may be overridden for throwaway databases.)
- `foreign_keys=ON`, and a 30 s busy timeout so a second process waits for the writer's lock.
- Write transactions start with `BEGIN IMMEDIATE`: the write lock is taken before the game row is
  read, so two processes cannot both read seq n and both try to append n+1 (a deferred BEGIN would
  fail with SQLITE_BUSY on upgrade instead). Reads use a plain deferred BEGIN.

PostgreSQL (`postgresql+psycopg://...`): the write path locks the game row with
`SELECT ... FOR UPDATE`, which serialises writers of one game across processes; the unique
`(game_id, seq)` key is the backstop.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

log = logging.getLogger(__name__)

SQLITE_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON")
SQLITE_BUSY_TIMEOUT = 30.0
_IMMEDIATE = "wargame_immediate"


def is_sqlite(url: str | sa.URL) -> bool:
    return sa.make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, synchronous: str = "FULL", echo: bool = False) -> Engine:
    """An Engine for `url`; SQLite gets its PRAGMAs and IMMEDIATE write transactions."""
    if is_sqlite(url):
        return _sqlite_engine(url, synchronous=synchronous, echo=echo)
    return sa.create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_engine(url: str, *, synchronous: str, echo: bool) -> Engine:
    if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"synchronous={synchronous!r}")
    engine = sa.create_engine(
        url, echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False},
    )  # fmt: skip

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, say when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (*SQLITE_PRAGMAS, f"synchronous={synchronous.upper()}"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions start with BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(**{_IMMEDIATE: True}) if is_sqlite(engine.url) else engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back if it raises.

    Pass `writer(engine)` (made once) for SQLite's IMMEDIATE transactions.
    """
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
