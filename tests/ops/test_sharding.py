"""`wargame bot --shard-ids 0,1 --shard-count 4`: an AutoShardedBot running only those shards."""

from __future__ import annotations

import pytest
from discord.ext import commands
from typer.testing import CliRunner

from bot.client import DutyBot, ShardedDutyBot, create_bot
from game.cli import app
from game.settings import Settings


def test_shard_settings_make_an_auto_sharded_bot_running_only_its_shards(tmp_path):
    settings = Settings(_env_file=None, WARGAME_SHARD_IDS="0,1", WARGAME_SHARD_COUNT=4)  # type: ignore[call-arg]
    bot = create_bot(database_url="sqlite://", settings=settings)
    assert isinstance(bot, commands.AutoShardedBot) and isinstance(bot, DutyBot)
    assert (bot.shard_ids, bot.shard_count) == ([0, 1], 4)
    plain = create_bot(database_url="sqlite://", settings=Settings(_env_file=None))  # type: ignore[call-arg]
    assert not isinstance(plain, commands.AutoShardedBot)


def test_shard_ids_without_a_count_are_refused_on_the_command_line(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "x.y.z")
    result = CliRunner().invoke(app, ["bot", "--shard-ids", "0,5", "--shard-count", "4"])
    assert result.exit_code == 2 and "not below" in result.output
    assert "--shard-ids" in CliRunner().invoke(app, ["bot", "--help"]).output


@pytest.fixture
def simcord_bot(tmp_path):
    settings = Settings(_env_file=None, WARGAME_SHARD_COUNT=2)  # type: ignore[call-arg]
    return create_bot(database_url=f"sqlite:///{tmp_path / 's.sqlite'}", settings=settings,
                      debrief_charts=False)


@pytest.mark.simcord(shard_count=2, strict_sync=True)
async def test_a_sharded_bot_serves_a_game_in_the_simulator(simcord_env):
    env = simcord_env
    assert isinstance(env.bot, ShardedDutyBot)
    guild = env.create_guild("Exercise")
    channel = guild.create_text_channel("game")
    white = guild.create_role("White Cell")
    mia = guild.add_member(env.create_user("mia"), roles=[white])
    await env.settle()
    result = await mia.slash(channel, "game new", scenario="tutorial")
    assert result.acknowledged
    game = await env.bot.games.game_for_channel(channel.id)
    assert game is not None and game.scenario == "tutorial"


@pytest.mark.simcord(shard_count=2)
async def test_a_sharded_bot_times_games_that_another_process_started(simcord_env):
    """Another process (here: the service alone, on the same database) opens and starts a game;
    within a minute this bot has a timer for its deadline, so it would fire it if needed."""
    from game.engine import Actor, AssignComputer, JoinSeat, StartGame

    env = simcord_env
    service = env.bot.service
    result = service.create_game(guild_id=1, channel_id=2, scenario="tutorial",
                                 facilitator_id="9", seed=1)
    game = result.game_id
    service.handle(game, Actor.of("5"), JoinSeat(role="aurelia"))
    for role in ("borovia", "caldera"):
        service.handle(game, Actor.white_cell("9"), AssignComputer(role=role, policy="duty"))
    service.handle(game, Actor.white_cell("9"), StartGame())
    assert game not in env.bot.deadlines.timers
    await env.advance_time(61)
    assert game in env.bot.deadlines.timers
