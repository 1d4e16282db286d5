"""Hostile text and ids sent through the bot: nothing pings, nothing breaks Discord's limits,
nothing crashes, and the HTML debrief shows the text inert.

Every slash-command option that takes free text is filled with markdown, @everyone/@here, role and
user mentions, zero-width and right-to-left characters, HTML/script, and as long a string as the
option allows (4,000 characters where Discord allows it); every id option gets ids that do not
exist. Then every request the bot sent (env.http_requests) is checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dtw_helpers import all_done, open_game, phase_message, state

from game.debrief import export as debrief_export

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def hostile(t: Any, length: int) -> str:
    """Everything at once, repeated to `length` characters."""
    role = 123456789012345678  # a role id (the White Cell role would do as well)
    core = (f"@everyone @here <@&{role}> <@{t.alice.user.id}> <@!{t.bob.user.id}> "
            f"**bold** __u__ ~~s~~ ||spoiler|| `code` ```block``` [link](https://evil.example) "
            f"> quote\n# heading\n\u202eevil\u202c\u200b\u200d\u2066iso\u2069\ufeff {SCRIPT} ")
    return (core * (length // len(core) + 1))[:length]


BAD_IDS = ["@everyone", "<@&1>", "../../etc/passwd", "\u202elantern", "x" * 100, ""]
BAD_INTS = [-1, 0, 2**31, 10**15]


def request_bodies(env: Any, since: int = 0) -> list[tuple[Any, dict[str, Any]]]:
    """The JSON of every request that posts or edits a message, interaction answers included."""
    out = []
    for entry in env.http_requests[since:]:
        body = entry.json or {}
        if entry.path.endswith("/callback"):
            if body.get("type") in (4, 7):
                out.append((entry, body.get("data") or {}))
        elif entry.method in ("POST", "PATCH") and ("/messages" in entry.path
                                                   or entry.path.startswith("/webhooks")):
            out.append((entry, body))
    return out


def check_no_pings(t: Any, entry: Any, body: dict[str, Any]) -> None:
    seated = {str(m.user.id) for m in t.players}
    mentions = body.get("allowed_mentions")
    assert mentions is not None, (entry.method, entry.path)
    assert mentions.get("parse", []) == [], (entry.path, mentions)
    assert not mentions.get("roles"), (entry.path, mentions)
    users = {str(u) for u in mentions.get("users") or []}
    assert users <= seated, (entry.path, mentions)         # only a reminder to a seated player
    if users:
        assert str(body.get("content", "")).startswith("⏰"), body.get("content")


def check_limits(entry: Any, body: dict[str, Any]) -> int:
    content = body.get("content") or ""
    assert len(content) <= 2000, (entry.path, len(content))
    embeds = body.get("embeds") or []
    assert len(embeds) <= 10
    total = 0
    for e in embeds:
        title, desc = e.get("title") or "", e.get("description") or ""
        fields = e.get("fields") or []
        footer = (e.get("footer") or {}).get("text") or ""
        author = (e.get("author") or {}).get("name") or ""
        assert len(title) <= 256 and len(desc) <= 4096 and len(fields) <= 25, entry.path
        assert len(footer) <= 2048 and len(author) <= 256
        for f in fields:
            assert 0 < len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024, (entry.path, f)
        total += len(title) + len(desc) + len(footer) + len(author)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000, (entry.path, total)
    return len(embeds)


def check_every_request(t: Any) -> int:
    bodies = request_bodies(t.env)
    for entry, body in bodies:
        check_no_pings(t, entry, body)
        check_limits(entry, body)
    return len(bodies)


def visible_text(messages: list[Any]) -> str:
    parts = []
    for m in messages:
        parts.append(m.content)
        for e in m.embeds:
            parts += [e.title or "", e.description or ""]
            parts += [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(parts)


async def press_intel(t: Any, member: Any) -> None:
    message = phase_message(t)
    intel = next(c.custom_id for row in message.components for c in row.children
                 if c.custom_id.startswith("dtw:intel:"))
    assert (await member.click(message, custom_id=intel)).acknowledged


async def test_hostile_text_and_ids_through_every_command(table: Any, tmp_path: Path) -> None:
    t = table
    env = t.env
    other = t.guild.create_text_channel("other-room")
    await env.settle()
    # Lobby: ids that do not exist.
    for bad in BAD_IDS:
        assert (await t.mia.slash(other, "game new", scenario=bad or "?")).acknowledged
    await open_game(t, start=False)
    for bad in BAD_IDS:
        assert (await t.eve.slash(t.channel, "game join", role=bad or "?")).acknowledged
        assert (await t.mia.slash(t.channel, "game computer", role=bad or "?",
                                  policy=bad or "?")).acknowledged
    assert (await t.mia.slash(t.channel, "game start")).acknowledged
    await all_done(t)                                                   # briefing
    # Facilitator text: an item of 4,000 characters, the longest news, hostile ids.
    long_text = hostile(t, 4000)
    assert (await t.mia.slash(t.channel, "game inject item", recipient="borovia", specificity=4,
                              plot="lantern", text=long_text)).acknowledged
    assert (await t.mia.slash(t.channel, "game inject item", recipient="caldera", specificity=1,
                              target="solano_cathedral", text=hostile(t, 300))).acknowledged
    for bad in BAD_IDS:
        assert (await t.mia.slash(t.channel, "game inject item", recipient=bad or "?",
                                  specificity=2, plot=bad, text="x")).acknowledged
        assert (await t.mia.slash(t.channel, "game inject item", recipient="aurelia",
                                  specificity=2, target=bad or "?", text="x")).acknowledged
    assert (await t.mia.slash(t.channel, "game inject news", text=hostile(t, 2000))).acknowledged
    for member in t.players:
        await member.slash(t.channel, "game status")
        await press_intel(t, member)
    await t.mia.slash(t.channel, "game facilitator")
    await all_done(t)                                                   # intelligence received
    # Players: rationales at their longest, items and seats that do not exist.
    bob_items = [c["value"] for c in await t.bob.autocomplete(t.channel, "intel share", "item", "")]
    for item in bob_items:
        await t.bob.slash(t.channel, "intel share", item=item, to="aurelia", level="full",
                          rationale=hostile(t, 500))
    await t.alice.slash(t.channel, "intel share", item=1, to="caldera", level="sanitized",
                        rationale=hostile(t, 500))
    for bad in BAD_INTS:
        assert (await t.alice.slash(t.channel, "intel share", item=bad, to="caldera",
                                    level="full")).acknowledged
        assert (await t.alice.slash(t.channel, "intel warn", item=bad, decision="waive",
                                    reason="U", rationale=hostile(t, 500))).acknowledged
    for bad in BAD_IDS:
        assert (await t.alice.slash(t.channel, "intel share", item=1, to=bad or "?",
                                    level="full")).acknowledged
    for item in bob_items:
        await t.bob.slash(t.channel, "intel warn", item=item, decision="warn",
                          rationale=hostile(t, 500))
    for member in t.players:
        await press_intel(t, member)
    await all_done(t)                                                   # sharing
    for member in t.players:
        await member.slash(t.channel, "act", action="propose", text=hostile(t, 500),
                           rationale=hostile(t, 500))
        for bad in BAD_IDS:
            assert (await member.slash(t.channel, "act", action="harden", target=bad,
                                       rationale=hostile(t, 500))).acknowledged
        rate = await member.autocomplete(t.channel, "intel rate", "item", "")
        for choice in rate:
            await member.slash(t.channel, "intel rate", item=choice["value"], rating="discount",
                               rationale=hostile(t, 500))
        for bad in BAD_INTS:
            assert (await member.slash(t.channel, "intel rate", item=bad,
                                       rating="accept")).acknowledged
    for bad in BAD_INTS:
        assert (await t.mia.slash(t.channel, "game adjudicate", action=bad,
                                  strength="strong")).acknowledged
    proposals = await t.mia.autocomplete(t.channel, "game adjudicate", "action", "")
    for choice in proposals:
        await t.mia.slash(t.channel, "game adjudicate", action=choice["value"], strength="weak",
                          plot="lantern")
    await t.mia.slash(t.channel, "game facilitator")
    for member in t.players:
        await member.slash(t.channel, "game status")
        await press_intel(t, member)
    await all_done(t)                                                   # response
    await t.mia.slash(t.channel, "game end", reason=hostile(t, 200))
    assert state(t).over
    debrief = await t.alice.slash(t.channel, "game debrief")
    assert debrief.acknowledged

    # Nothing crashed, nothing pinged, nothing broke a limit.
    assert env.errors == []
    assert check_every_request(t) > 50
    for member in t.members:
        messages = t.channel.history(viewer=member) + (
            member.user.dm_channel.history() if member.user.dm_channel else [])
        seen = visible_text(messages)
        assert "@everyone" not in seen and "@here" not in seen   # escaped as @\u200beveryone
        assert "\u202e" not in seen and "\u2066" not in seen, _debug_where(messages, "\u202e")
    # The debrief escapes it: no live tag, the text still there as text.
    events = t.bot.service.events(str(state(t).game_id))
    paths = debrief_export.export_debrief(events, tmp_path)
    pages = [p for p in paths if p.suffix == ".html"]
    assert pages
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        assert "<script>alert" not in markup and "<img src=x" not in markup, page.name
    assert any("&lt;script&gt;alert(" in p.read_text(encoding="utf-8") for p in pages)


def _debug_where(messages: list[Any], char: str) -> list[str]:
    out = []
    for m in messages:
        for e in m.embeds:
            for name, value in [("title", e.title), ("description", e.description)] + \
                    [(f.name, f.value) for f in e.fields]:
                if value and char in value:
                    i = value.index(char)
                    out.append(f"{e.title!r} {name!r}: {value[max(0, i - 60):i + 20]!r}")
        if char in (m.content or ""):
            out.append(f"content: {m.content!r}")
    return out
