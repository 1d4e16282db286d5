"""Facilitator commands are refused to everyone else, with one clear private line and no change."""

from __future__ import annotations

import pytest
from dtw_helpers import event_count, open_game, reply_text, state

from bot.errors import WORDS
from game.engine import Code

REFUSED = WORDS[Code.NOT_FACILITATOR]

# (command, options): every White Cell command.
FACILITATOR_COMMANDS = [
    ("game new", {"scenario": "tutorial"}),
    ("game start", {}),
    ("game computer", {"role": "caldera", "policy": "hawk"}),
    ("game advance", {}),
    ("game pause", {}),
    ("game resume", {}),
    ("game extend", {"minutes": 5}),
    ("game inject item", {"recipient": "borovia", "specificity": 3, "plot": "lantern",
                          "text": "secret"}),
    ("game inject news", {"text": "Breaking"}),
    ("game adjudicate", {"action": 1, "strength": "strong"}),
    ("game end", {}),
    ("game close", {}),
    ("game facilitator", {}),
    ("game list", {}),
]


@pytest.mark.parametrize(("command", "options"), FACILITATOR_COMMANDS,
                         ids=[c for c, _ in FACILITATOR_COMMANDS])
async def test_a_facilitator_command_is_refused_to_a_player_and_to_a_bystander(table, command,
                                                                             options):
    t = table
    await open_game(t)
    before = event_count(t)
    for member in (t.alice, t.eve):
        result = await member.slash(t.channel, command, **options)
        assert result.ephemeral, command
        assert reply_text(result) == REFUSED, (command, reply_text(result))
    assert event_count(t) == before
    assert state(t).phase.value == "briefing"


async def test_both_kinds_of_facilitator_are_obeyed(table):
    """The White Cell role and Manage Server each make a facilitator."""
    t = table
    await open_game(t)
    paused = await t.mia.slash(t.channel, "game pause")
    assert "Paused" in reply_text(paused)
    resumed = await t.ada.slash(t.channel, "game resume")
    assert "Resumed" in reply_text(resumed)
    view = await t.ada.slash(t.channel, "game facilitator")
    assert view.ephemeral and view.response.embeds[0].title.startswith("White Cell")


async def test_the_facilitator_view_is_never_shown_to_others(table):
    t = table
    await open_game(t)
    await t.mia.slash(t.channel, "game facilitator")
    for member in (t.alice, t.bob, t.carol, t.eve):
        seen = [e.title for m in t.channel.history(viewer=member) for e in m.embeds]
        assert not any(title and title.startswith("White Cell") for title in seen)


async def test_white_cell_autocomplete_offers_players_nothing(table):
    """Plot ids and other seats' proposals are hidden truths: only facilitators are offered them."""
    t = table
    await open_game(t)
    for command, option in (("game inject item", "plot"), ("game adjudicate", "action"),
                            ("game inject item", "target")):
        assert await t.alice.autocomplete(t.channel, command, option, "") == []
    plots = await t.mia.autocomplete(t.channel, "game inject item", "plot", "")
    assert {c["value"] for c in plots} == {"lantern", "tramline"}


async def test_a_player_is_offered_only_their_own_items(table):
    t = table
    await open_game(t)
    await t.mia.slash(t.channel, "game advance")            # intelligence received
    await t.mia.slash(t.channel, "game advance")            # sharing
    mine = {c["value"] for c in await t.alice.autocomplete(t.channel, "intel share", "item", "")}
    theirs = {c["value"] for c in await t.bob.autocomplete(t.channel, "intel share", "item", "")}
    held = state(t).holdings
    assert mine == set(held["aurelia"]) and theirs == set(held["borovia"])
    assert await t.eve.autocomplete(t.channel, "intel share", "item", "") == []
