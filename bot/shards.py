"""Which process shows a game: the one that runs its guild's shard.

With several processes (shards) on one database, a move can be committed by a process that does
not run the game's guild: every DM arrives at shard 0, and any process may fire a deadline. If
each process showed the events it wrote, the channel would get a second phase message from the
process that did not post the first, and seats a second DM when the other process later filled
its gap from the log. So one process shows each game: the one whose shards include the guild's
(Discord's rule: shard = (guild_id >> 22) mod shard_count). Another process commits the move and
answers the interaction; the owner finds the new events in the database (bot.follow) and shows
them once.
"""

from __future__ import annotations

from game.settings import Settings


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a guild's events to."""
    return (guild_id >> 22) % shard_count


def shows_guild(settings: Settings, guild_id: int | str | None) -> bool:
    """Whether this process shows the games of `guild_id` (True when it runs every shard)."""
    if settings.shard_count is None or settings.shard_ids is None or not guild_id:
        return True
    return shard_of(int(guild_id), settings.shard_count) in settings.shard_ids
