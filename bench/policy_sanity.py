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

from rich.console import Console
from rich.table import Table

from game.ai import POLICIES
from game.runner import play_game
from game.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--scenario", default="tutorial")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    roles = [r.id for r in scenario.roles]
    table = Table(title=f"{scenario.meta.title}: {args.games} games per policy (seeds 0..{args.games - 1})")
    table.add_column("policy in every seat")
    table.add_column("mean casualties", justify="right")
    for role in roles:
        table.add_column(f"{role} score", justify="right")
    started = time.perf_counter()
    for policy in POLICIES:
        casualties: list[int] = []
        scores: dict[str, list[int]] = {r: [] for r in roles}
        for seed in range(args.games):
            state, _ = play_game(scenario, seed, default=policy, game_id="sanity")
            casualties.append(sum(state.casualties.values()))
            for r in roles:
                scores[r].append((state.scores or {})[r]["total"])
        table.add_row(policy, f"{statistics.mean(casualties):.2f}",
                      *(f"{statistics.mean(scores[r]):.2f}" for r in roles))
    console = Console()
    console.print(table)
    elapsed = time.perf_counter() - started
    console.print(f"{args.games * len(POLICIES)} games in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
