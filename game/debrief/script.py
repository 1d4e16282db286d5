"""The commands behind a log: the decision script a counterfactual replays.

The log holds events, not commands. Each event that begins a command's batch says which command it
was: ShareOrdered -> Share, DutyLogged -> LogDuty, ItemRated -> Rate, ActionTaken -> Act,
SeatSubmitted -> Done, facilitator events -> facilitator commands, and anything else found at a
batch boundary (a phase opening while seats still owed orders) -> a facilitator Advance. A computer
seat's SubmitOrders comes back as its single orders then Done, which the engine turns into the
same events.

`reconstruct` proves its reading: it re-issues every command to the engine and checks that each
produces exactly the logged events, so batch boundaries are the engine's own. The caller's clock
(`at`) is not logged either; where a batch carries a deadline it is worked out from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from game.engine import (
    Act,
    Actor,
    Adjudicate,
    Advance,
    AssignComputer,
    CloseGame,
    Command,
    Done,
    EndGame,
    Event,
    ExtendDeadline,
    GameError,
    GameState,
    InjectItem,
    InjectNews,
    JoinSeat,
    LeaveSeat,
    LogDuty,
    Pause,
    Rate,
    Resume,
    Share,
    StartGame,
    replay,
    step,
)
from game.engine import events as ev
from game.engine.types import Phase, Via

PHASE_ORDER = {p: n for n, p in enumerate(Phase)}


class ScriptError(Exception):
    """The log cannot be read back into commands (another engine version, or a damaged log)."""


@dataclass(frozen=True, slots=True)
class Move:
    """One command of the script: who sent it, when, and which logged events it produced."""

    seq: int  # the first event it produced (1-based, as in events.jsonl)
    end: int  # the last one
    actor: Actor
    command: Command
    role: str | None  # the seat that decided; None for the facilitator or the clock
    turn: int
    phase: Phase  # the live phase it was sent in
    computer: bool = False

    @property
    def when(self) -> tuple[int, int]:
        return (self.turn, PHASE_ORDER[self.phase])


def command_for(e: Event, s: GameState) -> tuple[Actor, Command, str | None]:
    """The command whose batch starts with event `e`, sent to state `s`."""
    wc = Actor.white_cell(s.facilitator)
    match e:
        case ev.SeatTaken(role=role, player=player, controller=controller):
            if controller.startswith("ai:"):
                return wc, AssignComputer(role=role, policy=controller.removeprefix("ai:")), None
            return Actor.of(player), JoinSeat(role=role), role
        case ev.SeatLeft(role=role):
            return _seat(s, role), LeaveSeat(), role
        case ev.GameStarted():
            return wc, StartGame(), None
        case ev.ShareOrdered(order=o):
            return _seat(s, o.sender), Share(item=o.item, to=o.to, level=o.level,
                                             rationale=o.rationale), o.sender
        case ev.DutyLogged(entry=d):
            return _seat(s, d.role), LogDuty(item=d.item, decision=d.decision, code=d.code,
                                             rationale=d.rationale), d.role
        case ev.ItemRated(role=role, item=item, rating=rating, rationale=why):
            return _seat(s, role), Rate(item=item, rating=rating, rationale=why), role
        case ev.ActionTaken(action=a):
            return _seat(s, a.role), Act(action=a.kind, target=a.target, text=a.text,
                                         rationale=a.rationale), a.role
        case ev.PhaseForced(phase=phase, turn=turn, by="clock"):
            return Actor.clock(), Advance(phase=phase.value, turn=turn), None
        case ev.SeatSubmitted(role=role):
            return _seat(s, role), Done(), role
    return wc, _white_cell(e), None


def _white_cell(e: Event) -> Command:
    match e:
        case ev.ItemCreated(item=item) if item.via is Via.FACILITATOR:
            return InjectItem(recipient=item.originator, specificity=item.specificity,
                              plot=item.plot, target=item.focus if item.plot is None else None,
                              text=item.text)
        case ev.NewsPublished(text=text):
            return InjectNews(text=text)
        case ev.ProposalAdjudicated(action=action, strength=strength, plot=plot):
            return Adjudicate(action=action, strength=strength, plot=plot)
        case ev.Paused():
            return Pause()
        case ev.Resumed():
            return Resume()
        case ev.DeadlineExtended(minutes=minutes):
            return ExtendDeadline(minutes=minutes)
        case ev.GameEnded(reason=reason):
            return EndGame(reason=reason)
        case ev.GameClosed():
            return CloseGame()
    return Advance()


def _seat(s: GameState, role: str) -> Actor:
    player = s.seats[role].player
    return Actor.of(player or f"vacant:{role}")


def clock_from(s: GameState, batch: Sequence[Event], command: Command) -> float | None:
    """The caller's clock that made `batch` carry the deadlines it does (None if none shows)."""
    for e in batch:
        if isinstance(e, ev.PhaseStarted) and e.deadline is not None:
            minutes = getattr(s.scenario.deadlines, e.phase.value, None)
            if minutes:
                return float(e.deadline - minutes * 60)
        if isinstance(e, ev.Paused) and e.remaining is not None and s.deadline is not None:
            return s.deadline - e.remaining
        if isinstance(e, ev.Resumed) and e.deadline is not None and s.remaining is not None:
            return e.deadline - s.remaining
        if isinstance(e, ev.DeadlineExtended) and e.deadline is not None and s.deadline is None:
            assert isinstance(command, ExtendDeadline)
            return e.deadline - command.minutes * 60
    return None


