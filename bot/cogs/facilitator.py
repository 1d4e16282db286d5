"""The White Cell's commands: steer the game (advance, pause, resume, extend, inject, adjudicate,
end, close) and see everything (/game facilitator). Each is refused to anyone else."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from bot import actions
from bot import autocomplete as ac
from bot.cogs.base import Base
from bot.display import players_of
from bot.private import facilitator_card
from bot.replies import answering, reply_cards
from game.describe import PHASE_TITLES, role_name
from game.engine import (
    Adjudicate,
    Advance,
    CloseGame,
    EndGame,
    ExtendDeadline,
    InjectItem,
    InjectNews,
    Pause,
    Resume,
    Strength,
    Viewer,
    view_for,
)
from game.engine import events as ev
from game.service import HandleResult

StrengthName = Literal["very_strong", "strong", "average", "weak", "very_weak"]


class FacilitatorCommands(Base):
    inject = app_commands.Group(name="inject", description="Give a seat an item, or publish news "
                                                           "(facilitators).")

    @app_commands.command(name="advance", description="Close the current phase now (facilitators).")
    async def advance(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            result = await self.white_cell(interaction, answer, Advance())
            await actions.say(interaction, f"Advanced: now {_phase(result)}.")

    @app_commands.command(name="pause", description="Pause the game and its deadline "
                                                    "(facilitators).")
    async def pause(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            await self.white_cell(interaction, answer, Pause())
            await actions.say(interaction, "Paused. `/game resume` restarts the clock.")

    @app_commands.command(name="resume", description="Resume a paused game (facilitators).")
    async def resume(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            result = await self.white_cell(interaction, answer, Resume())
            await actions.say(interaction, f"Resumed: {_phase(result)}.")

    @app_commands.command(name="extend", description="Give the current phase more time "
                                                     "(facilitators).")
    @app_commands.describe(minutes="Minutes to add (1–240)")
    async def extend(self, interaction: discord.Interaction,
                     minutes: app_commands.Range[int, 1, 240]) -> None:
        async with answering(interaction) as answer:
            await self.white_cell(interaction, answer, ExtendDeadline(minutes=minutes))
            await actions.say(interaction, f"Deadline extended by {minutes} minutes.")

    @inject.command(name="item", description="Hand a seat a new intelligence item now "
                                             "(facilitators).")
    @app_commands.describe(recipient="Who receives it", specificity="0 nothing … 4 named target "
                           "and cell", plot="The plot it is about (leave empty for a decoy)",
                           target="For a decoy: the target it points at", text="Free text")
    @app_commands.autocomplete(recipient=ac.all_roles, plot=ac.plots, target=ac.targets)
    async def inject_item(self, interaction: discord.Interaction, recipient: str,
                          specificity: app_commands.Range[int, 0, 4], plot: str | None = None,
                          target: str | None = None, text: str = "") -> None:
        async with answering(interaction) as answer:
            command = InjectItem(recipient=recipient, specificity=specificity, plot=plot or None,
                                 target=target or None, text=text)
            result = await self.white_cell(interaction, answer, command)
            ids = [s.event.item for s in result.events if isinstance(s.event, ev.ItemDelivered)]
            await actions.say(interaction, f"Item #{ids[0] if ids else '?'} delivered to "
                                           f"{role_name(result.state.scenario, recipient)}.")

    @inject.command(name="news", description="Publish a news event to everyone (facilitators).")
    @app_commands.describe(text="The news, as players will read it")
    async def inject_news(self, interaction: discord.Interaction,
                          text: app_commands.Range[str, 1, 2000]) -> None:
        async with answering(interaction) as answer:
            await self.white_cell(interaction, answer, InjectNews(text=text))
            await actions.say(interaction, "News published.")

    @app_commands.command(name="adjudicate", description="Rule on a proposed action "
                                                         "(facilitators).")
    @app_commands.describe(action="The proposal (#id)", strength="How strong the proposal is",
                           plot="The plot it helps against, if it succeeds")
    @app_commands.autocomplete(action=ac.proposals, plot=ac.plots)
    async def adjudicate(self, interaction: discord.Interaction, action: int,
                         strength: StrengthName, plot: str | None = None) -> None:
        async with answering(interaction) as answer:
            command = Adjudicate(action=action, strength=Strength(strength), plot=plot or None)
            result = await self.white_cell(interaction, answer, command)
            ruled = [s.event for s in result.events if isinstance(s.event, ev.ProposalAdjudicated)]
            verdict = ("succeeds" if ruled[0].success else "fails") if ruled else "is ruled on"
            await actions.say(interaction, f"Proposal #{action} {verdict} (the proposer is told).")

    @app_commands.command(name="end", description="End the game now; scores are computed "
                                                  "(facilitators).")
    @app_commands.describe(reason="Why (shown to everyone)")
    async def end(self, interaction: discord.Interaction,
                  reason: app_commands.Range[str, 0, 200] = "ended by the facilitator") -> None:
        async with answering(interaction) as answer:
            await self.white_cell(interaction, answer, EndGame(reason=reason or
                                                                "ended by the facilitator"))
            await actions.say(interaction, "The game is over. `/game debrief` posts the debrief.")

    @app_commands.command(name="close", description="Close a finished game and free the channel "
                                                    "(facilitators).")
    async def close(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            await self.white_cell(interaction, answer, CloseGame())
            await actions.say(interaction, "Closed. This channel can host a new game.")

    @app_commands.command(name="facilitator", description="The all-seeing White Cell view "
                                                          "(facilitators, private).")
    async def facilitator(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            self.require_facilitator(interaction)
            info = await self.here(interaction, answer)
            state = await self.bot.games.state(info.id)
            view = view_for(state, Viewer.facilitator())
            await reply_cards(interaction, facilitator_card(view, players_of(state), state.scenario))


def _phase(result: HandleResult) -> str:
    state = result.state
    name = PHASE_TITLES[state.live_phase].lower()
    return f"{name} (turn {state.turn})" if state.turn else name

