"""Which profiles a sweep plays."""

from __future__ import annotations

from game.ai import POLICIES
from game.simulate.profiles import Profile, contexts, decision_seats, sweep


def test_full_sweep_covers_every_combination_of_the_decision_seats(tutorial):
    base = {r.id: "cooperative" for r in tutorial.roles}
    s = sweep(tutorial, base, POLICIES)
    assert s.full and len(s.profiles) == len(POLICIES) ** 3 == s.combinations
    assert len(set(s.profiles)) == len(s.profiles)


def test_non_decision_makers_and_pinned_seats_are_not_swept(tutorial):
    passive = tutorial.model_copy(update={"roles": [
        r.model_copy(update={"decision_maker": r.id != "caldera"}) for r in tutorial.roles]})
    assert decision_seats(passive) == ("aurelia", "borovia")
    base = {r.id: "hawk" for r in tutorial.roles}
    s = sweep(passive, base, ["duty", "hawk"], pinned=["aurelia"])
    assert s.seats == ("borovia",) and len(s.profiles) == 2
    assert all(p.policies["caldera"] == "hawk" and p.policies["aurelia"] == "hawk"
               for p in s.profiles)


def test_too_many_combinations_give_a_star_design_with_matched_pairs(tutorial):
    """Every seat can still be compared policy against policy, with everything else equal."""
    base = {r.id: "cooperative" for r in tutorial.roles}
    s = sweep(tutorial, base, POLICIES, max_profiles=30, seed=1)
    assert not s.full and len(s.profiles) <= 30 and s.combinations == 64
    for seat in s.seats:
        groups = contexts(s.profiles, seat, POLICIES)
        assert len(groups) >= 2  # at least two bases with every deviation at this seat


def test_profile_labels_name_every_seat(tutorial):
    p = Profile.of(tutorial, {"aurelia": "duty", "borovia": "hawk", "caldera": "random"})
    assert p.label == "aurelia=duty borovia=hawk caldera=random"
    assert p.short(("borovia",)) == "borovia=hawk"
    assert p.with_policy("borovia", "duty").policies["borovia"] == "duty"
