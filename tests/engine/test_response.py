"""GAME.md, "response — each seat first rates what it received … and then spends SB"."""

from __future__ import annotations

import pytest

from game.engine import Act, ActionKind, Done, Phase, Rate, Rating, Share
from game.engine import events as ev
from game.engine.errors import Code
from game.engine.types import Level

from .helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, inject, plot, role, scenario

NAMED = inject("named", specificity=4, identity="named", names=list(CELL), window=[1, 3])


def received(level: Level = Level.FULL, *, sender: str = ALPHA, to: str = BRAVO, **kw: object) -> Game:
    """`sender` shares a named item on plot p1 with `to` at `level`; now the response phase."""
    g = Game(scenario(injects=[{**NAMED, "recipient": sender}], **kw)).to(Phase.SHARING)
    g.by(sender, Share(item=1, to=to, level=level))
    return g.to(Phase.RESPONSE)


# Ratings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rating", list(Rating))
def test_a_seat_rates_what_it_received(rating: Rating) -> None:
    """"each seat first rates what it received (accept / discount / dismiss)"."""
    g = received(sender=CHARLIE)
    assert g.view(BRAVO).to_rate == (1,)
    g.by(BRAVO, Rate(item=1, rating=rating))
    assert g.state.ratings[(BRAVO, 1)] is rating
    assert g.view(BRAVO).to_rate == ()


def test_accepting_from_a_sender_trusted_at_one_or_less_costs_one_pc() -> None:
    """"accepting from a sender it trusts at ≤ 1 costs 1 PC, the 'provocation' effect"."""
    g = received(sender=ALPHA)
    assert g.trust(BRAVO, ALPHA) == 1
    before = g.pc(BRAVO)
    (rated,) = g.by(BRAVO, Rate(item=1, rating=Rating.ACCEPT))
    assert isinstance(rated, ev.ItemRated) and rated.pc_cost == 1
    assert g.pc(BRAVO) == before - 1


def test_accepting_from_a_sender_trusted_at_zero_costs_one_pc_too() -> None:
    """"trusts at ≤ 1": zero included."""
    trust = {ALPHA: {BRAVO: 1, CHARLIE: 4}, BRAVO: {ALPHA: 0, CHARLIE: 2},
             CHARLIE: {ALPHA: 4, BRAVO: 2}}
    g = received(sender=ALPHA, trust=trust)
    before = g.pc(BRAVO)
    g.by(BRAVO, Rate(item=1, rating=Rating.ACCEPT))
    assert g.pc(BRAVO) == before - 1


def test_accepting_from_a_trusted_sender_is_free() -> None:
    """The provocation cost applies only at trust ≤ 1: from a sender trusted at 2 it is free."""
    g = received(sender=CHARLIE)
    assert g.trust(BRAVO, CHARLIE) == 2
    before = g.pc(BRAVO)
    g.by(BRAVO, Rate(item=1, rating=Rating.ACCEPT))
    assert g.pc(BRAVO) == before


@pytest.mark.parametrize("rating", [Rating.DISCOUNT, Rating.DISMISS])
def test_discounting_or_dismissing_a_distrusted_sender_is_free(rating: Rating) -> None:
    """Only accepting is a provocation; discounting or dismissing costs nothing."""
    g = received(sender=ALPHA)
    before = g.pc(BRAVO)
    g.by(BRAVO, Rate(item=1, rating=rating))
    assert g.pc(BRAVO) == before


def test_only_received_items_are_rated_and_only_once() -> None:
    """One rates "what it received": one's own items are `not_received`; a rating is final
    (`already_rated`); an item one does not hold is `unknown_item`."""
    g = received(sender=CHARLIE)
    assert g.refusal(CHARLIE, Rate(item=1, rating=Rating.ACCEPT)) is Code.NOT_RECEIVED
    assert g.refusal(ALPHA, Rate(item=1, rating=Rating.ACCEPT)) is Code.UNKNOWN_ITEM
    g.by(BRAVO, Rate(item=1, rating=Rating.DISCOUNT))
    assert g.refusal(BRAVO, Rate(item=1, rating=Rating.ACCEPT)) is Code.ALREADY_RATED


def test_ratings_are_private() -> None:
    """A rating is the rater's own business until the debrief."""
    g = received(sender=CHARLIE)
    (rated,) = g.by(BRAVO, Rate(item=1, rating=Rating.DISMISS))
    assert rated.visibility.seats == (BRAVO,) and not rated.visibility.public


# Harden -------------------------------------------------------------------------------------------


def test_harden_costs_one_sb_per_target() -> None:
    """"harden a target (1 each)"."""
    g = Game(scenario()).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_arena"))
    assert g.sb(BRAVO) == 4 - 2


