"""Persistent buttons on the phase message: "Done" and "My intel".

They are `DynamicItem`s: the custom id carries the game (and, for Done, the turn and phase the
button belongs to), so they keep working after a restart without any stored view, and a Done
button left on an old phase message can never finish a later phase.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot import actions
from bot.errors import Refusal
from bot.private import intel_card
from bot.replies import answering, reply_cards
from game.engine import Phase, View, Viewer, view_for

if TYPE_CHECKING:
    from bot.client import DutyBot

DONE_LABELS = {Phase.BRIEFING: "Ready", Phase.INTEL_RECEIVED: "Done reading",
               Phase.SHARING: "Done sharing", Phase.RESPONSE: "Done responding",
               Phase.AFTERMATH: "Ready for next week"}


class DoneButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"dtw:done:(?P<game>[0-9a-f]+):(?P<turn>\d+):(?P<phase>[a-z_]+)"):
    def __init__(self, game_id: str, turn: int, phase: Phase) -> None:
        super().__init__(discord.ui.Button(
            label=DONE_LABELS.get(phase, "Done"), style=discord.ButtonStyle.success, emoji="✅",
            custom_id=f"dtw:done:{game_id}:{turn}:{phase.value}"))
        self.game_id, self.turn, self.phase = game_id, turn, phase

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> DoneButton:
        return cls(match["game"], int(match["turn"]), Phase(match["phase"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: DutyBot = interaction.client  # type: ignore[assignment]
        async with answering(interaction) as answer:
            answer.game_id = self.game_id
            bot.publisher.hint(self.game_id, interaction.message)
            text = await actions.done_for_phase(bot, interaction, self.game_id, self.phase, self.turn)
            await actions.say(interaction, text)


class IntelButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                  template=r"dtw:intel:(?P<game>[0-9a-f]+)"):
    def __init__(self, game_id: str) -> None:
        super().__init__(discord.ui.Button(label="My intel", style=discord.ButtonStyle.secondary,
                                           emoji="🗂️", custom_id=f"dtw:intel:{game_id}"))
        self.game_id = game_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> IntelButton:
        return cls(match["game"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: DutyBot = interaction.client  # type: ignore[assignment]
        async with answering(interaction) as answer:
            answer.game_id = self.game_id
            role = await bot.games.seat_of(self.game_id, interaction.user.id)
            if role is None:
                raise Refusal("You hold no seat in this game.")
            state = await bot.games.state(self.game_id)
            view = view_for(state, Viewer.seat(role))
            await reply_cards(interaction, intel_card(view, state.scenario))


def controls(view: View) -> discord.ui.View | None:
    """The buttons a phase message carries: none in the lobby or after the end."""
    phase = view.live_phase
    if phase not in DONE_LABELS:
        return None
    buttons = discord.ui.View(timeout=None)
    buttons.add_item(DoneButton(view.game_id, view.turn, phase))
    buttons.add_item(IntelButton(view.game_id))
    return buttons
