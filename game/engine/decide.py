"""decide(state, actor, command) -> events: the engine's only entry point for change.

Checks run in a fixed order, so that the same bad command always gets the same code: the game is
over; the actor may not send this command; the game is paused; the phase is wrong; the seat has
already submitted; then the command's own arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from game.engine import commands as c
from game.engine import events as ev
from game.engine import moves, white_cell
from game.engine.errors import Code, GameError
from game.engine.phases import advance_if_all_submitted
from game.engine.state import GameState
from game.engine.tx import Tx
from game.engine.types import PUBLIC, Phase
from game.scenario.schema import Scenario

SeatMove = Callable[[Tx, str, Any], None]
_SEAT_MOVES: dict[type[c.Command], SeatMove] = {
    c.Share: moves.share,
    c.LogDuty: moves.log_duty,
    c.Rate: moves.rate,
    c.Act: moves.act,
    c.Done: lambda tx, role, cmd: moves.done(tx, role, cmd),
    c.SubmitOrders: moves.orders,
}
_WHITE_CELL: dict[type[c.Command], Callable[[Tx, Any], None]] = {
    c.AssignComputer: white_cell.assign_computer,
    c.StartGame: lambda tx, cmd: white_cell.start(tx),
    c.Pause: lambda tx, cmd: white_cell.pause(tx),
    c.Resume: lambda tx, cmd: white_cell.resume(tx),
    c.Advance: lambda tx, cmd: white_cell.force_advance(tx, cmd, by_clock=False),
    c.ExtendDeadline: white_cell.extend,
    c.InjectItem: white_cell.inject_item,
    c.InjectNews: white_cell.inject_news,
    c.Adjudicate: white_cell.adjudicate,
    c.EndGame: white_cell.end,
    c.CloseGame: lambda tx, cmd: white_cell.close(tx),
}


def create_game(
    *, game_id: str, scenario: Scenario, seed: int, facilitator: str | None = None
) -> list[ev.Event]:
    return [ev.GameCreated(game_id=game_id, seed=seed, scenario=scenario, facilitator=facilitator)]


def decide(state: GameState, actor: c.Actor, command: c.Command) -> list[ev.Event]:
    """The events `command` causes, or GameError. Never changes `state`."""
    return step(state, actor, command)[0]


def step(state: GameState, actor: c.Actor, command: c.Command) -> tuple[list[ev.Event], GameState]:
    """decide, and the state those events fold to (computed while deciding, so callers that
    want both need not fold the events a second time)."""
    tx = Tx(state, command.at)
    _run(tx, actor, command)
    return tx.events, tx.state


def step_all(
    state: GameState, moves: Sequence[tuple[c.Actor, c.Command]]
) -> tuple[list[ev.Event], GameState]:
    """Several commands in turn as one decision: each is checked against the state the ones
    before it left, and the events are exactly those of stepping them one at a time, folded into
    one working copy instead of one per command (computer seats that only say 'ready' move by
    the handful). If any is refused: GameError, and nothing of the batch is kept."""
    if not moves:
        return [], state
    tx = Tx(state, moves[0][1].at)
    for actor, command in moves:
        tx.at = command.at
        _run(tx, actor, command)
    return tx.events, tx.state


def _run(tx: Tx, actor: c.Actor, command: c.Command) -> None:
    state = tx.state
    if state.over and not isinstance(command, c.CloseGame):
        raise GameError(Code.GAME_OVER, "the game is over; the debrief is available")
    if isinstance(command, c.Advance) and actor.system:
        white_cell.force_advance(tx, command, by_clock=True)
    elif command.facilitator_only:
        if not actor.facilitator:
            raise GameError(Code.NOT_FACILITATOR, "only the facilitator can do that")
        _WHITE_CELL[type(command)](tx, command)
    elif isinstance(command, c.JoinSeat):
        _join(tx, actor, command)
    else:
        role = state.seat_of(actor.player) if actor.player else None
        if role is None:
            raise GameError(Code.NOT_YOUR_SEAT, "you do not hold a seat in this game")
        if isinstance(command, c.LeaveSeat):
            _leave(tx, role)
        else:
            _SEAT_MOVES[type(command)](tx, role, command)


def _join(tx: Tx, actor: c.Actor, cmd: c.JoinSeat) -> None:
    s = tx.state
    if not actor.player:
        raise GameError(Code.NOT_YOUR_SEAT, "only a player can take a seat")
    if cmd.role not in s.seats:
        raise GameError(Code.UNKNOWN_ROLE, f"there is no role '{cmd.role}'")
    if s.seat_of(actor.player) is not None:
        raise GameError(Code.ALREADY_SEATED, f"you already hold {s.seat_of(actor.player)}")
    if s.seats[cmd.role].controller == "human":
        raise GameError(Code.SEAT_TAKEN, f"someone else holds {cmd.role}")
    tx.emit(ev.SeatTaken(role=cmd.role, player=actor.player, visibility=PUBLIC))


def _leave(tx: Tx, role: str) -> None:
    """A seat left mid-game becomes vacant: it withholds and spends nothing from now on."""
    tx.emit(ev.SeatLeft(role=role, visibility=PUBLIC))
    if tx.state.phase not in (Phase.LOBBY, Phase.PAUSED):
        advance_if_all_submitted(tx)
