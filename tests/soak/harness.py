"""The soak: many games at once through the real bot in simcord, with faults injected.

Each game has its own channel and three players; a facilitator runs them all. Players are driven
by a seeded random policy that issues real slash commands and clicks (shares of what they hold,
duty-to-warn entries, ratings, actions, Done by button or by /done). Faults: the bot restarted at
random moments (a fresh bot on the same database), the same interaction delivered twice (the
bot's own submit path with one interaction id, as a redelivery would), moves in the wrong phase,
moves by members without a seat, facilitator commands by players, pauses and resumes, and
deadlines left to expire (the virtual clock moves 15 s after every 10 games played and 4-8
minutes after every round; see TICK). The bot restarts after every `restart_every` games played,
so mid-round when there are more games than that.

`check` then asserts: every game is over or resumable (its state loads and is not stuck); every
accepted command's events are in the log exactly once and contiguous; every game's log replays
to the digest of the state the service serves; and no item text reached a member whose seat does
not hold that item in full (over every message of every channel and DM, as each member sees it).
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord
import pytest
import sqlalchemy as sa

from bot import actions
from game.engine import Done, GameError, Level, Viewer, replay, state_digest, view_for

ROLES = ("aurelia", "borovia", "caldera")
MARK = "SOAKSECRET"


@dataclass
class Seat:
    role: str
    member: Any


@dataclass
class SoakGame:
    n: int
    channel: Any
    seats: list[Seat]
    game_id: str = ""


@dataclass
class Report:
    games: int = 0
    rounds: int = 0
    commands: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    over: int = 0
    resumable: int = 0
    events: int = 0

    def line(self) -> str:
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        return (f"{self.games} games ({self.over} over, {self.resumable} resumable), "
                f"{self.rounds} rounds, {self.commands} interactions, {self.events} events, "
                f"faults: {faults}; {self.seconds:.1f} s")


def text_of(message: Any) -> str:
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


# The virtual clock moves TICK seconds after every GROUP games a round plays (or opens), as it
# would while people play: deadlines then fall due at different instants for different games, as on
# a real server, not all at the one instant the clock stood at while the round was played. TICK is
# a multiple of every deadline and reminder offset (minutes, quarters of them, at least a minute),
# so every instant the harness stops at is on a 15-second grid and no timer is ever due less than
# 15 s after it; and 15 s per 10 games keeps the virtual clock ahead of the wall clock. simcord
# fires a timer on its own when its delay passes in real time (a "real-time fallback", inside
# whatever settle is running, with that settle's budget); ahead of the wall clock, every deadline
# is fired by the harness's own clock moves instead.
GROUP, TICK = 10, 15
# simcord gives every clock move `settle_timeout` of real time for all the bot's work it causes.
# Moving the clock minutes fires up to one deadline per live game (a commit, the channel's messages
# and three DMs each), so the budget of the harness's clock moves grows with the live games.
SECONDS_PER_LIVE_GAME = 0.1


class Soak:
    def __init__(self, env: Any, make_bot: Any, *, games: int, seed: int = 0,
                 restart_every: int = 250) -> None:
        self.env, self.make_bot, self.rng = env, make_bot, random.Random(seed)
        self.report = Report(games=games)
        self.count, self.restart_every = games, restart_every
        self.games: list[SoakGame] = []
        self.fake_ids = 900_000_000
        self.settle_timeout = env.settle_timeout
        self.plays = 0          # games played, over all rounds: the bot restarts every restart_every

    @property
    def service(self) -> Any:
        return self.env.bot.service

    async def setup(self) -> None:
        env = self.env
        self.guild = env.create_guild("Soak Server")
        cell = self.guild.create_role("White Cell")
        self.mia = self.guild.add_member(env.create_user("mia"), roles=[cell])
        self.eve = self.guild.add_member(env.create_user("eve"))
        for n in range(self.count):
            channel = self.guild.create_text_channel(f"room-{n}")
            seats = [Seat(role, self.guild.add_member(env.create_user(f"p{n}-{role}")))
                     for role in ROLES]
            self.games.append(SoakGame(n, channel, seats))
        await env.settle()
        for g in self.games:
            if g.n % GROUP == GROUP - 1:
                await self.tick(live=g.n)
            await self.slash(self.mia, g, "game new", scenario="tutorial")
            for seat in g.seats:
                await self.slash(seat.member, g, "game join", role=seat.role)
            await self.slash(self.mia, g, "game start")
            info = self.service.game_for_channel(g.channel.id)
            g.game_id = str(info.id)

    async def slash(self, member: Any, g: SoakGame, command: str, **options: Any) -> Any:
        self.report.commands += 1
        result = await member.slash(g.channel, command, **options)
        assert result.acknowledged, (g.n, command)
        return result

    async def run(self, minutes: float | None = None, max_rounds: int = 60) -> Report:
        start = time.monotonic()
        await self.setup()
        for rnd in range(max_rounds):
            self.report.rounds = rnd + 1
            live = [g for g in self.games if not self.service.state(g.game_id).over]
            if not live:
                break
            if minutes is not None and time.monotonic() - start > minutes * 60:
                break
            for i, g in enumerate(live):
                await self.play(g)
                self.plays += 1
                if i % GROUP == GROUP - 1:
                    await self.tick(live=len(live))
                if self.plays % self.restart_every == 0:
                    self.report.faults["bot restarts"] += 1
                    await self.env.restart_bot(self.make_bot())
            self.report.faults["clock advances (deadlines)"] += 1
            await self.advance(self.rng.choice((240, 360, 480)), live=len(live))
        self.report.seconds = time.monotonic() - start
        return self.report

    async def tick(self, *, live: int) -> None:
        self.report.faults["clock moves between games"] += 1
        await self.advance(TICK, live=live)

    async def advance(self, seconds: float, *, live: int) -> None:
        """Move the virtual clock, with a real-time budget for the deadlines that fire."""
        self.env.settle_timeout = self.settle_timeout + SECONDS_PER_LIVE_GAME * live
        try:
            await self.env.advance_time(seconds)
        finally:
            self.env.settle_timeout = self.settle_timeout

    async def play(self, g: SoakGame) -> None:
        rng, faults = self.rng, self.report.faults
        state = self.service.state(g.game_id)
        if state.over:
            return
        if state.phase.value == "paused":
            if rng.random() < 0.7:
                await self.slash(self.mia, g, "game resume")
            return
        roll = rng.random()
        if roll < 0.04:
            faults["pause"] += 1
            await self.slash(self.mia, g, "game pause")
            return
        if roll < 0.08:
            faults["facilitator command by a player"] += 1
            await self.slash(rng.choice(g.seats).member, g, "game advance")
        elif roll < 0.12:
            faults["move by a non-seat"] += 1
            await self.slash(self.eve, g, "done")
        elif roll < 0.16:
            faults["wrong-phase move"] += 1
            command = "intel rate" if state.phase.value != "response" else "intel warn"
            options = ({"item": 1, "rating": "accept"} if command == "intel rate"
                       else {"item": 1, "decision": "warn"})
            await self.slash(rng.choice(g.seats).member, g, command, **options)
        elif roll < 0.20 and state.phase.value in ("briefing", "intel_received", "aftermath"):
            faults["duplicate delivery"] += 1
            seat = rng.choice(g.seats)
            self.fake_ids += 1
            fake = SimpleNamespace(id=self.fake_ids, user=SimpleNamespace(id=seat.member.id))
            try:
                one = await actions.submit(self.env.bot, fake, g.game_id, Done())
            except GameError as refused:          # already finished: the same refusal again
                with pytest.raises(GameError) as again:
                    await actions.submit(self.env.bot, fake, g.game_id, Done())
                assert again.value.code == refused.code
            else:
                two = await actions.submit(self.env.bot, fake, g.game_id, Done())
                assert two.duplicate and [e.seq for e in one.events] == [e.seq for e in two.events]
        elif roll < 0.22:
            faults["inject item"] += 1
            await self.slash(self.mia, g, "game inject item", recipient=rng.choice(ROLES),
                             specificity=rng.randint(1, 4), plot="lantern",
                             text=f"{MARK}{g.n}x{state.next_item} eyes only")
        for seat in g.seats:
            if rng.random() < 0.3:
                await self.seat_moves(g, seat)

    async def seat_moves(self, g: SoakGame, seat: Seat) -> None:
        rng = self.rng
        state = self.service.state(g.game_id)
        if state.over or state.phase.value == "paused" or state.seats[seat.role].submitted:
            return
        view = view_for(state, Viewer.seat(seat.role))
        phase = state.phase.value
        if phase == "sharing":
            for item in view.items[:2]:
                to = rng.choice([r for r in ROLES if r != seat.role])
                await self.slash(seat.member, g, "intel share", item=item.id, to=to,
                                 level=rng.choice([lv.label for lv in Level]))
            for item_id in view.duty_pending[:1]:
                await self.slash(seat.member, g, "intel warn", item=item_id, decision="warn")
        elif phase == "response":
            for item_id in view.to_rate[:2]:
                await self.slash(seat.member, g, "intel rate", item=item_id, rating="discount")
            if rng.random() < 0.3:
                await self.slash(seat.member, g, "act", action="propose", text="a plan")
        if rng.random() < 0.5:
            await self.slash(seat.member, g, "done")
        else:
            await self.click_done(g, seat)

    async def click_done(self, g: SoakGame, seat: Seat) -> None:
        for message in reversed(g.channel.history()):
            if message.components:
                done = [c.custom_id for row in message.components for c in row.children
                        if c.custom_id and c.custom_id.startswith("dtw:done:")]
                if done:
                    self.report.commands += 1
                    result = await seat.member.click(message, custom_id=done[0])
                    assert result.acknowledged, g.n
                return

    # The checks -----------------------------------------------------------------------------

    def check(self) -> Report:
        for g in self.games:
            state = self.service.state(g.game_id)
            stored = self.service.events(g.game_id)
            self.report.events += len(stored)
            assert [e.seq for e in stored] == list(range(1, len(stored) + 1)), g.n
            assert state_digest(replay(e.event for e in stored)) == state_digest(state), g.n
            if state.over:
                self.report.over += 1
            else:
                self.report.resumable += 1        # loads, and the clock or players move it on
                assert state.phase.value != "lobby", g.n
        self.check_exactly_once()
        self.check_information_flow()
        return self.report

    def check_exactly_once(self) -> None:
        """Each accepted command's events: one contiguous run, in one game, tagged with its id."""
        engine = self.service.engine
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT id, game_id, first_seq, last_seq FROM commands WHERE accepted")).all()
            tagged = conn.execute(sa.text(
                "SELECT command_id, game_id, seq FROM events WHERE command_id IS NOT NULL")).all()
        by_command: dict[str, list[tuple[str, int]]] = {}
        for command_id, game_id, seq in tagged:
            by_command.setdefault(command_id, []).append((game_id, seq))
        for command_id, game_id, first, last in rows:
            seqs = sorted(s for gid, s in by_command.get(command_id, []) if gid == game_id)
            if first is None:
                assert not seqs, command_id
                continue
            assert seqs == list(range(first, last + 1)), (command_id, first, last, seqs)
            assert {gid for gid, _ in by_command[command_id]} == {game_id}, command_id
        assert len(rows) == len({r[0] for r in rows})

    def check_information_flow(self) -> None:
        """Injected item text: seen only by the members whose seat holds that item in full.

        Public messages (what every member and a member without a seat see) are searched once;
        each member's private messages (ephemeral replies in their game's channel, and their DMs)
        once per member. Every secret text found is then checked against who may see it; this is
        the same check as looking for every secret in every member's messages, without building
        one string per member that holds every channel's text (gigabytes at 500 games)."""
        secret = re.compile(re.escape(MARK) + r"\d+x\d+ eyes only")
        public = set(secret.findall("\n".join(
            text_of(m) for x in self.games for m in x.channel.history())))
        allowed: dict[str, set[int]] = {}       # secret text -> the members who may see it
        checked = 0
        for g in self.games:
            state = self.service.state(g.game_id)
            for item in state.items.values():
                if not item.text.startswith(MARK):
                    continue
                checked += 1
                full = {r for r, held in state.holdings.items()
                        if (h := held.get(item.id)) and h.level is Level.FULL}
                allowed.setdefault(item.text, set()).update(
                    seat.member.id for seat in g.seats if seat.role in full)
        for text in public:
            assert text not in allowed, ("public", text)
        for g in self.games:
            for seat in g.seats:
                dm = seat.member.user.dm_channel
                messages = g.channel.history(viewer=seat.member) + (dm.history() if dm else [])
                for text in set(secret.findall("\n".join(text_of(m) for m in messages))):
                    if text in allowed:
                        assert seat.member.id in allowed[text], (g.n, seat.role, text)
        self.report.faults["secret items checked"] = checked


__all__ = ["Report", "Soak", "discord"]
