"""What every part of the service shares: the database engine, the state cache, locks and the clock."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Row
from sqlalchemy.engine import Engine
from sqlmodel import Session

from game.engine import GameState
from game.service import loading
from game.settings import get_settings
from game.store import codec, migrate
from game.store.db import is_sqlite, make_engine, read_session, writer
from game.store.models import GameRow
from game.store.writes import GameRecord, WriteTx, write_tx

log = logging.getLogger(__name__)


class ServiceBase:
    """Owns one SQLAlchemy engine (a pool) for the process; thread-safe.

    `auto_migrate` defaults to True for SQLite (the one-file set-up needs no prestart step) and
    False for PostgreSQL, whose schema the deployment's prestart step (`wargame db upgrade`)
    migrates once for all replicas.
    """

    def __init__(
        self,
        database_url: str | None = None,
        *,
        clock: Callable[[], float] = time.time,
        auto_migrate: bool | None = None,
        cache_size: int | None = None,
        synchronous: str = "FULL",
        engine: Engine | None = None,
    ) -> None:
        self.database_url = database_url or (
            engine.url.render_as_string(hide_password=False) if engine else get_settings().database_url
        )
        self.clock = clock
        migrating = auto_migrate if auto_migrate is not None else is_sqlite(self.database_url)
        if migrating:
            migrate.upgrade(self.database_url)
        self.engine = engine or make_engine(self.database_url, synchronous=synchronous)
        if not migrating:
            migrate.check(self.engine)
        self._owns_engine = engine is None
        codec.warm()  # the event codecs built now, not inside the first moves
        self._writer = writer(self.engine)
        self._cache = loading.StateCache(cache_size)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._aio: Any = None

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, t: type[BaseException] | None, v: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _read(self) -> AbstractContextManager[Session]:
        return read_session(self.engine)

    def _write(self) -> AbstractContextManager[WriteTx]:
        return write_tx(self._writer)

    def _state_at(self, session: Session, row: GameRow | GameRecord | Row[Any]) -> GameState:
        """The state at the row's seq, from the cache or the store (and kept in the cache)."""
        cached = self._cache.get(row.id)
        state = loading.load_state(session, game_id=row.id, seq=row.seq, cached=cached)
        if state is not cached:
            self._cache.put(state)
        return state

    def _state_in(self, tx: WriteTx, row: GameRecord) -> GameState:
        """`_state_at` inside a write transaction: a Session is made only when the cache misses."""
        cached = self._cache.get(row.id)
        if cached is not None and cached.seq == row.seq:
            return cached
        return self._state_at(tx.session, row)

    @property
    def cached_games(self) -> int:
        return len(self._cache)

    def forget_cached(self, game_id: str) -> None:
        """Drop the game's state from the in-memory cache: its next read is built from the store.
        For a change made to the stored rows outside `handle` (e.g. `forget_user` rewriting a
        player's id), so that no state read before it is served again."""
        self._cache.drop(game_id)
