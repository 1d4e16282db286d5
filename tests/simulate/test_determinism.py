"""Same seed, same results, whatever the number of processes or the chunk size."""

from __future__ import annotations

import json

import numpy as np

from game.simulate import analysis
from game.simulate.cli import execute, make_plan
from game.simulate.output import write_results, write_sensitivity
from game.simulate.pool import open_pool, run_batch
from game.simulate.profiles import Profile
from game.simulate.run import Plan


def test_jobs_do_not_change_results(small_run, tutorial, tmp_path):
    """results.csv is byte for byte the same on two processes as on one (the CLI run), and so
    are the statistics computed from it."""
    out1, summary1 = small_run
    plan = make_plan(tutorial, games=8, seed=7, pins={}, swept=True, policies=["hawk", "duty"],
                     max_profiles=128, sensitivity_games=2)
    played, _ = execute(plan, 2, show=False)
    results, sensitivity = plan.split(played.arrays)
    assert sensitivity is not None
    write_results(tmp_path / "results.csv", results)
    write_sensitivity(tmp_path / "sensitivity.csv", results, sensitivity)
    for name in ("results.csv", "sensitivity.csv"):
        assert (out1 / name).read_bytes() == (tmp_path / name).read_bytes(), name
    again = json.loads(json.dumps({"profiles": analysis.profile_stats(results),
                                   "effects": analysis.effects(results),
                                   "dominance": analysis.dominance_all(results)}))
    assert again == {k: summary1[k] for k in again}


def test_chunking_does_not_change_results(tutorial):
    plan = Plan(tutorial, 3, 7, Profile.of(tutorial, {r.id: "duty" for r in tutorial.roles}), None)
    whole = run_batch(plan.batch(), None, chunk=50).arrays
    with open_pool(plan.batch(), 2) as pool:
        pieces = run_batch(plan.batch(), pool, chunk=2).arrays
    assert all(np.array_equal(a, b) for a, b in zip(whole, pieces, strict=True))


def test_another_seed_gives_other_games(tutorial):
    profile = Profile.of(tutorial, {r.id: "random" for r in tutorial.roles})
    a = run_batch(Plan(tutorial, 1, 10, profile, None).batch(), None).arrays[0]
    b = run_batch(Plan(tutorial, 2, 10, profile, None).batch(), None).arrays[0]
    assert not np.array_equal(a, b)
