"""GAME.md, "A turn": the five phases, their order, and how a phase closes."""

from __future__ import annotations

import itertools

import pytest

from game.engine import Advance, Done, Phase, Share, StartGame
from game.engine import events as ev
from game.engine.errors import Code
from game.engine.flow import TRANSITIONS, fire
from game.engine.types import LIVE_PHASES, Level

from .helpers import ALPHA, BRAVO, CHARLIE, Game, inject, plot, scenario


def phase_trail(g: Game) -> list[tuple[str, int]]:
    return [(e.phase.value, e.turn) for e in g.events(ev.PhaseStarted)]


def test_game_states_run_lobby_briefing_turn_loop_debrief_ended() -> None:
    """"Game states: `lobby → briefing → turn loop → debrief → ended`." """
    g = Game(scenario(turns=1), start=False)
    assert g.state.phase is Phase.LOBBY
    g.fac(StartGame())
    assert g.state.phase is Phase.BRIEFING
    g.to(Phase.DEBRIEF)
    from game.engine import CloseGame

    g.fac(CloseGame())
    assert g.state.phase is Phase.ENDED


def test_each_turn_runs_the_five_phases_in_order() -> None:
    """"Each turn runs five phases: 1. intel_received 2. sharing 3. response 4. attack
    5. aftermath." Turn after turn, until the scenario's last turn, then the debrief."""
    g = Game(scenario(turns=2)).to(Phase.DEBRIEF)
    five = ["intel_received", "sharing", "response", "attack", "aftermath"]
    assert phase_trail(g) == [("briefing", 0)] + [(p, 1) for p in five] + [(p, 2) for p in five]


def test_the_phase_order_is_one_shared_transitions_machine() -> None:
    """ARCHITECTURE.md: "The phases are a `transitions` machine built once per flow, shared by all
    games." Its `advance` trigger names the next phase from each phase."""
    order = [Phase.INTEL_RECEIVED, Phase.SHARING, Phase.RESPONSE, Phase.ATTACK, Phase.AFTERMATH]
    assert fire(Phase.LOBBY, "start") is Phase.BRIEFING
    assert fire(Phase.BRIEFING, "advance") is Phase.INTEL_RECEIVED
    for here, there in itertools.pairwise(order):
        assert fire(here, "advance") is there
    assert fire(Phase.AFTERMATH, "advance", more_turns=True) is Phase.INTEL_RECEIVED
    assert fire(Phase.AFTERMATH, "advance", more_turns=False) is Phase.DEBRIEF
    assert fire(Phase.DEBRIEF, "close") is Phase.ENDED
    assert {t["trigger"] for t in TRANSITIONS} == {"start", "advance", "pause", "resume", "end",
                                                    "close"}


@pytest.mark.parametrize("phase", LIVE_PHASES)
def test_paused_is_reachable_from_every_live_state_and_returns_to_it(phase: Phase) -> None:
    """"`paused` reachable from any live state and returning to where it left." (The machine
    itself; the attack phase resolves within the command that opens it, so only the machine can
    be asked about it.)"""
    assert fire(phase, "pause") is Phase.PAUSED
    assert fire(Phase.PAUSED, "resume", resume_to=phase) is phase


@pytest.mark.parametrize("phase", [Phase.LOBBY, Phase.DEBRIEF, Phase.ENDED, Phase.PAUSED])
def test_paused_is_not_reachable_from_a_state_that_is_not_live(phase: Phase) -> None:
    """"`paused` reachable from any live state": not from the lobby, a pause, or the debrief."""
    from game.engine import GameError

    with pytest.raises(GameError) as caught:
        fire(phase, "pause")
    assert caught.value.code is Code.WRONG_PHASE


def test_the_attack_phase_resolves_without_waiting_for_seats() -> None:
    """"attack — every plot due this turn resolves with the game's seeded random source": nobody
    submits anything in it; closing the response phase runs the attack and opens the aftermath."""
    g = Game(scenario(plots=[plot(turn=1)])).to(Phase.RESPONSE)
    g.done_all()
    assert g.state.phase is Phase.AFTERMATH
    assert [e.phase for e in g.events(ev.PhaseStarted)][-2:] == [Phase.ATTACK, Phase.AFTERMATH]
    assert g.events(ev.AttackResolved)


def test_a_phase_advances_when_every_seat_has_submitted() -> None:
    """"Phases advance when every seat has submitted": not one seat sooner."""
    g = Game(scenario()).to(Phase.SHARING)
    g.by(ALPHA, Done())
    g.by(BRAVO, Done())
    assert g.state.phase is Phase.SHARING
    g.by(CHARLIE, Done())
    assert g.state.phase is Phase.RESPONSE


def test_an_empty_seat_counts_as_submitted() -> None:
    """"a seat that has not submitted withholds and spends nothing": a seat nobody holds never
    holds up a phase."""
    g = Game(scenario(), seats=(ALPHA, BRAVO)).to(Phase.SHARING)
    g.by(ALPHA, Done())
    g.by(BRAVO, Done())
    assert g.state.phase is Phase.RESPONSE


def test_a_seat_left_mid_phase_no_longer_holds_it_up() -> None:
    """A seat whose player leaves becomes vacant: it withholds and spends nothing, and the phase
    advances once the others have submitted."""
    from game.engine import LeaveSeat

    g = Game(scenario()).to(Phase.SHARING)
    g.by(ALPHA, Done())
    g.by(BRAVO, Done())
    g.by(CHARLIE, LeaveSeat())
    assert g.state.phase is Phase.RESPONSE
    assert not g.state.seats[CHARLIE].active


