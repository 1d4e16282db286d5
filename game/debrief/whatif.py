"""Counterfactuals: fork a game at a logged event, change one decision, replay the rest.

    result = fork(events, at=SEQ, role="aurelia", command=Share(item=3, to="borovia", level=FULL))

The fork keeps every event before the command that produced event SEQ, then the new decision (it
replaces the seat's decision with the same subject in that phase, or is added), then the rest of
the script (`script.reconstruct`) with the same seed. The engine's dice come from named streams
per decision, so every roll the change does not touch comes out the same.

Who decides after the fork:
- humans' recorded decisions are re-issued in order; one the engine now refuses is skipped (and
  listed), and item or action numbers are mapped onto the fork's (an item that no longer exists
  drops the decisions about it);
- computer seats play their policy again from what they now see (`computers="react"`, the
  default): a computer's decision *is* its policy applied to its view, so it reacts to the change;
  with `computers="replay"` their recorded orders are re-issued like a human's;
- the seat that made the changed decision keeps the rest of its recorded orders for that phase;
- a seat left waiting (its recorded decisions no longer apply) is played by `stand_in`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from game.ai import POLICIES, play
from game.debrief.script import PHASE_ORDER, Move, describe_command, reconstruct
from game.engine import (
    Act,
    Actor,
    Adjudicate,
    Advance,
    CloseGame,
    Command,
    Event,
    GameError,
    GameState,
    LogDuty,
    Rate,
    Resume,
    Share,
    SubmitOrders,
    Viewer,
    replay,
    step,
    view_for,
)
from game.engine import events as ev
from game.engine.rng import Dice
from game.engine.types import SUBMIT_PHASES, Phase
from game.runner import computer_moves

MAX_STEPS = 20_000


class WhatIfError(Exception):
    """The counterfactual cannot be run as asked; the message says why and what to try."""


@dataclass(frozen=True, slots=True)
class Skipped:
    seq: int
    role: str | None
    command: str
    reason: str


@dataclass
class Fork:
    """A counterfactual game in progress, and what happened to the original decisions."""

    state: GameState
    events: list[Event]
    role: str
    when: tuple[int, int]
    key: tuple[Any, ...]
    computers: str
    stand_in: str
    skipped: list[Skipped] = field(default_factory=list)
    stand_ins: list[str] = field(default_factory=list)
    items: dict[int, int] = field(default_factory=dict)
    actions: dict[int, int] = field(default_factory=dict)
    orig_items: dict[tuple[Any, ...], int] = field(default_factory=dict)
    orig_actions: dict[tuple[Any, ...], int] = field(default_factory=dict)
    items_seen: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    actions_seen: Counter[tuple[Any, ...]] = field(default_factory=Counter)

    clock: float | None = None  # the caller's clock of the last command: computers reply with it

    def apply(self, actor: Actor, command: Command) -> None:
        if command.at is None and self.clock is not None:
            command = replace(command, at=self.clock)
        events, self.state = step(self.state, actor, command)
        self.clock = command.at
        self.events.extend(events)
        self._map(events)

    def _map(self, events: list[Event]) -> None:
        """Learn which fork item/action is which original one, by what it is (not its number)."""
        for e in events:
            if isinstance(e, ev.ItemCreated):
                sig = _occurrence(self.items_seen, _item_sig(e))
                if sig in self.orig_items:
                    self.items[self.orig_items[sig]] = e.item.id
            elif isinstance(e, ev.ActionTaken):
                sig = _occurrence(self.actions_seen, _action_sig(e))
                if sig in self.orig_actions:
                    self.actions[self.orig_actions[sig]] = e.action.id


def _item_sig(e: ev.ItemCreated) -> tuple[Any, ...]:
    i = e.item
    return ("item", i.originator, i.turn, i.via.value, i.plot or "decoy", i.region)


def _action_sig(e: ev.ActionTaken) -> tuple[Any, ...]:
    a = e.action
    return ("action", a.role, a.turn, a.kind.value, a.target.casefold(), a.text)


def _occurrence(seen: Counter[tuple[Any, ...]], sig: tuple[Any, ...]) -> tuple[Any, ...]:
    seen[sig] += 1
    return (*sig, seen[sig])


def _signatures(events: Sequence[Event]) -> tuple[dict[tuple[Any, ...], int], dict[tuple[Any, ...], int]]:
    items: dict[tuple[Any, ...], int] = {}
    actions: dict[tuple[Any, ...], int] = {}
    seen: Counter[tuple[Any, ...]] = Counter()
    for e in events:
        if isinstance(e, ev.ItemCreated):
            items[_occurrence(seen, _item_sig(e))] = e.item.id
        elif isinstance(e, ev.ActionTaken):
            actions[_occurrence(seen, _action_sig(e))] = e.action.id
    return items, actions


def subject(command: Command) -> tuple[Any, ...]:
    """What a decision is about: a later decision on the same subject replaces it."""
    match command:
        case Share(item=item, to=to):
            return ("share", item, to)
        case LogDuty(item=item):
            return ("duty", item)
        case Rate(item=item):
            return ("rate", item)
        case Act(action=kind, target=target, text=text):
            return ("act", kind.value, target.casefold(), text)
    return (type(command).__name__,)


def fork(events: Sequence[Event], *, at: int, role: str, command: Command,
         computers: str = "react", stand_in: str = "cooperative") -> Fork:
    """Run the counterfactual to the end of the game (see the module docstring)."""
    if computers not in ("react", "replay"):
        raise WhatIfError("computers must be 'react' or 'replay'")
    if stand_in not in POLICIES:
        raise WhatIfError(f"stand-in policy must be one of {', '.join(POLICIES)}")
    moves = reconstruct(events)
    k = next((n for n, m in enumerate(moves) if m.end >= at), None)
    if k is None:
        raise WhatIfError(f"the log has {len(events)} events: there is no event {at} to fork at")
    start = moves[k].seq
    state = replay(events[: start - 1])
    if role not in state.seats or state.seats[role].player is None:
        raise WhatIfError(f"no player holds the seat '{role}' at event {start}")
    orig_items, orig_actions = _signatures(events)
    f = Fork(state=state, events=list(events[: start - 1]), role=role,
             when=(state.turn, PHASE_ORDER[state.live_phase]), key=subject(command),
             computers=computers, stand_in=stand_in, orig_items=orig_items,
             orig_actions=orig_actions)
    f.clock = next((m.command.at for m in reversed(moves[: k + 1]) if m.command.at is not None), None)
    _prime(f, events[: start - 1])
    _decide(f, command, start)
    _computers(f)
    for move in moves[k:]:
        _replay_move(f, move)
    _finish(f)
    return f


def _prime(f: Fork, prefix: Sequence[Event]) -> None:
    """Items and actions before the fork are the same objects in both games."""
    f._map(list(prefix))


def _decide(f: Fork, command: Command, seq: int) -> None:
    actor = Actor.of(f.state.seats[f.role].player or "")
    try:
        f.apply(actor, command)
    except GameError as exc:
        phase = f.state.live_phase.value
        raise WhatIfError(
            f"the engine refuses '{describe_command(command)}' for {f.role} before event {seq} "
            f"(turn {f.state.turn}, {phase}): {exc}. Fork at an event of the phase that move "
            f"belongs to, before {f.role} finished it (see timeline.csv for event numbers)."
        ) from None


def _held(f: Fork) -> bool:
    """The changed seat finishes the rest of its recorded orders for the fork phase first."""
    s = f.state
    return (s.turn, PHASE_ORDER[s.live_phase]) == f.when and not s.seats[f.role].submitted


def _replay_move(f: Fork, move: Move) -> None:
    if f.state.over and not isinstance(move.command, CloseGame):
        return
    same_phase = move.when == f.when
    if same_phase and move.role == f.role and subject(move.command) == f.key:
        return  # the decision the counterfactual replaced
    reacting = f.computers == "react" and move.computer
    if reacting and not (same_phase and move.role == f.role):
        return  # computer seats decide again from what they now see
    _catch_up(f, move.when)
    now = (f.state.turn, PHASE_ORDER[f.state.live_phase])
    if now > move.when and not isinstance(move.command, CloseGame):
        f.skipped.append(Skipped(move.seq, move.role, describe_command(move.command),
                                 "its phase is already over in the fork"))
        return
    command = _translate(f, move)
    if command is None:
        return
    try:
        f.apply(move.actor, command)
    except GameError as exc:
        f.skipped.append(Skipped(move.seq, move.role, describe_command(move.command), str(exc)))
        return
    _computers(f)


def _translate(f: Fork, move: Move) -> Command | None:
    """The command with the original's item and action numbers mapped onto the fork's."""
    c = move.command
    item = getattr(c, "item", None)
    if isinstance(c, Share | LogDuty | Rate) and item is not None:
        if item not in f.items:
            f.skipped.append(Skipped(move.seq, move.role, describe_command(c),
                                     f"item {item} does not exist in the fork"))
            return None
        return replace(c, item=f.items[item])
    if isinstance(c, Adjudicate):
        if c.action not in f.actions:
            f.skipped.append(Skipped(move.seq, None, f"adjudicate #{c.action}",
                                     f"proposal {c.action} does not exist in the fork"))
            return None
        return replace(c, action=f.actions[c.action])
    return c


def _computers(f: Fork) -> None:
    """Computer seats move as the runner moves them, unless the changed seat is still owing."""
    if f.computers != "react":
        return
    while not _held(f):
        move = next(computer_moves(f.state, f.clock), None)
        if move is None:
            return
        actor, command = move
        try:
            f.apply(actor, command)
        except GameError:
            f.apply(actor, SubmitOrders())


def _catch_up(f: Fork, when: tuple[int, int]) -> None:
    """Bring the fork to the phase a recorded move was made in: stand-ins move for the seats
    still owing orders, and the facilitator closes a phase nobody can finish."""
    for _ in range(MAX_STEPS):
        s = f.state
        if s.over or (s.turn, PHASE_ORDER[s.live_phase]) >= when or s.phase is Phase.PAUSED:
            return
        if not _stand_in(f):
            f.apply(Actor.white_cell(), Advance())
            _computers(f)


def _stand_in(f: Fork) -> bool:
    """One waiting seat plays its phase with the stand-in policy; False if none is waiting."""
    s = f.state
    if s.phase not in SUBMIT_PHASES or _held(f):
        return False
    for seat in s.seats.values():
        if seat.submitted or seat.player is None:
            continue
        policy = seat.controller.removeprefix("ai:") if seat.controller.startswith("ai:") else ""
        policy = policy if policy in POLICIES else f.stand_in
        rng = Dice(s.seed).stream("ai", seat.role, s.turn, s.phase.value)
        orders = play(policy, view_for(s, Viewer.seat(seat.role)), rng)
        f.stand_ins.append(f"{seat.role}: turn {s.turn} {s.phase.value} ({policy})")
        try:
            f.apply(Actor.of(seat.player), orders)
        except GameError:
            f.apply(Actor.of(seat.player), SubmitOrders())
        _computers(f)
        return True
    return False


def _finish(f: Fork) -> None:
    for _ in range(MAX_STEPS):
        if f.state.over:
            return
        if f.state.phase is Phase.PAUSED:
            f.apply(Actor.white_cell(), Resume())
        _computers(f)
        if f.state.over:
            return
        if not _stand_in(f):
            f.apply(Actor.white_cell(), Advance())
    raise WhatIfError("the fork did not reach the end of the game")
