"""/game new, join, leave, computer, start, status, list: opening a game and taking seats."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot import actions
from bot import autocomplete as ac
from bot.cogs.base import Base
from bot.display import players_of
from bot.errors import Refusal
from bot.private import status_card
from bot.render import lobby_card, phase_card, when
from bot.replies import answering, reply, reply_cards
from bot.text import clean
from game.describe import role_name
from game.engine import AssignComputer, JoinSeat, LeaveSeat, StartGame, Viewer, view_for
from game.scenario import ScenarioError, load_scenario

CANNOT_POST = ("I could not post in this channel: give me View Channel, Send Messages, Embed "
               "Links, Attach Files and Read Message History here, then try again.")


class LobbyCommands(Base):
    @app_commands.command(name="new", description="Open a new game in this channel (facilitators).")
    @app_commands.describe(scenario="The scenario to play")
    @app_commands.autocomplete(scenario=ac.scenarios)
    async def new(self, interaction: discord.Interaction, scenario: str) -> None:
        async with answering(interaction) as answer:
            self.require_facilitator(interaction)
            name = scenario.strip().lower()
            if name not in ac.scenario_names(self.bot.scenarios_dir):
                raise Refusal(f"There is no scenario called '{clean(scenario, limit=60)}'.")
            try:
                loaded = await asyncio.to_thread(load_scenario, name, self.bot.scenarios_dir)
            except ScenarioError:
                raise Refusal(f"The scenario '{name}' has errors; run `wargame scenario check`.") from None
            result = await self.bot.games.create_game(
                guild_id=interaction.guild_id, channel_id=interaction.channel_id, scenario=loaded,
                scenario_name=name, facilitator_id=interaction.user.id,
                command_id=str(interaction.id))
            answer.game_id = result.game_id
            self.bot.channel_games.pop(interaction.channel_id or 0, None)  # the channel's new game
            await self.bot.publisher.publish(result)
            text = (f"Game `{result.game_id}` is open: {clean(loaded.meta.title)}. Players take "
                    "seats with `/game join`; start with `/game start`.")
            if not self.bot.publisher.showing(result.game_id):
                text += f"\n⚠️ {CANNOT_POST}"
            await reply(interaction, text)

    @app_commands.command(name="join", description="Take a seat in this channel's game.")
    @app_commands.describe(role="The role to play")
    @app_commands.autocomplete(role=ac.free_roles)
    async def join(self, interaction: discord.Interaction, role: str) -> None:
        async with answering(interaction) as answer:
            info = await self.here(interaction, answer)
            result = await actions.submit(self.bot, interaction, info.id, JoinSeat(role=role.strip()))
            sc = result.state.scenario
            text = f"You play {role_name(sc, role)}. Your private messages come by DM."
            if result.state.phase.value != "lobby":
                view = view_for(result.state, Viewer.seat(role))
                await reply_cards(interaction, status_card(view, sc), content=text)
            else:
                await actions.say(interaction, text)

    @app_commands.command(name="leave", description="Give up your seat (it becomes vacant).")
    async def leave(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            info = await self.here(interaction, answer)
            await actions.submit(self.bot, interaction, info.id, LeaveSeat())
            await actions.say(interaction, "You have left your seat; it now withholds and spends "
                                           "nothing.")

    @app_commands.command(name="computer", description="Let a computer player take a seat "
                                                       "(facilitators).")
    @app_commands.describe(role="The seat", policy="How the computer plays")
    @app_commands.autocomplete(role=ac.free_roles, policy=ac.policies)
    async def computer(self, interaction: discord.Interaction, role: str, policy: str) -> None:
        async with answering(interaction) as answer:
            result = await self.white_cell(interaction, answer, AssignComputer(role=role,
                                                                               policy=policy))
            await actions.say(interaction, f"A computer ({clean(policy)}) now plays "
                                           f"{role_name(result.state.scenario, role)}.")

    @app_commands.command(name="start", description="Start the game (facilitators).")
    async def start(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            await self.white_cell(interaction, answer, StartGame())
            await actions.say(interaction, "The game has started: briefings are going out.")

    @app_commands.command(name="status", description="Your own view: phase, deadline, intel, "
                                                     "budget, orders.")
    async def status(self, interaction: discord.Interaction) -> None:
        async with answering(interaction) as answer:
            info = await self.here(interaction, answer)
            state = await self.bot.games.state(info.id)
            role = state.seat_of(str(interaction.user.id))
            if role is not None:
                view = view_for(state, Viewer.seat(role))
                await reply_cards(interaction, status_card(view, state.scenario))
                return
            view = view_for(state, Viewer.observer())
            players = players_of(state)
            card = (lobby_card(view, players, state.scenario) if view.phase.value == "lobby"
                    else phase_card(view, players, state.scenario, []))
            await reply_cards(interaction, card, content="You hold no seat in this game.")

    @app_commands.command(name="list", description="The games of this server (facilitators).")
    async def list_games(self, interaction: discord.Interaction) -> None:
        async with answering(interaction):
            self.require_facilitator(interaction)
            games = await self.bot.games.games_for_guild(interaction.guild_id or 0, live_only=False)
            if not games:
                await actions.say(interaction, "No games on this server yet.")
                return
            lines = [f"`{g.id}` · {clean(g.scenario)} · {g.phase} · <#{g.channel_id}> · "
                     f"opened {when(g.created_at)}" for g in games[-20:]]
            await reply(interaction, "\n".join(lines))
