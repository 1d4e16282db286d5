"""The asyncio face of the service, for the bot: the same calls, run in worker threads.

The sync core does blocking database I/O (and fsyncs), so every call goes through
`asyncio.to_thread` and the event loop keeps serving Discord meanwhile. Commands for one game also
queue on an asyncio.Lock per game before taking a thread: a burst of clicks in one game then waits
on the loop instead of occupying every worker thread while other games starve. An instance belongs
to the event loop that first uses it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from game.engine import Actor, Command, GameState
from game.scenario import Scenario
from game.service.types import Deadline, GameInfo, HandleResult
from game.store.repo import StoredEvent

if TYPE_CHECKING:
    from game.service.core import GameService


class AsyncGameService:
    def __init__(self, service: GameService) -> None:
        self.sync = service
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock(self, game_id: str) -> asyncio.Lock:
        lock = self._locks.get(game_id)
        if lock is None:
            lock = self._locks[game_id] = asyncio.Lock()
        return lock

    async def handle(
        self,
        game_id: str,
        actor: Actor,
        command: Command,
        expected_seq: int | None = None,
        command_id: str | None = None,
    ) -> HandleResult:
        async with self._lock(game_id):
            return await asyncio.to_thread(self.sync.handle, game_id, actor, command,
                                           expected_seq, command_id)

    async def create_game(
        self,
        *,
        guild_id: int | str | None,
        channel_id: int | str | None,
        scenario: str | Scenario,
        facilitator_id: int | str | None,
        seed: int | None = None,
        game_id: str | None = None,
        command_id: str | None = None,
        scenario_name: str | None = None,
    ) -> HandleResult:
        return await asyncio.to_thread(
            lambda: self.sync.create_game(
                guild_id=guild_id, channel_id=channel_id, scenario=scenario,
                facilitator_id=facilitator_id, seed=seed, game_id=game_id,
                command_id=command_id, scenario_name=scenario_name,
            )
        )  # fmt: skip

    async def fire_deadline(
        self, game_id: str, phase: str, turn: int, now: float | None = None
    ) -> HandleResult | None:
        async with self._lock(game_id):
            return await asyncio.to_thread(self.sync.fire_deadline, game_id, phase, turn, now)

    async def state(self, game_id: str) -> GameState:
        return await asyncio.to_thread(self.sync.state, game_id)

    async def game(self, game_id: str) -> GameInfo | None:
        return await asyncio.to_thread(self.sync.game, game_id)

    async def game_for_channel(self, channel_id: int | str) -> GameInfo | None:
        return await asyncio.to_thread(self.sync.game_for_channel, channel_id)

    async def games_for_guild(self, guild_id: int | str, *, live_only: bool = True) -> list[GameInfo]:
        return await asyncio.to_thread(lambda: self.sync.games_for_guild(guild_id,
                                                                         live_only=live_only))

    async def seat_of(self, game_id: str, user_id: int | str) -> str | None:
        return await asyncio.to_thread(self.sync.seat_of, game_id, user_id)

    async def games_for_user(self, user_id: int | str) -> list[tuple[GameInfo, str]]:
        return await asyncio.to_thread(self.sync.games_for_user, user_id)

    async def events(self, game_id: str, after_seq: int = 0) -> list[StoredEvent]:
        return await asyncio.to_thread(self.sync.events, game_id, after_seq)

    async def live_games(self) -> list[GameInfo]:
        return await asyncio.to_thread(self.sync.live_games)

    async def due_deadlines(self, now: float | None = None) -> list[Deadline]:
        return await asyncio.to_thread(self.sync.due_deadlines, now)

    async def deadlines(self) -> list[Deadline]:
        return await asyncio.to_thread(self.sync.deadlines)

    async def recover(self, *, warm: bool = True) -> list[Deadline]:
        return await asyncio.to_thread(lambda: self.sync.recover(warm=warm))
