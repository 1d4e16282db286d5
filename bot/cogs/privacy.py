"""/game forget-me: a player's Discord id replaced by a pseudonym in every stored game.

See docs/privacy.md. The work is `game.store.privacy.forget_user`; here the bot asks for an
explicit confirmation, runs it off the event loop and drops the games it touched from the
service's in-memory state cache, so that no state holding the old id is served again.
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands

from bot import actions
from bot.cogs.base import Base
from bot.replies import answering
from game.store.privacy import forget_user

log = logging.getLogger(__name__)

ASK = ("This replaces your Discord id with a pseudonym in every game this bot has stored "
       "(seats, moves, debriefs); it cannot be undone, and a seat you hold in a live game can "
       "no longer be played by you. Run `/game forget-me confirm:True` to go ahead.")


class PrivacyCommands(Base):
    @app_commands.command(name="forget-me", description="Replace your Discord id with a "
                                                        "pseudonym in every stored game.")
    @app_commands.describe(confirm="True to go ahead (it cannot be undone)")
    async def forget_me(self, interaction: discord.Interaction, confirm: bool = False) -> None:
        async with answering(interaction):
            if not confirm:
                await actions.say(interaction, ASK)
                return
            service = self.bot.service
            report = await asyncio.to_thread(forget_user, service.engine, interaction.user.id)
            for game_id in report.games:
                service.forget_cached(game_id)  # a cached state still holds the old id
            log.info("forgot a user in %d games as %s", len(report.games), report.pseudonym)
            await actions.say(interaction, f"Done: you appear as `{report.pseudonym}` in "
                                           f"{len(report.games)} stored game(s).")
