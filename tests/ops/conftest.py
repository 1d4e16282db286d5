"""Ops tests run with a clean environment: no setting leaks in from the shell or a .env file."""

from __future__ import annotations

import pytest

from game.ops.doctor import ALIASES
from game.settings import get_settings

GOOD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in (*ALIASES.values(), "FACILITATOR_ROLE", "LOG_LEVEL", "LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
