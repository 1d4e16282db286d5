"""The facilitator's (White Cell's) commands: steer the game without breaking its rules."""

from __future__ import annotations

import re

from game.engine import commands as c
from game.engine import events as ev
from game.engine import flow, intel
from game.engine.errors import Code, GameError, clean_text
from game.engine.phases import advance, advance_if_all_submitted, end_game, start_game
from game.engine.tx import Tx
from game.engine.types import LIVE_PHASES, PUBLIC, ActionKind, Level, Phase, Via, only

_POLICY_NAME = re.compile(r"[a-z_]{1,30}")


def assign_computer(tx: Tx, cmd: c.AssignComputer) -> None:
    s = tx.state
    if cmd.role not in s.seats:
        raise GameError(Code.UNKNOWN_ROLE, f"there is no role '{cmd.role}'")
    if s.seats[cmd.role].controller == "human":
        raise GameError(Code.SEAT_TAKEN, f"a player holds {cmd.role}")
    if not _POLICY_NAME.fullmatch(cmd.policy):
        raise GameError(Code.INVALID_ARGUMENT, f"'{cmd.policy}' is not a policy name")
    # Which policy plays a seat is the facilitator's secret; seats see only "computer".
    tx.emit(ev.SeatTaken(role=cmd.role, player=f"ai:{cmd.role}", controller=f"ai:{cmd.policy}"))


def start(tx: Tx) -> None:
    if tx.state.phase is not Phase.LOBBY:
        raise GameError(Code.WRONG_PHASE, "the game has already started")
    if not any(seat.active for seat in tx.state.seats.values()):
        raise GameError(Code.NO_PLAYERS, "nobody has taken a seat yet")
    start_game(tx)


def pause(tx: Tx) -> None:
    s = tx.state
    flow.fire(s.phase, "pause")
    remaining = None if s.deadline is None or tx.at is None else max(0.0, s.deadline - tx.at)
    tx.emit(ev.Paused(resume_to=s.phase, remaining=remaining, visibility=PUBLIC))


def resume(tx: Tx) -> None:
    """Back to the phase the game left; if its last seat owing orders left meanwhile, it closes."""
    s = tx.state
    phase = flow.fire(s.phase, "resume", resume_to=s.resume_to)
    deadline = None if s.remaining is None or tx.at is None else tx.at + s.remaining
    tx.emit(ev.Resumed(phase=phase, deadline=deadline, visibility=PUBLIC))
    advance_if_all_submitted(tx)


def force_advance(tx: Tx, cmd: c.Advance, *, by_clock: bool) -> None:
    s = tx.state
    if by_clock and (cmd.phase != s.phase.value or cmd.turn != s.turn):
        raise GameError(Code.STALE_STATE, "that deadline belongs to a phase that is over")
    if by_clock and cmd.deadline is not None and s.deadline is not None and (
        cmd.deadline < s.deadline
    ):
        raise GameError(Code.STALE_STATE, "the deadline has been extended since")
    if s.phase is Phase.PAUSED:
        raise GameError(Code.GAME_PAUSED, "resume the game first")
    if s.phase not in LIVE_PHASES:
        raise GameError(Code.WRONG_PHASE, f"cannot advance during {s.phase.value}")
    waiting = tuple(r for r, seat in s.seats.items() if not seat.submitted)
    tx.emit(ev.PhaseForced(phase=s.phase, turn=s.turn, by="clock" if by_clock else "facilitator",
                           waiting=waiting, visibility=PUBLIC))
    advance(tx)


def extend(tx: Tx, cmd: c.ExtendDeadline) -> None:
    s = tx.state
    if not 1 <= cmd.minutes <= 240:
        raise GameError(Code.INVALID_ARGUMENT, "extend by 1 to 240 minutes")
    if s.live_phase not in LIVE_PHASES:
        raise GameError(Code.WRONG_PHASE, "there is no running phase to extend")
    extra = cmd.minutes * 60
    if s.phase is Phase.PAUSED:
        remaining = (s.remaining or 0.0) + extra
        tx.emit(ev.DeadlineExtended(minutes=cmd.minutes, deadline=None, remaining=remaining,
                                    visibility=PUBLIC))
        return
    base = s.deadline if s.deadline is not None else tx.at
    tx.emit(ev.DeadlineExtended(minutes=cmd.minutes, remaining=None,
                                deadline=None if base is None else base + extra,
                                visibility=PUBLIC))


