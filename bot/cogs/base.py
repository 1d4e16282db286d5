"""What every command handler shares: the bot, finding the game, the facilitator check, sending."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot import actions
from bot.context import game_here
from bot.permissions import require_facilitator
from bot.replies import Answer
from game.engine import Command
from game.service import GameInfo, HandleResult

if TYPE_CHECKING:
    from bot.client import DutyBot


class Base(commands.Cog):
    """The base of each cog and of /game's mixins; holds no state besides the bot."""

    bot: DutyBot

    def __init__(self, bot: DutyBot) -> None:
        self.bot = bot

    async def here(self, interaction: discord.Interaction, answer: Answer) -> GameInfo:
        info = await game_here(self.bot, interaction)
        answer.game_id = info.id
        return info

    def require_facilitator(self, interaction: discord.Interaction) -> None:
        require_facilitator(interaction, self.bot.settings.facilitator_role)

    async def white_cell(self, interaction: discord.Interaction, answer: Answer,
                         command: Command) -> HandleResult:
        """A facilitator command for this channel's game (refused to anyone else first)."""
        self.require_facilitator(interaction)
        info = await self.here(interaction, answer)
        return await actions.submit(self.bot, interaction, info.id, command, facilitator=True)

    async def move(self, interaction: discord.Interaction, answer: Answer, command: Command) -> None:
        """A seat's move: sent, its own outcome told to the sender alone, then shown to everyone.

        The sender's answer goes first, as soon as the move is committed: the channel edit, the
        next phase's message and the DMs it brings are several more requests to Discord, which
        the sender need not wait for. The publisher shows the move whatever became of the answer."""
        info = await self.here(interaction, answer)
        result = await actions.submit(self.bot, interaction, info.id, command, publish=False)
        try:
            role = result.state.seat_of(str(interaction.user.id))
            await actions.say(interaction, actions.outcome(result, role))
        finally:
            await self.bot.publisher.publish(result)
