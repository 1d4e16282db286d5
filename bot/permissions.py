"""The one permission check: who may act as the facilitator (the White Cell).

A facilitator is a member with Manage Server or with the role the settings name (default
"White Cell"). The interaction payload carries the member's permissions and roles, so no members
intent or extra REST call is needed. In a DM nobody is a facilitator: White Cell work happens in
the game's channel.
"""

from __future__ import annotations

import discord

from bot.errors import Refusal
from game.engine import Code, GameError


def is_facilitator(interaction: discord.Interaction, role_name: str) -> bool:
    user = interaction.user
    if interaction.guild is None or not isinstance(user, discord.Member):
        return False
    if interaction.permissions.manage_guild:
        return True
    wanted = role_name.casefold()
    return any(role.name.casefold() == wanted for role in user.roles)


def require_facilitator(interaction: discord.Interaction, role_name: str) -> None:
    """Refuse (with the engine's own code, so the words are the same) unless a facilitator."""
    if interaction.guild is None:
        raise Refusal("Facilitator commands work in the game's channel, not in DMs.")
    if not is_facilitator(interaction, role_name):
        raise GameError(Code.NOT_FACILITATOR, "")
