"""Who may run which command, as docs/facilitating.md's permissions table says: every command x
(facilitator, seated player, unseated member, a member seated in another guild's game, a seated
player in a DM). "allowed" means it got past the permission checks (the game may still refuse
it for a rule, such as the wrong phase); "refused" means one of the permission refusals.

Each persona runs every command, in an order that keeps the game alive until the commands that
end it (leave, end, close, new) come last.
"""

from __future__ import annotations

from typing import Any

import pytest
from dtw_helpers import SEATS, reply_text, state
from simcord import SetupError

from bot.context import NO_GAME_HERE, NO_SEAT
from bot.errors import WORDS
from game.engine import Code

REFUSALS = {
    WORDS[Code.NOT_FACILITATOR],
    WORDS[Code.NOT_YOUR_SEAT],
    "Facilitator commands work in the game's channel, not in DMs.",
    NO_SEAT,
}
A, R = "allowed", "refused"
PERSONAS = ("facilitator", "seated", "unseated", "other_guild", "dm")

# command, options, then the expected outcome for each persona in PERSONAS' order.
TABLE: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("game status", {}, (A, A, A, A, A)),
    ("game computer", {"role": "caldera", "policy": "hawk"}, (A, R, R, R, R)),
    ("game list", {}, (A, R, R, R, R)),
    ("game facilitator", {}, (A, R, R, R, R)),
    ("game start", {}, (A, R, R, R, R)),
    ("game pause", {}, (A, R, R, R, R)),
    ("game resume", {}, (A, R, R, R, R)),
    ("game extend", {"minutes": 5}, (A, R, R, R, R)),
    ("game inject item", {"recipient": "borovia", "specificity": 3, "plot": "lantern",
                          "text": "secret"}, (A, R, R, R, R)),
    ("game inject news", {"text": "Breaking"}, (A, R, R, R, R)),
    ("game advance", {}, (A, R, R, R, R)),
    ("intel share", {"item": 1, "to": "caldera", "level": "full"}, (R, A, R, R, A)),
    ("intel warn", {"item": 1, "decision": "warn"}, (R, A, R, R, A)),
    ("intel rate", {"item": 1, "rating": "accept"}, (R, A, R, R, A)),
    ("act", {"action": "harden", "target": "aurelia_station"}, (R, A, R, R, A)),
    ("game adjudicate", {"action": 1, "strength": "strong"}, (A, R, R, R, R)),
    ("done", {}, (R, A, R, R, A)),
    ("game debrief", {}, (A, A, A, A, A)),
    ("game leave", {}, (R, A, R, R, A)),
    ("game join", {"role": "caldera"}, (A, A, A, A, R)),  # a DM names no game to join
    ("game end", {}, (A, R, R, R, R)),
    ("game close", {}, (A, R, R, R, R)),
    ("game new", {"scenario": "tutorial"}, (A, R, R, R, R)),
    ("game forget-me", {}, (A, A, A, A, A)),  # without confirm: it only asks
]


async def setup(t: Any) -> Any:
    """This server's game (alice and bob seated, caldera free, in the lobby), and zed: a member
    here with no role, who is White Cell and seated in another server's game."""
    env = t.env
    await t.mia.slash(t.channel, "game new", scenario="tutorial")
    await t.alice.slash(t.channel, "game join", role=SEATS["alice"])
    await t.bob.slash(t.channel, "game join", role=SEATS["bob"])
    zed_user = env.create_user("zed")
    zed = t.guild.add_member(zed_user)
    away = env.create_guild("Another Server")
    away_room = away.create_text_channel("their-room")
    their_cell = away.create_role("White Cell")
    zed_away = away.add_member(zed_user, roles=[their_cell])
    await env.settle()
    await zed_away.slash(away_room, "game new", scenario="tutorial")
    await zed_away.slash(away_room, "game join", role="aurelia")
    return zed


async def run(t: Any, persona: str, zed: Any, command: str, options: dict[str, Any]) -> str:
    member = {"facilitator": t.mia, "seated": t.alice, "unseated": t.eve,
              "other_guild": zed, "dm": t.alice}[persona]
    try:
        if persona == "dm":
            result = await member.user.slash(command, **options)
        else:
            result = await member.slash(t.channel, command, **options)
    except SetupError:
        return R                                  # not even offered there
    assert result.acknowledged, (persona, command)
    text = reply_text(result)
    if result.response and not text and result.response.embeds:
        return A
    if text == NO_GAME_HERE and command == "game new":
        return A
    return R if text in REFUSALS else A


@pytest.mark.parametrize("persona", PERSONAS)
async def test_every_command_is_allowed_or_refused_as_documented(table: Any, persona: str) -> None:
    t = table
    zed = await setup(t)
    column = PERSONAS.index(persona)
    got = {}
    for command, options, _expected in TABLE:
        before = len(t.bot.service.events(state(t).game_id)) if command != "game new" else 0
        outcome = await run(t, persona, zed, command, options)
        got[command] = outcome
        if outcome == R and command != "game new":
            assert len(t.bot.service.events(state(t).game_id)) == before, (persona, command)
    want = {command: expected[column] for command, _, expected in TABLE}
    assert got == want
