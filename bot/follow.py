"""Showing the moves other processes committed, in a sharded set-up (see bot.shards).

Every FOLLOW_EVERY seconds the process reads the live games' sequence numbers (one query) and,
for each game it shows whose log has grown past what it has shown, shows the new events through
the publisher, which reads them from the log. The first reading is the baseline: what was written
while this process was not running is not announced again (as after any restart).

Only a move sent from a DM, or a deadline another process fired first, takes this path, and the
seat that moved has its answer at once; the channel follows within FOLLOW_EVERY seconds (a
deadline lost to another process is caught up at once: bot.deadlines). Six seconds keeps the
wait short for a game whose phases last minutes, and is longer than the 5-second window in which
the test simulator (simcord) runs due timers while it settles, so the tests can step it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.shards import shows_guild

if TYPE_CHECKING:
    from bot.client import DutyBot

log = logging.getLogger("bot.follow")
FOLLOW_EVERY = 6.0


class Follower:
    """A look every `every` seconds. Between looks it is a loop callback, not a sleeping task
    (as the deadline timers are: see bot.deadlines)."""

    def __init__(self, bot: DutyBot) -> None:
        self.bot = bot
        self.baseline: dict[str, int] = {}
        self.every = FOLLOW_EVERY
        self.wake: asyncio.TimerHandle | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self, every: float = FOLLOW_EVERY) -> None:
        self.every = every
        await self.look(announce=False)
        self._schedule()

    def stop(self) -> None:
        if self.wake is not None:
            self.wake.cancel()
        if self.task is not None:
            self.task.cancel()

    def _schedule(self) -> None:
        if not self.bot.closing:
            self.wake = asyncio.get_running_loop().call_later(self.every, self._run)

    def _run(self) -> None:
        self.task = asyncio.create_task(self._look_then_wait(), name="follow other processes")

    async def _look_then_wait(self) -> None:
        try:
            await self.look(announce=True)
        except Exception:
            log.exception("following the other processes' moves failed")
        self._schedule()

    async def catch_up(self, game_id: str, seq: int) -> None:
        """Show game `game_id` up to `seq` now if this process shows it and is behind."""
        display = self.bot.publisher.displays.get(game_id)
        shown = display.seq if display is not None else self.baseline.get(game_id)
        if shown is not None and seq > shown:
            await self.bot.publisher.catch_up(game_id, shown=shown)

    async def look(self, *, announce: bool) -> None:
        """Show what the log holds beyond what this process has shown, for each game it shows."""
        live = [g for g in await self.bot.games.live_games()
                if shows_guild(self.bot.settings, g.guild_id)]
        self.baseline = {g.id: self.baseline.get(g.id, g.seq) for g in live}  # first sight: now
        if not announce:
            return
        for game in live:
            await self.catch_up(game.id, game.seq)
