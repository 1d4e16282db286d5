"""`wargame bot`: without a token it says which variable to set and how to get a token."""

from __future__ import annotations

from typer.testing import CliRunner

from game.cli import app
from game.settings import get_settings


def test_the_bot_command_without_a_token_exits_with_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                              # no .env file here
    monkeypatch.setenv("DISCORD_TOKEN", "")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["bot"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "DISCORD_TOKEN" in lines[0] and "Reset Token" in lines[0]
    assert "Traceback" not in result.output


def test_the_bot_command_is_listed():
    result = CliRunner().invoke(app, ["--help"])
    assert "bot" in result.output