def test_harden_only_targets_on_ones_own_territory() -> None:
    """"each [target] in a role's territory": a state hardens its own targets only
    (`not_your_territory`); an unknown target is `unknown_target`."""
    g = Game(scenario()).to(Phase.RESPONSE)
    assert g.refusal(ALPHA, Act(action=ActionKind.HARDEN, target="bravo_hall")) is (
        Code.NOT_YOUR_TERRITORY)
    assert g.refusal(BRAVO, Act(action=ActionKind.HARDEN, target="nowhere")) is Code.UNKNOWN_TARGET


def test_a_target_is_hardened_once_a_turn() -> None:
    """Hardening the same target twice in a turn is `duplicate_action`."""
    g = Game(scenario()).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    assert g.refusal(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall")) is (
        Code.DUPLICATE_ACTION)


def test_spending_is_limited_by_the_budget() -> None:
    """SB is a budget: an action that costs more than is left is `not_enough_budget`."""
    g = Game(scenario(roles=[role(ALPHA), role(BRAVO, security_budget=1), role(CHARLIE)]))
    g.to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    assert g.refusal(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_arena")) is (
        Code.NOT_ENOUGH_BUDGET)


# Surveil and arrest --------------------------------------------------------------------------------


def test_surveil_costs_one_sb_and_needs_a_name_from_a_held_item() -> None:
    """"surveil a named suspect (1 each …)"; "surveil and arrest need the name of a cell member,
    which only items of identity partial or named carry"."""
    g = received(sender=CHARLIE)
    g.by(BRAVO, Act(action=ActionKind.SURVEIL, target="ivan petrov"))
    (action,) = g.state.turn_actions(BRAVO)
    assert (action.target, action.sb_cost, action.items) == ("Ivan Petrov", 1, (1,))
    assert g.refusal(BRAVO, Act(action=ActionKind.SURVEIL, target="John Doe")) is (
        Code.UNKNOWN_SUSPECT)


def test_a_sanitized_copy_gives_no_name_to_surveil() -> None:
    """Sanitized removes identities: its holder cannot surveil or arrest the names it lost."""
    g = received(Level.SANITIZED, sender=CHARLIE)
    for kind in (ActionKind.SURVEIL, ActionKind.ARREST):
        assert g.refusal(BRAVO, Act(action=kind, target=CELL[0])) is Code.UNKNOWN_SUSPECT


def test_arrest_costs_two_sb() -> None:
    """"arrest a named suspect (2; +4 prevention; triggers a burn check)"."""
    g = received(sender=CHARLIE)
    g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[1]))
    assert g.sb(BRAVO) == 4 - 2


def test_a_suspect_is_arrested_once() -> None:
    """Someone in custody cannot be arrested again (`already_arrested`)."""
    g = received(sender=ALPHA, to=BRAVO)
    g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[0]))
    assert g.refusal(BRAVO, Act(action=ActionKind.ARREST, target=CELL[0].upper())) is (
        Code.ALREADY_ARRESTED)


# Advisory and proposals -----------------------------------------------------------------------------


def test_a_public_advisory_costs_one_pc_and_is_public() -> None:
    """"issue a public advisory (1 PC; …)": it costs no SB and everybody sees it."""
    g = Game(scenario()).to(Phase.RESPONSE)
    pc, sb = g.pc(BRAVO), g.sb(BRAVO)
    taken, announced = g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_hall"))
    assert (g.pc(BRAVO), g.sb(BRAVO)) == (pc - 1, sb)
    assert isinstance(announced, ev.AdvisoryIssued) and announced.visibility.public
    assert not taken.visibility.public  # the items behind it stay with its author


def test_an_advisory_needs_political_capital() -> None:
    """Without PC left, an advisory is `not_enough_pc`."""
    g = Game(scenario(roles=[role(ALPHA), role(BRAVO, political_capital=0), role(CHARLIE)]))
    g.to(Phase.RESPONSE)
    assert g.refusal(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_hall")) is (
        Code.NOT_ENOUGH_PC)


def test_an_advisory_covers_ones_own_territory() -> None:
    """A state advises its own public: another state's target is `not_your_territory`."""
    g = Game(scenario()).to(Phase.RESPONSE)
    assert g.refusal(ALPHA, Act(action=ActionKind.ADVISORY, target="bravo_hall")) is (
        Code.NOT_YOUR_TERRITORY)


def test_a_free_form_proposal_needs_a_description_and_costs_one_sb() -> None:
    """"propose a free-form action that the facilitator adjudicates". Interpretation: it costs
    1 SB like any other action and needs words to adjudicate."""
    g = Game(scenario()).to(Phase.RESPONSE)
    assert g.refusal(BRAVO, Act(action=ActionKind.PROPOSE, text="  ")) is Code.INVALID_ARGUMENT
    g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="close the border crossing"))
    assert g.sb(BRAVO) == 3