def inject_item(tx: Tx, cmd: c.InjectItem) -> None:
    s = tx.state
    sc = s.scenario
    if s.live_phase not in LIVE_PHASES or s.turn < 1:
        raise GameError(Code.WRONG_PHASE, "inject items once the first turn has begun")
    if cmd.recipient not in s.seats:
        raise GameError(Code.UNKNOWN_ROLE, f"there is no role '{cmd.recipient}'")
    if not 0 <= cmd.specificity <= 4:
        raise GameError(Code.INVALID_ARGUMENT, "specificity runs from 0 to 4")
    plot = next((p for p in sc.plots if p.id == cmd.plot), None)
    if cmd.plot is not None and plot is None:
        raise GameError(Code.UNKNOWN_PLOT, f"there is no plot '{cmd.plot}'")
    live = s.plots[plot.id] if plot else None
    focus = live.target if live else (cmd.target or "")
    if focus not in {t.id for t in sc.targets}:
        raise GameError(Code.UNKNOWN_TARGET, "a decoy needs one of the scenario's targets")
    clean_text(cmd.text, "text", limit=1000)
    item = intel.from_facilitator(item_id=s.next_item, scenario=sc, recipient=cmd.recipient,
                                  turn=s.turn, specificity=cmd.specificity, plot=plot, live=live,
                                  focus=focus, text=cmd.text)
    tx.emit(ev.ItemCreated(item=item))
    tx.emit(ev.ItemDelivered(holder=cmd.recipient, item=item.id, level=Level.FULL, sender=None,
                             via=Via.FACILITATOR, turn=s.turn, visibility=only(cmd.recipient)))


def inject_news(tx: Tx, cmd: c.InjectNews) -> None:
    if tx.state.over:
        raise GameError(Code.GAME_OVER)
    text = clean_text(cmd.text, "news", limit=2000)
    if not text:
        raise GameError(Code.INVALID_ARGUMENT, "news needs 1 to 2000 characters")
    tx.emit(ev.NewsPublished(turn=tx.state.turn, text=text, visibility=PUBLIC))


def adjudicate(tx: Tx, cmd: c.Adjudicate) -> None:
    """GAME.md: very strong 83%, strong 67%, average 50%, weak 33%, very weak 17% (tunable)."""
    s = tx.state
    action = s.actions.get(cmd.action)
    if action is None or action.kind is not ActionKind.PROPOSE:
        raise GameError(Code.UNKNOWN_ACTION, f"there is no proposed action #{cmd.action}")
    if action.strength is not None:
        raise GameError(Code.ALREADY_ADJUDICATED, f"action #{cmd.action} is already adjudicated")
    if action.turn != s.turn or s.live_phase is not Phase.RESPONSE:
        raise GameError(Code.WRONG_PHASE, "adjudicate during the response phase it was proposed in")
    if cmd.plot is not None and cmd.plot not in s.plots:
        raise GameError(Code.UNKNOWN_PLOT, f"there is no plot '{cmd.plot}'")
    roll = tx.dice.stream("adjudicate", cmd.action).randint(1, 100)
    chance = getattr(s.scenario.tunables.adjudication_chances, cmd.strength.value)
    success = roll <= chance
    tx.emit(ev.ProposalAdjudicated(action=cmd.action, strength=cmd.strength, roll=roll,
                                   success=success, plot=cmd.plot))
    tx.emit(ev.ProposalAnswered(action=cmd.action, role=action.role, success=success,
                                visibility=only(action.role)))


def end(tx: Tx, cmd: c.EndGame) -> None:
    flow.fire(tx.state.phase, "end")
    end_game(tx, cmd.reason[:200] or "ended by the facilitator")


def close(tx: Tx) -> None:
    """Close a game in its debrief, or abandon one that never started."""
    flow.fire(tx.state.phase, "close")
    tx.emit(ev.GameClosed(visibility=PUBLIC))

