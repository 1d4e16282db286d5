"""Phase deadlines as asyncio timers: one per game, re-armed from the game's state.

A timer waits until the reminder (a quarter of the phase before the deadline, at least a minute),
pings once the human seats that have not finished, then waits until the deadline and fires it
through the service (`fire_deadline`, which ignores a timer that is late or superseded). Timers
are armed at start-up from the database and after every result the publisher sees, so an
extension, a pause or an early advance always replaces the old timer.

A waiting timer is a loop callback (`call_later`), not a sleeping task: a task runs only while a
reminder is sent or a deadline fires. With hundreds of live games the bot then keeps no idle
tasks, and a test simulator that inspects every pending task at each step (simcord's settle does,
against every timer) does not slow down with the number of games.

With several processes (shards) on one database, every process times every live game and the
database decides who acts (game.service.claims): the row lock lets one process fire a deadline,
a claim row lets one send a reminder. A sharded bot also re-reads the armed deadlines every
RESYNC_EVERY seconds, so games started by another process are timed here too and keep their
deadlines if that process stops.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.display import players_of
from game.describe import PHASE_TITLES
from game.engine import GameState, Phase
from game.service import Deadline
from game.service.claims import claim_reminder

if TYPE_CHECKING:
    from bot.client import DutyBot

log = logging.getLogger("bot.deadlines")
MIN_REMINDER = 60.0
RESYNC_EVERY = 60.0


@dataclass
class Timer:
    deadline: Deadline
    started: float
    task: asyncio.Task[None] | None = None     # the reminder or the firing, while it runs
    wake: asyncio.TimerHandle | None = None    # the next reminder or firing, while waiting

    @property
    def alive(self) -> bool:
        return ((self.wake is not None and not self.wake.cancelled())
                or (self.task is not None and not self.task.done()))


class Deadlines:
    def __init__(self, bot: DutyBot) -> None:
        self.bot = bot
        self.timers: dict[str, Timer] = {}
        self.reminded: set[tuple[str, str, int]] = set()
        self._seen: dict[str, int] = {}
        self._phase_start: dict[tuple[str, str, int], float] = {}
        self.firing: set[asyncio.Task[None]] = set()
        self._resync: asyncio.Task[None] | None = None

    def start_resync(self, every: float = RESYNC_EVERY) -> None:
        """Time the games other processes armed (see the module's docstring)."""
        self._resync = asyncio.create_task(self._resync_loop(every), name="deadline resync")

    async def _resync_loop(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                for deadline in await self.bot.games.deadlines():
                    if deadline.game_id not in self.timers:
                        self.arm(deadline)
            except Exception:
                log.exception("re-reading the deadlines failed")

    def follow(self, state: GameState) -> None:
        """Arm (or disarm) the game's timer to match `state`, unless a newer state was seen."""
        if state.seq < self._seen.get(state.game_id, -1):
            return
        self._seen[state.game_id] = state.seq
        if state.deadline is None or state.phase is Phase.PAUSED or state.over:
            self.cancel(state.game_id)
            return
        self.arm(Deadline(state.game_id, state.phase.value, state.turn, state.deadline))

    def arm(self, deadline: Deadline) -> None:
        if self.bot.closing:
            return  # shutting down: the next process re-arms from the database
        current = self.timers.get(deadline.game_id)
        if current is not None:
            if current.deadline == deadline and current.alive:
                return
            self._stop(current)
        key = (deadline.game_id, deadline.phase, deadline.turn)
        started = self._phase_start.setdefault(key, self.bot.now())
        timer = Timer(deadline, started)
        self.timers[deadline.game_id] = timer
        self._schedule(timer)

    def cancel(self, game_id: str) -> None:
        timer = self.timers.pop(game_id, None)
        if timer is not None:
            self._stop(timer)

    @staticmethod
    def _stop(timer: Timer) -> None:
        if timer.wake is not None:
            timer.wake.cancel()
            timer.wake = None
        if timer.task is not None and timer.task is not asyncio.current_task():
            timer.task.cancel()

    def stop_all(self) -> list[asyncio.Task[None]]:
        """Cancel the timers still waiting; return those firing now (let them finish: their
        Advance may be committing)."""
        if self._resync is not None:
            self._resync.cancel()
        firing = [t for t in self.firing if not t.done()]
        for game_id, timer in list(self.timers.items()):
            if timer.task in firing:
                del self.timers[game_id]
            else:
                self.cancel(game_id)
        return firing

    def reminder_at(self, deadline: Deadline, started: float) -> float:
        """A quarter of the phase before the deadline, and never less than a minute before."""
        return deadline.at - max(MIN_REMINDER, (deadline.at - started) / 4)

    def _schedule(self, timer: Timer) -> None:
        """Wake at the reminder if it is still to come, else at the deadline."""
        deadline = timer.deadline
        key = (deadline.game_id, deadline.phase, deadline.turn)
        now = self.bot.now()
        remind = self.reminder_at(deadline, timer.started)
        reminding = key not in self.reminded and now < remind
        delay = (remind if reminding else deadline.at) - now
        timer.wake = asyncio.get_running_loop().call_later(max(0.0, delay), self._wake, timer,
                                                           reminding)

    def _wake(self, timer: Timer, reminding: bool) -> None:
        timer.wake = None
        if self.timers.get(timer.deadline.game_id) is not timer or self.bot.closing:
            return
        step = self._run_reminder(timer) if reminding else self._run_deadline(timer)
        timer.task = asyncio.create_task(step, name=f"deadline {timer.deadline.game_id}")

    async def _run_reminder(self, timer: Timer) -> None:
        await self.bot.wait_until_ready()
        deadline = timer.deadline
        self.reminded.add((deadline.game_id, deadline.phase, deadline.turn))
        if await self._claim_reminder(deadline):
            await self._remind(deadline)
        if self.timers.get(deadline.game_id) is timer and not self.bot.closing:
            self._schedule(timer)

    async def _run_deadline(self, timer: Timer) -> None:
        await self.bot.wait_until_ready()
        task = asyncio.current_task()
        if task is not None:
            self.firing.add(task)
        try:
            await self._fire(timer.deadline)
        finally:
            self.firing.discard(task)

    async def _fire(self, deadline: Deadline) -> None:
        game_id = deadline.game_id
        try:
            result = await self.bot.games.fire_deadline(game_id, deadline.phase, deadline.turn,
                                                        now=max(self.bot.now(), deadline.at))
            if result is not None:
                log.info("game %s: deadline of %s (turn %d) passed", game_id, deadline.phase,
                         deadline.turn)
                await self.bot.publisher.publish(result)
                return
            info = await self.bot.games.game(game_id)
            if info is not None and self.bot.settings.sharded:  # another process fired it
                await self.bot.follower.catch_up(game_id, info.seq)
        except Exception:
            log.exception("game %s: firing the deadline of %s failed", game_id, deadline.phase)
            return
        if self.timers.get(game_id) and self.timers[game_id].deadline == deadline:
            del self.timers[game_id]
        if (info is not None and info.live and info.deadline and info.deadline != deadline
                and not self.bot.closing):
            self.arm(info.deadline)

    async def _claim_reminder(self, deadline: Deadline) -> bool:
        """Several processes may time the same deadline: the database picks one to remind."""
        try:
            return await asyncio.to_thread(claim_reminder, self.bot.service.engine, deadline,
                                           self.bot.now())
        except Exception:
            log.exception("game %s: claiming the reminder failed", deadline.game_id)
            return False

    async def _remind(self, deadline: Deadline) -> None:
        """Ping, once, the human seats that have not finished: the only message that pings."""
        game_id = deadline.game_id
        try:
            state = await self.bot.games.state(game_id)
            if (state.phase.value, state.turn) != (deadline.phase, deadline.turn):
                return
            players = players_of(state)
            late = [p for r, p in players.items() if p and not state.seats[r].submitted]
            display = self.bot.publisher.displays.get(game_id)
            channel_id = display.channel_id if display else None
            if channel_id is None:
                info = await self.bot.games.game(game_id)
                channel_id = int(info.channel_id) if info and info.channel_id else None
            if not late or channel_id is None:
                return
            minutes = max(1, round((deadline.at - self.bot.now()) / 60))
            mentions = " ".join(f"<@{p}>" for p in late)
            phase = PHASE_TITLES[Phase(deadline.phase)].lower()
            text = (f"⏰ {minutes} minute{'s' if minutes > 1 else ''} left in {phase}: {mentions} — "
                    f"press **Done** on the game message when you are ready; what you have not "
                    f"ordered is withheld.")
            users = [discord.Object(int(p)) for p in late]
            await self.bot.get_partial_messageable(channel_id).send(
                text, allowed_mentions=discord.AllowedMentions(users=users, everyone=False,
                                                               roles=False, replied_user=False))
        except Exception:
            log.exception("game %s: the reminder failed", game_id)
