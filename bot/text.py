"""Text that is safe to show on Discord, and Discord's size limits.

User text (rationales, proposals, injected items and news, game titles) can hold markdown, mentions
and invisible characters. `clean` neutralises all three; everything shown in an embed goes through
it. The split helpers cut long content at line breaks so that nothing is ever rejected for size.
"""

from __future__ import annotations

import re

import discord

MESSAGE = 2000
DESCRIPTION = 4096
FIELD_VALUE = 1024
FIELD_NAME = 256
TITLE = 256
FOOTER = 2048
FIELDS = 25
EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10

# Zero-width, joiners, bidi embeddings/overrides/isolates, BOM, soft hyphen, word joiner family,
# and other format characters that can hide text or reverse a line's layout.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def strip_invisible(text: str) -> str:
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def clean(text: str, *, limit: int | None = None) -> str:
    """User text made inert: no hidden characters, no mentions, no markdown; cut to `limit`."""
    text = strip_invisible(text)
    text = discord.utils.escape_mentions(text)
    text = discord.utils.escape_markdown(text)
    return clip(text, limit) if limit else text


def plain(text: str) -> str:
    """Trusted text (scenario files, our own words): only hidden characters removed."""
    return strip_invisible(text)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip("\\") + "…"


def split_lines(text: str, limit: int) -> list[str]:
    """Chunks of at most `limit` characters, cut at line breaks where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            chunks.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks


def embed_size(embed: discord.Embed) -> int:
    return len(embed)


def pack(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages: at most 10 per message and 6000 characters in all."""
    messages: list[list[discord.Embed]] = []
    current: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        n = len(embed)
        if current and (len(current) == EMBEDS_PER_MESSAGE or size + n > EMBED_TOTAL):
            messages.append(current)
            current, size = [], 0
        current.append(embed)
        size += n
    if current:
        messages.append(current)
    return messages
