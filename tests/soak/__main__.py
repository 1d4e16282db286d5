"""python -m tests.soak --games N --minutes M [--seed S]: the soak outside pytest, with a report.

Runs N games at once through the bot in simcord (a fresh SQLite file), injecting faults, for at
most M minutes of wall time (games not over by then must be resumable), then runs every check.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path

import simcord

from bot import create_bot
from game.settings import Settings
from tests.soak.harness import Soak


async def main(games: int, minutes: float, seed: int) -> int:
    shm = "/dev/shm" if Path("/dev/shm").is_dir() else None  # fsync is free there
    with tempfile.TemporaryDirectory(dir=shm) as tmp:
        url = f"sqlite:///{Path(tmp) / 'soak.sqlite'}"
        settings = Settings(_env_file=None, DATABASE_URL="sqlite://",
                            WARGAME_FACILITATOR_ROLE="White Cell")

        def make_bot():  # type: ignore[no-untyped-def]
            return create_bot(database_url=url, settings=settings, debrief_charts=False)

        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        async with simcord.run(make_bot(), strict_sync=False) as env:
            soak = Soak(env, make_bot, games=games, seed=seed)
            await soak.run(minutes=minutes, max_rounds=200)
            report = soak.check()
            errors = list(env.errors)
        print(f"python -m tests.soak --games {games} --minutes {minutes:g} --seed {seed}")
        print(f"{started}: {report.line()}")
        if errors:
            print(f"bot errors: {errors}")
            return 1
        return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__)
    parser.add_argument("--games", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.games, args.minutes, args.seed)))