def test_actions_other_than_advisories_are_private() -> None:
    """What a service hardens, watches or proposes is its own secret (advisories excepted)."""
    g = received(sender=CHARLIE, roles=[role(ALPHA), role(BRAVO, security_budget=6), role(CHARLIE)])
    events = []
    events += g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    events += g.by(BRAVO, Act(action=ActionKind.SURVEIL, target=CELL[0]))
    events += g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[1]))
    events += g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="x"))
    assert all(e.visibility.seats == (BRAVO,) and not e.visibility.public for e in events)


# Alert fatigue -----------------------------------------------------------------------------------------


def fatigue_game(window: list[int], level: Level = Level.FULL, **kw: object) -> Game:
    """Charlie tells Bravo in turn 1 of a threat with the given stated window; turn 2's response."""
    item = {**NAMED, "recipient": CHARLIE, "window": window, **kw}
    g = Game(scenario(injects=[item])).to(Phase.SHARING)
    g.by(CHARLIE, Share(item=1, to=BRAVO, level=level))
    return g.to(Phase.RESPONSE, 2)


def test_hardening_past_every_stated_window_costs_double() -> None:
    """"Holding hardening or surveillance past an item's stated window costs double (alert
    fatigue)": the window said turn 1; hardening in turn 2 costs 2 SB."""
    g = fatigue_game([1, 1])
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    assert g.state.turn_actions(BRAVO)[0].sb_cost == 2


def test_surveillance_past_every_stated_window_costs_double() -> None:
    """Alert fatigue applies to surveillance as to hardening."""
    g = fatigue_game([1, 1])
    g.by(BRAVO, Act(action=ActionKind.SURVEIL, target=CELL[0]))
    assert g.state.turn_actions(BRAVO)[0].sb_cost == 2


def test_arrest_and_untied_hardening_are_not_fatigued() -> None:
    """Alert fatigue concerns hardening and surveillance only, and only those tied to an item:
    an arrest, or hardening a target no held item names, costs the usual price."""
    g = fatigue_game([1, 1])
    g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[0]))
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_parliament"))
    assert sorted(a.sb_cost for a in g.state.turn_actions(BRAVO)) == [1, 2]


def test_hardening_within_a_stated_window_costs_the_usual_price() -> None:
    """While the window still runs, hardening costs 1."""
    g = fatigue_game([1, 2])
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    assert g.state.turn_actions(BRAVO)[0].sb_cost == 1


def test_one_item_still_in_its_window_keeps_hardening_at_the_usual_price() -> None:
    """Interpretation: "past an item's stated window" means past the window of every held item
    that names the target; one that still covers the turn justifies the effort."""
    fresh = inject("fresh", turn=2, recipient=BRAVO, specificity=3, targets=["bravo_hall"],
                   window=[2, 3])
    item = {**NAMED, "recipient": CHARLIE, "window": [1, 1]}
    g = Game(scenario(injects=[item, fresh])).to(Phase.SHARING)
    g.by(CHARLIE, Share(item=1, to=BRAVO, level=Level.FULL))
    g.to(Phase.RESPONSE, 2)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    assert g.state.turn_actions(BRAVO)[0].sb_cost == 1


def test_hardening_past_a_warnings_stated_window_costs_double() -> None:
    """Alert fatigue after a warning-level notice (the Moscow case: "48 hours", then nothing): a
    warning names a city and a class rather than targets, and hardening a target of that class in
    that city after its window costs double just the same."""
    g = fatigue_game([1, 1], Level.WARNING)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_arena"))
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_metro"))
    costs = {a.target: a.sb_cost for a in g.state.turn_actions(BRAVO)}
    assert costs == {"bravo_arena": 2, "bravo_metro": 1}


def test_a_seat_that_is_done_can_no_longer_act() -> None:
    """Once a seat has submitted, it cannot change its response (`already_submitted`)."""
    g = Game(scenario()).to(Phase.RESPONSE)
    g.by(BRAVO, Done())
    assert g.refusal(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall")) is (
        Code.ALREADY_SUBMITTED)


def test_responses_belong_to_the_response_phase() -> None:
    """Rating and spending happen in the response phase only (`wrong_phase` in sharing)."""
    g = Game(scenario(plots=[plot(turn=2)])).to(Phase.SHARING)
    assert g.refusal(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall")) is Code.WRONG_PHASE
    assert g.refusal(BRAVO, Rate(item=1, rating=Rating.ACCEPT)) is Code.WRONG_PHASE


def test_a_free_action_stays_free_with_negative_pc() -> None:
    """PC may fall below zero (here a provocation at 0 PC); an action that costs no PC is still
    allowed: only a PC cost can be unaffordable."""
    roles = [role(r, political_capital=0) if r == BRAVO else role(r) for r in (ALPHA, BRAVO, CHARLIE)]
    g = received(sender=ALPHA, to=BRAVO, roles=roles)
    g.by(BRAVO, Rate(item=1, rating=Rating.ACCEPT))  # trusted at 1: costs 1 PC
    assert g.pc(BRAVO) == -1
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    assert [a.kind for a in g.state.turn_actions(BRAVO)] == [ActionKind.HARDEN]
