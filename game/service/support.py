"""Helpers of the write path: retry policy, storability checks and the record of a new game."""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from game.engine import Code, Command, GameError, GameState, command_to_dict
from game.scenario import Scenario
from game.store.models import GameRow

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRYABLE = (IntegrityError, OperationalError)
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def retrying(attempt: Callable[[], T], *, attempts: int, on_retry: Callable[[], None]) -> T:
    """Run `attempt` until it does not collide with another writer, at most `attempts` times.

    A collision is a taken `(game_id, seq)` or command id (IntegrityError), a lock timeout or a
    serialisation failure; each retry starts from a fresh state (`on_retry` drops the cache).
    """
    for n in range(1, attempts + 1):
        try:
            return attempt()
        except RETRYABLE as exc:
            if not is_collision(exc) or n == attempts:
                raise
            log.info("concurrent write (%s), retry %d", short(exc), n)
            on_retry()
            time.sleep(random.uniform(0, 0.002 * 2**n))
    raise AssertionError("unreachable")


def is_collision(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    if isinstance(exc, DBAPIError):
        text = str(exc.orig).lower()
        return getattr(exc.orig, "sqlstate", None) in RETRY_SQLSTATES or "locked" in text
    return False


def short(exc: Any) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0][:120]


def check_storable(command: Command) -> None:
    """Refuse text no backend can store (NUL in PostgreSQL JSONB, lone surrogates) up front, with
    the same answer on both backends."""
    try:
        text = json.dumps(command_to_dict(command), ensure_ascii=False)
        text.encode("utf-8")
    except (UnicodeEncodeError, ValueError, TypeError) as exc:
        raise GameError(Code.INVALID_ARGUMENT, "the command holds text that cannot be stored") from exc
    if "\\u0000" in text:
        raise GameError(Code.INVALID_ARGUMENT, "the text contains a NUL character")


def stamp(command: Command, now: Callable[[], float]) -> Command:
    """Commands carry the caller's clock (the engine has none); stamp ours if the caller did not."""
    return command if command.at is not None else dataclasses.replace(command, at=now())


def opt_id(value: int | str | None) -> str | None:
    """Discord ids arrive as ints; the store keeps every id as a string."""
    return None if value is None else str(value)


def seat_rows(state: GameState) -> list[tuple[str, str | None, str]]:
    return [(s.role, s.player, s.controller) for s in state.seats.values()]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class NewGame:
    game_id: str
    guild_id: str | None
    channel_id: str | None
    facilitator_id: str | None
    scenario: Scenario
    scenario_name: str
    seed: int

    def row(self, now: float) -> GameRow:
        return GameRow(id=self.game_id, guild_id=self.guild_id, channel_id=self.channel_id,
                       scenario=self.scenario_name, seed=self.seed, phase="lobby",
                       facilitator_id=self.facilitator_id, created_at=now, seq=0)

    def command(self) -> dict[str, Any]:
        return {"kind": "create", "scenario": self.scenario_name, "seed": self.seed,
                "guild_id": self.guild_id, "channel_id": self.channel_id}
