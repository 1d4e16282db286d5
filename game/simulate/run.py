"""What a `wargame simulate` run plays, and the pieces its results split back into.

A run is one batch: the profiles (N games each) and, for the sensitivity table, the baseline
profile on every nudged variant of the scenario (K games each). One pool plays it all.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.scenario.schema import Scenario
from game.simulate.analysis import Results
from game.simulate.play import game_seed
from game.simulate.pool import Batch, Play, play_chunk
from game.simulate.profiles import Profile, Sweep
from game.simulate.sensitivity import Nudge, variants

Sensitivity = tuple[np.ndarray, dict[str, tuple[Nudge, np.ndarray]]]


@dataclass(frozen=True, slots=True)
class Plan:
    """The profiles to play N games each, and K games per tunable nudge (0: no sensitivity)."""

    scenario: Scenario
    seed: int
    games: int
    baseline: Profile
    sweep: Sweep | None
    sensitivity_games: int = 0

    @property
    def profiles(self) -> tuple[Profile, ...]:
        return self.sweep.profiles if self.sweep is not None else (self.baseline,)

    def batch(self) -> Batch:
        scenarios: dict[str, Scenario] = {"": self.scenario}
        plays = [Play("", p, self.games) for p in self.profiles]
        if self.sensitivity_games > 0:
            plays.append(Play("", self.baseline, self.sensitivity_games))
            for key, (_, variant) in variants(self.scenario).items():
                scenarios[key] = variant
                plays.append(Play(key, self.baseline, self.sensitivity_games))
        return Batch(scenarios, tuple(plays), self.seed)

    def split(self, arrays: Sequence[np.ndarray]) -> tuple[Results, Sensitivity | None]:
        """The batch's arrays, in play order, back into Results and the sensitivity runs."""
        batch = self.batch()
        n = len(self.profiles)
        seats = self.sweep.seats if self.sweep is not None else ()
        policies = self.sweep.policies if self.sweep is not None else ()
        results = Results(batch.columns, self.profiles, seats, policies,
                          np.array([game_seed(self.seed, g) for g in range(self.games)],
                                   dtype=np.int64),
                          np.stack(arrays[:n]))
        if self.sensitivity_games <= 0:
            return results, None
        nudges = variants(self.scenario)
        runs = {play.variant: (nudges[play.variant][0], arrays[n + 1 + i])
                for i, play in enumerate(batch.plays[n + 1:])}
        return results, (arrays[n], runs)


def profile_engine(scenario: Scenario, policies: Mapping[str, str], games: int, seed: int,
                   top: int = 25) -> str:
    """cProfile of `games` games in this process: the top entries by internal time, paths
    shortened to the repository, so the engine's owner can see where a game's time goes."""
    batch = Batch({"": scenario}, (Play("", Profile.of(scenario, policies), games),), seed)
    profiler = cProfile.Profile()
    profiler.enable()
    play_chunk(batch, (0, 0, games))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    text = re.sub(r"\S*/(game|lib/python3\.\d+)/", r"\1/", out.getvalue())
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"
