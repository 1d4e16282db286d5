"""Seat moves: /intel share|warn|rate, /act and /done. They work in the game's channel or in a DM
with the bot (then the game is the one where the player holds a seat)."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import autocomplete as ac
from bot.cogs.base import Base
from bot.replies import answering
from game.engine import (
    Act,
    ActionKind,
    Done,
    DutyDecision,
    Level,
    LogDuty,
    Rate,
    Rating,
    Share,
    Waiver,
)

LevelName = Literal["full", "sanitized", "warning", "withhold"]
RatingName = Literal["accept", "discount", "dismiss"]
ActionName = Literal["harden", "surveil", "arrest", "advisory", "propose"]
Rationale = app_commands.Range[str, 0, 500]


class IntelCog(Base, commands.GroupCog, group_name="intel",
               group_description="Share, warn about and rate intelligence"):
    @app_commands.command(name="share", description="Order an item passed to another service "
                                                    "(sharing phase).")
    @app_commands.describe(item="Your item", to="The service to share with",
                           level="full, sanitized (no source/identities), warning, or withhold",
                           rationale="One line for the debrief")
    @app_commands.autocomplete(item=ac.my_items, to=ac.other_roles)
    async def share(self, interaction: discord.Interaction, item: int, to: str, level: LevelName,
                    rationale: Rationale = "") -> None:
        async with answering(interaction) as answer:
            await self.move(interaction, answer, Share(item=item, to=to, level=Level.parse(level),
                                                       rationale=rationale))

    @app_commands.command(name="warn", description="Log Warn or Waive for an item under the duty "
                                                   "to warn (sharing phase).")
    @app_commands.describe(item="The triggering item", decision="warn or waive",
                           reason="For a waiver: U sources/methods, T victim is a terrorist, "
                                  "I insurgency", rationale="One line for the debrief")
    @app_commands.autocomplete(item=ac.duty_items)
    async def warn(self, interaction: discord.Interaction, item: int,
                   decision: Literal["warn", "waive"], reason: Literal["U", "T", "I"] | None = None,
                   rationale: Rationale = "") -> None:
        async with answering(interaction) as answer:
            command = LogDuty(item=item, decision=DutyDecision(decision),
                              code=Waiver(reason) if reason else None, rationale=rationale)
            await self.move(interaction, answer, command)

    @app_commands.command(name="rate", description="Rate an item another service sent you "
                                                   "(response phase).")
    @app_commands.describe(item="An item you received", rating="accept, discount or dismiss",
                           rationale="One line for the debrief")
    @app_commands.autocomplete(item=ac.items_to_rate)
    async def rate(self, interaction: discord.Interaction, item: int, rating: RatingName,
                   rationale: Rationale = "") -> None:
        async with answering(interaction) as answer:
            await self.move(interaction, answer, Rate(item=item, rating=Rating(rating),
                                                      rationale=rationale))


class PlayCog(Base):
    @app_commands.command(name="act", description="Spend security budget (response phase).")
    @app_commands.describe(action="harden, surveil, arrest, advisory or propose",
                           target="A target on your territory, or a suspect your items name",
                           text="For propose: the action you propose",
                           rationale="One line for the debrief")
    @app_commands.autocomplete(target=ac.act_targets)
    async def act(self, interaction: discord.Interaction, action: ActionName, target: str = "",
                  text: app_commands.Range[str, 0, 500] = "", rationale: Rationale = "") -> None:
        async with answering(interaction) as answer:
            await self.move(interaction, answer, Act(action=ActionKind(action), target=target.strip(),
                                                     text=text, rationale=rationale))

    @app_commands.command(name="done", description="Finish the current phase.")
    async def done(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            await self.move(interaction, answer, Done())
