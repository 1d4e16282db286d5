"""Hidden information stays hidden on Discord: until the debrief, the text of an intel item and
the names it carries appear only in messages its holders can see (those who received it at a
level that shows them), checked over every message of the channel and of every DM, as each member
sees them."""

from __future__ import annotations

from dtw_helpers import SEATS, all_done, click_done, open_game, phase_message, state

from game.engine import Viewer, view_for

SECRETS = {"borovia": "KILOBOROVIA", "caldera": "KILOCALDERA"}


def text_of(message) -> str:
    parts = [message.content]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


def seen_by(t, member) -> str:
    messages = t.channel.history(viewer=member) + member.user.dm_channel.history()
    return "\n".join(text_of(m) for m in messages)


async def look_around(t) -> None:
    """Every player asks for their status and their intel: more private messages to check."""
    for member in t.players:
        await member.slash(t.channel, "game status")
        message = phase_message(t)
        intel = next(c.custom_id for row in message.components for c in row.children
                     if c.custom_id.startswith("dtw:intel:"))
        assert (await member.click(message, custom_id=intel)).acknowledged


async def play_to_the_end(t) -> None:
    await all_done(t)                                    # briefing
    await t.mia.slash(t.channel, "game inject item", recipient="borovia", specificity=4,
                      plot="lantern", text=f"{SECRETS['borovia']} says the hall, Friday")
    await t.mia.slash(t.channel, "game inject item", recipient="caldera", specificity=2,
                      target="solano_cathedral", text=f"{SECRETS['caldera']} rumour at the port")
    await t.mia.slash(t.channel, "game facilitator")
    await look_around(t)
    await all_done(t)                                    # intelligence received
    await t.alice.slash(t.channel, "intel share", item=1, to="caldera", level="full")
    await t.alice.slash(t.channel, "intel share", item=1, to="borovia", level="warning")
    borovia_items = await t.bob.autocomplete(t.channel, "intel share", "item", "")
    secret_item = next(c["value"] for c in borovia_items if c["value"] != 1)
    await t.bob.slash(t.channel, "intel share", item=secret_item, to="aurelia", level="sanitized")
    await look_around(t)
    while not state(t).over:
        await all_done(t)
        if not state(t).over:
            await look_around(t)


async def test_item_text_and_names_reach_only_those_who_hold_them(table):
    t = table
    await open_game(t)
    await play_to_the_end(t)
    final = state(t)
    assert final.over
    members = {m.user.name: m for m in t.players}
    held = {role: view_for(final, Viewer.seat(role)).items for role in SEATS.values()}
    secrets: set[str] = set()
    for item in final.items.values():
        secrets |= {item.text[:40]} if item.text else set()
        secrets |= set(item.names)
    assert any(SECRETS["borovia"] in s for s in secrets)
    for secret in secrets:
        allowed = {role for role, views in held.items()
                   if any(secret in v.text or secret in v.names for v in views)}
        for name, role in SEATS.items():
            if role not in allowed:
                assert secret not in seen_by(t, members[name]), (secret, name)
    assert "long-trusted source" in seen_by(t, t.carol)      # shared in full: seen
    assert "long-trusted source" not in seen_by(t, t.bob)    # a warning shows no text
    assert SECRETS["borovia"] in seen_by(t, t.bob)
    assert SECRETS["borovia"] not in seen_by(t, t.alice)     # sanitized: no text
    for member in (t.alice, t.bob, t.carol, t.eve):
        assert SECRETS["caldera"] not in seen_by(t, member) or member is t.carol

    await t.alice.slash(t.channel, "game debrief")           # now everything is revealed
    assert t.channel.history()[-1].attachments


async def test_with_dms_closed_the_phase_message_offers_my_intel(table):
    t = table
    env = t.env
    env.inject_error("POST", f"/channels/{t.alice.user.dm_channel.id}/messages", status=403,
                     code=50007, times=None)
    await open_game(t)
    note = [f for f in phase_message(t).embeds[0].fields if f.name == "Private messages"]
    assert note and "My intel" in note[0].value
    await all_done(t)                                       # intelligence received
    assert t.alice.user.dm_channel.history() == []
    message = phase_message(t)
    intel = next(c.custom_id for row in message.components for c in row.children
                 if c.custom_id.startswith("dtw:intel:"))
    shown = await t.alice.click(message, custom_id=intel)
    assert shown.ephemeral
    assert any("long-trusted source" in f.value for f in shown.response.embeds[0].fields)
    assert "long-trusted source" not in "\n".join(text_of(m) for m in t.channel.history())
    await click_done(t, t.alice)


async def test_moves_can_be_sent_from_a_dm(table):
    t = table
    await open_game(t)
    await all_done(t)
    await all_done(t)                                       # sharing
    shared = await t.alice.user.slash("intel share", item=1,
                                      to="caldera", level="full")
    assert "item #1 → 🟩 Caldera: full" in shared.response.content
    status = await t.alice.user.slash("game status")
    assert status.response.embeds
