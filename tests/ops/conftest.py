"""Ops tests run with a clean environment: no setting leaks in from the shell or a .env file."""

from __future__ import annotations

import pytest

from game.ops.doctor import ENV_NAMES
from game.settings import get_settings

GOOD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in (name for names in ENV_NAMES.values() for name in names):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
