"""Fixtures for the bot's tests: a real service on a SQLite file, the real bot, simcord's Discord.

simcord's pytest plugin provides `simcord_env` and asks for `simcord_bot`, a fresh unstarted bot.
`make_bot` builds more bots on the same database (a restart passes a new one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import discord
import pytest

from bot import DutyBot, create_bot
from game.settings import Settings


@pytest.fixture
def db_url(tmp_path: Any) -> str:
    return f"sqlite:///{tmp_path / 'bot.sqlite'}"


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, DATABASE_URL="sqlite://", WARGAME_FACILITATOR_ROLE="White Cell")


@pytest.fixture
def make_bot(db_url: str, settings: Settings) -> Callable[[], DutyBot]:
    return lambda: create_bot(database_url=db_url, settings=settings, debrief_charts=False)


@pytest.fixture
def simcord_bot(make_bot: Callable[[], DutyBot]) -> DutyBot:
    return make_bot()


@dataclass
class Table:
    """A server set up for a game: a channel, a facilitator, an admin, three players, a bystander."""

    env: Any
    guild: Any
    channel: Any
    mia: Any  # White Cell role (facilitator by role)
    ada: Any  # Manage Server (facilitator by permission)
    alice: Any
    bob: Any
    carol: Any
    eve: Any  # no seat, no role

    @property
    def players(self) -> list[Any]:
        return [self.alice, self.bob, self.carol]

    @property
    def members(self) -> list[Any]:
        return [self.mia, self.ada, self.alice, self.bob, self.carol, self.eve]

    @property
    def bot(self) -> DutyBot:
        bot: DutyBot = self.env.bot
        return bot


@pytest.fixture
async def table(simcord_env: Any) -> Table:
    env = simcord_env
    guild = env.create_guild("Exercise Server")
    channel = guild.create_text_channel("crisis-room")
    white_cell = guild.create_role("White Cell")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    mia = guild.add_member(env.create_user("mia"), roles=[white_cell])
    ada = guild.add_member(env.create_user("ada"), roles=[admins])
    alice, bob, carol, eve = (guild.add_member(env.create_user(n))
                              for n in ("alice", "bob", "carol", "eve"))
    await env.settle()
    return Table(env, guild, channel, mia, ada, alice, bob, carol, eve)


# discord.py only logs exceptions from DynamicItem callbacks and autocomplete (simcord cannot see
# them): turn those log lines into failures.
_SWALLOWED = ("Ignoring exception in dynamic item", "Ignoring exception in autocomplete",
              "Ignoring exception in view")


@pytest.fixture(autouse=True)
def fail_on_swallowed_ui_errors(caplog: pytest.LogCaptureFixture) -> Any:
    caplog.set_level(logging.ERROR, logger="discord")
    yield
    bad = [r for r in caplog.get_records("call")
           if r.levelno >= logging.ERROR and r.getMessage().startswith(_SWALLOWED)]
    assert not bad, "discord.py swallowed: " + "; ".join(r.getMessage() for r in bad)
