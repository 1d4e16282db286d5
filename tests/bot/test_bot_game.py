"""A whole tutorial game through Discord: a facilitator and three players, /game new to /game
debrief, with moves in every kind of phase and the debrief files attached and readable."""

from __future__ import annotations

import json

from dtw_helpers import all_done, open_game, phase_message, reply_text, state
from simcord import assert_responded

from game.engine import Actor, CloseGame, EndGame


async def test_a_whole_tutorial_game_from_new_to_debrief(table):
    t = table
    gid = await open_game(t)
    assert state(t).phase.value == "briefing"
    brief = t.alice.user.dm_channel.history()[-1].embeds[0]
    assert "duty to warn" in brief.description.lower()

    await all_done(t)                                   # briefing: Ready buttons
    assert state(t).phase.value == "intel_received"
    dm = t.alice.user.dm_channel.history()[-1]
    assert any("48 hours" in f.value for f in dm.embeds[0].fields)
    await all_done(t, slash=True)                       # intel: /done

    # Sharing: Aurelia warns Borovia and shares in full with Caldera.
    assert state(t).phase.value == "sharing"
    items = await t.alice.autocomplete(t.channel, "intel share", "item", "")
    assert items and items[0]["value"] == 1
    roles = await t.alice.autocomplete(t.channel, "intel share", "to", "", item=1)
    assert {c["value"] for c in roles} == {"borovia", "caldera"}
    shared = await t.alice.slash(t.channel, "intel share", item=1, to="caldera", level="full",
                                 rationale="our oldest partner")
    assert_responded(shared, contains="item #1 → 🟩 Caldera: full", ephemeral=True)
    warned = await t.alice.slash(t.channel, "intel warn", item=1, decision="warn",
                                 rationale="lives first")
    assert_responded(warned, contains="item #1: warn", ephemeral=True)
    await all_done(t)

    # Response: Borovia rates the warning and hardens; Caldera proposes; White Cell rules.
    assert state(t).phase.value == "response"
    to_rate = await t.bob.autocomplete(t.channel, "intel rate", "item", "")
    assert [c["value"] for c in to_rate] == [1]
    rated = await t.bob.slash(t.channel, "intel rate", item=1, rating="accept",
                              rationale="better safe")
    assert_responded(rated, contains="Rated item #1: accept", ephemeral=True)
    targets = await t.bob.autocomplete(t.channel, "act", "target", "", action="harden")
    assert "vostograd_concert_hall" in {c["value"] for c in targets}
    hardened = await t.bob.slash(t.channel, "act", action="harden", target="vostograd_concert_hall",
                                 rationale="the named hall first")
    assert_responded(hardened, contains="harden Vostograd Concert Hall", ephemeral=True)
    proposed = await t.carol.slash(t.channel, "act", action="propose",
                                   text="Ask port police to check ferry manifests")
    assert "propose" in reply_text(proposed)
    pending = await t.mia.autocomplete(t.channel, "game adjudicate", "action", "")
    ruled = await t.mia.slash(t.channel, "game adjudicate", action=pending[0]["value"],
                              strength="strong", plot="tramline")
    assert "Proposal" in reply_text(ruled)
    await all_done(t)

    # Aftermath of turn 1: the reveal is the phase message.
    assert state(t).phase.value == "aftermath"
    assert "outcomes" in phase_message(t).embeds[0].description
    for _ in range(2):                                  # turns 2 and 3: everyone just presses Done
        while state(t).phase.value != "intel_received" and not state(t).over:
            await all_done(t)
        if state(t).over:
            break
        while state(t).phase.value != "aftermath":
            await all_done(t)
    while not state(t).over:
        await all_done(t)
    assert state(t).phase.value == "debrief"
    over = t.channel.history()[-1].embeds[0]
    assert over.title == "Game over" and any(f.name == "Scores" for f in over.fields)

    debriefed = await t.alice.slash(t.channel, "game debrief")
    assert "posted" in reply_text(debriefed)
    posted = t.channel.history()[-1]
    names = {a.filename for a in posted.attachments}
    assert names == {"events.jsonl", "debrief.md", "debrief.html", "debrief.json", "timeline.csv",
                     "decisions.csv"}                   # charts are off in these tests
    log = (await next(a for a in posted.attachments if a.filename == "events.jsonl").read()).decode()
    lines = [json.loads(line) for line in log.splitlines()]
    assert lines[0]["type"] == "game_created" and lines[0]["game_id"] == gid
    assert lines[-1]["type"] == "checkpoint"
    summary = (await next(a for a in posted.attachments if a.filename == "debrief.md").read()).decode()
    assert "Vostograd" in summary and "lives first" in summary

    closed = await t.mia.slash(t.channel, "game close")
    assert "Closed" in reply_text(closed)
    again = await t.mia.slash(t.channel, "game debrief")   # a closed game can still be debriefed
    assert "posted" in reply_text(again)


async def test_the_channel_follows_its_game_when_another_process_closed_it(table):
    """The bot keeps each channel's live game after the first lookup; a game closed behind its back
    (another process, the CLI) is looked up again, and a new game in the channel is found."""
    t = table
    first = await open_game(t)
    service, white_cell = t.bot.service, Actor.white_cell(str(t.mia.user.id))
    service.handle(first, white_cell, EndGame())
    service.handle(first, white_cell, CloseGame())
    refused = await t.alice.slash(t.channel, "done")
    assert "over" in reply_text(refused).lower() or "no game" in reply_text(refused).lower()
    nothing = await t.alice.slash(t.channel, "done")
    assert "There is no game in this channel" in reply_text(nothing)
    second = await open_game(t)
    assert second != first and state(t).game_id == second
    assert all(s.player for s in state(t).seats.values())


async def test_game_list_shows_this_servers_games_to_its_facilitator_only(table):
    """`/game list`: the facilitator sees this server's games (id, scenario, phase, channel);
    another server's game is not among them."""
    t = table
    gid = await open_game(t)
    other = t.env.create_guild("Another Server")
    elsewhere = other.create_text_channel("other-room")
    admin = other.add_member(t.env.create_user("olga"), roles=[other.create_role(
        "White Cell")])
    await t.env.settle()
    opened = await admin.slash(elsewhere, "game new", scenario="tutorial")
    assert_responded(opened, contains="is open", ephemeral=True)  # a game on the other server
    listed = await t.mia.slash(t.channel, "game list")
    assert_responded(listed, contains=f"`{gid}` · tutorial · briefing", ephemeral=True)
    text = reply_text(listed)
    assert f"<#{t.channel.id}>" in text and text.count("`") == 2  # one game: ours
