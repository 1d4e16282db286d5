"""The soak in CI: SOAK_GAMES games at once with faults (500 with --soak); see harness.py."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.soak.harness import Soak

CI_GAMES = int(__import__('os').environ.get('DTW_SOAK_GAMES', '50'))


async def test_soak(simcord_env: Any, make_bot: Any, request: pytest.FixtureRequest) -> None:
    games = 500 if request.config.getoption("--soak", default=False) else CI_GAMES
    # A restart every 150 games played: every third round or so at 50 games (the default, 250,
    # is for hundreds of games, where it is twice a round).
    soak = Soak(simcord_env, make_bot, games=games, seed=7, restart_every=min(250, 3 * games))
    await soak.run()
    report = soak.check()
    print("soak:", report.line())
    assert report.games == games and report.over + report.resumable == games
    assert report.faults["bot restarts"] >= 2 and report.faults["duplicate delivery"] > 0
    assert simcord_env.errors == []


async def test_games_waiting_for_a_deadline_keep_no_task(simcord_env: Any, make_bot: Any) -> None:
    """A started game waiting for its deadline holds a loop timer, not a sleeping task. simcord's
    settle checks every pending task against every timer at each step, so one idle task per game
    made every interaction cost O(games^2): the 500-game soak timed out while opening its games."""
    soak = Soak(simcord_env, make_bot, games=5, seed=1)
    await soak.setup()
    idle = [t for t in asyncio.all_tasks() if not t.done() and t.get_name().startswith("deadline")]
    assert idle == [] and len(simcord_env.bot.deadlines.timers) == 5
    await simcord_env.advance_time(5 * 60)          # and the timers still fire: briefing is over
    assert all(soak.service.state(g.game_id).phase.value != "briefing" for g in soak.games)
