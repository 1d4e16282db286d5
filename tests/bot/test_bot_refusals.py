"""Moves the rules refuse get one short private line and change nothing; so do surprises."""

from __future__ import annotations

import logging

import discord
from dtw_helpers import all_done, event_count, game_id, open_game, reply_text, state

from bot.errors import APOLOGY, WORDS, say
from game.engine import Code, GameError


def test_every_refusal_code_has_words():
    assert set(WORDS) == set(Code)
    assert all(len(words) < 120 for words in WORDS.values())
    assert say(GameError(Code.NOT_ENOUGH_BUDGET, "that costs 2 SB; you have 1")).endswith(
        "(that costs 2 SB; you have 1)")


async def refused(t, member, command, expected, **options):
    before = event_count(t)
    result = await member.slash(t.channel, command, **options)
    assert result.ephemeral
    assert reply_text(result).startswith(expected), reply_text(result)
    assert event_count(t) == before
    return result


async def test_a_move_in_the_wrong_phase_is_refused(table):
    t = table
    await open_game(t)
    await all_done(t)                                   # now: intelligence received
    await refused(t, t.alice, "intel share", WORDS[Code.WRONG_PHASE], item=1, to="borovia",
                  level="full")
    await refused(t, t.bob, "act", WORDS[Code.WRONG_PHASE], action="harden",
                  target="vostograd_arena")


async def test_a_move_by_someone_without_a_seat_is_refused(table):
    t = table
    await open_game(t)
    await all_done(t)
    await all_done(t)                                   # now: sharing
    await refused(t, t.eve, "intel share", WORDS[Code.NOT_YOUR_SEAT], item=1, to="borovia",
                  level="full")
    await refused(t, t.eve, "done", WORDS[Code.NOT_YOUR_SEAT])


async def test_a_move_on_an_item_one_does_not_hold_is_refused(table):
    t = table
    await open_game(t)
    await all_done(t)
    await all_done(t)                                   # sharing: item 1 is Aurelia's inject
    assert state(t).held("borovia", 1) is None
    await refused(t, t.bob, "intel share", WORDS[Code.UNKNOWN_ITEM], item=1, to="aurelia",
                  level="full")
    await refused(t, t.alice, "intel share", WORDS[Code.SELF_SHARE], item=1, to="aurelia",
                  level="full")
    await refused(t, t.bob, "intel warn", WORDS[Code.NOT_BOUND], item=1, decision="warn")


async def test_a_command_outside_a_game_channel_says_where_to_start(table):
    t = table
    other = t.guild.create_text_channel("lounge")
    result = await t.alice.slash(other, "game status")
    assert "no game in this channel" in reply_text(result)


async def test_an_unexpected_error_is_logged_with_the_game_and_answered_with_an_apology(
        table, caplog, monkeypatch):
    t = table
    gid = await open_game(t)

    async def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(t.bot.games, "handle", broken)
    with caplog.at_level(logging.ERROR, logger="bot"):
        result = await t.alice.slash(t.channel, "done")
    assert reply_text(result) == APOLOGY and result.ephemeral
    logged = [r for r in caplog.records if r.name == "bot" and r.exc_info]
    assert logged and gid in logged[0].getMessage()
    assert game_id(t) == gid


async def test_a_channel_the_bot_cannot_post_in_is_reported_to_the_facilitator(table):
    t = table
    locked = t.guild.create_text_channel("locked", overwrites={
        t.guild.roles["TestBot"]: discord.PermissionOverwrite(send_messages=False)})
    result = await t.mia.slash(locked, "game new", scenario="tutorial")
    assert "could not post in this channel" in reply_text(result)
