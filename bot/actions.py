"""Sending a command to the game for an interaction, and telling the sender what came of it.

This is the bot's half of the one door: build the actor, stamp the time, pass the interaction id
as the command id (a repeated delivery or a double click then changes nothing), hand the result to
the publisher, and describe the sender's own outcome from the events it may see.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import discord

from bot.context import forget_game
from bot.errors import Refusal
from bot.replies import reply
from bot.text import clean
from game.describe import PHASE_TITLES, action_line, duty_line, role_name, share_line
from game.engine import Actor, Code, Command, Done, GameError, Phase, View, Viewer, view_for
from game.engine import events as ev
from game.scenario import Scenario
from game.service import HandleResult

if TYPE_CHECKING:
    from bot.client import DutyBot

STALE_RETRIES = 3


async def submit(bot: DutyBot, interaction: discord.Interaction, game_id: str, command: Command,
                 *, facilitator: bool = False, expected_seq: int | None = None,
                 attempt: int = 0, publish: bool = True) -> HandleResult:
    """Send the command; once its events are committed, show them (unless `publish` is False:
    then the caller must hand the result to `bot.publisher.publish` itself)."""
    user = str(interaction.user.id)
    actor = Actor.white_cell(user) if facilitator else Actor.of(user)
    command = dataclasses.replace(command, at=bot.now())
    command_id = str(interaction.id) + (f":{attempt}" if attempt else "")
    try:
        result = await bot.games.handle(game_id, actor, command, expected_seq=expected_seq,
                                        command_id=command_id)
    except GameError as error:
        if error.code in (Code.NO_GAME, Code.GAME_OVER):
            forget_game(bot, game_id)  # perhaps closed by another process: look it up again
        raise
    if publish:
        await bot.publisher.publish(result)
    return result


async def seat_view(bot: DutyBot, game_id: str, user_id: int) -> tuple[View, Scenario]:
    role = await bot.games.seat_of(game_id, user_id)
    if role is None:
        raise GameError(Code.NOT_YOUR_SEAT)
    state = await bot.games.state(game_id)
    return view_for(state, Viewer.seat(role)), state.scenario


async def say(interaction: discord.Interaction, text: str) -> None:
    await reply(interaction, text, ephemeral=True)


def outcome(result: HandleResult, role: str | None) -> str:
    """The sender's own outcome in words, from the events of the result it may see."""
    sc = result.state.scenario
    view = view_for(result.state, Viewer.seat(role)) if role else None
    lines = []
    for stored in result.events:
        line = _own_line(stored.event, sc, role)
        if line:
            lines.append(line)
    if view is not None and view.sb is not None and any(
            isinstance(s.event, (ev.ActionTaken, ev.ItemRated)) for s in result.events):
        lines.append(f"Left: {view.sb} SB · {view.pc} PC.")
    return "\n".join(clean(x) for x in lines) or "Done."


def _own_line(event: ev.Event, sc: Scenario, role: str | None) -> str | None:
    match event:
        case ev.ShareOrdered(order=o) if o.sender == role:
            return f"Share order recorded: {share_line(o, sc)}."
        case ev.DutyLogged(entry=d) if d.role == role:
            return f"Duty to warn logged: {duty_line(d)}."
        case ev.ItemRated(role=r, item=item, rating=rating, pc_cost=pc) if r == role:
            cost = f" (−{pc} PC: accepted from a service you distrust)" if pc else ""
            return f"Rated item #{item}: {rating.value}{cost}."
        case ev.ActionTaken(action=a) if a.role == role:
            return f"Action taken: {action_line(a, sc)}."
        case ev.SeatSubmitted(role=r, phase=phase) if r == role:
            return f"You have finished {PHASE_TITLES[phase].lower()}."
        case ev.SeatTaken(role=r, player=player) if player.isdigit():
            return f"{role_name(sc, r)} is now yours." if r == role else None
    return None


async def done_for_phase(bot: DutyBot, interaction: discord.Interaction, game_id: str,
                         phase: Phase, turn: int) -> str:
    """Done from a phase message's button: only for the phase that message belongs to.

    The check and the command are tied by `expected_seq`, so a click racing a phase change can
    never finish the next phase; if another seat moved meanwhile, look again and retry.
    """
    for attempt in range(STALE_RETRIES):
        state = await bot.games.state(game_id)
        if (state.live_phase, state.turn) != (phase, turn):
            raise Refusal("That phase is over; use the buttons on the latest game message.")
        role = state.seat_of(str(interaction.user.id))
        try:
            result = await submit(bot, interaction, game_id, Done(), expected_seq=state.seq,
                                  attempt=attempt)
        except GameError as error:
            if error.code is Code.STALE_STATE and attempt < STALE_RETRIES - 1:
                continue
            raise
        return outcome(result, role)
    raise GameError(Code.STALE_STATE)
