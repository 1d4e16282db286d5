"""Re-derive a game's log: run the commands it records through the engine again and require the
engine to produce exactly the logged events.

Folding a log trusts every event in it, and the digest recorded at its end only says that the
fold reaches the state whoever wrote the file folded too: a log whose dice, outcomes or scores
were edited, with the digest recomputed (or with an edit the state does not keep, such as the
dice of an attack), would pass. A log records events, not commands, but each command's first
event names it (a share order, a rating, a 'done', a pause...), and everything else (collection,
decoys, Red's dice, attacks, burns, blame, trust, scores) is what the engine derives from the
state and the seed. So: recover the command from that first event, decide it again on the state
so far, and compare what comes out with what the log says comes next.

The log does not record the time a command was sent; where it matters (deadlines, time left
after a pause) it is recovered from the times the logged events carry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from game.engine import GameError, GameState, replay, step
from game.engine import commands as c
from game.engine import events as ev
from game.engine.events import Event, event_to_dict

Move = tuple[c.Actor, c.Command]
_WHITE_CELL = c.Actor.white_cell()
_SECONDS = 1e-3  # two times that agree to a millisecond are the same time


def rederive(events: Sequence[Event]) -> list[str]:
    """An empty list if every event follows from the game's seed and the commands the log
    records; otherwise one message naming the first event that does not."""
    if not events or not isinstance(events[0], ev.GameCreated):
        return ["the log does not begin with the creation of a game"]
    state = replay(events[:1])
    n = 1
    while n < len(events):
        head = events[n]
        move = command_of(state, head)
        if move is None:
            return [f"event {n + 1} ({head.type}) follows from no command: the engine does not "
                    "derive it from what comes before it"]
        try:
            produced = _decide_at_logged_time(state, move, events[n:])
        except GameError as exc:
            return [f"event {n + 1} ({head.type}): the engine refuses the command it records "
                    f"({exc.code.value})"]
        problem = _first_difference(produced, events[n:], first=n + 1)
        if problem:
            return [problem]
        state = replay(events[n:n + len(produced)], state)
        n += len(produced)
    return []


def command_of(state: GameState, event: Event) -> Move | None:
    """The command whose first event is `event`, sent by whom; None for a derived event."""
    build = _COMMANDS.get(type(event))
    return None if build is None else build(state, event)


def _seat(state: GameState, role: str) -> c.Actor:
    seat = state.seats.get(role)
    return c.Actor.of(seat.player if seat and seat.player else f"?{role}")


def _seat_taken(state: GameState, e: ev.SeatTaken) -> Move:
    if e.controller.startswith("ai:"):
        return _WHITE_CELL, c.AssignComputer(role=e.role, policy=e.controller.removeprefix("ai:"))
    return c.Actor.of(e.player), c.JoinSeat(role=e.role)


def _forced(state: GameState, e: ev.PhaseForced) -> Move:
    if e.by == "clock":
        return c.Actor.clock(), c.Advance(phase=e.phase.value, turn=e.turn)
    return _WHITE_CELL, c.Advance()


def _injected(state: GameState, e: ev.ItemCreated) -> Move:
    item = e.item
    return _WHITE_CELL, c.InjectItem(
        recipient=item.originator, specificity=item.specificity, plot=item.plot,
        target=item.focus if item.plot is None else None, text=item.text)


def _acted(state: GameState, e: ev.ActionTaken) -> Move:
    a = e.action
    return _seat(state, a.role), c.Act(action=a.kind, target=a.target, text=a.text,
                                       rationale=a.rationale)


_COMMANDS: dict[type[Event], Callable[[GameState, Any], Move]] = {
    ev.SeatTaken: _seat_taken,
    ev.SeatLeft: lambda s, e: (_seat(s, e.role), c.LeaveSeat()),
    ev.GameStarted: lambda s, e: (_WHITE_CELL, c.StartGame()),
    ev.ShareOrdered: lambda s, e: (_seat(s, e.order.sender), c.Share(
        item=e.order.item, to=e.order.to, level=e.order.level, rationale=e.order.rationale)),
    ev.DutyLogged: lambda s, e: (_seat(s, e.entry.role), c.LogDuty(
        item=e.entry.item, decision=e.entry.decision, code=e.entry.code,
        rationale=e.entry.rationale)),
    ev.ItemRated: lambda s, e: (_seat(s, e.role), c.Rate(item=e.item, rating=e.rating,
                                                         rationale=e.rationale)),
    ev.ActionTaken: _acted,
    ev.SeatSubmitted: lambda s, e: (_seat(s, e.role), c.Done()),
    ev.ProposalAdjudicated: lambda s, e: (_WHITE_CELL, c.Adjudicate(
        action=e.action, strength=e.strength, plot=e.plot)),
    ev.PhaseForced: _forced,
    ev.Paused: lambda s, e: (_WHITE_CELL, c.Pause()),
    ev.Resumed: lambda s, e: (_WHITE_CELL, c.Resume()),
    ev.DeadlineExtended: lambda s, e: (_WHITE_CELL, c.ExtendDeadline(minutes=e.minutes)),
    ev.ItemCreated: _injected,
    ev.NewsPublished: lambda s, e: (_WHITE_CELL, c.InjectNews(text=e.text)),
    ev.GameEnded: lambda s, e: (_WHITE_CELL, c.EndGame(reason=e.reason)),
    ev.GameClosed: lambda s, e: (_WHITE_CELL, c.CloseGame()),
}


def _decide_at_logged_time(state: GameState, move: Move, logged: Sequence[Event]) -> list[Event]:
    """Decide the command at the time the log implies. Without a time the engine computes no
    deadline; with one, every time it computes moves one for one with it, so two trial runs
    (at 0 and at 1) find the first time the events carry and the log says what it was."""
    actor, command = move
    untimed = step(state, actor, command)[0]
    if _first_difference(untimed, logged, first=1) is None:
        return untimed
    at_0 = _flat(step(state, actor, _timed(command, 0.0))[0])
    at_1 = _flat(step(state, actor, _timed(command, 1.0))[0])
    wanted = _flat(logged[:len(at_0)])
    for (path, v0), (_, v1) in zip(at_0, at_1, strict=True):
        if v0 != v1 and isinstance(v0, float) and isinstance(v1, float):
            value = dict(wanted).get(path)
            if isinstance(value, int | float):
                return step(state, actor, _timed(command, (value - v0) / (v1 - v0)))[0]
            break
    return untimed


def _timed(command: c.Command, at: float) -> c.Command:
    return replace(command, at=at)


def _flat(events: Sequence[Event]) -> list[tuple[str, object]]:
    """Every leaf value of the events' JSON forms, by path ("3.deadline", "7.scores.a.total")."""
    out: list[tuple[str, object]] = []

    def walk(path: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{path}.{key}", inner)
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(f"{path}.{i}", inner)
        else:
            out.append((path, value))

    for i, event in enumerate(events):
        walk(str(i), event_to_dict(event))
    return out


def _first_difference(produced: Sequence[Event], logged: Sequence[Event], *, first: int
                      ) -> str | None:
    """None if the log goes on with exactly the produced events; else what differs first."""
    for i, event in enumerate(produced):
        where = f"event {first + i}"
        if i >= len(logged):
            return (f"{where}: the log ends, but the engine derives a {event.type} event from the "
                    "command before it")
        if type(logged[i]) is not type(event):
            return (f"{where}: the log has a {logged[i].type} event where the engine derives "
                    f"{event.type} from the seed and the commands before it")
        mine, theirs = event_to_dict(event), event_to_dict(logged[i])
        if not _same(mine, theirs):
            field = _differing_field(mine, theirs)
            return (f"{where} ({event.type}): the log says {field} is "
                    f"{_short(theirs.get(field))}, but the seed and the commands before it give "
                    f"{_short(mine.get(field))}")
    return None


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and abs(a - b) < _SECONDS
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _differing_field(mine: dict[str, Any], theirs: dict[str, Any]) -> str:
    return next((k for k in {**mine, **theirs}
                 if not _same(mine.get(k), theirs.get(k))), "the event")


def _short(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 120 else text[:117] + "..."
