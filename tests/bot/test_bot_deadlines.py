"""Deadlines run on asyncio timers: a reminder pings the late seats once, then the phase advances.
The facilitator's extend and pause move the timer; a restart re-arms it from the database."""

from __future__ import annotations

from dtw_helpers import all_done, click_done, open_game, phase_message, reply_text, state


def reminders(t):
    return [m for m in t.channel.history() if m.content.startswith("⏰")]


async def test_a_reminder_pings_the_late_seats_once_then_the_deadline_advances(table):
    t = table
    env = t.env
    await open_game(t)                                   # briefing: 5 minutes
    await click_done(t, t.alice)
    cursor = len(env.http_requests)
    await env.advance_time(4 * 60)                       # a quarter (75 s) before: reminder
    [reminder] = reminders(t)
    assert t.bob.mention in reminder.content and t.carol.mention in reminder.content
    assert t.alice.mention not in reminder.content
    [sent] = [e for e in env.http_requests[cursor:] if e.json and e.json.get("content", "")
              .startswith("⏰")]
    mentions = sent.json["allowed_mentions"]
    assert mentions["parse"] == [] and {int(u) for u in mentions["users"]} == {t.bob.id, t.carol.id}
    assert state(t).phase.value == "briefing"
    await env.advance_time(61)                           # the deadline passes
    assert state(t).phase.value == "intel_received"
    assert len(reminders(t)) == 1
    assert phase_message(t).embeds[0].title.startswith("Turn 1 of 3")


async def test_extend_and_pause_move_the_timer(table):
    t = table
    env = t.env
    await open_game(t)
    await all_done(t)                                    # intelligence received: 3 minutes
    extended = await t.mia.slash(t.channel, "game extend", minutes=5)
    assert "extended by 5 minutes" in reply_text(extended)
    await env.advance_time(4 * 60)
    assert state(t).phase.value == "intel_received"      # 8 minutes now
    await t.mia.slash(t.channel, "game pause")
    assert "(paused)" in phase_message(t).embeds[0].title
    await env.advance_time(30 * 60)
    assert state(t).phase.value == "paused"
    await t.mia.slash(t.channel, "game resume")
    await env.advance_time(4 * 60 + 1)                   # the 4 minutes that were left
    assert state(t).phase.value == "sharing"


async def test_a_restart_mid_phase_keeps_buttons_and_deadlines(table, make_bot):
    t = table
    env = t.env
    gid = await open_game(t)
    await all_done(t)                                    # intelligence received
    message = phase_message(t)
    await click_done(t, t.alice, message)
    old = env.bot
    await env.restart_bot(make_bot())
    assert env.bot is not old
    assert gid in env.bot.deadlines.timers               # re-armed from the database
    clicked = await click_done(t, t.bob, message)        # the old message's button still works
    assert "finished" in reply_text(clicked)
    seats = next(f.value for f in phase_message(t).embeds[0].fields if f.name == "Seats")
    assert seats.count("✅") == 2
    await env.advance_time(3 * 60 + 1)                   # and the deadline still fires
    assert state(t).phase.value == "sharing"
    assert "closed" in next(m for m in t.channel.history() if m.id == message.id).embeds[0].title


async def test_after_a_restart_a_slash_command_finds_the_phase_message(table, make_bot):
    t = table
    env = t.env
    await open_game(t)
    message = phase_message(t)
    await env.restart_bot(make_bot())
    await t.alice.slash(t.channel, "done")
    edited = next(m for m in t.channel.history() if m.id == message.id)
    assert "✅" in next(f.value for f in edited.embeds[0].fields if f.name == "Seats")
    assert phase_message(t).id == message.id             # edited in place, not posted again


async def test_computer_seats_and_deadlines_keep_the_channel_message_current(table):
    """A computer seat finishes at once and the channel shows it; with nobody pressing Done, the
    deadlines alone carry the game to its end, each phase opening its own message."""
    t = table
    env = t.env
    await t.mia.slash(t.channel, "game new", scenario="tutorial")
    await t.alice.slash(t.channel, "game join", role="aurelia")
    await t.bob.slash(t.channel, "game join", role="borovia")
    policy = await t.mia.autocomplete(t.channel, "game computer", "policy", "co")
    assert {"name": "cooperative", "value": "cooperative"} in policy
    added = await t.mia.slash(t.channel, "game computer", role="caldera", policy="cooperative")
    assert "computer" in reply_text(added)
    await t.mia.slash(t.channel, "game start")
    seats = next(f.value for f in phase_message(t).embeds[0].fields if f.name == "Seats")
    assert "🤖 computer ✅" in seats
    for _ in range(40):
        if state(t).over:
            break
        await env.advance_time(11 * 60)
        if not state(t).over:
            seats = next(f.value for f in phase_message(t).embeds[0].fields if f.name == "Seats")
            assert "🤖 computer ✅" in seats
    assert state(t).over
    titles = [m.embeds[0].title for m in t.channel.history() if m.embeds]
    assert titles[-1] == "Game over"
    assert sum(1 for x in titles if x.endswith("— closed")) == 14   # lobby and 13 phases
