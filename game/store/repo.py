"""Small keyword-only repository functions: the service's queries, and the rarer writes.

They take an open Session and never commit: the caller's transaction decides what is atomic. The
statements of a move (the games row, the command id, the events, the snapshot) are in
`game.store.writes`, on the driver's cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from game.engine import Event
from game.store.codec import decode_event
from game.store.models import EventRow, GameRow, SeatRow, SnapshotRow

_E = EventRow.__table__.c  # type: ignore[attr-defined]
_GAMES = GameRow.__table__  # type: ignore[attr-defined]


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


def get_game(session: Session, *, game_id: str) -> Any | None:
    """The game row (a Row with GameRow's columns, read through the session's connection: every
    state read makes this query, and the ORM's identity map is not needed for a row nobody writes
    back). The write path reads it, locked, in `game.store.writes`."""
    return session.connection().execute(_GAME_BY_ID, {"game_id": game_id}).first()


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


# Snapshots ---------------------------------------------------------------------------------------


def get_snapshot(session: Session, *, game_id: str) -> SnapshotRow | None:
    return session.get(SnapshotRow, game_id)
