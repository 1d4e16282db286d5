"""Special rules that change what an arrest yields (the documented set in docs/rules.md)."""

from __future__ import annotations

from game.engine import Act, ActionKind, Level, Phase, Share
from game.engine.types import Identity, Via
from tests.engine.helpers import ALPHA, BRAVO, CELL, CHARLIE, ROLES, Game, inject, role, scenario

NAMED = inject("named", specificity=4, identity="named", names=list(CELL), window=[1, 3])


def _arrest_by(bravo_rules: list[str], suspect: str = CELL[0]) -> Game:
    roles = [role(r, special_rules=bravo_rules) if r == BRAVO else role(r) for r in ROLES]
    g = Game(scenario(roles=roles, injects=[NAMED])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL))
    g.to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.ARREST, target=suspect))
    return g


def test_coercive_interrogation_yields_the_plot_from_a_detained_cell_member() -> None:
    """coercive_interrogation: an arrest of a real cell member by that role yields a new item of
    its own naming the cell and the true target, graded E4: coerced testimony, too doubtful to
    trigger the duty to warn."""
    g = _arrest_by(["coercive_interrogation"])
    (view,) = [v for v in g.view(BRAVO).items if v.via is Via.INTERROGATION]
    assert (view.targets, view.identity, view.names, view.grade) == (
        ("bravo_hall",), Identity.NAMED, CELL, "E4")


def test_without_the_rule_an_arrest_yields_no_new_item() -> None:
    """Only a role with coercive_interrogation gets a statement from its detainees."""
    g = _arrest_by([])
    assert [v.id for v in g.view(BRAVO).items] == [1]


def test_late_items_from_an_intermediary_are_still_offered_for_rating() -> None:
    """An item that arrives late (through an intermediary channel) is still listed to rate."""
    roles = [role(r, special_rules=["intermediary_channel"]) if r == CHARLIE else role(r)
             for r in ROLES]
    g = Game(scenario(roles=roles, injects=[NAMED])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=CHARLIE, level=Level.FULL))
    g.to(Phase.INTEL_RECEIVED, turn=2)
    g.to(Phase.RESPONSE, turn=2)
    assert 1 in g.view(CHARLIE).to_rate


def test_the_adjudication_chances_are_the_scenarios() -> None:
    """A scenario may change GAME.md's 83/67/50/33/17: a chance of 0 never succeeds."""
    from game.engine import Adjudicate, Strength

    zero = {"very_strong": 0, "strong": 0, "average": 0, "weak": 0, "very_weak": 0}
    g = Game(scenario(tunables={"adjudication_chances": zero})).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="close the airport"))
    (done, *_) = g.fac(Adjudicate(action=1, strength=Strength.VERY_STRONG, plot="p1"))
    assert done.success is False
