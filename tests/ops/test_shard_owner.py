"""The process that runs a game's guild shows the moves another process committed, once.

A seat's DM is committed by shard 0's process; a deadline may be fired by any process. Here the
bot under test runs shard 1 of 2, where the game's guild is, and another process (a second
GameService on the same database, as in test_cross_shard) commits a seat's Done. The bot finds it
in the database (bot.follow) and shows it as if it had handled it: the phase message closed, one
new phase message, one DM to the seat; nothing more on later looks; and its own next move keeps
a single open phase message.
"""

from __future__ import annotations

import pytest

from bot.follow import FOLLOW_EVERY
from game.engine import Actor, Done
from game.service import GameService

from .sharded import SHARDS, sharded_bot


@pytest.fixture
def simcord_bot(database_url):
    return sharded_bot(database_url, shard=1)


def open_phase_messages(channel) -> list:
    """The game messages in the channel that still carry buttons (a closed one has none)."""
    return [m for m in channel.history() if m.embeds and m.components]


def titles(messages) -> list[str]:
    return [m.embeds[0].title for m in messages]


async def open_game(env):
    """The guild on shard 1 (this bot's): a facilitator opens the tutorial for alice and two
    computer seats and starts it."""
    guild = env.create_guild("Exercise", shard_id=1)
    channel = guild.create_text_channel("crisis-room")
    mia = guild.add_member(env.create_user("mia"), roles=[guild.create_role("White Cell")])
    alice = guild.add_member(env.create_user("alice"))
    await env.settle()
    assert env.bot.get_guild(guild.id) is not None, "the bot runs the guild's shard"
    assert (await mia.slash(channel, "game new", scenario="tutorial")).acknowledged
    assert (await alice.slash(channel, "game join", role="aurelia")).acknowledged
    for role in ("borovia", "caldera"):
        assert (await mia.slash(channel, "game computer", role=role, policy="duty")).acknowledged
    assert (await mia.slash(channel, "game start")).acknowledged
    return channel, alice, env.bot.service.game_for_channel(channel.id).id


@pytest.mark.simcord(shard_count=SHARDS)
async def test_the_guilds_process_shows_another_processs_move_once(simcord_env, database_url):
    env = simcord_env
    channel, alice, game = await open_game(env)
    [briefing] = open_phase_messages(channel)
    dms = len(alice.user.dm_channel.history())
    posted = len(channel.history())

    other = GameService(database_url, clock=env.bot.now)   # shard 0's process took alice's DM
    try:
        other.handle(game, Actor.of(str(alice.id)), Done(), command_id="dm-done")
        assert other.state(game).phase.value == "intel_received"
        await env.advance_time(FOLLOW_EVERY + 0.5)
    finally:
        other.close()

    now_open = open_phase_messages(channel)
    assert titles(now_open) == ["Turn 1 of 3 · Intelligence received"]
    closed = next(m for m in channel.history() if m.id == briefing.id)
    assert closed.embeds[0].title.endswith("— closed") and not closed.components
    new_dms = alice.user.dm_channel.history()[dms:]
    assert len(new_dms) == 1 and new_dms[0].embeds      # her new intel, once

    seen = (len(channel.history()), len(alice.user.dm_channel.history()))
    await env.advance_time(FOLLOW_EVERY * 3)             # later looks find nothing new
    assert (len(channel.history()), len(alice.user.dm_channel.history())) == seen
    assert len(channel.history()) == posted + 1

    done = next(c.custom_id for row in now_open[0].components for c in row.children
                if c.custom_id.startswith("dtw:done:"))
    assert (await alice.click(now_open[0], custom_id=done)).acknowledged
    assert titles(open_phase_messages(channel)) == ["Turn 1 of 3 · Sharing"]


@pytest.mark.simcord(shard_count=SHARDS)
async def test_a_deadline_another_process_fired_is_shown_at_once(simcord_env, database_url):
    """Every process times every deadline and the database lets one fire it; when it is another
    process, this one's timer finds the phase moved on and shows it then (the periodic look is
    stopped here, so only that path can)."""
    env = simcord_env
    channel, _, game = await open_game(env)
    env.bot.follower.stop()
    other = GameService(database_url, clock=env.bot.now)
    try:
        deadline = other.state(game).deadline
        assert deadline is not None
        await env.advance_time(deadline - env.bot.now() - 1)
        assert titles(open_phase_messages(channel)) == ["Briefing"]
        assert other.fire_deadline(game, "briefing", 0, now=deadline) is not None
        await env.advance_time(1.5)
    finally:
        other.close()
    assert titles(open_phase_messages(channel)) == ["Turn 1 of 3 · Intelligence received"]
