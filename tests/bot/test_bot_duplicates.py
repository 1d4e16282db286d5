"""A double click or a repeated delivery of one interaction changes the game once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from dtw_helpers import click_done, game_id, open_game, phase_message, reply_text

from bot import actions
from bot.errors import Refusal
from game.engine import Done, Phase
from game.engine import events as ev


def submitted(t, role):
    return [s for s in t.bot.service.events(game_id(t))
            if isinstance(s.event, ev.SeatSubmitted) and s.event.role == role]


async def test_a_double_click_on_done_is_one_event(table):
    t = table
    await open_game(t)
    message = phase_message(t)
    first = await click_done(t, t.alice, message)
    second = await click_done(t, t.alice, message)
    assert "finished" in reply_text(first)
    assert reply_text(second) == "You have already finished this phase."
    assert len(submitted(t, "aurelia")) == 1


async def test_a_done_button_from_a_finished_phase_cannot_finish_the_next(table):
    """A closed phase message loses its buttons; a click that races the change is refused."""
    t = table
    gid = await open_game(t)
    old = phase_message(t)
    for member in t.players:
        await click_done(t, member, old)                 # the briefing closes
    closed = next(m for m in t.channel.history() if m.id == old.id)
    assert closed.components == []
    racing = SimpleNamespace(id=777, user=SimpleNamespace(id=t.alice.id))
    with pytest.raises(Refusal, match="phase is over"):
        await actions.done_for_phase(t.bot, racing, gid, Phase.BRIEFING, 0)
    assert len(submitted(t, "aurelia")) == 1


async def test_the_same_interaction_delivered_twice_is_handled_once(table):
    t = table
    gid = await open_game(t)
    interaction = SimpleNamespace(id=424242, user=SimpleNamespace(id=t.alice.id))
    before = len(t.bot.service.events(gid))
    one = await actions.submit(t.bot, interaction, gid, Done())
    two = await actions.submit(t.bot, interaction, gid, Done())
    assert not one.duplicate and two.duplicate
    assert [e.seq for e in one.events] == [e.seq for e in two.events]
    assert len(t.bot.service.events(gid)) == before + len(one.events)
