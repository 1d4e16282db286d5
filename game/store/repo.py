"""Small keyword-only repository functions: every query the service makes, and nothing else.

They take an open Session and never commit: the caller's transaction decides what is atomic. The
write path of a move (`update_game`, `append_events`, `get_command`,
`insert_command`, `save_snapshot`) runs SQL expressions on the tables through the session's
connection rather than ORM objects: the same statements in the same transaction, without the ORM's
bookkeeping, which cost more than the SQL itself.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from game.engine import Event
from game.store.codec import decode_event, encode_event
from game.store.models import CommandRow, EventRow, GameRow, SeatRow, SnapshotRow

_E = EventRow.__table__.c  # type: ignore[attr-defined]
_GAMES = GameRow.__table__  # type: ignore[attr-defined]
_COMMANDS = CommandRow.__table__  # type: ignore[attr-defined]
_SNAPSHOTS = SnapshotRow.__table__  # type: ignore[attr-defined]
_EVENTS = EventRow.__table__  # type: ignore[attr-defined]
_INSERT_EVENTS = sa.insert(_EVENTS)
_INSERT_COMMAND = sa.insert(_COMMANDS)
_INSERT_SNAPSHOT = sa.insert(_SNAPSHOTS)
_COMMAND_BY_ID = sa.select(_COMMANDS).where(_COMMANDS.c.id == sa.bindparam("command_id"))


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the log holds it: its place (`seq`), who caused it, and when it was written."""

    game_id: str
    seq: int
    event: Event
    command_id: str | None = None
    created_at: float | None = None

    @property
    def type(self) -> str:
        return self.event.type

    @property
    def visibility(self) -> Any:
        return self.event.visibility


# Games -------------------------------------------------------------------------------------------


_GAME_BY_ID = sa.select(_GAMES).where(_GAMES.c.id == sa.bindparam("game_id"))
_GAME_BY_ID_LOCKED = _GAME_BY_ID.with_for_update()


def get_game(session: Session, *, game_id: str, lock: bool = False) -> Any | None:
    """The game row (a Row with GameRow's columns, read through the session's connection: every
    command and every state read makes this query, and the ORM's identity map is not needed for a
    row nobody writes back); `lock` takes its row lock (FOR UPDATE) on PostgreSQL for the write
    path."""
    conn = session.connection()
    stmt = _GAME_BY_ID_LOCKED if lock and conn.dialect.name == "postgresql" else _GAME_BY_ID
    return conn.execute(stmt, {"game_id": game_id}).first()


def update_game(session: Session, *, game_id: str, values: dict[str, Any]) -> None:
    """Set columns of the game's row (an UPDATE statement: a GameRow loaded in the session is
    left as it was read, and is never written back)."""
    stmt = _update_by_id(_GAMES, "id", tuple(values))
    session.connection().execute(stmt, {"where_id": game_id, **{f"set_{k}": v for k, v in values.items()}})


@functools.cache
def _update_by_id(table: sa.Table, key: str, columns: tuple[str, ...]) -> sa.Update:
    """`UPDATE table SET c = :set_c, ... WHERE key = :where_id`, built once per set of columns.

    The statements of a move are made once and reused with new parameters: building a statement
    per call (and having SQLAlchemy work out its cache key) cost more than running it."""
    return (sa.update(table).where(table.c[key] == sa.bindparam("where_id"))
            .values({c: sa.bindparam(f"set_{c}") for c in columns}))


def live_game_for_channel(session: Session, *, channel_id: str) -> GameRow | None:
    stmt = select(GameRow).where(GameRow.channel_id == channel_id, GameRow.phase != "ended")
    return session.exec(stmt).first()


def games_for_guild(session: Session, *, guild_id: str, live_only: bool = True) -> list[GameRow]:
    stmt = select(GameRow).where(GameRow.guild_id == guild_id)
    if live_only:
        stmt = stmt.where(GameRow.phase != "ended")
    return list(session.exec(stmt.order_by(col(GameRow.created_at))))


def live_games(session: Session) -> list[Any]:
    """Every game not closed, oldest first, as Rows with GameRow's columns (recovery reads ten
    thousand of them: ORM objects cost several times more to build and are never written)."""
    stmt = sa.select(_GAMES).where(_GAMES.c.phase != "ended").order_by(_GAMES.c.created_at)
    return list(session.connection().execute(stmt))


def due_deadlines(session: Session, *, now: float) -> list[GameRow]:
    stmt = (
        select(GameRow)
        .where(col(GameRow.deadline).is_not(None), col(GameRow.deadline) <= now)
        .order_by(col(GameRow.deadline))
    )
    return list(session.exec(stmt))


def armed_deadlines(session: Session) -> list[GameRow]:
    stmt = select(GameRow).where(col(GameRow.deadline).is_not(None), GameRow.phase != "ended")
    return list(session.exec(stmt.order_by(col(GameRow.deadline))))


# Seats -------------------------------------------------------------------------------------------


def seat_of(session: Session, *, game_id: str, user_id: str) -> str | None:
    stmt = select(SeatRow.role).where(SeatRow.game_id == game_id, SeatRow.user_id == user_id)
    return session.exec(stmt).first()


