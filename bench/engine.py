"""Whole games in memory: the engine and the computer players, no database, one core.

Every seat of the 5-role historical scenario is played by the cooperative policy (the default of
`game.runner.play_game`, and the one that shares the most: the longest logs), seeds 0, 1, 2, ...
The figure is games per second of this process's CPU time (`time.process_time`), which other
work on the machine disturbs far less than wall time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from game.runner import play_game
from game.scenario import load_scenario

SCENARIO = "crocus-2024"


@dataclass(frozen=True)
class EngineFigures:
    games: int
    cpu_s: float
    wall_s: float
    events: int

    @property
    def games_per_s(self) -> float:
        return self.games / self.cpu_s

    @property
    def events_per_game(self) -> float:
        return self.events / self.games


def measure(games: int, scenario_name: str = SCENARIO) -> EngineFigures:
    scenario = load_scenario(scenario_name)
    play_game(scenario, -1, game_id="warm-up")  # imports, the phase machine, first-use caches
    events = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for seed in range(games):
        _, log = play_game(scenario, seed, game_id=f"bench-{seed}")
        events += len(log)
    return EngineFigures(games=games, cpu_s=time.process_time() - started_cpu,
                         wall_s=time.perf_counter() - started, events=events)
