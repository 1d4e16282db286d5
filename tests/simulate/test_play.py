"""A simulated game is the same game `wargame demo` would play, reduced to one row."""

from __future__ import annotations

import random

import pytest

from game import ai
from game.ai import POLICIES
from game.engine import state_digest
from game.engine.commands import Act, SubmitOrders
from game.engine.types import ActionKind
from game.engine.views import View
from game.runner import play_game
from game.scenario import load_scenario
from game.simulate.play import Columns, game_row, game_seed, play_quiet


@pytest.mark.parametrize("policy", POLICIES)
def test_play_quiet_reaches_the_same_state_as_play_game(tutorial, policy):
    """Skipping the event log must not change a single move."""
    for seed in (0, 1, 2):
        state, _ = play_game(tutorial, seed, default=policy, game_id="sim")
        quiet, _ = play_quiet(tutorial, seed, {r.id: policy for r in tutorial.roles})
        assert state_digest(quiet) == state_digest(state)


def test_a_row_adds_up(tutorial):
    """Totals are the sums of the seats, and every plot has exactly one outcome slot."""
    columns = Columns(tuple(r.id for r in tutorial.roles))
    for seed in range(5):
        state, refused = play_quiet(tutorial, seed, {r.id: "random" for r in tutorial.roles})
        row = dict(zip(columns.names, game_row(state, refused), strict=True))
        assert row["total.casualties"] == sum(row[f"{r}.casualties"] for r in columns.roles)
        assert row["total.burned"] == sum(row[f"{r}.burned"] for r in columns.roles)
        assert row["total.refused"] == sum(row[f"{r}.refused"] for r in columns.roles)
        outcomes = ("foiled", "disrupted", "carried_out", "unresolved")
        assert sum(row[f"total.{o}"] for o in outcomes) == len(tutorial.plots)
        assert all(row[f"{r}.score"] == state.scores[r]["total"] for r in columns.roles)


def test_game_seeds_depend_on_the_run_seed_and_the_index_only():
    assert game_seed(1, 5) == game_seed(1, 5)
    assert len({game_seed(1, i) for i in range(1000)}) == 1000
    assert game_seed(1, 0) != game_seed(2, 0)
    assert all(0 <= game_seed(s, i) < 2**63 for s in range(3) for i in range(3))


def test_refused_orders_are_counted_for_the_seat_that_gave_them(tutorial, monkeypatch):
    """The shipped policies no longer give orders the engine refuses, so Borovia's response routine
    is swapped for one that hardens a place abroad, which the engine must refuse every time."""
    respond = ai.RESPONSES["cooperative"]

    def reckless(view: View, rng: random.Random) -> SubmitOrders:
        if view.role != "borovia":
            return respond(view, rng)
        abroad = next(p.id for p in view.places if p.territory != view.role)
        return SubmitOrders(actions=(Act(action=ActionKind.HARDEN, target=abroad),))

    monkeypatch.setitem(ai.RESPONSES, "cooperative", reckless)
    policies = {r.id: "cooperative" for r in tutorial.roles}
    counts = [play_quiet(tutorial, seed, policies)[1] for seed in range(3)]
    assert all(c["borovia"] == tutorial.turns for c in counts)  # one refused response per turn
    assert all(set(c) == {"borovia"} for c in counts)


@pytest.mark.parametrize("name", ["tutorial", "boston-2013", "crocus-2024", "kerman-2024",
                                  "paris-2015"])
def test_the_shipped_policies_give_no_order_the_engine_refuses(name):
    """A refused order loses the seat's whole phase: the policies must know the rules, including
    a scenario's own prices (Boston's arrests cost 3) and who is already in custody."""
    scenario = load_scenario(name)
    for policy in POLICIES:
        for seed in range(8):
            assert not play_quiet(scenario, seed, {r.id: policy for r in scenario.roles})[1]
