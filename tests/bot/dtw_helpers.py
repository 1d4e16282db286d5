"""Helpers for the bot tests: open a tutorial game, find the phase message, press its buttons."""

from __future__ import annotations

from typing import Any

from simcord import assert_responded

SEATS = {"alice": "aurelia", "bob": "borovia", "carol": "caldera"}


def game_id(t: Any) -> str:
    info = t.bot.service.game_for_channel(t.channel.id)
    assert info is not None
    return str(info.id)


def state(t: Any) -> Any:
    return t.bot.service.state(game_id(t))


def event_count(t: Any) -> int:
    return len(t.bot.service.events(game_id(t)))


async def open_game(t: Any, *, start: bool = True) -> str:
    """The facilitator opens the tutorial, the three players sit down, the game starts."""
    opened = await t.mia.slash(t.channel, "game new", scenario="tutorial")
    assert_responded(opened, contains="is open", ephemeral=True)
    for member in t.players:
        joined = await member.slash(t.channel, "game join", role=SEATS[member.user.name])
        assert_responded(joined, contains="You play", ephemeral=True)
    if start:
        started = await t.mia.slash(t.channel, "game start")
        assert_responded(started, contains="has started", ephemeral=True)
    return game_id(t)


def phase_message(t: Any) -> Any:
    """The newest public message in the channel that carries buttons (the phase message)."""
    for message in reversed(t.channel.history()):
        if message.components:
            return message
    raise AssertionError("no phase message with buttons")


def custom_ids(message: Any) -> list[str]:
    return [c.custom_id for row in message.components for c in row.children]


async def click_done(t: Any, member: Any, message: Any = None) -> Any:
    message = message or phase_message(t)
    done = next(c for c in custom_ids(message) if c.startswith("dtw:done:"))
    result = await member.click(message, custom_id=done)
    assert result.acknowledged
    return result


async def all_done(t: Any, *, slash: bool = False) -> None:
    """Every player finishes the phase (by button, or by /done)."""
    message = None if slash else phase_message(t)
    for member in t.players:
        if slash:
            result = await member.slash(t.channel, "done")
            assert result.acknowledged
        else:
            await click_done(t, member, message)


def reply_text(result: Any) -> str:
    return str(result.response.content if result.response else "")
