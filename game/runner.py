"""Drive computer seats: after any accepted command, the seats a policy plays move in turn.

Used by the service (a facilitator fills empty chairs with computer players), `wargame demo`,
`wargame play` and the balance simulation.
"""

from __future__ import annotations

import gc
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from game.ai import POLICIES, play
from game.engine import (
    Actor,
    AssignComputer,
    Command,
    Done,
    Event,
    GameError,
    GameState,
    StartGame,
    SubmitOrders,
    Viewer,
    create_game,
    replay,
    step,
    view_for,
)
from game.engine.decide import step_all
from game.engine.rng import Dice
from game.engine.types import SUBMIT_PHASES, Phase
from game.scenario.schema import Scenario

DECISION_PHASES = (Phase.SHARING, Phase.RESPONSE)


def computer_moves(state: GameState, at: float | None = None) -> Iterator[tuple[Actor, Command]]:
    """The next computer seat's orders for the current phase, one seat at a time."""
    if state.phase not in SUBMIT_PHASES:
        return
    for seat in state.seats.values():
        if seat.submitted or not seat.controller.startswith("ai:") or seat.player is None:
            continue
        if state.phase not in DECISION_PHASES:  # nothing to decide: just be ready
            yield Actor.of(seat.player), SubmitOrders(at=at)
            return
        policy = seat.controller.removeprefix("ai:")
        if policy not in POLICIES:
            policy = "cooperative"
        view = view_for(state, Viewer.seat(seat.role))
        # Seeded on first draw: most policies never draw, and seeding is what a stream costs.
        rng = Dice(state.seed).lazy_stream("ai", seat.role, state.turn, state.phase.value)
        orders = play(policy, view, rng)
        yield Actor.of(seat.player), SubmitOrders(
            shares=orders.shares, duties=orders.duties, ratings=orders.ratings,
            actions=orders.actions, at=at,
        )  # fmt: skip
        return


def run_computers(
    state: GameState, at: float | None = None, refused: Counter[str] | None = None
) -> tuple[GameState, list[Event]]:
    """Let computer seats move until none is waiting; a refused order falls back to 'done'.

    `refused`, if given, counts per role the orders the engine refused (what the balance
    simulation reports), so that a caller which only wants the final state can play a whole
    game through here rather than re-implementing the loop."""
    produced: list[Event] = []
    while True:
        ready = _ready_moves(state, at)
        if len(ready) > 1:
            try:
                events, state = step_all(state, ready)
                produced.extend(events)
                continue
            except GameError:
                pass  # one at a time below, with the usual fallback for a refused order
        move = next(computer_moves(state, at), None)
        if move is None:
            return state, produced
        actor, command = move
        events, after, was_refused = step_computer(state, actor, command, at)
        if was_refused and refused is not None:
            refused[state.seat_of(actor.player or "") or ""] += 1
        state = after
        produced.extend(events)


def _ready_moves(state: GameState, at: float | None) -> list[tuple[Actor, Command]]:
    """In a phase with nothing to decide, every waiting computer seat's 'ready', in the order
    `computer_moves` would give them one by one (each is the first seat still waiting once the
    ones before it have submitted). Empty in a decision phase."""
    if state.phase not in SUBMIT_PHASES or state.phase in DECISION_PHASES:
        return []
    return [(Actor.of(seat.player), SubmitOrders(at=at)) for seat in state.seats.values()
            if not seat.submitted and seat.controller.startswith("ai:") and seat.player is not None]


def step_computer(
    state: GameState, actor: Actor, orders: Command, at: float | None = None
) -> tuple[list[Event], GameState, bool]:
    """A computer seat's orders; a refused order must not idle the seat, so its actions are
    dropped, then everything but 'done'. The flag says whether anything was refused."""
    try:
        events, after = step(state, actor, orders)
        return events, after, False
    except GameError:
        pass
    if isinstance(orders, SubmitOrders) and orders.actions:
        try:
            events, after = step(state, actor, replace(orders, actions=()))
            return events, after, True
        except GameError:
            pass
    events, after = step(state, actor, Done(at=at))
    return events, after, True


def play_game(
    scenario: Scenario,
    seed: int,
    policies: dict[str, str] | None = None,
    *,
    default: str = "cooperative",
    game_id: str | None = None,
) -> tuple[GameState, list[Event]]:
    """A whole game with a computer policy in every seat; returns the final state and the log."""
    with collector_paused():
        events: list[Event] = create_game(game_id=game_id or uuid.uuid4().hex[:12],
                                          scenario=scenario, seed=seed)
        state = replay(events)
        white_cell = Actor.white_cell()
        for role in scenario.roles:
            policy = (policies or {}).get(role.id, default)
            new, state = step(state, white_cell, AssignComputer(role=role.id, policy=policy))
            events.extend(new)
        new, state = step(state, white_cell, StartGame())
        events.extend(new)
        state, more = run_computers(state)
        events.extend(more)
    return state, events


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a whole game is played in memory.

    A game allocates thousands of small records (events, seats, holdings, views) and almost no
    reference cycles, so the collector's passes over them find nothing and cost about a tenth of
    the game. Reference counting still frees everything; the collector is switched back on (if it
    was on) afterwards and catches any cycle then.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
