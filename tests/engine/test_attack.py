"""GAME.md, "attack — every plot due this turn resolves with the game's seeded random source: roll
2d6 + prevention … ≥ 10 foiled; 8–9 disrupted (half casualties); ≤ 7 carried out"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from game.engine import Act, ActionKind, Adjudicate, Outcome, Phase, Rate, Rating, Share, Strength
from game.engine import events as ev
from game.engine.errors import Code
from game.engine.types import Level

from .helpers import (
    ALPHA,
    BRAVO,
    CELL,
    CHARLIE,
    Game,
    first_game,
    inject,
    modifiers,
    plot,
    resolved,
    role,
    rolled,
    scenario,
)

# Bravo holds the whole cell's names (its own item), so it can surveil and arrest.
BRAVO_KNOWS = inject("bravo_knows", recipient=BRAVO, specificity=4, identity="named",
                     names=list(CELL), targets=["bravo_hall"])
ALWAYS_CARRIED_OUT = {"foil_at": 30, "disrupt_at": 30}


def attack(
    respond: Callable[[Game], Any] = lambda g: None,
    *,
    seed: int = 7,
    share: Callable[[Game], Any] = lambda g: None,
    **kw: Any,
) -> Game:
    """A game whose plot p1 fires in turn 1: `share` runs in sharing, `respond` in response."""
    kw.setdefault("plots", [plot(turn=1)])
    kw.setdefault("roles", [role(ALPHA), role(BRAVO, security_budget=6), role(CHARLIE)])
    g = Game(scenario(**kw), seed=seed).to(Phase.SHARING)
    share(g)
    g.to(Phase.RESPONSE)
    respond(g)
    return g.to(Phase.AFTERMATH)


def act(kind: ActionKind, target: str, by: str = BRAVO) -> Callable[[Game], Any]:
    return lambda g: g.by(by, Act(action=kind, target=target))


# Resolution ----------------------------------------------------------------------------------------


def test_the_roll_is_two_d6_plus_prevention() -> None:
    """"roll 2d6 + prevention": the recorded total is the two dice plus every modifier."""
    for seed in range(1, 20):
        g = attack(act(ActionKind.HARDEN, "bravo_hall"), seed=seed)
        r = rolled(g)
        assert all(1 <= d <= 6 for d in r.dice)
        assert r.total == sum(r.dice) + sum(v for _, v in r.modifiers) == sum(r.dice) + 3


@pytest.mark.parametrize(
    ("total", "outcome", "casualties"),
    [(12, Outcome.FOILED, 0), (10, Outcome.FOILED, 0), (9, Outcome.DISRUPTED, 5),
     (8, Outcome.DISRUPTED, 5), (7, Outcome.CARRIED_OUT, 10), (2, Outcome.CARRIED_OUT, 10)],
)
def test_ten_or_more_foils_eight_or_nine_disrupts_seven_or_less_is_carried_out(
    total: int, outcome: Outcome, casualties: int
) -> None:
    """"≥ 10 foiled; 8–9 disrupted (half casualties); ≤ 7 carried out" — for a venue assault
    (casualty weight 10), with no prevention, at each boundary."""
    g = first_game(lambda seed: attack(seed=seed), lambda g: rolled(g).total == total, tries=500)
    assert (resolved(g).outcome, resolved(g).casualties) == (outcome, casualties)


@pytest.mark.parametrize(
    ("method", "weight"),
    [("venue_assault", 10), ("crowd_bombing", 7), ("multi_site", 10), ("small_ied", 2)],
)
def test_a_carried_out_attack_costs_its_casualty_weight(method: str, weight: int) -> None:
    """"casualty weight (venue assault 10, crowd bombing 7, multi-site 10, small IED 2)"."""
    g = attack(plots=[plot(turn=1, method=method)], tunables=ALWAYS_CARRIED_OUT)
    assert (resolved(g).outcome, resolved(g).casualties) == (Outcome.CARRIED_OUT, weight)


@pytest.mark.parametrize(("method", "half"), [("venue_assault", 5), ("crowd_bombing", 3),
                                              ("small_ied", 1)])
def test_a_disrupted_attack_costs_half_its_weight_rounded_down(method: str, half: int) -> None:
    """"8–9 disrupted (half casualties)". Interpretation: halves round down (7 → 3)."""
    g = attack(plots=[plot(turn=1, method=method)], tunables={"foil_at": 30, "disrupt_at": 2})
    assert (resolved(g).outcome, resolved(g).casualties) == (Outcome.DISRUPTED, half)


def test_a_plot_may_carry_its_own_casualty_weight() -> None:
    """The plot's "casualty weight" is ground truth from the scenario; a plot may set its own."""
    g = attack(plots=[plot(turn=1, casualty_weight=40)], tunables=ALWAYS_CARRIED_OUT)
    assert resolved(g).casualties == 40


