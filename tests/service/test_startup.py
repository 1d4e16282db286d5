"""Starting a service: which database, and whether its schema is there."""

from __future__ import annotations

import pytest

from game.service import GameService
from game.settings import get_settings

from .helpers import new_game


def test_the_default_sqlite_set_up_migrates_itself(sqlite_url):
    with GameService(sqlite_url) as service:
        game_id = new_game(service)
        assert service.state(game_id).seq == 1
    with GameService(sqlite_url) as again:  # and a second start finds the schema in place
        assert again.game(game_id) is not None


def test_a_database_without_the_schema_is_refused_when_not_migrating(database_url):
    with pytest.raises(RuntimeError, match="wargame db upgrade"):
        GameService(database_url, auto_migrate=False)


def test_the_database_url_comes_from_the_settings(sqlite_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()
    try:
        with GameService() as service:
            assert service.database_url == sqlite_url
            new_game(service)
    finally:
        get_settings.cache_clear()
    with GameService(sqlite_url) as other:
        assert len(other.live_games()) == 1
