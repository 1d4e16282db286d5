"""The Discord client: a thin `commands.Bot` between Discord and the game service.

`create_bot` builds it without touching the network or the database; `setup_hook` (run by
discord.py at login) opens the service, loads the cogs, registers the persistent buttons, syncs the
slash commands and re-arms the deadlines of every live game.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from bot.deadlines import Deadlines
from bot.errors import APOLOGY, Refusal, say
from bot.publisher import Publisher
from bot.replies import reply
from bot.views import DoneButton, IntelButton
from game.engine import GameError
from game.service import AsyncGameService, GameService
from game.settings import Settings, get_settings

log = logging.getLogger("bot")


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


class DutyBot(commands.Bot):
    service: GameService
    games: AsyncGameService

    def __init__(self, *, database_url: str, scenarios_dir: Path | None, settings: Settings,
                 clock: Callable[[], float], debrief_charts: bool) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.default(),
                         tree_cls=DutyTree, help_command=None,
                         allowed_mentions=discord.AllowedMentions.none())
        self.database_url = database_url
        self.scenarios_dir = scenarios_dir
        self.settings = settings
        self.now = clock
        self.debrief_charts = debrief_charts
        self.publisher = Publisher(self)
        self.deadlines = Deadlines(self)

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
        log.info("ready to serve %d live games", len(self.deadlines.timers))

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
        self.deadlines.stop_all()
        await super().close()
        if hasattr(self, "service"):
            self.service.close()


def create_bot(*, database_url: str, scenarios_dir: Path | None = None,
               settings: Settings | None = None, clock: Callable[[], float] | None = None,
               debrief_charts: bool = True) -> DutyBot:
    """A fresh, unstarted bot. Nothing touches the network or the database until login.

    `clock` (epoch seconds) stamps commands and times deadlines; by default discord.py's clock.
    `debrief_charts=False` leaves the PNG charts out of `/game debrief` (they take seconds).
    """
    return DutyBot(database_url=database_url, scenarios_dir=scenarios_dir,
                   settings=settings or get_settings(), clock=clock or discord_clock,
                   debrief_charts=debrief_charts)
