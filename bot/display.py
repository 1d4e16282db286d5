"""Where a game is shown: its channel, the current phase message, and this turn's public events.

Held in memory only. After a restart it is rebuilt from the event log, and the phase message is
found again from its footer ("game <id> · turn <n> · <phase>") in the channel's recent history, or
from the message of a button that was clicked.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from game.engine import Event, GameState, Phase, View
from game.engine import events as ev

if TYPE_CHECKING:
    from bot.client import DutyBot

log = logging.getLogger("bot.display")
FOOTER = re.compile(r"game (?P<game>[0-9a-f]+)(?: · turn (?P<turn>\d+))? · (?P<phase>[a-z_]+)")
SEARCH_DEPTH = 30

Key = tuple[str, int]


def players_of(state: GameState) -> dict[str, str | None]:
    """role -> the Discord user id playing it (None for computer or vacant seats). Who sits where
    is public (seat events are public); this is for routing messages and mentions."""
    return {role: seat.player if seat.controller == "human" else None
            for role, seat in state.seats.items()}


def key_from_footer(text: str, game_id: str) -> Key | None:
    match = FOOTER.search(text)
    if match is None or match["game"] != game_id:
        return None
    return (match["phase"], int(match["turn"] or 0))


@dataclass
class Display:
    game_id: str
    channel_id: int | None
    seq: int = 0
    message_id: int | None = None
    message_key: Key | None = None
    embed: discord.Embed | None = None
    phase: Phase = Phase.LOBBY
    turn_events: list[Event] = field(default_factory=list)
    ended_reason: str = ""
    dm_closed: bool = False
    searched: bool = False

    @staticmethod
    def key_of(view: View) -> Key:
        return (view.live_phase.value, view.turn)

    @property
    def in_aftermath(self) -> bool:
        return self.phase is Phase.AFTERMATH

    def remember(self, event: Event) -> None:
        """Fold one event into what the channel shows: this turn's public events, the phase."""
        if isinstance(event, ev.GameStarted) or (
            isinstance(event, ev.PhaseStarted) and event.phase is Phase.INTEL_RECEIVED
        ):
            self.turn_events = []
        if isinstance(event, ev.PhaseStarted):
            self.phase = event.phase
        if isinstance(event, ev.GameEnded):
            self.phase = Phase.DEBRIEF
            self.ended_reason = event.reason
        if event.visibility.public:
            self.turn_events.append(event)

    def shown(self, message: discord.Message, embed: discord.Embed, key: Key) -> None:
        self.message_id, self.embed, self.message_key = message.id, embed, key

    def adopt(self, message: discord.Message) -> bool:
        """Take `message` as the phase message if it is one of this game's, still open."""
        if not message.embeds:
            return False
        embed = message.embeds[0]
        key = key_from_footer(embed.footer.text or "", self.game_id)
        if key is None or (embed.title or "").endswith("— closed"):
            return False
        self.shown(message, embed, key)
        return True

    async def find(self, bot: DutyBot) -> None:
        """After a restart: look once through the channel's recent messages for ours."""
        if self.searched or self.channel_id is None:
            return
        self.searched = True
        channel = await self.channel(bot)
        if channel is None:
            return
        try:
            async for message in channel.history(limit=SEARCH_DEPTH):
                if bot.user and message.author.id == bot.user.id and self.adopt(message):
                    return
        except discord.HTTPException:
            log.warning("game %s: could not read channel %s", self.game_id, self.channel_id)

    async def channel(self, bot: DutyBot) -> discord.abc.Messageable | None:
        if self.channel_id is None:
            return None
        found = bot.get_channel(self.channel_id)
        if isinstance(found, discord.abc.Messageable):
            return found
        try:
            fetched = await bot.fetch_channel(self.channel_id)
        except discord.HTTPException:
            log.warning("game %s: channel %s is gone", self.game_id, self.channel_id)
            return None
        return fetched if isinstance(fetched, discord.abc.Messageable) else None


def channel_message(bot: DutyBot, display: Display) -> discord.PartialMessage:
    assert display.channel_id is not None and display.message_id is not None
    return bot.get_partial_messageable(display.channel_id).get_partial_message(display.message_id)
