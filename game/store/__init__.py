"""Persistence: the event log and its projections in SQLite or PostgreSQL (see docs/persistence.md).

    engine = make_engine(url)       # game.store.db: PRAGMAs, BEGIN IMMEDIATE on SQLite
    upgrade(url)                    # game.store.migrate: Alembic to head
    repo.load_events(session, ...)  # game.store.repo: small keyword-only queries
    with write_tx(writer(engine)) as tx:  # game.store.writes: a move's statements
        tx.append_events(...)
"""

from game.store.db import is_sqlite, make_engine, read_session, write_session, writer
from game.store.migrate import upgrade
from game.store.repo import StoredEvent

__all__ = ["StoredEvent", "is_sqlite", "make_engine", "read_session", "upgrade", "write_session",
           "writer"]
