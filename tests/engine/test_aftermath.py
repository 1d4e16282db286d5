"""GAME.md, "aftermath — outcomes are revealed to all; then source-burn checks, attribution and
blame, trust changes"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from game.engine import Act, ActionKind, Phase, Rate, Rating, Share
from game.engine import events as ev
from game.engine.types import Level, Outcome, Via

from .helpers import (
    ALPHA,
    BRAVO,
    CELL,
    CHARLIE,
    Game,
    first_game,
    inject,
    plot,
    resolved,
    role,
    scenario,
)

ALWAYS_CARRIED_OUT = {"foil_at": 30, "disrupt_at": 30}
# An item on p1 (Bravograd Hall) with the whole cell's names: something to harden and to arrest.
SOURCE = inject("source", recipient=CHARLIE, specificity=4, identity="named", names=list(CELL),
                sensitivity=2, window=[1, 3])


def played(
    share: Callable[[Game], Any] = lambda g: None,
    respond: Callable[[Game], Any] = lambda g: None,
    *,
    seed: int = 7,
    **kw: Any,
) -> Game:
    """Turn 1 played to its aftermath: `share` in sharing, `respond` in response."""
    kw.setdefault("injects", [SOURCE])
    kw.setdefault("roles", [role(ALPHA), role(BRAVO, security_budget=6), role(CHARLIE)])
    g = Game(scenario(**kw), seed=seed).to(Phase.SHARING)
    share(g)
    g.to(Phase.RESPONSE)
    respond(g)
    return g.to(Phase.AFTERMATH)


def sends(sender: str, level: Level, to: str = BRAVO, item: int = 1) -> Callable[[Game], Any]:
    return lambda g: g.by(sender, Share(item=item, to=to, level=level))


def does(kind: ActionKind, target: str, by: str = BRAVO) -> Callable[[Game], Any]:
    return lambda g: g.by(by, Act(action=kind, target=target))


# Source burn ------------------------------------------------------------------------------------


def test_a_shared_item_that_led_to_visible_action_risks_its_source() -> None:
    """"a fully shared item that led to visible action burns its source on d6 ≤ sensitivity":
    Charlie's item (sensitivity 2) shared in full; Bravo hardens a target it names."""
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_hall"))
    check = g.one(ev.SourceBurnChecked)
    assert (check.item, check.originator, check.actor) == (1, CHARLIE, BRAVO)
    assert check.threshold == 2
    assert check.burned is (check.roll <= 2)


def test_the_burn_roll_decides() -> None:
    """Burned exactly when the d6 is at most the threshold; both happen."""
    seen = set()
    for seed in range(1, 30):
        g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_hall"), seed=seed)
        check = g.one(ev.SourceBurnChecked)
        assert 1 <= check.roll <= 6 and check.burned is (check.roll <= check.threshold)
        assert (CHARLIE in [s.role for s in g.state.seats.values()
                            if "north" in s.ever_burned]) is check.burned
        seen.add(check.burned)
    assert seen == {True, False}


def test_low_trust_in_the_actor_makes_a_burn_likelier() -> None:
    """"+1 if trust ≤ 1": Charlie trusts Bravo at 1, so the threshold is sensitivity + 1."""
    trust = {ALPHA: {BRAVO: 1, CHARLIE: 4}, BRAVO: {ALPHA: 1, CHARLIE: 2},
             CHARLIE: {ALPHA: 4, BRAVO: 1}}
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_hall"), trust=trust)
    assert g.one(ev.SourceBurnChecked).threshold == 3


def test_a_sanitized_item_makes_a_burn_less_likely() -> None:
    """"−1 if sanitized": the threshold is sensitivity − 1."""
    g = played(sends(CHARLIE, Level.SANITIZED), does(ActionKind.HARDEN, "bravo_hall"))
    assert g.one(ev.SourceBurnChecked).threshold == 1


@pytest.mark.parametrize(("kind", "target"), [(ActionKind.HARDEN, "bravo_hall"),
                                              (ActionKind.ARREST, CELL[0]),
                                              (ActionKind.ADVISORY, "bravo_hall")])
def test_harden_arrest_and_advisory_are_visible_actions(kind: ActionKind, target: str) -> None:
    """Hardening, arrests and public advisories are visible: each risks the source."""
    g = played(sends(CHARLIE, Level.FULL), does(kind, target))
    assert len(g.events(ev.SourceBurnChecked)) == 1


def test_surveillance_is_not_a_visible_action() -> None:
    """Surveillance is covert: it burns nothing."""
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.SURVEIL, CELL[0]))
    assert g.events(ev.SourceBurnChecked) == []


def test_a_warning_never_burns_a_source() -> None:
    """A warning carries no source: acting on it risks nothing."""
    g = played(sends(CHARLIE, Level.WARNING), does(ActionKind.HARDEN, "bravo_hall"))
    assert g.events(ev.SourceBurnChecked) == []


