"""`/game status`: a seat's own view, privately — phase, deadline, budget, its intel, what it has
entered this phase and whether it has finished — and nothing of it in anyone else's channel."""

from __future__ import annotations

from dtw_helpers import all_done, click_done, open_game, state

from bot.text import clean


def fields_of(result) -> dict[str, str]:
    embed = result.response.embeds[0]
    return {f.name: f.value for f in embed.fields}


async def test_status_is_my_own_view_and_only_mine(table):
    t = table
    await open_game(t)
    await all_done(t)
    await all_done(t)                                   # sharing
    s = state(t)
    item = s.items[1]
    assert s.held("aurelia", 1) is not None
    await t.alice.slash(t.channel, "intel share", item=1, to="caldera", level="full",
                        rationale="oldest partner")

    mine = await t.alice.slash(t.channel, "game status")
    assert mine.ephemeral
    fields = fields_of(mine)
    title = mine.response.embeds[0].title
    assert "Aurelia" in title and "Sharing" in title
    seat = state(t).seats["aurelia"]
    assert fields["Budget"] == f"{seat.sb} SB · {seat.pc} PC"
    assert fields["Deadline"] not in ("", "paused")
    assert fields["Finished this phase"] == "not yet"
    assert "Caldera" in fields["Entered this phase"] and "full" in fields["Entered this phase"]
    assert any(clean(item.text)[:40] in value for value in fields.values())

    for other in (t.bob, t.carol, t.eve):               # ephemeral: nobody else sees it
        seen = t.channel.history(viewer=other)
        assert all(m.id != mine.response.id for m in seen)
        assert all(item.text[:40] not in (e.description or "") + "".join(f.value for f in e.fields)
                   for m in seen for e in m.embeds)

    pending = fields["Duty to warn: still to log"].split(", ")
    assert "#1" in pending                              # she shared item 1 but logged nothing

    await click_done(t, t.alice)
    again = fields_of(await t.alice.slash(t.channel, "game status"))
    assert again["Finished this phase"] == "yes"
    await click_done(t, t.bob)
    await click_done(t, t.carol)                        # response: the log is closed until next turn
    later = fields_of(await t.alice.slash(t.channel, "game status"))
    assert "#1" in later["Duty to warn: to log in the next sharing phase"].split(", ")
    assert "Duty to warn: still to log" not in later


async def test_status_of_someone_without_a_seat_says_so_and_shows_no_intel(table):
    t = table
    await open_game(t)
    await all_done(t)
    await all_done(t)
    result = await t.eve.slash(t.channel, "game status")
    assert result.ephemeral
    assert "You hold no seat in this game." in result.response.content
    text = "".join(f.value for e in result.response.embeds for f in e.fields)
    assert state(t).items[1].text[:40] not in text