def test_casualties_count_against_the_victim_state() -> None:
    """"that role is the victim state of a plot against it and its casualties count against that
    role"."""
    g = attack(plots=[plot(turn=1, target="charlie_port", method="crowd_bombing")],
               tunables=ALWAYS_CARRIED_OUT)
    assert resolved(g).victim == CHARLIE
    assert g.state.casualties == {ALPHA: 0, BRAVO: 0, CHARLIE: 7}


def test_only_plots_due_this_turn_resolve() -> None:
    """"every plot due this turn resolves": a plot of a later turn waits."""
    g = attack(plots=[plot(turn=1), plot("p2", turn=2, target="charlie_port")])
    assert [e.plot for e in g.events(ev.AttackResolved)] == ["p1"]
    assert g.state.plots["p2"].outcome is None


def test_the_outcome_is_public_and_the_dice_are_the_facilitators() -> None:
    """"aftermath — outcomes are revealed to all"; the roll and its modifiers stay hidden."""
    g = attack()
    assert resolved(g).visibility.public
    assert not rolled(g).visibility.public and rolled(g).visibility.seats == ()


# Prevention -------------------------------------------------------------------------------------


def test_hardening_the_true_target_adds_three() -> None:
    """"hardening the true target +3"."""
    g = attack(act(ActionKind.HARDEN, "bravo_hall"))
    assert modifiers(g) == {"hardened the target": 3}


def test_hardening_another_target_of_the_same_class_in_the_same_city_adds_one() -> None:
    """"(hardening another target of the same class in the same city +1)"."""
    g = attack(act(ActionKind.HARDEN, "bravo_arena"))
    assert modifiers(g) == {"hardened a target of the same class in the same city": 1}


def test_hardening_elsewhere_adds_nothing() -> None:
    """Another class in the same city, or another city, does not protect the target."""
    def respond(g: Game) -> None:
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_metro"))
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_parliament"))

    assert modifiers(attack(respond)) == {}


def test_hardening_the_true_target_and_its_neighbour_adds_three_not_four() -> None:
    """The +1 is for hardening another target instead: with the true target hardened, +3."""
    def respond(g: Game) -> None:
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_arena"))

    assert sum(modifiers(attack(respond)).values()) == 3


@pytest.mark.parametrize(("members", "bonus"), [(1, 2), (2, 4), (3, 4)])
def test_surveillance_adds_two_per_named_cell_member_at_most_four(members: int, bonus: int) -> None:
    """"surveillance +2 per named cell member, at most +4"."""
    def respond(g: Game) -> None:
        for name in CELL[:members]:
            g.by(BRAVO, Act(action=ActionKind.SURVEIL, target=name))

    g = attack(respond, injects=[BRAVO_KNOWS])
    assert modifiers(g)["surveillance of the cell"] == bonus


def test_only_the_threatened_state_can_watch_the_cell() -> None:
    """Interpretation: a cell lives where it will strike, so only the state an item concerns can
    surveil or arrest the people it names; a partner that holds the names must pass them on."""
    knows = {**BRAVO_KNOWS, "recipient": ALPHA, "id": "a_knows", "text": "a_knows"}
    g = Game(scenario(plots=[plot(turn=1)], injects=[knows])).to(Phase.RESPONSE)
    assert g.refusal(ALPHA, Act(action=ActionKind.SURVEIL, target=CELL[0])) is (
        Code.NOT_YOUR_TERRITORY)


