"""A real bot process for the SIGTERM test, its Discord played by simcord inside the process.

Built as `wargame bot` builds it (settings from the environment, logging configured, create_bot)
and run by the same `bot.cli.serve`, which installs the SIGTERM handler. simcord has already logged
the bot in and plays its gateway, so discord.py's `start` (login + the gateway loop) is the one
thing stood in for: it waits, as the gateway loop does, until the bot is closed.

Plays a tutorial game to the middle of the sharing phase and prints one JSON line with the
replies the player saw (the acknowledged moves). Then bob presses Done, with a slow disk in front
of the service (the real `handle`, called after a pause): once bob's move is inside the service
the process prints `{"in_flight": ...}` and the test sends SIGTERM during the pause. The move must
still be committed and answered; its answer is printed last. Exit status 0 once `serve` has
returned and simcord found no error in the bot.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import simcord

from bot.cli import serve
from bot.client import create_bot
from bot.logging_setup import configure
from game.settings import get_settings

PAUSE = 1.0  # seconds a move spends in front of the service: the SIGTERM comes then
SEATS = (("alice", "aurelia"), ("bob", "borovia"), ("carol", "caldera"))


async def play(env: Any) -> tuple[dict[str, Any], Any, Any]:
    """Open, seat and start a game, pass two phases, then one seat moves in the sharing phase."""
    guild = env.create_guild("Exercise")
    channel = guild.create_text_channel("crisis-room")
    mia = guild.add_member(env.create_user("mia"), roles=[guild.create_role("White Cell")])
    players = {name: guild.add_member(env.create_user(name)) for name, _ in SEATS}
    await env.settle()
    await mia.slash(channel, "game new", scenario="tutorial")
    for name, role in SEATS:
        await players[name].slash(channel, "game join", role=role)
    await mia.slash(channel, "game start")
    for _ in range(2):  # briefing, intelligence received
        for member in players.values():
            await member.slash(channel, "done")
    alice = players["alice"]
    share = await alice.slash(channel, "intel share", item=1, to="caldera", level="full")
    done = await alice.slash(channel, "done")  # bob and carol have not: the phase stays open
    report = {"channel": channel.id, "alice": alice.id,
              "acknowledged": [r.response.content for r in (share, done)]}
    return report, players["bob"], channel


async def main() -> None:
    settings = get_settings()  # DISCORD_TOKEN, DATABASE_URL, log settings: as `wargame bot`
    configure(settings.log_level, settings.log_format)
    bot = create_bot(database_url=settings.database_url, scenarios_dir=settings.scenarios_dir,
                     settings=settings, debrief_charts=False)
    async with simcord.run(bot) as env:
        async def gateway_loop(_token: str) -> None:
            await asyncio.Event().wait()  # ended by serve (cancel) once the bot is closed

        bot.start = gateway_loop  # type: ignore[method-assign]
        server = asyncio.create_task(serve(bot, settings.token), name="serve")
        await asyncio.sleep(0)  # serve has installed its SIGTERM handler
        report, bob, channel = await play(env)
        print(json.dumps(report), flush=True)
        slow_disk(bot)
        move = asyncio.create_task(bob.slash(channel, "done"))
        await server
        answer = await move
    print(json.dumps({"in_flight_answer": answer.response.content, "exited": "cleanly"}),
          flush=True)


def slow_disk(bot: Any) -> None:
    """Put a pause in front of the real `handle`, and say when a move is inside it."""
    real = bot.service.handle

    def handle(*args: Any, **kwargs: Any) -> Any:
        print(json.dumps({"in_flight": str(args[0])}), flush=True)
        time.sleep(PAUSE)  # SIGTERM arrives now
        return real(*args, **kwargs)

    bot.service.handle = handle


if __name__ == "__main__":
    asyncio.run(main())
