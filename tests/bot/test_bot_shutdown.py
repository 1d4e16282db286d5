"""A stop that comes while a player's move is being handled: the move is committed and answered
before the bot lets go (what SIGTERM runs: `DutyBot.wind_down`, then close)."""

from __future__ import annotations

import asyncio
import threading
import time

from dtw_helpers import open_game, reply_text

from game.engine import events as ev


async def test_a_move_in_flight_when_the_stop_comes_is_committed_and_answered(table):
    t = table
    gid = await open_game(t)
    service = t.bot.service
    real_handle = service.handle
    inside = threading.Event()

    def slow_handle(*args, **kwargs):  # the real move, with a slow disk in front of it
        inside.set()
        time.sleep(0.3)
        return real_handle(*args, **kwargs)

    service.handle = slow_handle  # type: ignore[method-assign]
    move = asyncio.create_task(t.alice.slash(t.channel, "done"))
    while not inside.is_set():
        await asyncio.sleep(0.01)
    left = await t.bot.wind_down(timeout=5)  # the stop arrives mid-move
    committed = [s for s in service.events(gid)
                 if isinstance(s.event, ev.SeatSubmitted) and s.event.role == "aurelia"]
    assert left == 0 and t.bot.closing
    assert len(committed) == 1, "wind_down returned before the move in flight was committed"
    result = await move
    service.handle = real_handle  # type: ignore[method-assign]
    assert result.acknowledged and "finished" in reply_text(result)