def test_surveilling_someone_outside_the_cell_adds_nothing() -> None:
    """Only cell members count: a name from an item that is wrong about the cell does nothing."""
    wrong = {**BRAVO_KNOWS, "names": ["John Doe"]}
    assert modifiers(attack(act(ActionKind.SURVEIL, "John Doe"), injects=[wrong])) == {}


def test_an_arrest_adds_four_per_arrested_member() -> None:
    """"arrest of a named member +4"."""
    def respond(g: Game) -> None:
        g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[0]))
        g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[1]))

    r = rolled(attack(respond, injects=[BRAVO_KNOWS]))
    assert [m for m in r.modifiers if m[0] == "arrest of a cell member"] == [
        ("arrest of a cell member", 4)] * 2


def test_an_arrest_in_an_earlier_turn_still_counts() -> None:
    """Interpretation: an arrested member stays in custody; the +4 holds for the rest of the
    game."""
    g = Game(scenario(plots=[plot(turn=2)], injects=[BRAVO_KNOWS])).to(Phase.RESPONSE, 1)
    g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[2]))
    g.to(Phase.AFTERMATH, 2)
    assert modifiers(g)["arrest of a cell member"] == 4


def test_a_public_advisory_adds_one() -> None:
    """"public advisory +1" — for a plot on a target of the advised class in the advised city."""
    assert modifiers(attack(act(ActionKind.ADVISORY, "bravo_arena"))) == {"public advisory": 1}
    assert modifiers(attack(act(ActionKind.ADVISORY, "bravo_metro"))) == {}


def test_a_watchlist_hit_adds_one() -> None:
    """"+1 for a watchlist or border hit": the victim holds, at full level, an item naming a cell
    member."""
    assert modifiers(attack(injects=[BRAVO_KNOWS])) == {"watchlist or border hit": 1}


def test_names_lost_to_sanitizing_give_no_watchlist_hit() -> None:
    """A sanitized copy has no identities: nothing to put on a watchlist."""
    alpha_knows = {**BRAVO_KNOWS, "recipient": ALPHA}
    g = attack(share=lambda g: g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.SANITIZED)),
               injects=[alpha_knows])
    assert modifiers(g) == {}


def test_an_attack_after_a_dismissed_warning_loses_one() -> None:
    """"−1 if the victim state dismissed a warning about it"."""
    item = inject("tip", recipient=CHARLIE, specificity=2)
    g = attack(lambda g: g.by(BRAVO, Rate(item=1, rating=Rating.DISMISS)),
               share=lambda g: g.by(CHARLIE, Share(item=1, to=BRAVO, level=Level.WARNING)),
               injects=[item])
    assert modifiers(g) == {"the victim state dismissed a warning": -1}


@pytest.mark.parametrize("rating", [Rating.ACCEPT, Rating.DISCOUNT, None])
def test_a_warning_accepted_discounted_or_unrated_costs_nothing_at_the_attack(
    rating: Rating | None,
) -> None:
    """Only dismissing a warning weakens the defence (Interpretation: an unrated item counts as
    discounted)."""
    item = inject("tip", recipient=CHARLIE, specificity=2)
    g = attack(lambda g: rating and g.by(BRAVO, Rate(item=1, rating=rating)),
               share=lambda g: g.by(CHARLIE, Share(item=1, to=BRAVO, level=Level.WARNING)),
               injects=[item])
    assert modifiers(g) == {}


def test_a_successful_free_form_action_adds_two_to_the_plot_it_names() -> None:
    """A free-form action the facilitator adjudicates as a success, against the plot he names,
    adds +2 (Interpretation: `proposal_prevention`); a failed one adds nothing."""
    def respond(g: Game) -> None:
        g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="cancel the concert"))
        g.fac(Adjudicate(action=1, strength=Strength.AVERAGE, plot="p1"))

    for seed in range(1, 12):
        g = attack(respond, seed=seed)
        judged = g.one(ev.ProposalAdjudicated)
        assert modifiers(g) == ({"free-form action #1 succeeded": 2} if judged.success else {})


