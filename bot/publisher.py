"""Showing what happened: events routed by visibility to the channel, to DMs, or to nobody.

After every accepted command, deadline or computer move the bot hands the HandleResult here. The
publisher keeps, per game, the last seq it has shown, so events are shown once and in order (a gap
is filled from the log). Public events shape the channel's one embed per phase (posted when the
phase opens, edited as seats submit); each human seat gets at most one DM per step with what
reached it privately. If a DM is refused, the phase embed says so and the "My intel" button
answers instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord

from bot.context import forget_game
from bot.display import Display, channel_message, players_of
from bot.embeds import build
from bot.private import notice_card
from bot.render import channel_embed, closed_embed, phase_card
from bot.shards import shows_guild
from bot.text import clean, pack
from bot.views import controls
from game.describe import seat_news
from game.engine import Event, GameState, Phase, Viewer, view_for
from game.engine import events as ev
from game.service import HandleResult, StoredEvent

if TYPE_CHECKING:
    from bot.client import DutyBot

log = logging.getLogger("bot.publisher")
NO_PINGS = discord.AllowedMentions.none()
OPENS = (ev.GameCreated, ev.GameStarted, ev.PhaseStarted, ev.GameEnded, ev.GameClosed)


class Publisher:
    def __init__(self, bot: DutyBot) -> None:
        self.bot = bot
        self.displays: dict[str, Display] = {}
        self.dm_closed: set[str] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._hints: dict[str, discord.Message] = {}
        self._owned: dict[str, bool] = {}

    def _lock(self, game_id: str) -> asyncio.Lock:
        return self._locks.setdefault(game_id, asyncio.Lock())

    def showing(self, game_id: str) -> bool:
        """Whether the game's current phase message is up (False if the channel refused it)."""
        display = self.displays.get(game_id)
        return display is not None and display.message_id is not None

    def hint(self, game_id: str, message: discord.Message | None) -> None:
        """A phase message seen in an interaction (a button click): saves a search after a restart."""
        if message is None:
            return
        display = self.displays.get(game_id)
        if display is None:
            self._hints[game_id] = message
        elif display.message_id is None:
            display.adopt(message)

    async def publish(self, result: HandleResult) -> None:
        """Show the result's events that have not been shown yet; never raises."""
        game_id = result.game_id
        if result.state.phase is Phase.ENDED:  # closed: the channel is free for a new game
            forget_game(self.bot, game_id)
        if result.duplicate:  # shown when it was first handled
            self.bot.deadlines.follow(result.state)
            return
        try:
            if await self._shows(game_id):  # else the process of its guild's shard shows it
                async with self._lock(game_id):
                    await self._publish(result)
        except Exception:
            log.exception("game %s: could not show events up to seq %d", game_id, result.seq)
        self.bot.deadlines.follow(result.state)

    async def catch_up(self, game_id: str, *, shown: int) -> None:
        """Show the events after seq `shown` that another process committed (bot.follow)."""
        if not await self._shows(game_id):
            return
        async with self._lock(game_id):
            if game_id not in self.displays:
                await self._load(game_id, before=shown + 1)
        state = await self.bot.games.state(game_id)
        await self.publish(HandleResult(game_id, (), state))

    async def _shows(self, game_id: str) -> bool:
        """Whether this process shows the game (bot.shards); asked of the database once."""
        if not self.bot.settings.sharded:
            return True
        known = self._owned.get(game_id)
        if known is None:
            info = await self.bot.games.game(game_id)
            known = self._owned[game_id] = shows_guild(self.bot.settings,
                                                       info.guild_id if info else None)
        return known

    async def _publish(self, result: HandleResult) -> None:
        game_id = result.game_id
        first = result.events[0].seq if result.events else result.seq + 1
        display = self.displays.get(game_id) or await self._load(game_id, before=first)
        events: Sequence[StoredEvent] = [e for e in result.events if e.seq > display.seq]
        state = result.state
        if (events and events[0].seq != display.seq + 1) or (not events and state.seq > display.seq):
            state = await self.bot.games.state(game_id)
            fetched = await self.bot.games.events(game_id, after_seq=display.seq)
            events = [e for e in fetched if e.seq <= state.seq]
        if not events:
            return
        await self._announce(display, [e.event for e in events], state)
        display.seq = events[-1].seq

    async def _load(self, game_id: str, *, before: int) -> Display:
        """A game this process has not shown yet (a new game, or any game after a restart)."""
        info = await self.bot.games.game(game_id)
        display = Display(game_id=game_id, channel_id=int(info.channel_id) if info and
                          info.channel_id else None, seq=before - 1, searched=before <= 1)
        hinted = self._hints.pop(game_id, None)
        if hinted is not None:
            display.adopt(hinted)
        if before > 1:
            earlier = await self.bot.games.events(game_id)
            for stored in earlier:
                if stored.seq < before:
                    display.remember(stored.event)
        self.displays[game_id] = display
        return display

    async def _announce(self, display: Display, events: list[Event], state: GameState) -> None:
        reveals: list[list[Event]] = []
        news: list[Event] = []
        opened = aftermath = False
        for event in events:
            closes_turn = isinstance(event, ev.GameEnded) or (
                isinstance(event, ev.PhaseStarted) and event.phase is Phase.INTEL_RECEIVED)
            if aftermath and closes_turn:
                reveals.append(list(display.turn_events))  # an aftermath passed in one step
                aftermath = False
            if isinstance(event, ev.PhaseStarted) and event.phase is Phase.AFTERMATH:
                aftermath = True
            opened = opened or isinstance(event, OPENS)
            if isinstance(event, ev.NewsPublished) and not opened:
                news.append(event)
            display.remember(event)
        await self._notify_seats(display, events, state)
        for turn_events in reveals:
            await self._post_reveal(display, state, turn_events)
        for event in news:
            await self._post_news(display, state, event)
        if opened:
            await self._close_message(display)
            if state.phase is not Phase.ENDED:
                await self._show(display, state, post=True)
        else:
            await self._show(display, state, post=False)

    # The channel ---------------------------------------------------------------------------

    async def _show(self, display: Display, state: GameState, *, post: bool) -> None:
        view = view_for(state, Viewer.observer())
        embed = channel_embed(view, players_of(state), state.scenario, display.turn_events,
                              dm_closed=display.dm_closed, reason=display.ended_reason)
        components = controls(view)
        key = display.key_of(view)
        if not post and display.message_id is None:
            await display.find(self.bot)
        if not post and display.message_id is not None and display.message_key == key:
            if display.embed is not None and display.embed.to_dict() == embed.to_dict():
                return  # nothing public changed (a private move): no edit
            message = channel_message(self.bot, display)
            await message.edit(embed=embed, view=components, allowed_mentions=NO_PINGS)
            display.embed = embed
            return
        if not post:
            await self._close_message(display)
        channel = await display.channel(self.bot)
        if channel is None:
            return
        sent = await (channel.send(embed=embed, view=components) if components
                      else channel.send(embed=embed))
        display.shown(sent, embed, key)

    async def _close_message(self, display: Display) -> None:
        if display.message_id is None:
            await display.find(self.bot)
        if display.message_id is None or display.embed is None:
            return
        await channel_message(self.bot, display).edit(embed=closed_embed(display.embed), view=None,
                                                      allowed_mentions=NO_PINGS)
        display.message_id = None
        display.embed = None

    async def _post_reveal(self, display: Display, state: GameState, turn_events: list[Event]) -> None:
        """An aftermath the game passed through in one step still gets its one reveal embed."""
        channel = await display.channel(self.bot)
        if channel is None:
            return
        view = view_for(state, Viewer.observer())
        card = phase_card(view, players_of(state), state.scenario, turn_events)
        card.title = "This week's outcomes"
        card.sections = []
        for embeds in pack(build(card)):
            await channel.send(embeds=embeds)

    async def _post_news(self, display: Display, state: GameState, event: Event) -> None:
        channel = await display.channel(self.bot)
        line = seat_news(event, state.scenario, None)
        if channel is None or line is None:
            return
        await channel.send(embed=discord.Embed(title="📰 News", description=clean(line)[:4000],
                                               colour=discord.Colour.dark_blue()))

    # Private messages ----------------------------------------------------------------------

    async def _notify_seats(self, display: Display, events: list[Event], state: GameState) -> None:
        """At most one DM per human seat for this step: new items, rulings, costs, the briefing."""
        started = any(isinstance(e, ev.GameStarted) for e in events)
        for role, player in players_of(state).items():
            if player is None or player in self.dm_closed:
                if player in self.dm_closed:
                    display.dm_closed = True
                continue
            seat = Viewer.seat(role)
            mine = [e for e in events if not e.visibility.public and e.visibility.allows(seat)]
            items = {e.item for e in mine if isinstance(e, ev.ItemDelivered) and e.holder == role}
            notes = [n for e in mine if (n := seat_news(e, state.scenario, role))]
            if not (items or notes or started):
                continue
            view = view_for(state, seat)
            card = notice_card(view, state.scenario, items, notes, briefing=started)
            await self._dm(display, player, build(card))

    async def _dm(self, display: Display, player: str, embeds: list[discord.Embed]) -> None:
        try:
            channel = await self.bot.create_dm(discord.Object(int(player)))
            for batch in pack(embeds):
                await channel.send(embeds=batch)
        except discord.Forbidden:
            log.info("game %s: DMs closed for user %s; the My intel button stands in",
                     display.game_id, player)
            self.dm_closed.add(player)
            display.dm_closed = True
        except discord.HTTPException:
            log.warning("game %s: DM to user %s failed", display.game_id, player, exc_info=True)

