"""A bot that runs one shard of SHARDS on a shared database: the process under test in the
multi-process tests (the other process is a second GameService on the same database)."""

from __future__ import annotations

from typing import Any

from game.settings import Settings
from game.store.migrate import upgrade

SHARDS = 2


def sharded_bot(database_url: str, shard: int) -> Any:
    from bot.client import create_bot

    upgrade(database_url)  # PostgreSQL is migrated before the bots start (SQLite would be anyway)
    settings = Settings(_env_file=None, WARGAME_SHARD_IDS=str(shard),  # type: ignore[call-arg]
                        WARGAME_SHARD_COUNT=SHARDS)
    return create_bot(database_url=database_url, settings=settings, debrief_charts=False)
