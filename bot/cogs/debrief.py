"""/game debrief: after the end, everything hidden is revealed in files posted to the channel."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot import actions
from bot.cogs.base import Base
from bot.context import game_or_last
from bot.debrief import attachments, debrief_payload
from bot.embeds import build
from bot.render import ended_card
from bot.replies import answering
from game.engine import Viewer, view_for


class DebriefCommands(Base):
    @app_commands.command(name="debrief", description="After the end: post the debrief files "
                                                      "(log, summary, decisions).")
    async def debrief(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            info = await game_or_last(self.bot, interaction)
            answer.game_id = info.id
            state = await self.bot.games.state(info.id)
            if not state.over:
                await actions.say(interaction, "The debrief opens when the game is over "
                                               "(a facilitator can `/game end` it).")
                return
            events = await self.bot.games.events(info.id)
            files = await asyncio.to_thread(debrief_payload, events, state,
                                            charts=self.bot.debrief_charts)
            view = view_for(state, Viewer.observer())
            embeds = build(ended_card(view, state.scenario))[:1]
            embeds[0].title = f"Debrief · {embeds[0].title}"
            if interaction.guild_id is None or interaction.channel is None:
                await interaction.followup.send(embeds=embeds, files=attachments(files))
                return
            await interaction.channel.send(embeds=embeds, files=attachments(files))  # type: ignore[union-attr]
            await actions.say(interaction, "The debrief is posted in this channel.")
