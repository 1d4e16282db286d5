"""The computer players' shared response routine: it acts on what a seat's view shows, the way a
sensible human at that seat would, and never orders what the engine must refuse."""

from __future__ import annotations

import random

from game.ai import play
from game.engine import Act, Phase, Rate, Share, SubmitOrders
from game.engine.types import ActionKind, Level, Rating
from tests.engine.helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, inject, scenario

NAMED = inject("named", specificity=4, identity="named", names=list(CELL), window=[1, 3],
               targets=["bravo_hall"])


def _hardened(orders: SubmitOrders) -> set[str]:
    return {a.target for a in orders.actions if a.action is ActionKind.HARDEN}


def _response(level: Level, *, sender: str = CHARLIE, item: dict[str, object] = NAMED,
              **kw: object) -> Game:
    """`sender` passes an item on plot p1 to Bravo at `level`; Bravo's response, turn 1."""
    g = Game(scenario(injects=[{**item, "recipient": sender}], **kw)).to(Phase.SHARING)
    g.by(sender, Share(item=1, to=BRAVO, level=level))
    return g.to(Phase.RESPONSE)


def test_a_warning_level_copy_moves_the_seat_to_harden_that_class_in_that_city() -> None:
    """A warning names a city and a class, not targets: the seat hardens its places of that class
    in that city (both Bravograd concert venues), not the metro or another city's parliament."""
    g = _response(Level.WARNING)
    seen = g.seen(BRAVO, 1)
    assert seen.targets == () and (seen.city, seen.target_class) == ("Bravograd", "concert_venue")
    orders = play("cooperative", g.view(BRAVO), random.Random(1))
    assert _hardened(orders) == {"bravo_hall", "bravo_arena"}
    for command in (*orders.ratings, *orders.actions):
        g.by(BRAVO, command)  # the engine takes every order
    assert {a.target for a in g.state.turn_actions(BRAVO)} >= {"bravo_hall", "bravo_arena"}


def test_a_full_copy_hardens_its_listed_targets_only() -> None:
    listed = inject("listed", specificity=3, window=[1, 3], targets=["bravo_hall"])
    g = _response(Level.FULL, item=listed)
    assert _hardened(play("cooperative", g.view(BRAVO), random.Random(1))) == {"bravo_hall"}


def test_a_suspect_in_custody_is_not_arrested_again() -> None:
    """Bravo arrests the first named suspect in turn 1; in turn 2 it still holds the item naming
    all three, and its orders must leave the one in custody alone (a second arrest is refused)."""
    g = _response(Level.FULL, tunables={"arrest_cost": 1})
    g.by(BRAVO, Rate(item=1, rating=Rating.ACCEPT))
    g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[0]))
    g.to(Phase.RESPONSE, 2)
    view = g.view(BRAVO)
    assert view.in_custody == (CELL[0],)
    orders = play("cooperative", view, random.Random(2))
    targets = {a.target for a in orders.actions if a.action is ActionKind.ARREST}
    assert CELL[0] not in targets and targets  # still arrests the others
    for command in orders.actions:
        g.by(BRAVO, command)


def test_the_scenarios_prices_bound_what_a_seat_orders() -> None:
    """With arrests at 3 SB and 4 SB in hand, the routine keeps within budget: every order it
    gives is one the engine accepts, and it spends no more than it has."""
    g = _response(Level.FULL, tunables={"arrest_cost": 3})
    view = g.view(BRAVO)
    assert view.costs[ActionKind.ARREST] == (3, 0)
    orders = play("cooperative", view, random.Random(3))
    for command in (*orders.ratings, *orders.actions):
        g.by(BRAVO, command)
    assert g.sb(BRAVO) >= 0 and orders.actions


def test_only_the_threatened_state_acts_on_a_cell() -> None:
    """Alpha holds the item about a cell in Bravo: it shares, it does not arrest or harden."""
    g = Game(scenario(injects=[{**NAMED, "recipient": ALPHA}])).to(Phase.RESPONSE)
    assert play("cooperative", g.view(ALPHA), random.Random(4)).actions == ()
