"""`/game debrief` with charts on (as `wargame bot` runs it): the whole debrief is posted — the
log, Markdown, HTML with its charts embedded, JSON, both CSV files and the PNG charts — and a
debrief asked for too early is refused without posting anything."""

from __future__ import annotations

import json

import pytest
from dtw_helpers import open_game, reply_text

from bot import DutyBot, create_bot
from game.settings import Settings

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def simcord_bot(db_url: str, settings: Settings) -> DutyBot:
    return create_bot(database_url=db_url, settings=settings, debrief_charts=True)


async def test_the_debrief_posts_every_file_with_its_charts(table):
    t = table
    await open_game(t)
    early = await t.alice.slash(t.channel, "game debrief")
    assert early.ephemeral and "opens when the game is over" in reply_text(early)
    posted_before = len(t.channel.history())

    assert "game is over" in reply_text(await t.mia.slash(t.channel, "game end"))
    result = await t.alice.slash(t.channel, "game debrief")
    assert "posted" in reply_text(result)
    posted = t.channel.history()[-1]
    assert len(t.channel.history()) > posted_before
    files = {a.filename: await a.read() for a in posted.attachments}
    assert set(files) == {"events.jsonl", "debrief.md", "debrief.html", "debrief.json",
                          "timeline.csv", "decisions.csv", "trust.png", "casualties.png",
                          "resources.png", "provenance.png"}
    assert all(files[n].startswith(PNG) for n in files if n.endswith(".png"))
    assert files["debrief.html"].count(b"data:image/png;base64,") >= 4
    model = json.loads(files["debrief.json"])
    assert model["format"] == 1
    assert model["game"]["game_id"] == t.bot.service.game_for_channel(t.channel.id).id
