"""Same seed, same results, whatever the number of processes or the chunk size."""

from __future__ import annotations

import json

import numpy as np

from game.simulate.pool import open_pool, run_batch
from game.simulate.profiles import Profile
from game.simulate.run import Plan
from tests.simulate.conftest import SMALL, run_cli


def test_jobs_do_not_change_results(small_run, tmp_path):
    """results.csv is byte for byte the same on one process and on two."""
    out1, summary1 = small_run
    out2 = tmp_path / "jobs2"
    summary2 = run_cli([*SMALL, "--jobs", "2"], out2)
    for name in ("results.csv", "sensitivity.csv"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name
    for key in ("timing", "command"):
        summary1.pop(key), summary2.pop(key)
    assert json.dumps(summary1) == json.dumps(summary2)


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