def seats_of_user(session: Session, *, user_id: str) -> list[tuple[GameRow, str]]:
    """(game, role) for every game not closed in which `user_id` holds a seat."""
    stmt = (
        select(GameRow, SeatRow.role)
        .join(SeatRow, col(SeatRow.game_id) == col(GameRow.id))
        .where(SeatRow.user_id == user_id, GameRow.phase != "ended")
        .order_by(col(GameRow.created_at))
    )
    return [(g, r) for g, r in session.exec(stmt)]


def save_seats(session: Session, *, game_id: str, seats: Iterable[tuple[str, str | None, str]]) -> None:
    """Upsert (role, user_id, controller) rows: the seat table mirrors `state.seats`."""
    existing = {s.role: s for s in session.exec(select(SeatRow).where(SeatRow.game_id == game_id))}
    for role, user_id, controller in seats:
        row = existing.get(role)
        if row is None:
            session.add(SeatRow(game_id=game_id, role=role, user_id=user_id, controller=controller))
        elif (row.user_id, row.controller) != (user_id, controller):
            row.user_id, row.controller = user_id, controller
            session.add(row)


# Events ------------------------------------------------------------------------------------------


def append_events(
    session: Session,
    *,
    game_id: str,
    first_seq: int,
    events: Sequence[Event],
    command_id: str | None,
    now: float,
) -> list[StoredEvent]:
    """Insert `events` as seq first_seq, first_seq+1, ...; a taken seq raises IntegrityError.

    The rows go to the driver's `executemany` as they are, their JSON already text (what the
    columns' JSON type would have written): through SQLAlchemy's per-row parameter processing a
    phase-closing Done's 50 events cost 2.5 ms, ten times their encoding."""
    if not events:
        return []
    conn = session.connection()
    sql, names = _insert_events_sql(conn.dialect)
    dumps = json.dumps
    rows = []
    for i, event in enumerate(events):
        visibility, payload = encode_event(event)
        row = {"game_id": game_id, "seq": first_seq + i, "type": event.type,
               "visibility": dumps(visibility), "payload": dumps(payload),
               "command_id": command_id, "created_at": now}
        rows.append(tuple(row[n] for n in names) if names else row)
    conn.exec_driver_sql(sql, rows)
    return [StoredEvent(game_id, first_seq + i, e, command_id, now) for i, e in enumerate(events)]


@functools.cache
def _insert_events_sql(dialect: sa.Dialect) -> tuple[str, tuple[str, ...] | None]:
    """The events INSERT as the driver's SQL, and the order of its positional parameters (None
    when the driver takes them by name). PostgreSQL casts the JSON text to JSONB itself."""
    compiled = sa.insert(_EVENTS).compile(dialect=dialect, column_keys=list(_EVENT_COLUMNS))
    positions = compiled.positiontup
    return str(compiled), tuple(positions) if compiled.positional and positions else None


_EVENT_COLUMNS = ("game_id", "seq", "type", "visibility", "payload", "command_id", "created_at")


def event_columns() -> tuple[Any, ...]:
    """The columns a StoredEvent is made of, the payload as JSON text (see codec)."""
    return (_E.game_id, _E.seq, _E.type, sa.cast(_E.payload, sa.Text).label("payload"),
            _E.command_id, _E.created_at)


def load_events(
    session: Session, *, game_id: str, after_seq: int = 0, upto_seq: int | None = None
) -> list[StoredEvent]:
    stmt = sa.select(*event_columns()).where(_E.game_id == game_id, _E.seq > after_seq)
    if upto_seq is not None:
        stmt = stmt.where(_E.seq <= upto_seq)
    return [to_stored(r) for r in session.execute(stmt.order_by(_E.seq))]


def to_stored(row: Any) -> StoredEvent:
    return StoredEvent(row.game_id, row.seq, decode_event(row.type, row.payload), row.command_id,
                       row.created_at)


# Commands (dedupe) -------------------------------------------------------------------------------


def get_command(session: Session, *, command_id: str) -> Any | None:
    """The record of a command id (a row with CommandRow's columns), or None."""
    return session.connection().execute(_COMMAND_BY_ID, {"command_id": command_id}).first()


def record_command(session: Session, *, row: CommandRow) -> None:
    insert_command(session, values={c.name: getattr(row, c.name) for c in _COMMANDS.columns})


def insert_command(session: Session, *, values: dict[str, Any]) -> None:
    """Record a command id; a second writer of the same id gets IntegrityError here."""
    session.connection().execute(_INSERT_COMMAND, values)


# Snapshots ---------------------------------------------------------------------------------------


def get_snapshot(session: Session, *, game_id: str) -> SnapshotRow | None:
    return session.get(SnapshotRow, game_id)


def save_snapshot(session: Session, *, row: SnapshotRow) -> None:
    """Replace the game's snapshot (writers of one game hold its lock, so update-else-insert is
    safe on both backends)."""
    values = {c.name: getattr(row, c.name) for c in _SNAPSHOTS.columns}
    conn = session.connection()
    stmt = _update_by_id(_SNAPSHOTS, "game_id", tuple(values))
    updated = conn.execute(stmt, {"where_id": row.game_id,
                                  **{f"set_{k}": v for k, v in values.items()}})
    if not updated.rowcount:
        conn.execute(_INSERT_SNAPSHOT, values)