def run(s: GameState, actor: Actor, command: Command,
        expected: Sequence[Event]) -> tuple[list[Event], GameState, Command]:
    """Issue `command`; if its batch differs from `expected` only by the clock, retry with the
    clock the logged deadlines imply. Returns the events, the state and the command as sent."""
    events, after = step(s, actor, command)
    if list(expected[: len(events)]) == events:
        return events, after, command
    at = clock_from(s, expected[: len(events)], command)
    if at is not None:
        timed = replace(command, at=at)
        events, after = step(s, actor, timed)
        return events, after, timed
    return events, after, command


def reconstruct(events: Sequence[Event]) -> list[Move]:
    """The script of `events`, checked against the engine (ScriptError if it does not match)."""
    if not events or not isinstance(events[0], ev.GameCreated):
        raise ScriptError("a game's log starts with game_created")
    state = replay(events[:1])
    moves: list[Move] = []
    pos = 1
    while pos < len(events):
        actor, command, role = command_for(events[pos], state)
        try:
            produced, after, sent = run(state, actor, command, events[pos:])
        except GameError as exc:
            raise ScriptError(f"event {pos + 1} ({events[pos].type}): the engine refuses the "
                              f"command it implies ({exc}); was the log written by another "
                              "version of the rules?") from None
        if events[pos: pos + len(produced)] != produced:
            raise ScriptError(f"event {pos + 1} ({events[pos].type}): re-issuing "
                              f"{type(command).__name__} does not give the logged events")
        computer = role is not None and state.seats[role].controller.startswith("ai:")
        moves.append(Move(seq=pos + 1, end=pos + len(produced), actor=actor, command=sent,
                          role=role, turn=state.turn, phase=state.live_phase, computer=computer))
        state = after
        pos += len(produced)
    return moves


def describe_command(command: Command) -> str:
    """A command in the words of `game.textcmd` (what `wargame whatif --command` accepts)."""
    match command:
        case Share(item=item, to=to, level=level, rationale=why):
            return f"share {item} to {to} {level.label}" + (f" {why}" if why else "")
        case LogDuty(item=item, decision=decision, code=code, rationale=why):
            parts = [decision.value, str(item)] + ([code.value] if code else []) + ([why] if why else [])
            return " ".join(parts)
        case Rate(item=item, rating=rating):
            return f"rate {item} {rating.value}"
        case Act(action=kind, target=target, text=text):
            return f"{kind.value} {text if kind.value == 'propose' else target}".strip()
        case Done():
            return "done"
    return type(command).__name__.lower()
