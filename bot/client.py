"""The Discord client: a thin `commands.Bot` between Discord and the game service.

`create_bot` builds it without touching the network or the database; `setup_hook` (run by
discord.py at login) opens the service, loads the cogs, registers the persistent buttons, syncs the
slash commands and re-arms the deadlines of every live game. `close` (SIGTERM, see bot/cli.py)
stops the timers, lets the moves in flight commit and be announced, then disconnects and closes
the database pool. With shard options the bot is an `AutoShardedBot` running those shards only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.deadlines import Deadlines
from bot.errors import APOLOGY, Refusal, say
from bot.follow import Follower
from bot.publisher import Publisher
from bot.replies import reply
from bot.views import DoneButton, IntelButton
from game.engine import GameError
from game.service import AsyncGameService, GameInfo, GameService
from game.settings import Settings, get_settings

log = logging.getLogger("bot")
# Tasks discord.py runs an interaction in: a command, a button or select, a dynamic item.
IN_FLIGHT = ("CommandTree-invoker", "discord-ui-view-dispatch-", "discord-ui-dynamic-item-")
DRAIN_TIMEOUT = 7.0
HEARTBEAT_EVERY = 30.0


def discord_clock() -> float:
    """Epoch seconds from discord.py's clock (the virtual clock under simcord in tests)."""
    return discord.utils.utcnow().timestamp()


class DutyTree(app_commands.CommandTree["DutyBot"]):
    """The one error handler: whatever escapes a command is answered, never left unanswered."""

    async def on_error(self, interaction: discord.Interaction[DutyBot],
                       error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        if isinstance(original, (GameError, Refusal)):
            text = say(original)
        elif isinstance(error, app_commands.CheckFailure):
            text = "You cannot use that command here."
        else:
            log.error("guild %s: %s failed", interaction.guild_id,
                      interaction.command.qualified_name if interaction.command else "command",
                      exc_info=original)
            text = APOLOGY
        try:
            await reply(interaction, text, ephemeral=True)
        except discord.HTTPException:
            log.warning("guild %s: could not answer interaction %s", interaction.guild_id,
                        interaction.id)


def bot_intents() -> discord.Intents:
    """The default intents without message and typing events. The bot works through slash
    commands, buttons and REST calls (it finds its phase messages by id or in the channel's
    history), so it has no use for a gateway event per message posted in every channel it can see:
    each one made discord.py run the prefix-command lookup of `commands.Bot` in a task of its own,
    including for the bot's own phase messages and DMs."""
    intents = discord.Intents.default()
    intents.messages = False
    intents.typing = False
    return intents


class DutyBot(commands.Bot):
    service: GameService
    games: AsyncGameService

    def __init__(self, *, database_url: str, scenarios_dir: Path | None, settings: Settings,
                 clock: Callable[[], float], debrief_charts: bool, **options: Any) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=bot_intents(),
                         tree_cls=DutyTree, help_command=None,
                         allowed_mentions=discord.AllowedMentions.none(), **options)
        self.database_url = database_url
        self.scenarios_dir = scenarios_dir
        self.settings = settings
        self.now = clock
        self.debrief_charts = debrief_charts
        self.publisher = Publisher(self)
        self.channel_games: dict[int, GameInfo] = {}  # channel id -> its live game (bot.context)
        self.deadlines = Deadlines(self)
        self.follower = Follower(self)
        self.closing = False
        self._heartbeat: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        from bot.cogs import GameCog, IntelCog, PlayCog

        self.service = await asyncio.to_thread(GameService, self.database_url, clock=self.now)
        self.games = self.service.aio
        for cog in (GameCog(self), IntelCog(self), PlayCog(self)):
            await self.add_cog(cog)
        self.add_dynamic_items(DoneButton, IntelButton)
        await self.sync_commands()
        for deadline in await self.games.recover():
            self.deadlines.arm(deadline)
        if self.settings.sharded:
            self.deadlines.start_resync()
            await self.follower.start()
        if self.settings.heartbeat_file is not None:
            self._heartbeat = asyncio.create_task(self._beat(self.settings.heartbeat_file),
                                                  name="heartbeat")
        log.info("ready to serve %d live games", len(self.deadlines.timers))

    async def _beat(self, path: Path) -> None:
        """Touch `path` while the event loop turns (`wargame doctor --quick` reads its age)."""
        while True:
            try:
                await asyncio.to_thread(path.touch)
            except OSError:
                log.warning("cannot touch the heartbeat file %s", path)
            await asyncio.sleep(HEARTBEAT_EVERY)

    async def sync_commands(self) -> None:
        """Globally (may take up to an hour to appear), or at once to the dev guild if set."""
        guild_id = self.settings.dev_guild
        if guild_id:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            log.info("commands synced to guild %s", guild_id)
        else:
            await self.tree.sync()
            log.info("commands synced globally")

    async def close(self) -> None:
        """Stop taking work, finish what is in flight, disconnect, close the database pool."""
        if not self.closing:
            await self.wind_down()
        await super().close()
        if hasattr(self, "service"):
            await asyncio.to_thread(self.service.close)

    async def wind_down(self, timeout: float = DRAIN_TIMEOUT) -> int:
        """Stop the timers and the heartbeat, then wait (at most `timeout` s) for the interactions
        and deadlines being handled, so that a move that was accepted is committed and announced.
        Returns how many were still running at the end (0 when all finished)."""
        self.closing = True
        if self._heartbeat is not None:
            self._heartbeat.cancel()
        self.follower.stop()
        firing = self.deadlines.stop_all()
        current = asyncio.current_task()
        busy = [t for t in asyncio.all_tasks()
                if t is not current and not t.done() and t.get_name().startswith(IN_FLIGHT)]
        pending = {*busy, *firing}
        if pending:
            log.info("shutting down: waiting for %d moves in flight", len(pending))
            _, pending = await asyncio.wait(pending, timeout=timeout)
            if pending:
                log.warning("shutting down: %d moves still running after %.0f s", len(pending),
                            timeout)
        return len(pending)


class ShardedDutyBot(DutyBot, commands.AutoShardedBot):
    """The same bot on several gateway shards (`shard_ids` of `shard_count`) in one process."""


def create_bot(*, database_url: str, scenarios_dir: Path | None = None,
               settings: Settings | None = None, clock: Callable[[], float] | None = None,
               debrief_charts: bool = True) -> DutyBot:
    """A fresh, unstarted bot. Nothing touches the network or the database until login.

    `clock` (epoch seconds) stamps commands and times deadlines; by default discord.py's clock.
    `debrief_charts=False` leaves the PNG charts out of `/game debrief` (they take seconds).
    With `settings.shard_count` the bot is an AutoShardedBot running `settings.shard_ids`
    (all shards when not given).
    """
    settings = settings or get_settings()
    kwargs: dict[str, Any] = dict(database_url=database_url, scenarios_dir=scenarios_dir,
                                  settings=settings, clock=clock or discord_clock,
                                  debrief_charts=debrief_charts)
    if settings.shard_count is not None:
        return ShardedDutyBot(shard_count=settings.shard_count, shard_ids=settings.shard_ids,
                              **kwargs)
    return DutyBot(**kwargs)
