"""The four computer policies, each doing what the issue says it does, on real game states.

The world (tests/engine/helpers.py): Alpha is bound by the duty to warn and holds an item about a
plot on Bravograd Hall, in Bravo's territory. Alpha trusts Bravo at 1 and Charlie at 4; Charlie
trusts Alpha at 4 and Bravo at 2; Bravo trusts Alpha at 1 and Charlie at 2. Every order a policy
gives is then fed to the engine, which must accept it.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from game.ai import play
from game.engine import Level, Phase, Share, SubmitOrders
from game.engine import events as ev
from game.engine.types import ActionKind, DutyDecision, Rating, Waiver
from tests.engine.helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, inject, scenario


def _sharing(holder: str = ALPHA, *, items: int = 1, **kw: Any) -> Game:
    """`holder` holds `items` triggering items about plot p1 (Bravograd Hall), sharing phase."""
    injects = [inject(f"i{n}", recipient=holder, window=[1, 3], targets=["bravo_hall"],
                      **kw) for n in range(1, items + 1)]
    return Game(scenario(injects=injects)).to(Phase.SHARING)


def _levels(orders: SubmitOrders) -> dict[tuple[int, str], Level]:
    return {(s.item, s.to): s.level for s in orders.shares}


def _duty(orders: SubmitOrders) -> dict[int, tuple[DutyDecision, Waiver | None]]:
    return {d.item: (d.decision, d.code) for d in orders.duties}


def _accepted(g: Game, role: str, orders: SubmitOrders) -> Game:
    """The engine takes the orders as a computer seat gives them (and the phase closes)."""
    g.by(role, orders)
    g.done_all()
    return g


def _received(g: Game, role: str) -> dict[int, Level]:
    return {h.item: h.level for h in g.state.holdings.get(role, {}).values() if h.sender}


# Sharing ------------------------------------------------------------------------------------------


def test_cooperative_shares_in_full_with_everyone_and_warns() -> None:
    g = _sharing(items=2)
    orders = play("cooperative", g.view(ALPHA), random.Random(1))
    assert _levels(orders) == {(i, r): Level.FULL for i in (1, 2) for r in (BRAVO, CHARLIE)}
    assert _duty(orders) == {1: (DutyDecision.WARN, None), 2: (DutyDecision.WARN, None)}
    _accepted(g, ALPHA, orders)
    assert _received(g, BRAVO) == _received(g, CHARLIE) == {1: Level.FULL, 2: Level.FULL}


def test_hawk_withholds_from_a_role_it_trusts_at_one_and_shares_with_friends() -> None:
    """Alpha trusts Bravo at 1: nothing for Bravo, not even the duty-to-warn notice (the hawk
    waives with U); Charlie, trusted at 4, gets everything in full."""
    g = _sharing()
    orders = play("hawk", g.view(ALPHA), random.Random(1))
    assert _levels(orders) == {(1, CHARLIE): Level.FULL}
    assert _duty(orders) == {1: (DutyDecision.WAIVE, Waiver.U)}
    _accepted(g, ALPHA, orders)
    assert _received(g, BRAVO) == {} and _received(g, CHARLIE) == {1: Level.FULL}


def test_hawk_sanitizes_for_a_role_trusted_at_two() -> None:
    """Charlie trusts Bravo at 2 (sanitized) and Alpha at 4 (full)."""
    g = _sharing(CHARLIE)
    orders = play("hawk", g.view(CHARLIE), random.Random(1))
    assert _levels(orders) == {(1, BRAVO): Level.SANITIZED, (1, ALPHA): Level.FULL}
    assert orders.duties == ()  # Charlie is not bound by the duty to warn
    _accepted(g, CHARLIE, orders)
    assert _received(g, BRAVO) == {1: Level.SANITIZED}


def test_hawk_at_trust_zero_and_one_alike_withholds() -> None:
    g = Game(scenario(injects=[inject("i1", recipient=CHARLIE, window=[1, 3])],
                      trust={ALPHA: {BRAVO: 1, CHARLIE: 4}, BRAVO: {ALPHA: 1, CHARLIE: 2},
                             CHARLIE: {ALPHA: 0, BRAVO: 1}})).to(Phase.SHARING)
    assert play("hawk", g.view(CHARLIE), random.Random(1)).shares == ()


def test_duty_warns_on_every_triggering_item_and_tells_the_threatened_state() -> None:
    """ICD 191: a Warn entry for each triggering item; the threatened state, trusted at 1, gets at
    least a warning; a trusted partner gets it in full."""
    g = _sharing(items=2)
    assert set(g.view(ALPHA).duty_pending) == {1, 2}
    orders = play("duty", g.view(ALPHA), random.Random(1))
    assert _duty(orders) == {1: (DutyDecision.WARN, None), 2: (DutyDecision.WARN, None)}
    assert _levels(orders) == {(1, BRAVO): Level.WARNING, (2, BRAVO): Level.WARNING,
                               (1, CHARLIE): Level.FULL, (2, CHARLIE): Level.FULL}
    _accepted(g, ALPHA, orders)
    assert _received(g, BRAVO) == {1: Level.WARNING, 2: Level.WARNING}
    assert g.pc(ALPHA) == 5  # no missing entry at the audit


def test_duty_waives_only_with_a_valid_code_for_a_sensitive_source_and_a_state_trusted_at_0(
) -> None:
    """"waives only with a valid code, e.g. U for sensitivity-3 sources to low-trust roles": at
    trust 0 and sensitivity 3 the entry is Waive U, and the engine records it as satisfying the
    duty; at sensitivity 2, or at trust 1, the duty policy warns."""
    def orders_for(sensitivity: int, trust_in_bravo: int) -> tuple[Game, SubmitOrders]:
        g = Game(scenario(
            injects=[inject("i1", window=[1, 3], targets=["bravo_hall"], sensitivity=sensitivity)],
            trust={ALPHA: {BRAVO: trust_in_bravo, CHARLIE: 4}, BRAVO: {ALPHA: 1, CHARLIE: 2},
                   CHARLIE: {ALPHA: 4, BRAVO: 2}})).to(Phase.SHARING)
        return g, play("duty", g.view(ALPHA), random.Random(1))

    g, orders = orders_for(3, 0)
    assert _duty(orders) == {1: (DutyDecision.WAIVE, Waiver.U)}
    _accepted(g, ALPHA, orders)
    assert g.state.duty[(ALPHA, 1)].code is Waiver.U and g.pc(ALPHA) == 5
    assert _duty(orders_for(2, 0)[1]) == {1: (DutyDecision.WARN, None)}
    assert _duty(orders_for(3, 1)[1]) == {1: (DutyDecision.WARN, None)}


def test_duty_withholds_from_a_distrusted_state_that_is_not_threatened() -> None:
    g = Game(scenario(injects=[inject("i1", window=[1, 3], targets=["bravo_hall"])],
                      trust={ALPHA: {BRAVO: 3, CHARLIE: 1}, BRAVO: {ALPHA: 1, CHARLIE: 2},
                             CHARLIE: {ALPHA: 4, BRAVO: 2}})).to(Phase.SHARING)
    assert _levels(play("duty", g.view(ALPHA), random.Random(1))) == {(1, BRAVO): Level.FULL}


def test_random_is_seeded_and_every_order_it_gives_is_legal() -> None:
    """Same view and same seeded stream: the same orders; over seeds it tries several levels and
    both duty decisions; a waiver always carries one of U, T, I; the engine accepts each."""
    levels: set[Level] = set()
    decisions: set[DutyDecision] = set()
    for seed in range(40):
        g = _sharing(items=2)
        view = g.view(ALPHA)
        orders = play("random", view, random.Random(seed))
        assert orders == play("random", view, random.Random(seed))
        levels.update(s.level for s in orders.shares)
        for decision, code in _duty(orders).values():
            decisions.add(decision)
            assert (code is not None) is (decision is DutyDecision.WAIVE)
        _accepted(g, ALPHA, orders)
    assert levels >= {Level.FULL, Level.SANITIZED, Level.WARNING}
    assert decisions == {DutyDecision.WARN, DutyDecision.WAIVE}


def test_no_policy_resends_what_it_already_sent() -> None:
    """Next turn the item is still held: an order already given is not repeated."""
    g = _sharing()
    _accepted(g, ALPHA, play("cooperative", g.view(ALPHA), random.Random(1)))
    g.to(Phase.SHARING, 2)
    assert play("cooperative", g.view(ALPHA), random.Random(1)).shares == ()


# Response -----------------------------------------------------------------------------------------

NAMED = inject("named", specificity=4, identity="named", names=list(CELL), window=[1, 3],
               targets=["bravo_hall"])


def _response(sender: str) -> Game:
    """`sender` passes the named item on plot p1 to Bravo in full; Bravo's response, turn 1."""
    g = Game(scenario(injects=[{**NAMED, "recipient": sender}])).to(Phase.SHARING)
    g.by(sender, Share(item=1, to=BRAVO, level=Level.FULL))
    return g.to(Phase.RESPONSE)


