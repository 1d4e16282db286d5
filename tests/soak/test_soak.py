"""The soak in CI: SOAK_GAMES games at once with faults (500 with --soak); see harness.py."""

from __future__ import annotations

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