def test_border_watch_makes_any_item_about_the_plot_a_border_hit() -> None:
    """`border_watch` (special rule): the watchlist bonus applies when the victim holds any item
    about the plot, names or not."""
    tip = inject("tip", recipient=CHARLIE, specificity=2)
    share = lambda g: g.by(CHARLIE, Share(item=1, to=BRAVO, level=Level.WARNING))  # noqa: E731
    watch = [role(ALPHA), role(BRAVO, special_rules=["border_watch"]), role(CHARLIE)]
    assert modifiers(attack(share=share, injects=[tip], roles=watch)) == {
        "watchlist or border hit": 1}
    assert modifiers(attack(share=share, injects=[tip])) == {}


def test_schengen_lag_names_received_this_turn_reach_the_border_too_late() -> None:
    """`schengen_lag` (special rule): names received in the attack's own turn give no watchlist
    hit; names held from an earlier turn do."""
    lag = [role(ALPHA), role(BRAVO, special_rules=["schengen_lag"]), role(CHARLIE)]
    assert modifiers(attack(injects=[BRAVO_KNOWS], roles=lag)) == {}
    g = Game(scenario(roles=lag, plots=[plot(turn=2)], injects=[BRAVO_KNOWS])).to(Phase.AFTERMATH, 2)
    assert modifiers(g) == {"watchlist or border hit": 1}


def test_prevention_adds_up() -> None:
    """All modifiers add: hardening +3, two surveilled +4, an arrest +4, an advisory +1, a
    watchlist hit +1."""
    def respond(g: Game) -> None:
        for kind, target in [(ActionKind.HARDEN, "bravo_hall"), (ActionKind.SURVEIL, CELL[0]),
                             (ActionKind.SURVEIL, CELL[1]), (ActionKind.ARREST, CELL[2]),
                             (ActionKind.ADVISORY, "bravo_hall")]:
            g.by(BRAVO, Act(action=kind, target=target))

    r = rolled(attack(respond, injects=[BRAVO_KNOWS]))
    assert r.total - sum(r.dice) == 3 + 4 + 4 + 1 + 1
    assert resolved(attack(respond, injects=[BRAVO_KNOWS])).outcome is Outcome.FOILED


# Red adapts to advisories --------------------------------------------------------------------------


def advised(seed: int, **kw: Any) -> Game:
    """Bravo issues an advisory for Bravograd's concert venues in turn 1; p1 is due in turn 2."""
    kw.setdefault("tunables", {"advisory_shift_chance": 1.0})
    kw.setdefault("plots", [plot(turn=2)])
    g = Game(scenario(**kw), seed=seed).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_hall"))
    return g.to(Phase.INTEL_RECEIVED, 2)


def test_after_an_advisory_red_shifts_target_or_delays() -> None:
    """"issue a public advisory (… Red may shift target or timing)"; "with probability 1/2, Red
    shifts to another target of the same class or delays one turn". At probability 1 Red always
    adapts, by one of the two."""
    kinds = set()
    for seed in range(1, 30):
        g = advised(seed)
        adapted = g.one(ev.RedAdapted)
        live = g.state.plots["p1"]
        if adapted.target != "bravo_hall":
            assert (live.target, live.turn) == ("bravo_arena", 2)
            kinds.add("shift")
        else:
            assert (live.target, live.turn) == ("bravo_hall", 3)
            kinds.add("delay")
        assert not adapted.visibility.public and adapted.visibility.seats == ()
    assert kinds == {"shift", "delay"}


