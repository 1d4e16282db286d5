"""Answering interactions: defer first, then reply privately, whatever happens.

Discord gives an interaction 3 seconds for its first answer. Every handler that touches the game
defers at once (the service works in a thread), then answers with followups. `answering` turns a
refusal into one friendly line and an unexpected error into a logged apology, so no interaction is
ever left as "This interaction failed".
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

import discord
from discord.utils import MISSING

from bot.embeds import Card, build
from bot.errors import APOLOGY, Refusal, say
from bot.text import MESSAGE, clip, pack
from game.engine import GameError

log = logging.getLogger("bot")


async def defer(interaction: discord.Interaction, *, ephemeral: bool = True) -> None:
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)


async def reply(interaction: discord.Interaction, content: str | None = None, *,
                embeds: Sequence[discord.Embed] = (), files: Sequence[discord.File] = (),
                ephemeral: bool = True) -> None:
    """Send `content` and `embeds` as one or more messages, within Discord's limits."""
    batches: list[list[discord.Embed]] = pack(list(embeds)) or [[]]
    text = clip(content, MESSAGE) if content else None
    for n, batch in enumerate(batches):
        words = text if n == 0 and text else MISSING
        attached = list(files) if n == len(batches) - 1 and files else MISSING
        if not interaction.response.is_done():
            await interaction.response.send_message(words, embeds=batch, files=attached,
                                                    ephemeral=ephemeral)
        else:
            await interaction.followup.send(words, embeds=batch, files=attached,
                                            ephemeral=ephemeral)


async def reply_cards(interaction: discord.Interaction, *cards: Card, content: str | None = None,
                      ephemeral: bool = True) -> None:
    embeds = [e for card in cards for e in build(card)]
    await reply(interaction, content, embeds=embeds, ephemeral=ephemeral)


@dataclass
class Answer:
    """What the handler learnt along the way, for the log line if it fails."""

    game_id: str | None = None


@asynccontextmanager
async def answering(interaction: discord.Interaction, *, ephemeral: bool = True,
                    deferred: bool = True) -> AsyncIterator[Answer]:
    answer = Answer()
    if deferred:
        await defer(interaction, ephemeral=ephemeral)
    try:
        yield answer
    except (GameError, Refusal) as refusal:
        await _safe_reply(interaction, say(refusal))
    except Exception:
        log.exception("game %s guild %s: %s failed", answer.game_id, interaction.guild_id,
                      _what(interaction))
        await _safe_reply(interaction, APOLOGY)


async def _safe_reply(interaction: discord.Interaction, text: str) -> None:
    try:
        await reply(interaction, text, ephemeral=True)
    except discord.HTTPException:
        log.warning("guild %s: could not answer interaction %s", interaction.guild_id,
                    interaction.id)


def _what(interaction: discord.Interaction) -> str:
    command = interaction.command
    if command is not None:
        return f"/{command.qualified_name}"
    data: dict[str, object] = dict(interaction.data or {})
    return str(data.get("custom_id", "interaction"))
