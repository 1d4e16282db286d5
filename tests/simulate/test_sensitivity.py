"""Tunable nudges stay inside the schema's bounds and change nothing else."""

from __future__ import annotations

from game.simulate.sensitivity import variants


def test_each_nudge_changes_one_tunable_by_one_step(tutorial):
    out = variants(tutorial)
    base = tutorial.tunables.model_dump()
    for key, (nudge, scenario) in out.items():
        changed = {k for k, v in scenario.tunables.model_dump().items() if v != base[k]}
        assert changed == {nudge.tunable}, key
        assert scenario.roles == tutorial.roles and scenario.plots == tutorial.plots


def test_nudges_outside_the_bounds_are_left_out(tutorial):
    zero_cost = tutorial.model_copy(update={"tunables": tutorial.tunables.model_copy(
        update={"harden_cost": 0})})
    keys = variants(zero_cost)
    assert "harden_cost+" in keys and "harden_cost-" not in keys
