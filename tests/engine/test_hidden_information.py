"""ARCHITECTURE.md, "Hidden information in one function": `view_for(state, viewer)` decides what a
seat, an observer or the facilitator sees; every event carries its visibility. GAME.md: a plot is
hidden (the facilitator sees it); "their true accuracy is known only to the facilitator"."""

from __future__ import annotations

from dataclasses import fields

import pytest

from game.engine import (
    Act,
    ActionKind,
    Adjudicate,
    AssignComputer,
    Phase,
    Share,
    Strength,
    Viewer,
    view_for,
)
from game.engine import events as ev
from game.engine.types import Level
from game.engine.views import ItemView
from game.runner import play_game
from game.scenario.loader import load_scenario

from .helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, inject, plot, role, scenario

SECRET = plot("p_secret", target="bravo_metro", turn=2, cell=["Zed Hidden"])
SEEN_ONLY_BY_THE_FACILITATOR = (ev.GameCreated, ev.ItemCreated, ev.AttackRolled, ev.RedAdapted)


def test_a_seat_never_sees_the_plots() -> None:
    """A plot is "hidden; the facilitator sees it": nothing in a seat's or an observer's view names
    a plot, its target or its cell before it resolves; the facilitator's view holds the truth."""
    g = Game(scenario(plots=[SECRET])).to(Phase.RESPONSE)
    for viewer in (Viewer.seat(ALPHA), Viewer.seat(BRAVO), Viewer.observer()):
        view = view_for(g.state, viewer)
        assert view.truth is None and view.outcomes == ()
        assert "p_secret" not in repr(view) and "Zed Hidden" not in repr(view)
    assert view_for(g.state, Viewer.facilitator()).truth is g.state


def test_an_item_view_never_says_what_the_item_is_really_about() -> None:
    """An item's true plot and focus — and so whether it is a decoy — are the facilitator's: the
    view a seat gets has no such fields, and a decoy looks like any other item."""
    names = {f.name for f in fields(ItemView)}
    assert not names & {"plot", "focus", "is_decoy", "region", "originator"}
    decoy = inject("decoy", plot=None, specificity=3, targets=["bravo_metro"])
    real = inject("real", specificity=3, targets=["bravo_hall", "bravo_arena"])
    g = Game(scenario(injects=[decoy, real])).to(Phase.SHARING)
    a, b = g.seen(ALPHA, g.item("decoy")), g.seen(ALPHA, g.item("real"))
    assert type(a) is type(b) and a.via == b.via and a.sender == b.sender is None


def test_a_seat_sees_only_its_own_items_and_orders() -> None:
    """Items are received "privately"; orders are "secret": a seat's view holds exactly what it
    holds, and its own orders only."""
    g = Game(scenario(injects=[inject("a"), inject("c", recipient=CHARLIE)])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=g.item("a"), to=CHARLIE, level=Level.FULL))
    for r in (ALPHA, BRAVO, CHARLIE):
        view = g.view(r)
        assert {v.id for v in view.items} == set(g.state.holdings[r])
        assert all(o.sender == r for o in view.my_shares)
    assert g.view(BRAVO).items == () and g.view(CHARLIE).my_shares == ()


def test_a_seat_sees_its_own_resources_trust_and_actions_only() -> None:
    """A seat sees its own SB, PC, trust row and actions; who has submitted, never what."""
    g = Game(scenario()).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    bravo, alpha = g.view(BRAVO), g.view(ALPHA)
    assert (bravo.sb, bravo.pc, set(bravo.trust)) == (3, 5, {ALPHA, CHARLIE})
    assert [a.target for a in bravo.my_actions] == ["bravo_hall"] and alpha.my_actions == ()
    observer = view_for(g.state, Viewer.observer())
    assert (observer.role, observer.sb, observer.trust, observer.items) == (None, None, None, ())


def test_names_show_only_at_full_level() -> None:
    """Identities pass only in full: a sanitized copy or a warning shows no names."""
    named = inject("named", specificity=4, identity="named", names=list(CELL))
    g = Game(scenario(injects=[named])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.SANITIZED))
    g.by(ALPHA, Share(item=1, to=CHARLIE, level=Level.WARNING))
    g.to(Phase.RESPONSE)
    for r in (BRAVO, CHARLIE):
        assert not any(name in repr(g.view(r)) for name in CELL)


