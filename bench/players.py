"""A scripted human for the benchmarks: one command per Discord interaction.

On Discord a player sends one slash command per order (`/intel share`, `/intel rate`, `/act`,
`/done`), so a benchmark "move" is one such command. `HumanScript` turns what the cooperative
computer policy would order for the seat into that sequence, one command at a time, and starts
again when the phase changes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from game.ai import play
from game.engine import Command, Done, GameState, Viewer, view_for
from game.engine.types import SUBMIT_PHASES


@dataclass
class HumanScript:
    """The commands one human seat still means to send in the current phase."""

    role: str
    policy: str = "cooperative"
    _phase: tuple[int, str] | None = None
    _queue: list[Command] = field(default_factory=list)

    def next(self, state: GameState) -> Command | None:
        """The seat's next command in `state`, or None if it has nothing to do (or the game is over)."""
        if state.over or state.phase not in SUBMIT_PHASES:
            return None
        seat = state.seats[self.role]
        if seat.submitted:
            return None
        here = (state.turn, state.phase.value)
        if here != self._phase or not self._queue:
            self._phase = here
            self._queue = orders_for(state, self.role, self.policy)
        return self._queue.pop(0)


def orders_for(state: GameState, role: str, policy: str = "cooperative") -> list[Command]:
    """The policy's orders for `role`'s current phase as single commands, ending with Done."""
    view = view_for(state, Viewer.seat(role))
    orders = play(policy, view, random.Random(state.seq))
    return [*orders.shares, *orders.duties, *orders.ratings, *orders.actions, Done()]
