"""One computer-played game, as cheaply as the engine allows, reduced to one row of numbers.

`game.runner.play_game` returns the whole event log, which a balance run would throw away.
`play_quiet` makes the same moves (a test checks it reaches the same state digest as `play_game`)
and keeps only the final state, which `game_row` flattens into the numbers the report needs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from game.engine import (
    Actor,
    AssignComputer,
    GameState,
    Outcome,
    StartGame,
    create_game,
    replay,
    step,
)
from game.runner import collector_paused, run_computers
from game.scenario.schema import Scenario

SEAT_FIELDS = ("score", "pc", "casualties", "burned", "trust_in", "refused")
TOTAL_FIELDS = ("casualties", "foiled", "disrupted", "carried_out", "unresolved", "burned", "trust",
                "refused")


def game_seed(base: int, index: int) -> int:
    """The seed of game `index` of a run seeded `base`: independent of jobs and chunking.

    Every profile plays the same seeds (common random numbers), so two profiles are compared game
    by game and the engine's named dice streams cancel out everything a policy does not touch.
    """
    key = f"duty-to-warn/simulate|{base}|{index}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") >> 1


def play_quiet(scenario: Scenario, seed: int, policies: Mapping[str, str]
               ) -> tuple[GameState, Counter[str]]:
    """Play a whole game with the policy named for each seat; return the final state, and how
    many of each seat's orders the engine refused.

    The same moves as `game.runner.play_game` (the runner's own loop, with the cyclic collector
    paused), minus keeping the log, which a balance run would only throw away. A refused order
    falls back as the runner's does (its actions dropped, then 'done'): counting refusals tells
    whether a finding is about a policy or about its orders being thrown out.
    """
    state = replay(create_game(game_id="sim", scenario=scenario, seed=seed))
    white_cell = Actor.white_cell()
    for role in scenario.roles:
        _, state = step(state, white_cell, AssignComputer(role=role.id, policy=policies[role.id]))
    _, state = step(state, white_cell, StartGame())
    refused: Counter[str] = Counter()
    with collector_paused():
        state, _ = run_computers(state, refused=refused)
    return state, refused


@dataclass(frozen=True, slots=True)
class Columns:
    """The numbers kept from each game: per seat, then totals. One flat row of floats."""

    roles: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        seat = [f"{role}.{f}" for role in self.roles for f in SEAT_FIELDS]
        return seat + [f"total.{f}" for f in TOTAL_FIELDS]

    def index(self, name: str) -> int:
        return self.names.index(name)

    def seat(self, role: str, field: str) -> str:
        return f"{role}.{field}"

    def total(self, field: str) -> str:
        return f"total.{field}"


def game_row(state: GameState, refused: Mapping[str, int]) -> list[float]:
    """The row of `Columns(roles)` for a finished game: scores, PC, casualties, burns, trust,
    refused orders."""
    roles = state.roles
    scores = state.scores or {}
    row: list[float] = []
    for role in roles:
        seat = state.seats[role]
        others = [state.trust.get(o, {}).get(role, 0) for o in roles if o != role]
        row += [scores.get(role, {}).get("total", 0), seat.pc, state.casualties.get(role, 0),
                len(seat.ever_burned), sum(others) / len(others) if others else 0.0,
                refused.get(role, 0)]
    outcomes = [p.outcome for p in state.plots.values()]
    pairs = [state.trust.get(a, {}).get(b, 0) for a in roles for b in roles if a != b]
    row += [
        sum(state.casualties.values()),
        outcomes.count(Outcome.FOILED),
        outcomes.count(Outcome.DISRUPTED),
        outcomes.count(Outcome.CARRIED_OUT),
        outcomes.count(None),
        sum(len(s.ever_burned) for s in state.seats.values()),
        sum(pairs) / len(pairs) if pairs else 0.0,
        sum(refused.get(role, 0) for role in roles),
    ]
    return row
