"""What the bot sends: within Discord's limits, pinging nobody it should not, with user text
escaped, and few REST calls (one channel message per phase, then edits; at most one DM per seat)."""

from __future__ import annotations

from collections import Counter

from dtw_helpers import all_done, open_game, state

from bench.bot_moves import classify_call
from bot.embeds import Card, build, single
from bot.text import clean, pack, split_lines

NASTY = "@everyone @here <@&123456789012345678> **loud** `code` \u202eeliF\u200b"


def sent_payloads(env, since=0):
    """JSON bodies of requests that post or edit a message (interaction replies included)."""
    for entry in env.http_requests[since:]:
        body = entry.json or {}
        if entry.method in ("POST", "PATCH") and ("/messages" in entry.path or
                                                  entry.path.startswith("/webhooks")):
            yield entry, body
        elif entry.path.endswith("/callback") and body.get("type") == 4:
            yield entry, body.get("data", {})


async def test_no_message_can_ping_everyone_or_roles(table):
    t = table
    env = t.env
    await open_game(t)
    await t.mia.slash(t.channel, "game inject news", text=NASTY)
    await env.advance_time(4 * 60)                           # the reminder: the one intended ping
    checked = 0
    for entry, body in sent_payloads(env):
        mentions = body.get("allowed_mentions")
        assert mentions is not None, entry.path
        assert mentions["parse"] == [], entry.path
        assert not mentions.get("roles")
        if mentions.get("users"):
            assert body["content"].startswith("⏰")
        checked += 1
    assert checked > 10


async def test_user_text_is_escaped_in_embeds(table):
    t = table
    await open_game(t)
    await t.mia.slash(t.channel, "game inject news", text=NASTY)
    news = next(m for m in t.channel.history() if m.embeds and m.embeds[0].title == "📰 News")
    text = news.embeds[0].description
    assert "@everyone" not in text and "@here" not in text and "<@&123456789012345678>" not in text
    assert "\\*\\*loud\\*\\*" in text and "\u202e" not in text and "eliF\u200b" not in text


def test_clean_neutralises_mentions_markdown_and_invisible_characters():
    out = clean(NASTY)
    assert "@everyone" not in out and "<@&123456789012345678>" not in out
    assert "\u202e" not in out and "\\`code\\`" in out


def test_long_content_is_split_within_discord_limits():
    card = Card(title="T" * 300, description="d" * 9000)
    for n in range(40):
        card.add(f"section {n} " + "n" * 300, ("line " * 60 + "\n") * 8)
    embeds = build(card)
    assert len(embeds) > 2
    for embed in embeds:
        assert len(embed) <= 6000 and len(embed.fields) <= 25
        assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
        assert all(len(f.value) <= 1024 and len(f.name) <= 256 for f in embed.fields)
    for batch in pack(embeds):
        assert len(batch) <= 10 and sum(len(e) for e in batch) <= 6000
    one = single(card)
    assert len(one) <= 6000 and len(one.fields) <= 25
    assert all(len(chunk) <= 100 for chunk in split_lines("word " * 500, 100))


async def test_rest_calls_per_phase_over_a_whole_game(table):
    """Per phase: one new channel message, then edits; at most one DM per seat."""
    t = table
    env = t.env
    await open_game(t)
    phases = 0
    while not state(t).over:
        cursor = len(env.http_requests)
        await all_done(t)
        dm_of = {m.user.dm_channel.id: m.user.name for m in t.players if m.user.dm_channel}
        calls = Counter(classify_call(e, t.channel.id, dm_of) for e in env.http_requests[cursor:])
        phases += 1
        dms = [kind for kind in calls if kind.startswith("dm_POST:")]
        assert calls["channel_POST"] == 1, calls              # the next phase's message
        assert calls["channel_PATCH"] == 3, calls             # each Done edits; the last closes
        assert all(calls[kind] <= 1 for kind in dms), calls  # at most one per seat
        assert calls["interaction"] == 6, calls               # defer + private answer per Done
        assert set(calls) <= {"channel_POST", "channel_PATCH", "interaction", *dms}, calls
    assert phases == 13
