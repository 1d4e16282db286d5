"""Building embeds that always fit: long sections flow over fields and further embeds.

Discord refuses an embed over its limits (description 4096, field 1024, 25 fields, 6000 in all);
`build` splits instead, so that a long item list or facilitator view still arrives whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot.text import (
    DESCRIPTION,
    EMBED_TOTAL,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    FOOTER,
    TITLE,
    clip,
    split_lines,
)

MARGIN = 64  # room for a continuation title and footer


@dataclass
class Section:
    name: str
    text: str
    inline: bool = False


@dataclass
class Card:
    """What an embed (or a run of embeds) says, before it is cut to Discord's sizes."""

    title: str
    description: str = ""
    sections: list[Section] = field(default_factory=list)
    colour: discord.Colour = field(default_factory=discord.Colour.blurple)
    footer: str = ""

    def add(self, name: str, text: str, *, inline: bool = False) -> Card:
        if text.strip():
            self.sections.append(Section(name, text, inline))
        return self


def _new(card: Card, first: bool) -> discord.Embed:
    title = card.title if first else f"{card.title} (cont.)"
    return discord.Embed(title=clip(title, TITLE), colour=card.colour)


def build(card: Card) -> list[discord.Embed]:
    """One embed when it fits, more when it does not; every limit respected."""
    embeds = [_new(card, True)]
    for n, chunk in enumerate(split_lines(card.description, DESCRIPTION) if card.description else []):
        if n:
            embeds.append(_new(card, False))
        embeds[-1].description = chunk
    for section in card.sections:
        chunks = split_lines(section.text, FIELD_VALUE)
        for n, chunk in enumerate(chunks):
            name = clip(section.name if n == 0 else f"{section.name} (cont.)", FIELD_NAME)
            embed = embeds[-1]
            if len(embed.fields) >= FIELDS or len(embed) + len(name) + len(chunk) > EMBED_TOTAL - MARGIN:
                embed = _new(card, False)
                embeds.append(embed)
            embed.add_field(name=name, value=chunk or "—", inline=section.inline and len(chunks) == 1)
    if card.footer:
        embeds[-1].set_footer(text=clip(card.footer, FOOTER))
    return embeds


def single(card: Card) -> discord.Embed:
    """Exactly one embed (a channel's phase message): sections beyond the limits are cut short."""
    embed = _new(card, True)
    if card.description:
        embed.description = clip(card.description, DESCRIPTION)
    for section in card.sections[:FIELDS]:
        name, value = clip(section.name, FIELD_NAME), clip(section.text, FIELD_VALUE) or "—"
        if len(embed) + len(name) + len(value) > EMBED_TOTAL - MARGIN:
            break
        embed.add_field(name=name, value=value, inline=section.inline)
    if card.footer:
        embed.set_footer(text=clip(card.footer, FOOTER))
    return embed
