"""The balance sanity script (`python -m bench.policy_sanity`): it runs, prints a row per policy,
and its means are those of the games it names."""

import statistics
import subprocess
import sys

from bench.policy_sanity import policy_means
from game.ai import POLICIES
from game.runner import play_game
from game.scenario import load_scenario


def test_the_means_are_those_of_the_seeded_games():
    tutorial = load_scenario("tutorial")
    states = [play_game(tutorial, seed, default="hawk", game_id="sanity")[0] for seed in range(4)]
    means = policy_means(tutorial, "hawk", 4)
    assert means.casualties == statistics.mean(sum(s.casualties.values()) for s in states)
    assert means.scores == {r.id: statistics.mean(s.scores[r.id]["total"] for s in states)
                            for r in tutorial.roles}


def test_the_script_prints_every_policy_with_its_casualties_and_seat_scores():
    out = subprocess.run([sys.executable, "-m", "bench.policy_sanity", "--games", "3"],
                         capture_output=True, text=True, check=True, timeout=120)
    rows = {line.split("│")[1].strip(): line for line in out.stdout.splitlines() if "│" in line}
    assert set(POLICIES) <= set(rows)
    for policy in POLICIES:
        numbers = [cell.strip() for cell in rows[policy].split("│")[2:-1]]
        assert len(numbers) == 4 and all(float(n) >= 0 for n in numbers)  # casualties, 3 seats
    assert "12 games in" in out.stdout