def test_an_arrest_on_ones_own_item_risks_ones_own_source() -> None:
    """"arrest … triggers a burn check": an arrest on one's own intelligence risks one's own
    source, at d6 ≤ sensitivity."""
    g = played(respond=does(ActionKind.ARREST, CELL[0]), injects=[{**SOURCE, "recipient": BRAVO}])
    check = g.one(ev.SourceBurnChecked)
    assert (check.originator, check.actor, check.threshold) == (BRAVO, BRAVO, 2)


def test_hardening_on_ones_own_item_risks_nothing() -> None:
    """Only arrests risk one's own source; guarding one's own targets does not."""
    own = {**SOURCE, "recipient": BRAVO}
    g = played(respond=does(ActionKind.HARDEN, "bravo_hall"), injects=[own])
    assert g.events(ev.SourceBurnChecked) == []


def test_one_burn_check_per_item_per_turn() -> None:
    """Several actions on one item in one turn make one check."""
    def respond(g: Game) -> None:
        g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
        g.by(BRAVO, Act(action=ActionKind.ARREST, target=CELL[0]))

    assert len(played(sends(CHARLIE, Level.FULL), respond).events(ev.SourceBurnChecked)) == 1


def test_a_burn_is_told_to_the_originator_alone() -> None:
    """The service whose source burned learns it; nobody else does (until the debrief)."""
    def burned(g: Game) -> bool:
        return g.one(ev.SourceBurnChecked).burned

    g = first_game(lambda s: played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_hall"),
                                    seed=s), burned)
    assert g.one(ev.SourceBurnChecked).visibility.seats == (CHARLIE,)


def test_a_burned_source_gives_no_collection_in_its_region_for_two_turns() -> None:
    """"a burned source loses its collection for 2 turns"; "A burned source gives 0 dice in its
    region for 2 turns". Same seed with and without the burning action (collection dice are the
    same in both): after a burn in turn 1, Charlie collects nothing in turns 2 and 3, and again
    in turn 4."""
    def build(seed: int, *, act: bool) -> Game:
        sc = scenario(turns=4, roles=[role(ALPHA), role(BRAVO), role(CHARLIE,
                                                                      collection={"north": 6})],
                      plots=[plot(turn=4)], injects=[{**SOURCE, "sensitivity": 3}],
                      tunables={"collection_hit": 2})
        g = Game(sc, seed=seed).to(Phase.SHARING)
        g.by(CHARLIE, Share(item=g.item("source"), to=BRAVO, level=Level.FULL))
        g.to(Phase.RESPONSE)
        if act:
            g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
        return g.to(Phase.SHARING, 4)

    def collected(g: Game) -> set[int]:
        return {i.turn for i in g.state.items.values() if i.via is Via.COLLECTION}

    for seed in range(1, 40):
        g = build(seed, act=True)
        if g.one(ev.SourceBurnChecked).burned and collected(build(seed, act=False)) == {1, 2, 3, 4}:
            break
    else:
        raise AssertionError("no seed burns the source")
    assert g.one(ev.SourceBurnChecked).until == 3
    assert collected(g) == {1, 4}


# Blame ----------------------------------------------------------------------------------------------


def test_an_attack_after_a_warning_costs_the_victim_casualties_over_three() -> None:
    """"an attack after a warning costs the recipient PC = casualty weight ÷ 3": a venue assault
    (10) carried out after Bravo was warned costs Bravo 3 PC (rounded down), publicly."""
    g = played(sends(CHARLIE, Level.WARNING), plots=[plot(turn=1)], tunables=ALWAYS_CARRIED_OUT)
    blame = g.one(ev.BlameApplied)
    assert (blame.role, blame.pc) == (BRAVO, 3) and blame.visibility.public
    assert g.pc(BRAVO) == 5 - 3


def test_blame_follows_the_casualties_of_a_disrupted_attack() -> None:
    """Interpretation: "casualty weight" is what the attack cost — half when disrupted — so a
    disrupted venue assault (5) costs 5 ÷ 3 = 1 PC."""
    g = played(sends(CHARLIE, Level.WARNING), plots=[plot(turn=1)],
               tunables={"foil_at": 30, "disrupt_at": 2})
    assert g.one(ev.BlameApplied).pc == 1


def test_an_attack_after_a_dismissed_warning_is_blamed_too() -> None:
    """Dismissing the warning does not spare the blame: the attack came after it (and the dismissal
    cost −1 on the roll)."""
    g = played(sends(CHARLIE, Level.WARNING), lambda g: g.by(BRAVO, Rate(item=1, rating=Rating.DISMISS)),
               plots=[plot(turn=1)], tunables=ALWAYS_CARRIED_OUT)
    assert g.one(ev.BlameApplied).pc == 3


