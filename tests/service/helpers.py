"""Small helpers for service tests: a settable clock, seating players, reading the raw log."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from game.engine import Actor, AssignComputer, JoinSeat, StartGame
from game.scenario import Scenario
from game.service import GameService, HandleResult

T0 = 1_800_000_000.0
FACILITATOR = "900"
WHITE_CELL = Actor.white_cell(FACILITATOR)


class Clock:
    """A clock the test moves by hand (the service stamps commands with it)."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def new_game(
    service: GameService,
    scenario: Scenario | str = "tutorial",
    *,
    channel: int | None = 42,
    guild: int = 7,
    seed: int = 11,
    game_id: str | None = None,
) -> str:
    result = service.create_game(guild_id=guild, channel_id=channel, scenario=scenario,
                                 facilitator_id=FACILITATOR, seed=seed, game_id=game_id)
    return result.game_id


def seat_and_start(
    service: GameService,
    game_id: str,
    *,
    humans: dict[str, str] | None = None,
    computers: tuple[str, ...] = (),
    start: bool = True,
) -> HandleResult | None:
    """Seat humans ({role: user id}) and computer players, then start the game."""
    for role, user in (humans or {}).items():
        service.handle(game_id, Actor.of(user), JoinSeat(role=role))
    for role in computers:
        service.handle(game_id, WHITE_CELL, AssignComputer(role=role, policy="cooperative"))
    return service.handle(game_id, WHITE_CELL, StartGame()) if start else None


def log_seqs(url: str, game_id: str) -> list[int]:
    """The seqs in the events table, read without the service."""
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT seq FROM events WHERE game_id = :g ORDER BY seq"),
                                {"g": game_id})
            return [r[0] for r in rows]
    finally:
        engine.dispose()


def count(url: str, sql: str, **params: object) -> int:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(sql), params).scalar_one())
    finally:
        engine.dispose()
