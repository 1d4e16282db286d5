"""One write transaction of the service, its statements run on the driver's own cursor.

A move makes five or six small statements (the games row, the command id, the events, the games
row again, the command record, now and then a snapshot). Through an ORM Session and SQLAlchemy's
execution machinery each cost 70-150 µs of Python, together about three times the engine's own
work for a single order. Here each statement is SQLAlchemy Core, compiled once per dialect to the
driver's SQL (`DriverSQL`) and run on the DBAPI cursor of the transaction's connection: the same
SQL in the same transaction, a few microseconds each. The transaction itself is SQLAlchemy's
(`Engine.begin()`: the pool, SQLite's `BEGIN IMMEDIATE`, commit or rollback), and driver errors
are raised as SQLAlchemy's own exceptions (IntegrityError, OperationalError), so that the
service's retry policy sees what it would have seen from `Connection.execute`.

The rare parts of a write (a new game's ORM row, the seats table, a state rebuilt from the log)
use an ORM Session joined to the same connection, made on first use (`WriteTx.session`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from game.engine import Event
from game.store.codec import encode_event_json
from game.store.models import CommandRow, EventRow, GameRow, SnapshotRow
from game.store.repo import StoredEvent

_GAMES = GameRow.__table__  # type: ignore[attr-defined]
_COMMANDS = CommandRow.__table__  # type: ignore[attr-defined]
_SNAPSHOTS = SnapshotRow.__table__  # type: ignore[attr-defined]
_EVENTS = EventRow.__table__  # type: ignore[attr-defined]

EVENT_COLUMNS = ("game_id", "seq", "type", "visibility", "payload", "command_id", "created_at")
COMMAND_COLUMNS = tuple(c.name for c in _COMMANDS.columns)
SNAPSHOT_COLUMNS = tuple(c.name for c in _SNAPSHOTS.columns)


class GameRecord(NamedTuple):
    """What a move needs of its games row: where the log stands and what it may change."""

    id: str
    seq: int
    deadline: float | None
    ended_at: float | None


class CommandOutcome(NamedTuple):
    """What a repeated command id needs of its first outcome (not its JSON columns)."""

    id: str
    game_id: str
    accepted: bool
    code: str | None
    detail: str | None
    first_seq: int | None
    last_seq: int | None


_GAME_BY_ID = (sa.select(*(_GAMES.c[n] for n in GameRecord._fields))
               .where(_GAMES.c.id == sa.bindparam("game_id")))
_GAME_BY_ID_LOCKED = _GAME_BY_ID.with_for_update()
_COMMAND_BY_ID = (sa.select(*(_COMMANDS.c[n] for n in CommandOutcome._fields))
                  .where(_COMMANDS.c.id == sa.bindparam("command_id")))
_INSERT_EVENTS = sa.insert(_EVENTS)
_INSERT_COMMAND = sa.insert(_COMMANDS)
_INSERT_SNAPSHOT = sa.insert(_SNAPSHOTS)


@dataclass(frozen=True, slots=True)
class DriverSQL:
    """A statement as its driver takes it: the SQL text and the order of its positional
    parameters (None when the driver takes them by name, as psycopg does)."""

    sql: str
    names: tuple[str, ...] | None

    def params(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        return values if self.names is None else tuple(values[n] for n in self.names)


@functools.cache
def driver_sql(stmt: sa.Executable, dialect: sa.Dialect,
               columns: tuple[str, ...] | None = None) -> DriverSQL:
    """`stmt` compiled for `dialect` once (an INSERT for `columns`)."""
    keys = list(columns) if columns is not None else None
    compiled = stmt.compile(dialect=dialect, column_keys=keys)  # type: ignore[attr-defined]
    positions = compiled.positiontup
    return DriverSQL(str(compiled), tuple(positions) if compiled.positional and positions else None)


@functools.cache
def _update_by_id(table: sa.Table, key: str, columns: tuple[str, ...]) -> sa.Update:
    """`UPDATE table SET c = :set_c, ... WHERE key = :where_id`, one statement per set of columns."""
    return (sa.update(table).where(table.c[key] == sa.bindparam("where_id"))
            .values({c: sa.bindparam(f"set_{c}") for c in columns}))


class WriteTx:
    """The statements of one write transaction (see the module's docstring); made by `write_tx`."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        self._dbapi_error: type[Exception] = conn.dialect.loaded_dbapi.Error
        self._cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """An ORM Session in this transaction, for the rare writes that need one."""
        if self._session is None:
            self._session = Session(bind=self.conn, expire_on_commit=False)
        return self._session

    def _run(self, stmt: sa.Executable, values: dict[str, Any],
             columns: tuple[str, ...] | None = None, *, many: Sequence[dict[str, Any]] = ()) -> Any:
        sql = driver_sql(stmt, self.dialect, columns)
        try:
            if many:
                self._cursor.executemany(sql.sql, [sql.params(v) for v in many])
            else:
                self._cursor.execute(sql.sql, sql.params(values))
        except self._dbapi_error as exc:
            raise sa.exc.DBAPIError.instance(
                sql.sql, values or list(many), exc, self._dbapi_error,
                dialect=self.dialect) from exc
        return self._cursor

    # Games ---------------------------------------------------------------------------------------

    def game(self, *, game_id: str, lock: bool = False) -> GameRecord | None:
        """The game's row; `lock` takes its row lock (FOR UPDATE) on PostgreSQL, where writers
        of one game queue on it (SQLite's BEGIN IMMEDIATE already holds the file's write lock)."""
        stmt = _GAME_BY_ID_LOCKED if lock and self.dialect.name == "postgresql" else _GAME_BY_ID
        found = self._run(stmt, {"game_id": game_id}).fetchone()
        return None if found is None else GameRecord(*found)

    def update_game(self, *, game_id: str, values: dict[str, Any]) -> None:
        stmt = _update_by_id(_GAMES, "id", tuple(values))
        self._run(stmt, {"where_id": game_id, **{f"set_{k}": v for k, v in values.items()}})

    # Events --------------------------------------------------------------------------------------

    def append_events(self, *, game_id: str, first_seq: int, events: Sequence[Event],
                      command_id: str | None, now: float) -> list[StoredEvent]:
        """Insert `events` as seq first_seq, first_seq+1, ...; a taken seq raises IntegrityError.
        The JSON goes as text (what the columns' JSON type would write); PostgreSQL casts it to
        JSONB itself."""
        if not events:
            return []
        rows = []
        for i, event in enumerate(events):
            visibility, payload = encode_event_json(event)
            rows.append({"game_id": game_id, "seq": first_seq + i, "type": event.type,
                         "visibility": visibility, "payload": payload,
                         "command_id": command_id, "created_at": now})
        self._run(_INSERT_EVENTS, {}, EVENT_COLUMNS, many=rows)
        return [StoredEvent(game_id, first_seq + i, e, command_id, now) for i, e in enumerate(events)]

    # Commands (dedupe) ---------------------------------------------------------------------------

    def command(self, *, command_id: str) -> CommandOutcome | None:
        """What came of a command id seen before, or None."""
        found = self._run(_COMMAND_BY_ID, {"command_id": command_id}).fetchone()
        return None if found is None else CommandOutcome(*found)

    def insert_command(self, *, values: dict[str, Any]) -> None:
        """Record a command id; a second writer of the same id gets IntegrityError here."""
        row = {**values, "actor": json.dumps(values["actor"]),
               "command": json.dumps(values["command"])}
        self._run(_INSERT_COMMAND, row, COMMAND_COLUMNS)

    # Snapshots -----------------------------------------------------------------------------------

    def save_snapshot(self, *, values: dict[str, Any]) -> None:
        """Replace the game's snapshot, `values` by column (writers of one game hold its lock, so
        update-else-insert is safe on both backends)."""
        stmt = _update_by_id(_SNAPSHOTS, "game_id", SNAPSHOT_COLUMNS)
        updated = self._run(stmt, {"where_id": values["game_id"],
                                   **{f"set_{k}": values[k] for k in SNAPSHOT_COLUMNS}})
        if not updated.rowcount:
            self._run(_INSERT_SNAPSHOT, values, SNAPSHOT_COLUMNS)

    def finish(self) -> None:
        """Flush the session's ORM writes, if any, into the transaction before it commits."""
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
        self._cursor.close()


@contextmanager
def write_tx(engine: Engine) -> Iterator[WriteTx]:
    """One write transaction: committed when the block ends, rolled back if it raises.

    Pass `db.writer(engine)` (made once) for SQLite's IMMEDIATE transactions."""
    with engine.begin() as conn:
        tx = WriteTx(conn)
        try:
            yield tx
            tx.finish()
        finally:
            tx.close()