def test_no_blame_without_a_warning_or_when_the_attack_is_foiled() -> None:
    """Blame needs an attack (not foiled) and a warning before it."""
    assert played(plots=[plot(turn=1)], tunables=ALWAYS_CARRIED_OUT).events(ev.BlameApplied) == []
    foiled = played(sends(CHARLIE, Level.FULL), plots=[plot(turn=1)],
                    tunables={"foil_at": 2, "disrupt_at": 2})
    assert resolved(foiled).outcome is Outcome.FOILED
    assert foiled.events(ev.BlameApplied) == []


# Exposure of withholding -----------------------------------------------------------------------------


def test_withholding_before_an_attack_is_exposed_on_four_or_more() -> None:
    """"withholding before an attack is exposed on d6 ≥ 4: −2 PC and −1 trust for the
    withholder": Charlie held an item on the plot and told Bravo nothing."""
    seen = set()
    for seed in range(1, 30):
        g = played(plots=[plot(turn=1)], tunables=ALWAYS_CARRIED_OUT, seed=seed)
        check = g.one(ev.WithholdingChecked)
        assert (check.role, check.victim) == (CHARLIE, BRAVO)
        assert check.exposed is (check.roll >= 4)
        assert g.pc(CHARLIE) == (5 - 2 if check.exposed else 5)
        assert g.trust(BRAVO, CHARLIE) == (2 - 1 if check.exposed else 2)
        assert check.visibility.public is check.exposed
        seen.add(check.exposed)
    assert seen == {True, False}


def test_a_state_that_shared_anything_with_the_victim_is_not_exposed() -> None:
    """Sharing at any level — even a warning — is not withholding."""
    g = played(sends(CHARLIE, Level.WARNING), plots=[plot(turn=1)], tunables=ALWAYS_CARRIED_OUT)
    assert g.events(ev.WithholdingChecked) == []


def test_only_those_who_could_have_shared_are_checked() -> None:
    """Interpretation: a state is checked if it held an item on the plot before this turn's sharing
    closed; an item received at that close came too late to pass on."""
    g = played(sends(CHARLIE, Level.FULL, to=ALPHA), plots=[plot(turn=1)],
               tunables=ALWAYS_CARRIED_OUT)
    assert [e.role for e in g.events(ev.WithholdingChecked)] == [CHARLIE]


def test_no_exposure_when_the_attack_is_foiled() -> None:
    """Withholding is exposed "before an attack": a foiled plot exposes nobody."""
    g = played(plots=[plot(turn=1)], tunables={"foil_at": 2, "disrupt_at": 2})
    assert g.events(ev.WithholdingChecked) == []


# Trust --------------------------------------------------------------------------------------------


def test_an_accurate_warning_raises_the_victims_trust_in_the_sender() -> None:
    """"+1 toward the sender of an accurate warning of specificity ≥ 2" (the victim's trust in the
    sender; whatever the outcome; told to the victim alone)."""
    g = played(sends(CHARLIE, Level.WARNING), plots=[plot(turn=1)],
               tunables={"foil_at": 2, "disrupt_at": 2})
    change = g.one(ev.TrustChanged)
    assert (change.truster, change.trusted, change.delta) == (BRAVO, CHARLIE, 1)
    assert g.trust(BRAVO, CHARLIE) == 3
    assert change.visibility.seats == (BRAVO,)


def test_an_item_listing_the_true_target_is_accurate() -> None:
    """A full copy of specificity 3 whose candidates include the true target is accurate."""
    tip = inject("tip", recipient=CHARLIE, specificity=3, targets=["bravo_hall", "bravo_metro"])
    g = played(sends(CHARLIE, Level.FULL), plots=[plot(turn=1)], injects=[tip])
    assert g.trust(BRAVO, CHARLIE) == 3


def test_an_inaccurate_warning_earns_nothing() -> None:
    """An item whose candidates miss the true target is not accurate."""
    tip = inject("tip", recipient=CHARLIE, specificity=3, targets=["bravo_arena", "bravo_metro"])
    g = played(sends(CHARLIE, Level.FULL), plots=[plot(turn=1)], injects=[tip])
    assert g.events(ev.TrustChanged) == []


def test_a_vague_warning_earns_nothing() -> None:
    """Specificity ≥ 2 as received: a country-level item, or a specificity-2 item sanitized down to
    1, earns no trust."""
    vague = inject("tip", recipient=CHARLIE, specificity=1)
    assert played(sends(CHARLIE, Level.FULL), plots=[plot(turn=1)], injects=[vague]).events(
        ev.TrustChanged) == []
    city = inject("tip", recipient=CHARLIE, specificity=2)
    assert played(sends(CHARLIE, Level.SANITIZED), plots=[plot(turn=1)], injects=[city]).events(
        ev.TrustChanged) == []


