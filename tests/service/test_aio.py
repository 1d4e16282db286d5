"""The asyncio face: the same calls, run in worker threads so that the bot's loop keeps going."""

from __future__ import annotations

import asyncio
import time

from game.engine import Actor, InjectNews, JoinSeat, Phase

from .helpers import FACILITATOR, WHITE_CELL, Clock


class SlowClock(Clock):
    """A clock that takes its time, standing in for a slow disk or a busy database."""

    def __call__(self) -> float:
        time.sleep(0.05)
        return self.now


async def test_the_event_loop_keeps_running_while_the_service_works(make_service):
    service = make_service(clock=SlowClock())
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    task = asyncio.create_task(ticker())
    result = await service.aio.create_game(guild_id=1, channel_id=2, scenario="tutorial",
                                           facilitator_id=FACILITATOR)
    await service.aio.handle(result.game_id, WHITE_CELL, InjectNews(text="hello"))
    task.cancel()
    assert ticks >= 10  # the loop ran while each call slept in its worker thread


async def test_every_query_has_an_async_twin(service):
    aio = service.aio
    created = await aio.create_game(guild_id=7, channel_id=42, scenario="tutorial",
                                    facilitator_id=FACILITATOR, seed=3, command_id="make")
    game_id = created.game_id
    await aio.handle(game_id, Actor.of("u1"), JoinSeat(role="aurelia"), expected_seq=1,
                     command_id="join")
    assert (await aio.state(game_id)).seq == 2
    assert (await aio.game(game_id)).phase == Phase.LOBBY.value  # type: ignore[union-attr]
    assert (await aio.game_for_channel(42)).id == game_id  # type: ignore[union-attr]
    assert [g.id for g in await aio.games_for_guild(7)] == [game_id]
    assert await aio.seat_of(game_id, "u1") == "aurelia"
    assert [(g.id, r) for g, r in await aio.games_for_user("u1")] == [(game_id, "aurelia")]
    assert [e.seq for e in await aio.events(game_id, after_seq=1)] == [2]
    assert [g.id for g in await aio.live_games()] == [game_id]
    assert await aio.due_deadlines() == [] and await aio.deadlines() == []
    assert await aio.fire_deadline(game_id, "lobby", 0) is None
    assert await aio.recover() == []
    assert service.aio is aio
