"""A move that arrives at another shard's process still reaches the game through the database.

Discord sends every DM to shard 0, whichever shard the game's guild is on. Here the bot under test
runs shard 0 of 2 (process A) and the game's guild is on shard 1, so A never receives that guild
(simcord routes its gateway events to shard 1, which A does not run). The game was opened, joined
and started by shard 1's process (B), played here by a second GameService on the same database:
its own engine and connection pool, as another process would have. A seat's DM then reaches A,
which finds the game in the shared database, commits the move and answers it; B reads the move
back from the database. Showing it is the guild's own process's work (bot.shards): the second
test runs the bot as that process and another process's moves reach the channel once.
"""

from __future__ import annotations

import pytest

from game.engine import Actor, AssignComputer, Done, JoinSeat, StartGame
from game.engine.events import SeatSubmitted
from game.service import GameService

from .sharded import SHARDS, sharded_bot


@pytest.fixture
def simcord_bot(database_url):
    return sharded_bot(database_url, shard=0)


def submitted(service: GameService, game: str) -> list[tuple[str, str, str | None]]:
    """(role, phase, command id) of each seat's Done, in log order."""
    return [(e.event.role, e.event.phase.value, e.command_id) for e in service.events(game)
            if isinstance(e.event, SeatSubmitted)]


@pytest.mark.simcord(shard_count=SHARDS)
async def test_a_dm_move_at_shard_0_reaches_a_game_on_shard_1(simcord_env, database_url):
    env = simcord_env
    guild = env.create_guild("Exercise", shard_id=1)
    channel = guild.create_text_channel("crisis-room")
    alice = guild.add_member(env.create_user("alice"))
    await env.settle()
    assert env.bot.get_guild(guild.id) is None, "process A must not receive shard 1's guild"

    other = GameService(database_url, clock=env.bot.now)  # process B, shard 1
    try:
        game = other.create_game(guild_id=guild.id, channel_id=channel.id, scenario="tutorial",
                                 facilitator_id="9", seed=3).game_id
        other.handle(game, Actor.of(str(alice.id)), JoinSeat(role="aurelia"))
        for role in ("borovia", "caldera"):
            other.handle(game, Actor.white_cell("9"), AssignComputer(role=role, policy="duty"))
        other.handle(game, Actor.white_cell("9"), StartGame())

        first = await alice.user.slash("done")                # a DM: shard 0, so process A
        assert first.acknowledged and first.response.content == "You have finished briefing."
        mine = [s for s in submitted(other, game) if s[0] == "aurelia"]
        assert [(r, p) for r, p, _ in mine] == [("aurelia", "briefing")]  # B reads A's move
        assert mine[0][2] is not None and mine[0][2].isdigit()  # under A's interaction id
        assert other.state(game).phase.value == "intel_received"
        assert channel.history() == []  # shown by the guild's own process, not by A (bot.shards)

        # B takes alice's next Done in the channel; A must then act on B's state, not its own.
        other.handle(game, Actor.of(str(alice.id)), Done(), command_id="channel-done")
        phase = other.state(game).phase.value
        assert phase == "sharing"
        second = await alice.user.slash("done")
        assert second.response.content.startswith(f"You have finished {phase}.")
        logged = other.events(game)
        assert [e.seq for e in logged] == list(range(1, len(logged) + 1))
        assert [p for r, p, _ in submitted(other, game) if r == "aurelia"] == [
            "briefing", "intel_received", "sharing"]
    finally:
        other.close()