def test_one_reward_per_sender_and_plot() -> None:
    """Two accurate items from one sender about one plot: +1, not +2."""
    two = [inject("a", recipient=CHARLIE, specificity=2), inject("b", recipient=CHARLIE,
                                                                  specificity=3)]

    def share(g: Game) -> None:
        g.by(CHARLIE, Share(item=1, to=BRAVO, level=Level.FULL))
        g.by(CHARLIE, Share(item=2, to=BRAVO, level=Level.FULL))

    assert played(share, plots=[plot(turn=1)], injects=two).trust(BRAVO, CHARLIE) == 3


def test_trust_stays_within_zero_and_five() -> None:
    """"a directed matrix 0–5": a reward at 5 changes nothing."""
    trust = {ALPHA: {BRAVO: 1, CHARLIE: 4}, BRAVO: {ALPHA: 1, CHARLIE: 5},
             CHARLIE: {ALPHA: 4, BRAVO: 2}}
    g = played(sends(CHARLIE, Level.WARNING), plots=[plot(turn=1)], trust=trust)
    assert g.trust(BRAVO, CHARLIE) == 5 and g.events(ev.TrustChanged) == []


DECOY = inject("decoy", recipient=CHARLIE, plot=None, specificity=3, targets=["bravo_metro"],
               window=[1, 1])


def test_trust_never_falls_below_zero() -> None:
    """"a directed matrix 0–5": a loss at 0 changes nothing. Bravo trusts Charlie at 0 and
    hardens the target of the decoy Charlie sent it."""
    trust = {ALPHA: {BRAVO: 1, CHARLIE: 4}, BRAVO: {ALPHA: 1, CHARLIE: 0},
             CHARLIE: {ALPHA: 4, BRAVO: 2}}
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_metro"),
               injects=[DECOY], trust=trust)
    assert g.trust(BRAVO, CHARLIE) == 0 and g.events(ev.TrustChanged) == []




def test_acting_on_a_decoy_lowers_trust_in_its_sender() -> None:
    """"−1 toward the sender of a decoy that was acted on" (when its window ends)."""
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_metro"), injects=[DECOY])
    change = g.one(ev.TrustChanged)
    assert (change.truster, change.trusted, change.delta) == (BRAVO, CHARLIE, -1)


def test_acting_on_a_decoy_received_as_a_warning_lowers_trust_too() -> None:
    """A decoy passed on as a warning names a city and a class; hardening there acts on it."""
    g = played(sends(CHARLIE, Level.WARNING), does(ActionKind.HARDEN, "bravo_metro"),
               injects=[DECOY])
    assert g.trust(BRAVO, CHARLIE) == 1


def test_a_decoy_not_acted_on_costs_nothing() -> None:
    """Only a decoy acted on costs trust: one merely received, or acted on by its own collector,
    does not."""
    assert played(sends(CHARLIE, Level.FULL), injects=[DECOY]).events(ev.TrustChanged) == []
    own = {**DECOY, "recipient": BRAVO}
    assert played(respond=does(ActionKind.HARDEN, "bravo_metro"), injects=[own]).events(
        ev.TrustChanged) == []


def test_a_decoy_is_judged_when_its_window_ends() -> None:
    """The decoy proves false when its stated window has passed: acted on in turn 1 with a window
    to turn 2, the trust falls in turn 2's aftermath."""
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_metro"),
               injects=[{**DECOY, "window": [1, 2]}])
    assert g.events(ev.TrustChanged) == []
    g.to(Phase.AFTERMATH, 2)
    assert g.trust(BRAVO, CHARLIE) == 1


def test_a_decoy_acted_on_after_its_window_lowers_trust_too() -> None:
    """A decoy acted on only after its window ended (alert fatigue and all) was still acted on:
    the trust falls in the aftermath of the turn of the action."""
    g = played(sends(CHARLIE, Level.FULL), injects=[DECOY])
    g.to(Phase.RESPONSE, 2)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_metro"))
    g.to(Phase.AFTERMATH, 2)
    assert g.trust(BRAVO, CHARLIE) == 1
    g.to(Phase.AFTERMATH, 3)
    assert g.trust(BRAVO, CHARLIE) == 1


def test_a_decoy_costs_trust_once_however_often_it_is_acted_on() -> None:
    """One decoy, one loss of trust: acting on it again next turn costs nothing more."""
    g = played(sends(CHARLIE, Level.FULL), does(ActionKind.HARDEN, "bravo_metro"), injects=[DECOY])
    g.to(Phase.RESPONSE, 2)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_metro"))
    g.to(Phase.AFTERMATH, 2)
    assert g.trust(BRAVO, CHARLIE) == 1 and len(g.events(ev.TrustChanged)) == 1
