"""Initial schema: games, seats, the event log, commands (dedupe) and snapshots.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
LIVE = sa.text("phase != 'ended'")


def upgrade() -> None:
    op.create_table(
        "games",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("guild_id", sa.String(32), nullable=True),
        sa.Column("channel_id", sa.String(32), nullable=True),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("facilitator_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("ended_at", sa.Float(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Float(), nullable=True),
        sa.Column("deadline_phase", sa.String(20), nullable=True),
        sa.Column("deadline_turn", sa.Integer(), nullable=True),
    )
    op.create_index("ix_games_guild_id", "games", ["guild_id"])
    op.create_index("ix_games_phase", "games", ["phase"])
    op.create_index("ix_games_deadline", "games", ["deadline"])
    op.create_index("uq_games_live_channel", "games", ["channel_id"], unique=True,
                    sqlite_where=LIVE, postgresql_where=LIVE)

    op.create_table(
        "seats",
        sa.Column("game_id", sa.String(64), sa.ForeignKey("games.id"), primary_key=True),
        sa.Column("role", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column("controller", sa.String(40), nullable=False),
    )
    op.create_index("ix_seats_user_id", "seats", ["user_id"])

    op.create_table(
        "events",
        sa.Column("game_id", sa.String(64), sa.ForeignKey("games.id"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("visibility", JSON, nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.Column("command_id", sa.String(100), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_events_command_id", "events", ["command_id"])

    op.create_table(
        "commands",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("game_id", sa.String(64), nullable=False),
        sa.Column("actor", JSON, nullable=False),
        sa.Column("command", JSON, nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("detail", sa.String(), nullable=True),
        sa.Column("first_seq", sa.Integer(), nullable=True),
        sa.Column("last_seq", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_commands_game_id", "commands", ["game_id"])

    op.create_table(
        "snapshots",
        sa.Column("game_id", sa.String(64), sa.ForeignKey("games.id"), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("scenario_key", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    for table in ("snapshots", "commands", "events", "seats", "games"):
        op.drop_table(table)
