"""/game: one command group for the whole game's life, assembled from its areas' mixins."""

from __future__ import annotations

from discord.ext import commands

from bot.cogs.debrief import DebriefCommands
from bot.cogs.facilitator import FacilitatorCommands
from bot.cogs.lobby import LobbyCommands
from bot.cogs.privacy import PrivacyCommands


class GameCog(LobbyCommands, FacilitatorCommands, DebriefCommands, PrivacyCommands,
              commands.GroupCog,
              group_name="game", group_description="Duty to Warn: set up, run and debrief a game"):
    """Lobby (new, join, leave, computer, start, status, list), White Cell (advance, pause, resume,
    extend, inject, adjudicate, end, close, facilitator), debrief and forget-me commands."""
