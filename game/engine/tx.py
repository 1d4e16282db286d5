"""A decision in progress: the events emitted so far and the state they fold to."""

from __future__ import annotations

from game.engine.events import Event
from game.engine.evolve import _HANDLERS, _WRITE_SEQ, Work
from game.engine.rng import Dice
from game.engine.state import GameState

_DICE: dict[int, Dice] = {}


def _dice(seed: int) -> Dice:
    """A game's Dice (immutable: it only names streams), shared by its decisions."""
    dice = _DICE.get(seed)
    if dice is None:
        if len(_DICE) >= 1024:
            _DICE.clear()
        dice = _DICE[seed] = Dice(seed)
    return dice


class Tx:
    """Rules read `tx.state` and call `tx.emit`; evolve is the only thing that changes state.

    Nothing escapes a Tx that raised: decide() returns its events only when it completes, so a
    refused command leaves no partial trace.
    """

    __slots__ = ("at", "dice", "events", "state", "work")

    def __init__(self, state: GameState, at: float | None) -> None:
        self.state = state
        self.at = at
        self.dice = _dice(state.seed)
        self.events: list[Event] = []
        self.work: Work | None = None

    def emit(self, event: Event) -> None:
        work = self.work
        if work is None:
            work = self.work = Work(self.state)  # the caller's state is never written to
        # evolve.apply's fold of one event, inlined: a game emits some six hundred
        _HANDLERS[type(event)](work, event)
        state = self.state = work.state
        _WRITE_SEQ(state, state.seq + 1)
        self.events.append(event)

    def deadline_in(self, minutes: float) -> float | None:
        return None if self.at is None else self.at + minutes * 60