def test_forced_advance_with_missing_orders_withholds_and_spends_nothing() -> None:
    """"or when the facilitator forces it … (a seat that has not submitted withholds and spends
    nothing)". Alpha holds an item and orders nothing; the facilitator closes sharing and then
    response: nothing of Alpha's reaches anyone and every budget is untouched."""
    g = Game(scenario(injects=[inject("i1")])).to(Phase.SHARING)
    budgets = {r: g.sb(r) for r in g.state.seats}
    g.fac(Advance())
    assert g.state.phase is Phase.RESPONSE
    assert not [e for e in g.events(ev.ItemDelivered) if e.sender == ALPHA]
    assert g.state.holdings[BRAVO] == {} and g.state.holdings[CHARLIE] == {}
    g.fac(Advance())
    assert g.state.phase is Phase.AFTERMATH
    assert {r: g.sb(r) for r in g.state.seats} == budgets


def test_a_passed_deadline_with_missing_orders_withholds_and_spends_nothing() -> None:
    """"or the phase deadline passes (a seat that has not submitted withholds and spends
    nothing)": the clock closes sharing and then response while Alpha, holding a triggering item,
    orders nothing: nothing of Alpha's reaches anyone, no budget is spent, and the clock's
    closing names the seats it did not wait for."""
    from game.engine import Actor

    g = Game(scenario(injects=[inject("i1")])).to(Phase.SHARING)
    budgets = {r: g.sb(r) for r in g.state.seats}
    for phase in ("sharing", "response"):
        g.at = g.state.deadline
        g.run(Actor.clock(), Advance(phase=phase, turn=1, deadline=g.state.deadline))
    forced = g.events(ev.PhaseForced)
    assert [(f.phase.value, f.by, f.waiting) for f in forced] == [
        ("sharing", "clock", (ALPHA, BRAVO, CHARLIE)), ("response", "clock", (ALPHA, BRAVO, CHARLIE))]
    assert g.state.phase is Phase.AFTERMATH
    assert not [e for e in g.events(ev.ItemDelivered) if e.sender == ALPHA]
    assert {r: g.sb(r) for r in g.state.seats} == budgets


def test_orders_given_before_a_forced_advance_stand() -> None:
    """Interpretation of "a seat that has not submitted withholds": a seat's orders are recorded
    as it gives them, so an order given before the deadline stands even if the seat never pressed
    done; only what it never ordered defaults to withhold and no spending."""
    g = Game(scenario(injects=[inject("i1")])).to(Phase.SHARING)
    item = g.item("i1")
    g.by(ALPHA, Share(item=item, to=CHARLIE, level=Level.FULL))
    g.fac(Advance())
    assert g.state.held(CHARLIE, item) is not None
    assert g.state.held(BRAVO, item) is None


def test_a_phase_advances_when_its_deadline_passes() -> None:
    """"or the phase deadline passes": the clock's advance for the running phase closes it."""
    from game.engine import Actor

    g = Game(scenario()).to(Phase.SHARING)
    assert g.state.deadline == pytest.approx(1000.0 + 10 * 60)
    g.run(Actor.clock(), Advance(phase="sharing", turn=1))
    assert (g.state.phase, g.state.turn) == (Phase.RESPONSE, 1)


def test_a_late_deadline_for_an_earlier_phase_is_rejected_as_stale() -> None:
    """A deadline that fires after its phase has closed must not close the next one: it is
    refused with `stale_state`."""
    from game.engine import Actor

    g = Game(scenario()).to(Phase.RESPONSE)
    assert g.refusal(Actor.clock(), Advance(phase="sharing", turn=1)) is Code.STALE_STATE
    g.to(Phase.SHARING, 2)
    assert g.refusal(Actor.clock(), Advance(phase="sharing", turn=1)) is Code.STALE_STATE
    assert (g.state.phase, g.state.turn) == (Phase.SHARING, 2)


def test_each_phase_has_the_scenario_deadline() -> None:
    """Deadlines are scenario tunables (minutes per phase); a phase opened at time t ends at
    t + minutes."""
    g = Game(scenario(deadlines={"briefing": 2, "intel_received": 3, "sharing": 4, "response": 5,
                                 "aftermath": 6}))
    got = {}
    while not g.state.over:
        if g.state.phase not in got:
            got[g.state.phase] = g.state.deadline
        g.done_all()
    assert got == {Phase.BRIEFING: 1120.0, Phase.INTEL_RECEIVED: 1180.0, Phase.SHARING: 1240.0,
                   Phase.RESPONSE: 1300.0, Phase.AFTERMATH: 1360.0}


def test_the_last_turns_aftermath_leads_to_the_debrief_with_scores() -> None:
    """4–6 turns (the scenario says how many): after the last aftermath comes the debrief, and
    the scores are computed then."""
    g = Game(scenario(turns=1)).to(Phase.DEBRIEF)
    ended = g.one(ev.GameEnded)
    assert ended.scores == g.state.scores and set(ended.scores) == {ALPHA, BRAVO, CHARLIE}
    assert g.state.turn == 1


def test_a_done_button_from_an_earlier_phase_is_stale() -> None:
    """A 'done' that names the phase it was pressed for cannot finish the next phase."""
    from game.engine import Done
    from game.engine.errors import Code

    g = Game(scenario()).to(Phase.SHARING)
    assert g.refusal(ALPHA, Done(phase="intel_received", turn=1)) is Code.STALE_STATE
    g.by(ALPHA, Done(phase="sharing", turn=1))
    assert g.state.seats[ALPHA].submitted