@pytest.mark.parametrize(("policy", "sender", "rating"), [
    ("cooperative", ALPHA, Rating.ACCEPT),
    ("hawk", ALPHA, Rating.DISMISS),      # trusted at 1
    ("hawk", CHARLIE, Rating.DISCOUNT),   # trusted at 2
    ("duty", ALPHA, Rating.DISCOUNT),
    ("duty", CHARLIE, Rating.ACCEPT),
])
def test_each_policy_rates_by_its_trust_in_the_sender(policy: str, sender: str,
                                                      rating: Rating) -> None:
    g = _response(sender)
    orders = play(policy, g.view(BRAVO), random.Random(1))
    assert [(r.item, r.rating) for r in orders.ratings] == [(1, rating)]
    _accepted(g, BRAVO, orders)
    assert g.state.ratings[(BRAVO, 1)] is rating
    provocation = 1 if rating is Rating.ACCEPT and sender == ALPHA else 0  # trusted at 1
    assert g.one(ev.ItemRated).pc_cost == provocation


def test_a_dismissed_item_moves_nothing_and_an_accepted_one_moves_the_budget() -> None:
    """The hawk dismisses Alpha's item and so spends nothing on it; the cooperative seat spends
    its whole budget (4 SB) on the named cell (an arrest at 2, two surveillances at 1) and advises
    the public about the named target."""
    hawk = play("hawk", _response(ALPHA).view(BRAVO), random.Random(1))
    assert hawk.actions == ()
    coop = play("cooperative", _response(ALPHA).view(BRAVO), random.Random(1))
    kinds = [(a.action, a.target) for a in coop.actions]
    assert sorted(kinds) == sorted([(ActionKind.ARREST, CELL[0]), (ActionKind.SURVEIL, CELL[1]),
                                    (ActionKind.SURVEIL, CELL[2]),
                                    (ActionKind.ADVISORY, "bravo_hall")])