def test_without_a_same_class_target_in_the_city_red_can_only_delay() -> None:
    """A shift goes to "another target of the same class" in the same city; with none, Red
    delays."""
    for seed in range(1, 10):
        g = Game(scenario(plots=[plot(target="bravo_parliament", turn=2)],
                          tunables={"advisory_shift_chance": 1.0}), seed=seed).to(Phase.RESPONSE)
        g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_parliament"))
        g.to(Phase.AFTERMATH)
        assert (g.state.plots["p1"].target, g.state.plots["p1"].turn) == ("bravo_parliament", 3)


def test_red_never_delays_past_the_last_turn() -> None:
    """Interpretation: a delay cannot push a plot out of the game; in the last turn Red can only
    shift, or keep to its plan."""
    for seed in range(1, 10):
        g = Game(scenario(turns=1, plots=[plot(target="bravo_parliament", turn=1)],
                          tunables={"advisory_shift_chance": 1.0}), seed=seed).to(Phase.RESPONSE)
        g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_parliament"))
        g.to(Phase.DEBRIEF)
        assert g.events(ev.RedAdapted) == [] and g.state.plots["p1"].outcome is not None


def test_red_ignores_advisories_at_probability_zero_and_elsewhere() -> None:
    """Red reacts only with the scenario's probability, and only to advisories covering the
    plot's class and city."""
    assert advised(3, tunables={"advisory_shift_chance": 0.0}).events(ev.RedAdapted) == []
    g = Game(scenario(tunables={"advisory_shift_chance": 1.0})).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_metro"))
    g.to(Phase.INTEL_RECEIVED, 2)
    assert g.events(ev.RedAdapted) == []


def test_red_adapts_about_half_the_time() -> None:
    """"with probability 1/2" (the default)."""
    adapted = sum(bool(advised(seed, tunables={"advisory_shift_chance": 0.5}).events(ev.RedAdapted))
                  for seed in range(1, 61))
    assert 18 <= adapted <= 42


def test_a_shifted_plot_escapes_hardening_of_its_old_target() -> None:
    """After a shift, the plot's true target is the new one: hardening the old one is now only
    "another target of the same class in the same city" (+1), while the advisory still covers it."""
    def shifted(g: Game) -> bool:
        return any(e.target != "bravo_hall" for e in g.events(ev.RedAdapted))

    def build(seed: int) -> Game:
        g = Game(scenario(plots=[plot(turn=1)], tunables={"advisory_shift_chance": 1.0}),
                 seed=seed).to(Phase.RESPONSE)
        g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_hall"))
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
        return g.to(Phase.AFTERMATH)

    g = first_game(build, shifted)
    assert resolved(g).target == "bravo_arena"
    assert modifiers(g) == {"hardened a target of the same class in the same city": 1,
                            "public advisory": 1}


def test_the_length_of_reds_delay_is_a_tunable() -> None:
    """"or delays one turn" — the one is the scenario's `advisory_delay_turns` (an advisory in turn
    1 against a turn-2 plot, a delay of 2: it strikes in turn 4); a delay that would carry the plot
    past the last turn is not taken (Red keeps to its plan)."""
    for seed in range(1, 10):
        g = Game(scenario(turns=4, plots=[plot(target="bravo_parliament", turn=2)],
                          tunables={"advisory_shift_chance": 1.0, "advisory_delay_turns": 2}),
                 seed=seed).to(Phase.RESPONSE)
        g.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_parliament"))
        g.to(Phase.AFTERMATH)
        assert (g.state.plots["p1"].target, g.state.plots["p1"].turn) == ("bravo_parliament", 4)
        assert g.one(ev.RedAdapted).reason == "delayed 2 turns after a public advisory"
        too_far = Game(scenario(turns=3, plots=[plot(target="bravo_parliament", turn=2)],
                                tunables={"advisory_shift_chance": 1.0, "advisory_delay_turns": 2}),
                       seed=seed).to(Phase.RESPONSE)
        too_far.by(BRAVO, Act(action=ActionKind.ADVISORY, target="bravo_parliament"))
        too_far.to(Phase.INTEL_RECEIVED, 2)
        assert too_far.events(ev.RedAdapted) == [] and too_far.state.plots["p1"].turn == 2
