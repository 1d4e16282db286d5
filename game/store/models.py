"""The tables, all in one module (after the fastapi full-stack template's `models.py`).

Ids are strings: Discord snowflakes do not fit a signed 64-bit column everywhere, and the engine
already names players with strings (computer seats are "ai:<role>"). Times are epoch seconds as
floats, the engine's own unit, so deadlines compare with `now` without time-zone conversions that
SQLite and PostgreSQL would do differently.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

# JSONB on PostgreSQL (indexable, compact); JSON text on SQLite.
JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

LIVE = sa.text("phase != 'ended'")


class GameRow(SQLModel, table=True):
    """One game: who, where, which scenario, and a projection of its state for queries.

    `seq` and the deadline columns are copies of the state that the log already implies; they are
    rewritten in the same transaction as the events, so a query for due deadlines never needs a
    replay. A channel holds at most one game that is not closed (a partial unique index).
    """

    __tablename__ = "games"
    __table_args__ = (
        sa.Index(
            "uq_games_live_channel", "channel_id", unique=True,
            sqlite_where=LIVE, postgresql_where=LIVE,
        ),
    )  # fmt: skip

    id: str = Field(primary_key=True, max_length=64)
    guild_id: str | None = Field(default=None, max_length=32, index=True)
    channel_id: str | None = Field(default=None, max_length=32)
    scenario: str = Field(max_length=200)
    seed: int = Field(sa_type=sa.BigInteger)
    phase: str = Field(max_length=20, index=True)
    facilitator_id: str | None = Field(default=None, max_length=64)
    created_at: float
    ended_at: float | None = None
    seq: int = 0
    deadline: float | None = Field(default=None, index=True)
    deadline_phase: str | None = Field(default=None, max_length=20)
    deadline_turn: int | None = None


class SeatRow(SQLModel, table=True):
    """Who holds which seat: lets a DM (which has no channel) find its player's games."""

    __tablename__ = "seats"

    game_id: str = Field(foreign_key="games.id", primary_key=True, max_length=64)
    role: str = Field(primary_key=True, max_length=40)
    user_id: str | None = Field(default=None, max_length=64, index=True)
    controller: str = Field(default="vacant", max_length=40)


class EventRow(SQLModel, table=True):
    """The log. `(game_id, seq)` is the primary key: two writers can never both append seq n."""

    __tablename__ = "events"

    game_id: str = Field(foreign_key="games.id", primary_key=True, max_length=64)
    seq: int = Field(primary_key=True)
    type: str = Field(max_length=40)
    visibility: dict[str, Any] = Field(sa_type=JSONType)
    payload: dict[str, Any] = Field(sa_type=JSONType)
    command_id: str | None = Field(default=None, max_length=100, index=True)
    created_at: float


class CommandRow(SQLModel, table=True):
    """A client-supplied command id (a Discord interaction id) and what came of it.

    Accepted: the events `first_seq..last_seq` it produced (computer seats' replies included).
    Rejected: the code and detail, so that the same interaction delivered twice gets the same answer.
    """

    __tablename__ = "commands"

    id: str = Field(primary_key=True, max_length=100)
    game_id: str = Field(max_length=64, index=True)
    actor: dict[str, Any] = Field(sa_type=JSONType)
    command: dict[str, Any] = Field(sa_type=JSONType)
    accepted: bool
    code: str | None = Field(default=None, max_length=40)
    detail: str | None = None
    first_seq: int | None = None
    last_seq: int | None = None
    created_at: float


class SnapshotRow(SQLModel, table=True):
    """The latest snapshot of a game (one row per game): a cache of the fold, never the truth."""

    __tablename__ = "snapshots"

    game_id: str = Field(foreign_key="games.id", primary_key=True, max_length=64)
    seq: int
    format: str = Field(max_length=32)
    scenario_key: str = Field(max_length=64)
    digest: str = Field(max_length=64)
    state: str = Field(sa_type=sa.Text)
    created_at: float
