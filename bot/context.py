"""Which game an interaction addresses: the channel's game, or (in a DM) the player's own game."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.errors import Refusal
from game.service import GameInfo

if TYPE_CHECKING:
    from bot.client import DutyBot

NO_GAME_HERE = "There is no game in this channel. A facilitator can start one with `/game new`."
NO_SEAT = "You hold no seat in a live game. Join one with `/game join` in its channel."
SEVERAL = ("You hold seats in several games ({names}); send this from the game's channel instead "
           "of a DM.")


async def game_here(bot: DutyBot, interaction: discord.Interaction) -> GameInfo:
    """The game this interaction is about, or a Refusal that says why there is none.

    A channel's live game is looked up once and then kept in `bot.channel_games` (a channel holds
    one live game until it is closed, which the publisher sees): every command of a game would
    otherwise start with a database query in a worker thread. Only the cached GameInfo's `id` is
    kept current; callers use nothing else."""
    if interaction.guild_id is None:
        pairs = await bot.games.games_for_user(interaction.user.id)
        if not pairs:
            raise Refusal(NO_SEAT)
        if len(pairs) > 1:
            names = ", ".join(f"`{g.id}`" for g, _ in pairs)
            raise Refusal(SEVERAL.format(names=names))
        return pairs[0][0]
    channel_id = interaction.channel_id or 0
    info = bot.channel_games.get(channel_id)
    if info is None:
        info = await bot.games.game_for_channel(channel_id)
        if info is None:
            raise Refusal(NO_GAME_HERE)
        bot.channel_games[channel_id] = info
    return info


def forget_game(bot: DutyBot, game_id: str) -> None:
    """Drop the cached channel lookup of a game that was closed (or that refused a command as over
    or missing, in case another process closed it): the next command looks again."""
    for channel_id in [c for c, info in bot.channel_games.items() if info.id == game_id]:
        del bot.channel_games[channel_id]


async def game_or_last(bot: DutyBot, interaction: discord.Interaction) -> GameInfo:
    """The channel's live game, else the last closed game played in this channel (for debriefs)."""
    try:
        return await game_here(bot, interaction)
    except Refusal:
        if interaction.guild_id is None:
            raise
    games = await bot.games.games_for_guild(interaction.guild_id, live_only=False)
    mine = [g for g in games if g.channel_id == str(interaction.channel_id)]
    if not mine:
        raise Refusal(NO_GAME_HERE)
    return mine[-1]
