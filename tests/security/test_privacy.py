"""Forgetting a player: after `/game forget-me` (or `wargame db forget USER_ID`) the user's Discord
id is nowhere in the database, the games still replay to a consistent state, the service serves
states without it (snapshots and its cache were dropped) and the debrief still builds."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from dtw_helpers import all_done, open_game, reply_text, state
from typer.testing import CliRunner

from game.engine import replay
from game.store.cli import app as db_app

TABLES = ("games", "seats", "events", "commands", "snapshots")


def dump(url: str) -> str:
    """Every row of every table that may hold a user id, as text."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return "\n".join(repr(tuple(row)) for table in TABLES
                             for row in conn.execute(sa.text(f"SELECT * FROM {table}")))
    finally:
        engine.dispose()


async def test_forget_me_replaces_the_id_and_keeps_the_game_replayable(table: Any,
                                                                      db_url: str) -> None:
    t = table
    await open_game(t)
    await all_done(t)
    await t.alice.slash(t.channel, "act", action="propose", text=f"ask <@{t.alice.user.id}>")
    gid = str(state(t).game_id)
    before = state(t)                                   # now in the service's cache
    alice_id = str(t.alice.user.id)
    assert before.seat_of(alice_id) == "aurelia"
    assert alice_id in dump(db_url)

    asked = await t.alice.slash(t.channel, "game forget-me")
    assert "confirm" in reply_text(asked) and alice_id in dump(db_url)
    done = await t.alice.slash(t.channel, "game forget-me", confirm=True)
    assert "forgotten-" in reply_text(done), reply_text(done)
    assert t.env.errors == []

    assert alice_id not in dump(db_url)
    after = state(t)                                    # served without the old id
    pseudonym = after.seats["aurelia"].player
    assert pseudonym and pseudonym.startswith("forgotten-")
    assert after.seq == before.seq and after.seat_of(alice_id) is None
    replayed = replay(e.event for e in t.bot.service.events(gid))
    assert replayed.seq == after.seq and replayed.seats["aurelia"].player == pseudonym
    assert str(t.bob.user.id) in dump(db_url)           # nobody else is forgotten

    # The game goes on (the others play; the forgotten seat is closed by the facilitator).
    await t.mia.slash(t.channel, "game end")
    debrief = await t.bob.slash(t.channel, "game debrief")
    assert debrief.acknowledged and t.channel.history()[-1].attachments
    assert t.env.errors == []


async def test_wargame_db_forget(table: Any, db_url: str) -> None:
    t = table
    await open_game(t)
    mia_id = str(t.mia.user.id)
    assert mia_id in dump(db_url)
    result = CliRunner().invoke(db_app, ["forget", mia_id, "--database-url", db_url])
    assert result.exit_code == 0, result.output
    assert "replays cleanly" in result.output
    assert mia_id not in dump(db_url)
    again = CliRunner().invoke(db_app, ["forget", mia_id, "--database-url", db_url])
    assert again.exit_code == 0 and "in 0 game(s)" in again.output
