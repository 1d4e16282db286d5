"""The dominance check: a policy best on every measure at once means the seat has no dilemma."""

from __future__ import annotations

import numpy as np

from game.simulate.dominance import check
from game.simulate.summary import verdict

MEASURES = ["x.score", "x.casualties", "x.pc", "total.casualties"]
DIRECTIONS = [1, -1, 1, -1]


def world(means: dict[str, list[float]], contexts: int = 3, games: int = 200,
          noise: float = 1.0, seed: int = 0) -> np.ndarray:
    """data[context, policy, game, measure]: the given means plus common noise per game, so that
    pairs are compared on the same seeds as in a real run."""
    rng = np.random.default_rng(seed)
    base = rng.normal(0, noise, size=(contexts, 1, games, len(MEASURES)))
    centre = np.array([means[p] for p in means])[None, :, None, :]
    return base + centre + rng.normal(0, 0.1 * noise, size=(contexts, len(means), games, len(MEASURES)))


def run(means: dict[str, list[float]], **kw) -> object:
    data = world(means, **kw)
    return check("x", list(means), data, DIRECTIONS, MEASURES, [f"c{i}" for i in range(data.shape[0])])


def test_a_policy_better_on_every_measure_is_dominant_and_the_seat_has_no_dilemma():
    """Higher score, fewer own casualties, more PC, fewer total casualties: no reason to hesitate."""
    v = run({"hawk": [30, 1, 5, 2], "duty": [28, 2, 4, 3], "random": [27, 3, 3, 4]})
    assert v.dominant == "hawk" and not v.dilemma
    assert set(v.dominates["hawk"]) == {"duty", "random"}
    assert "Not a dilemma for x" in v.sentence()
    assert "NOT A DILEMMA" in verdict(("x",), [v.as_dict()])


def test_a_trade_off_between_score_and_lives_is_a_dilemma():
    """hawk keeps PC and score; duty saves lives: each loses somewhere, so the choice is hard."""
    v = run({"hawk": [30, 2, 5, 4], "duty": [27, 1, 3, 2]})
    assert v.dominant is None and v.never_worse == () and v.dilemma
    assert v.losses["hawk"].measure in {"x.casualties", "total.casualties"}
    assert v.losses["duty"].measure in {"x.score", "x.pc"}
    assert "A DILEMMA" in verdict(("x",), [v.as_dict()])


def test_winning_on_average_but_losing_in_one_context_is_not_dominance():
    """Best against most opponents is not best whatever the opponents do."""
    data = world({"hawk": [30, 1, 5, 2], "duty": [28, 2, 4, 3]})
    data[1, 0, :, 3] += 3  # against the second opponent mix hawk costs lives
    v = check("x", ["hawk", "duty"], data, DIRECTIONS, MEASURES, ["c0", "c1", "c2"])
    assert v.dominant is None and v.losses["hawk"].context == "c1"
    pooled = check("x", ["hawk", "duty"], data.mean(axis=0, keepdims=True), DIRECTIONS, MEASURES,
                   ["average"])
    assert pooled.dominant == "hawk"


def test_identical_policies_tie_and_nothing_is_claimed():
    v = run({"a": [30, 1, 5, 2], "b": [30, 1, 5, 2]}, noise=0.0)
    assert v.dominant is None and set(v.never_worse) == {"a", "b"} and not v.dilemma


def test_noise_alone_never_makes_a_policy_dominant():
    """With equal means, the corrected intervals keep chance differences from counting."""
    for seed in range(20):
        v = run({"a": [30, 1, 5, 2], "b": [30, 1, 5, 2], "c": [30, 1, 5, 2]}, games=30, seed=seed)
        assert v.dominant is None


def test_a_moderate_loss_hidden_by_the_correction_is_not_called_dominance():
    """hawk gains 2 points and 1 PC for sure, and costs 0.2 casualty weight on average. In each
    context that loss drowns in noise (a ±3 swing), but the swings cancel across contexts: the
    average shows it. The seat is then probably facing a dilemma, not a dominant hawk."""
    contexts, games = 8, 100
    data = np.zeros((contexts, 2, games, len(MEASURES)))
    data[:, 0, :, 0], data[:, 1, :, 0] = 30, 28  # score
    data[:, 0, :, 2], data[:, 1, :, 2] = 5, 4  # PC
    swing = 3.0 * (-1.0) ** np.add.outer(np.arange(contexts), np.arange(games))
    data[:, 0, :, 1] = 1.2 + swing  # hawk's own casualties
    data[:, 1, :, 1] = 1.0
    v = check("x", ["hawk", "duty"], data, DIRECTIONS, MEASURES, [f"c{i}" for i in range(8)])
    assert not v.losses.get("hawk") and set(v.dominates["hawk"]) == {"duty"}
    assert v.dominant is None and v.never_worse == ()
    assert v.unresolved["hawk"].measure == "x.casualties"
    assert abs(v.unresolved["hawk"].by + 0.2) < 1e-9
    assert "Probably a dilemma" in v.sentence()
    assert "probably a dilemma for x" in verdict(("x",), [v.as_dict()])
