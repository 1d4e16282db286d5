"""GAME.md, "Scoring": "Per seat: 20 − own casualty weight + PC + 2 per intact sensitive source + a
secret objective (3) from the scenario. Every seat gets +3 if total casualties stay at or below the
scenario's threshold." """

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from game.engine import Act, ActionKind, DutyDecision, EndGame, LogDuty, Phase, Share
from game.engine.types import Level

from .helpers import ALPHA, BRAVO, CHARLIE, Game, inject, plot, role, scenario

CARRIED_OUT = {"foil_at": 30, "disrupt_at": 30}
FOILED = {"foil_at": 2, "disrupt_at": 2}


def final(*, sharing: Callable[[Game], Any] = lambda g: None, **kw: Any) -> Game:
    kw.setdefault("plots", [plot(turn=1)])
    kw.setdefault("tunables", CARRIED_OUT)
    g = Game(scenario(turns=1, **kw)).to(Phase.SHARING)
    sharing(g)
    return g.to(Phase.DEBRIEF)


def test_the_score_adds_base_casualties_pc_sources_objective_and_threshold_bonus() -> None:
    """Alpha (two regions of strength ≥ 2, no casualties, 5 PC): 20 + 5 + 2×2 + 3 = 32. Bravo (a
    venue assault carried out, 10): 20 − 10 + 5 + 3 = 18. Total casualties 10 ≤ threshold 10."""
    roles = [role(ALPHA, collection={"east": 3, "south": 2, "west": 1}), role(BRAVO), role(CHARLIE)]
    g = final(roles=roles, casualty_threshold=10)
    assert g.state.scores is not None
    assert g.state.scores[ALPHA] == {"base": 20, "casualties": 0, "political_capital": 5,
                                     "sources": 4, "objective": 0, "threshold_bonus": 3,
                                     "total": 32}
    assert g.state.scores[BRAVO]["casualties"] == -10 and g.state.scores[BRAVO]["total"] == 18


def test_no_threshold_bonus_above_the_threshold() -> None:
    """"+3 if total casualties stay at or below the scenario's threshold": 10 > 9, no bonus."""
    g = final(casualty_threshold=9)
    assert {s["threshold_bonus"] for s in g.state.scores.values()} == {0}


def test_the_threshold_bonus_is_for_every_seat() -> None:
    """"Every seat gets +3": the victim too, when the attack is foiled."""
    g = final(tunables=FOILED, casualty_threshold=0)
    assert {s["threshold_bonus"] for s in g.state.scores.values()} == {3}


def test_a_burned_source_no_longer_scores() -> None:
    """"2 per intact sensitive source". Interpretation: a source is a region where the role's
    collection is ≥ 2; one that was ever burned is not intact, even after it recovers."""
    source = inject("source", recipient=CHARLIE, specificity=3, sensitivity=3,
                    targets=["bravo_hall"])
    roles = [role(ALPHA), role(BRAVO), role(CHARLIE, collection={"north": 2, "east": 2})]
    trust = {ALPHA: {BRAVO: 1, CHARLIE: 4}, BRAVO: {ALPHA: 1, CHARLIE: 2},
             CHARLIE: {ALPHA: 4, BRAVO: 0}}
    seen = set()
    for seed in range(1, 30):
        g = Game(scenario(turns=1, roles=roles, trust=trust, injects=[source],
                          plots=[plot(turn=1)]), seed=seed).to(Phase.SHARING)
        g.by(CHARLIE, Share(item=g.item("source"), to=BRAVO, level=Level.FULL))
        g.to(Phase.RESPONSE)
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
        g.to(Phase.DEBRIEF)
        burned = "north" in g.state.seats[CHARLIE].ever_burned
        assert g.state.scores[CHARLIE]["sources"] == (2 if burned else 4)
        seen.add(burned)
    assert seen == {True, False}


def test_political_capital_counts_even_below_zero() -> None:
    """PC is carried through the game and scored as it stands; it may go negative (a missing
    duty-to-warn entry costs PC however little is left)."""
    roles = [role(ALPHA, political_capital=0), role(BRAVO), role(CHARLIE)]
    g = final(roles=roles, injects=[inject("threat", specificity=2, credibility=3)])
    assert g.pc(ALPHA) == -1 and g.state.scores[ALPHA]["political_capital"] == -1


def objective(kind: str, **kw: Any) -> list[dict[str, Any]]:
    return [role(ALPHA, objective={"kind": kind, "text": kind, **kw}), role(BRAVO), role(CHARLIE)]


THREAT = inject("threat", specificity=2, credibility=3)


@pytest.mark.parametrize(
    ("roles", "extra", "met"),
    [
        (objective("no_casualties"), {}, True),
        (objective("pc_at_least", value=5), {}, True),
        (objective("pc_at_least", value=6), {}, False),
        (objective("sources_intact"), {}, True),
        (objective("plot_stopped", plot="p1"), {"tunables": FOILED}, True),
        (objective("plot_stopped", plot="p1"), {}, False),
        (objective("trust_from_at_least", role=BRAVO, value=1), {}, True),
        (objective("trust_from_at_least", role=BRAVO, value=2), {}, False),
        (objective("no_missing_duty_entries"), {"injects": [THREAT]}, False),
        (objective("never_share_full_with", role=BRAVO), {"injects": [THREAT]}, True),
    ],
)
def test_a_met_secret_objective_scores_three(roles: list, extra: dict, met: bool) -> None:
    """"a secret objective (3) from the scenario", checked by the engine at the end."""
    g = final(roles=roles, **extra)
    assert g.state.scores[ALPHA]["objective"] == (3 if met else 0)


def test_an_objective_broken_by_a_full_share_or_met_by_a_duty_entry() -> None:
    """`never_share_full_with` fails once a full copy reaches that role; `no_missing_duty_entries`
    holds when every triggering item has its entry."""
    def share(g: Game) -> None:
        g.by(ALPHA, LogDuty(item=1, decision=DutyDecision.WARN))
        g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL))

    g = final(roles=objective("never_share_full_with", role=BRAVO), injects=[THREAT], sharing=share)
    assert g.state.scores[ALPHA]["objective"] == 0
    g = final(roles=objective("no_missing_duty_entries"), injects=[THREAT], sharing=share)
    assert g.state.scores[ALPHA]["objective"] == 3


def test_a_game_ended_early_is_scored_as_it_stands() -> None:
    """The facilitator may end the game at any time: the scores count what has happened."""
    g = Game(scenario()).to(Phase.SHARING, 2)
    g.fac(EndGame())
    assert g.state.scores is not None
    assert all(s["casualties"] == 0 and s["threshold_bonus"] == 3 for s in g.state.scores.values())
