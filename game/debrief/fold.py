"""One pass over the log that every projection shares: each event with the states around it.

The debrief never reads a database or a file: it folds the events it is given with the engine's own
`evolve`, so what it reports is exactly what the engine made of the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from game.engine import Event, GameState, evolve
from game.engine.types import Phase, Visibility
from game.scenario.schema import Scenario


@dataclass(frozen=True, slots=True)
class Step:
    seq: int
    event: Event
    before: GameState | None
    after: GameState

    @property
    def turn(self) -> int:
        return self.after.turn

    @property
    def phase(self) -> Phase:
        """The phase the event happened in (looking through a pause); a phase's opening event
        belongs to the phase it opens."""
        return self.after.live_phase


@dataclass(frozen=True, slots=True)
class Walk:
    steps: tuple[Step, ...]

    @property
    def final(self) -> GameState:
        return self.steps[-1].after

    @property
    def scenario(self) -> Scenario:
        return self.final.scenario

    def of(self, *types: type[Event]) -> list[Step]:
        return [s for s in self.steps if isinstance(s.event, types)]


def as_events(events: Iterable[Any]) -> list[Event]:
    """Engine events from engine events or stored rows that carry one (`.event`)."""
    out: list[Event] = []
    for e in events:
        out.append(e if isinstance(e, Event) else e.event)
    return out


def walk(events: Sequence[Event]) -> Walk:
    if not events:
        raise ValueError("the event log is empty")
    steps: list[Step] = []
    state: GameState | None = None
    for n, event in enumerate(events, start=1):
        after = evolve(state, event)
        steps.append(Step(n, event, state, after))
        state = after
    return Walk(tuple(steps))


def visibility_label(v: Visibility) -> str:
    if v.public:
        return "public"
    return ";".join(v.seats) if v.seats else "facilitator"
