"""Balance sanity: each policy in every seat over many seeded games of a scenario.

    python -m bench.policy_sanity [--games 1000] [--scenario tutorial]

Prints, per policy, the mean casualties and the mean score of each seat. A quick look before the
full balance simulation (`wargame simulate`): if one policy wins everywhere, the scenario is no
dilemma.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from game.ai import POLICIES
from game.runner import play_game
from game.scenario import load_scenario
from game.scenario.schema import Scenario


@dataclass(frozen=True)
class Means:
    """One policy in every seat, over seeds 0..games-1."""

    policy: str
    casualties: float
    scores: dict[str, float]


def policy_means(scenario: Scenario, policy: str, games: int) -> Means:
    casualties: list[int] = []
    scores: dict[str, list[int]] = {r.id: [] for r in scenario.roles}
    for seed in range(games):
        state, _ = play_game(scenario, seed, default=policy, game_id="sanity")
        casualties.append(sum(state.casualties.values()))
        for role, marks in scores.items():
            marks.append((state.scores or {})[role]["total"])
    return Means(policy, statistics.mean(casualties),
                 {role: statistics.mean(marks) for role, marks in scores.items()})


def table(scenario: Scenario, rows: list[Means], games: int) -> Table:
    out = Table(title=f"{scenario.meta.title}: {games} games per policy (seeds 0..{games - 1})")
    out.add_column("policy in every seat")
    out.add_column("mean casualties", justify="right")
    for role in scenario.roles:
        out.add_column(f"{role.id} score", justify="right")
    for row in rows:
        out.add_row(row.policy, f"{row.casualties:.2f}",
                    *(f"{row.scores[r.id]:.2f}" for r in scenario.roles))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--scenario", default="tutorial")
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario)
    started = time.perf_counter()
    rows = [policy_means(scenario, policy, args.games) for policy in POLICIES]
    console = Console(width=120)
    console.print(table(scenario, rows, args.games))
    elapsed = time.perf_counter() - started
    console.print(f"{args.games * len(POLICIES)} games in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
