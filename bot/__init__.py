"""Duty to Warn on Discord: a thin bot that translates between Discord and the game service.

    bot = create_bot(database_url="sqlite:///wargame.sqlite")
    bot.run(token)

The package imports discord.py only when `create_bot` is first used, so that `wargame` commands
that do not need the bot stay quick to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.client import DutyBot, create_bot

__all__ = ["DutyBot", "create_bot"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bot import client

        return getattr(client, name)
    raise AttributeError(name)