def test_advisories_are_the_cooperative_and_duty_seats_not_the_hawks() -> None:
    """With PC to spare, a cooperative or duty seat warns its public about the target it hardens;
    a hawk never issues advisories."""
    for policy, advises in (("cooperative", True), ("duty", True), ("hawk", False)):
        orders = play(policy, _response(CHARLIE).view(BRAVO), random.Random(1))
        assert any(a.action is ActionKind.ADVISORY for a in orders.actions) is advises, policy


def test_the_provocation_price_is_the_scenarios() -> None:
    """A cooperative seat that accepts a distrusted sender's item pays the scenario's provocation
    price (here all its PC, at a low-trust bound of 2) and so orders no advisory it could not pay:
    the engine takes its response whole."""
    bravo_pc = Game(scenario()).pc(BRAVO)
    g = Game(scenario(injects=[{**NAMED, "recipient": CHARLIE}],
                      tunables={"provocation_pc": bravo_pc, "low_trust": 2})).to(Phase.SHARING)
    g.by(CHARLIE, Share(item=1, to=BRAVO, level=Level.FULL))   # Bravo trusts Charlie at 2
    g.to(Phase.RESPONSE)
    orders = play("cooperative", g.view(BRAVO), random.Random(1))
    assert [(r.item, r.rating) for r in orders.ratings] == [(1, Rating.ACCEPT)]
    assert not any(a.action is ActionKind.ADVISORY for a in orders.actions)
    assert orders.actions                                       # the SB is still spent
    _accepted(g, BRAVO, orders)
    assert g.one(ev.ItemRated).pc_cost == bravo_pc and g.pc(BRAVO) == 0


def test_every_policy_keeps_within_budget_and_the_engine_takes_its_response() -> None:
    for policy in ("cooperative", "hawk", "duty", "random"):
        for sender in (ALPHA, CHARLIE):
            g = _response(sender)
            orders = play(policy, g.view(BRAVO), random.Random(5))
            _accepted(g, BRAVO, orders)
            assert g.state.phase is Phase.AFTERMATH
            assert g.sb(BRAVO) >= 0


def test_outside_sharing_and_response_a_policy_is_only_ready() -> None:
    g = _sharing()
    g.done_all()
    g.to(Phase.AFTERMATH)
    for policy in ("cooperative", "hawk", "duty", "random"):
        assert play(policy, g.view(ALPHA), random.Random(1)) == SubmitOrders()