def test_an_item_of_specificity_zero_says_nothing_about_where() -> None:
    """"specificity 0–4 (0 nothing, 1 country, …)": a country-level item sanitized to specificity 0
    no longer names the country."""
    vague = inject("vague", specificity=1)
    g = Game(scenario(injects=[vague])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=CHARLIE, level=Level.SANITIZED))
    g.to(Phase.RESPONSE)
    assert g.seen(ALPHA, 1).country == BRAVO
    seen = g.seen(CHARLIE, 1)
    assert (seen.specificity, seen.country, seen.city, seen.targets) == (0, "", None, ())


def test_outcomes_are_revealed_to_all_once_resolved() -> None:
    """"aftermath — outcomes are revealed to all"."""
    g = Game(scenario(plots=[plot(turn=1)])).to(Phase.AFTERMATH)
    for viewer in (Viewer.seat(ALPHA), Viewer.observer()):
        (outcome,) = view_for(g.state, viewer).outcomes
        assert outcome.id == "p1" and outcome.outcome is not None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_event_a_seat_may_see_carries_ground_truth(seed: int) -> None:
    """A whole tutorial game with mixed computer policies: every event a seat may see is public or
    addressed to it; creation of the game and of items (which carry the truth), dice and Red's
    adaptations reach the facilitator only; a seat learns of a burn only if the source is its own;
    a delivery reaches its holder alone."""
    sc = load_scenario("tutorial")
    state, log = play_game(sc, seed, {"aurelia": "duty", "borovia": "hawk", "caldera": "random"})
    roles = [r.id for r in sc.roles]
    for event in log:
        for r in roles:
            if not event.visibility.allows(Viewer.seat(r)):
                continue
            assert event.visibility.public or r in event.visibility.seats
            assert not isinstance(event, SEEN_ONLY_BY_THE_FACILITATOR), event
            if isinstance(event, ev.ItemDelivered):
                assert event.holder == r
            if isinstance(event, ev.SourceBurnChecked):
                assert event.burned and event.originator == r
    for r in roles:
        assert {v.id for v in view_for(state, Viewer.seat(r)).items} == set(state.holdings[r])


def test_facilitator_sees_every_event() -> None:
    """"always the facilitator": every event is visible to the White Cell."""
    g = Game(scenario(plots=[plot(turn=1)], roles=[role(ALPHA), role(BRAVO), role(CHARLIE)],
                      injects=[inject("i1")])).to(Phase.AFTERMATH)
    assert all(e.visibility.allows(Viewer.facilitator()) for e in g.log)


def test_seats_see_that_a_computer_plays_a_seat_but_not_its_policy() -> None:
    """Which policy plays a seat is the facilitator's secret: seats see "computer"."""
    g = Game(scenario(), seats=(ALPHA, BRAVO), start=False)
    g.fac(AssignComputer(role=CHARLIE, policy="hawk"))
    seen = {s.role: s.controller for s in view_for(g.state, Viewer.seat(ALPHA)).seats}
    told = {s.role: s.controller for s in view_for(g.state, Viewer.facilitator()).seats}
    assert (seen[CHARLIE], told[CHARLIE]) == ("computer", "ai:hawk")
    assert not any(e.visibility.allows(Viewer.seat(ALPHA)) and "hawk" in repr(e) for e in g.log)


def test_a_proposer_learns_success_but_not_the_plot_it_was_ruled_against() -> None:
    """The adjudication's roll and the plot it counts against stay with the facilitator."""
    g = Game(scenario()).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="raid the safe house"))
    ruled = g.fac(Adjudicate(action=1, strength=Strength.AVERAGE, plot="p1"))
    seen = [e for e in ruled if e.visibility.allows(Viewer.seat(BRAVO))]
    assert [type(e).__name__ for e in seen] == ["ProposalAnswered"]
    assert "p1" not in repr(seen)
