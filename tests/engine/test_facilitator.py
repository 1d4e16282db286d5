"""GAME.md: "The facilitator can pause, resume, extend a deadline, inject an item or a news event,
adjudicate free-form actions and end the game." """

from __future__ import annotations

import pytest

from game.engine import (
    Act,
    ActionKind,
    Actor,
    Adjudicate,
    Advance,
    CloseGame,
    Done,
    EndGame,
    ExtendDeadline,
    InjectItem,
    InjectNews,
    LeaveSeat,
    Pause,
    Phase,
    Resume,
    Share,
    Strength,
)
from game.engine import events as ev
from game.engine.errors import Code
from game.engine.types import Level

from .helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, inject, plot, scenario

RESTING_PHASES = [Phase.BRIEFING, Phase.INTEL_RECEIVED, Phase.SHARING, Phase.RESPONSE,
                  Phase.AFTERMATH]


def game_in(phase: Phase) -> Game:
    g = Game(scenario(injects=[inject("i1")])).to(phase, None if phase is Phase.BRIEFING else 1)
    g.by(ALPHA, Done())  # one seat has finished: pausing must not forget it
    return g


@pytest.mark.parametrize("phase", RESTING_PHASES)
def test_pause_and_resume_return_to_the_same_phase(phase: Phase) -> None:
    """"`paused` reachable from any live state and returning to where it left": the same phase,
    the same turn, the same seats already submitted."""
    g = game_in(phase)
    g.fac(Pause())
    assert (g.state.phase, g.state.live_phase) == (Phase.PAUSED, phase)
    g.fac(Resume())
    assert (g.state.phase, g.state.turn) == (phase, 0 if phase is Phase.BRIEFING else 1)
    assert g.state.seats[ALPHA].submitted and not g.state.seats[BRAVO].submitted


@pytest.mark.parametrize("phase", RESTING_PHASES)
def test_resume_restores_the_time_that_was_left(phase: Phase) -> None:
    """A pause stops the phase clock: on resume the deadline is the time left when it paused,
    counted from the moment of resuming."""
    g = game_in(phase)
    left = g.state.deadline - 1030.0
    g.at = 1030.0
    g.fac(Pause())
    assert g.state.deadline is None and g.state.remaining == pytest.approx(left)
    g.at = 5000.0
    g.fac(Resume())
    assert g.state.deadline == pytest.approx(5000.0 + left)


@pytest.mark.parametrize("phase", RESTING_PHASES)
def test_seat_moves_are_refused_while_paused(phase: Phase) -> None:
    """While the game is paused no seat may move: `game_paused`."""
    g = game_in(phase)
    g.fac(Pause())
    assert g.refusal(BRAVO, Done()) is Code.GAME_PAUSED


@pytest.mark.parametrize("phase", RESTING_PHASES)
def test_the_deadline_cannot_close_a_paused_phase(phase: Phase) -> None:
    """A timer that fires during a pause is stale: the paused phase stays open."""
    g = game_in(phase)
    g.fac(Pause())
    code = g.refusal(Actor.clock(), Advance(phase=phase.value, turn=g.state.turn))
    assert code is Code.STALE_STATE
    assert g.refusal(Actor.white_cell(), Advance()) is Code.GAME_PAUSED


def test_pause_twice_and_resume_unpaused_are_refused() -> None:
    """Pause only from a live state; resume only from a pause (`wrong_phase`)."""
    g = game_in(Phase.SHARING)
    assert g.refusal(Actor.white_cell(), Resume()) is Code.WRONG_PHASE
    g.fac(Pause())
    assert g.refusal(Actor.white_cell(), Pause()) is Code.WRONG_PHASE


def test_a_phase_whose_last_seat_left_during_a_pause_advances_on_resume() -> None:
    """Phases advance when every seat has submitted; if the last seat still owing orders leaves
    while the game is paused, the phase closes as soon as the game resumes."""
    g = game_in(Phase.SHARING)
    g.by(BRAVO, Done())
    g.fac(Pause())
    g.by(CHARLIE, LeaveSeat())
    g.fac(Resume())
    assert g.state.phase is Phase.RESPONSE


def test_extend_moves_the_running_deadline() -> None:
    """The facilitator can "extend a deadline": by so many minutes."""
    g = game_in(Phase.SHARING)
    before = g.state.deadline
    g.fac(ExtendDeadline(minutes=7))
    assert g.state.deadline == pytest.approx(before + 7 * 60)


def test_extend_during_a_pause_adds_to_the_time_left() -> None:
    """Extending a paused phase adds to the time that will be left when it resumes."""
    g = game_in(Phase.SHARING)
    g.fac(Pause())
    left = g.state.remaining
    g.fac(ExtendDeadline(minutes=3))
    assert g.state.remaining == pytest.approx(left + 180)
    g.fac(Resume())
    assert g.state.deadline == pytest.approx(g.at + left + 180)


def test_extend_is_bounded() -> None:
    """Extensions run from 1 to 240 minutes (`invalid_argument` otherwise)."""
    g = game_in(Phase.SHARING)
    assert g.refusal(Actor.white_cell(), ExtendDeadline(minutes=0)) is Code.INVALID_ARGUMENT
    assert g.refusal(Actor.white_cell(), ExtendDeadline(minutes=241)) is Code.INVALID_ARGUMENT


def test_advance_closes_the_phase_now() -> None:
    """"or when the facilitator forces it": Advance closes the running phase whoever is still
    working on it."""
    g = game_in(Phase.SHARING)
    g.fac(Advance())
    assert (g.state.phase, g.state.turn) == (Phase.RESPONSE, 1)


def test_advance_is_refused_in_the_lobby() -> None:
    """Nothing to advance before the game starts."""
    g = Game(scenario(), start=False)
    assert g.refusal(Actor.white_cell(), Advance()) is Code.WRONG_PHASE


def test_inject_item_hands_a_seat_a_new_item_privately() -> None:
    """The facilitator can "inject an item": the seat holds it at once; nobody else sees it."""
    g = game_in(Phase.RESPONSE)
    new = g.fac(InjectItem(recipient=BRAVO, specificity=4, plot="p1", text="walk-in"))
    item = g.item("walk-in")
    assert g.state.held(BRAVO, item) is not None
    assert g.seen(BRAVO, item).names == CELL
    delivered = [e for e in new if isinstance(e, ev.ItemDelivered)]
    assert [e.visibility.seats for e in delivered] == [(BRAVO,)]
    assert not any(v.id == item for v in g.view(ALPHA).items)


def test_inject_item_can_be_a_decoy() -> None:
    """An injected item with no plot is a decoy pointing at the target the facilitator names."""
    g = game_in(Phase.SHARING)
    g.fac(InjectItem(recipient=ALPHA, specificity=3, target="bravo_metro", text="rumour"))
    item = g.state.items[g.item("rumour")]
    assert item.is_decoy and "bravo_metro" in item.targets


def test_inject_item_is_checked() -> None:
    """An injected item needs a running turn, a known seat, a known plot, a target for a decoy and
    a specificity 0–4."""
    g = Game(scenario())
    wc = Actor.white_cell()
    assert g.refusal(wc, InjectItem(recipient=ALPHA, specificity=2, plot="p1")) is Code.WRONG_PHASE
    g.to(Phase.SHARING)
    assert g.refusal(wc, InjectItem(recipient="delta", specificity=2, plot="p1")) is Code.UNKNOWN_ROLE
    assert g.refusal(wc, InjectItem(recipient=ALPHA, specificity=2, plot="p9")) is Code.UNKNOWN_PLOT
    assert g.refusal(wc, InjectItem(recipient=ALPHA, specificity=2)) is Code.UNKNOWN_TARGET
    assert g.refusal(wc, InjectItem(recipient=ALPHA, specificity=5, plot="p1")) is (
        Code.INVALID_ARGUMENT)


def test_inject_news_is_public() -> None:
    """The facilitator can inject "a news event": everyone sees it."""
    g = game_in(Phase.SHARING)
    (news,) = g.fac(InjectNews(text="Markets fall on rumours of an attack."))
    assert isinstance(news, ev.NewsPublished) and news.visibility.public
    assert (1, "Markets fall on rumours of an attack.") in g.view(BRAVO).news


def test_scenario_news_is_published_at_the_start_of_its_turn() -> None:
    """Scripted news of a turn appears when that turn's intelligence arrives."""
    g = Game(scenario(news=[{"turn": 2, "text": "A claim of responsibility."}]))
    g.to(Phase.AFTERMATH, 1)
    assert g.state.news == ()
    g.to(Phase.INTEL_RECEIVED, 2)
    assert g.state.news == ((2, "A claim of responsibility."),)


def test_end_goes_to_the_debrief_with_scores_from_any_live_phase_or_a_pause() -> None:
    """The facilitator can "end the game": it goes to the debrief, scored as it stands."""
    for paused in (False, True):
        g = game_in(Phase.RESPONSE)
        if paused:
            g.fac(Pause())
        g.fac(EndGame(reason="out of time"))
        assert g.state.phase is Phase.DEBRIEF
        assert g.one(ev.GameEnded).reason == "out of time" and g.state.scores


def test_close_ends_the_debrief_and_only_the_debrief() -> None:
    """`debrief → ended`: closing is the last step; nothing follows it."""
    g = game_in(Phase.SHARING)
    assert g.refusal(Actor.white_cell(), CloseGame()) is Code.WRONG_PHASE
    g.fac(EndGame())
    g.fac(CloseGame())
    assert g.state.phase is Phase.ENDED
    assert g.refusal(Actor.white_cell(), CloseGame()) is Code.WRONG_PHASE


def test_after_the_end_every_command_is_game_over() -> None:
    """Once in the debrief the game is over: moves and facilitator commands alike get
    `game_over` (closing excepted)."""
    g = game_in(Phase.SHARING)
    g.fac(EndGame())
    assert g.refusal(BRAVO, Done()) is Code.GAME_OVER
    assert g.refusal(Actor.white_cell(), Pause()) is Code.GAME_OVER
    assert g.refusal(Actor.white_cell(), InjectNews(text="late")) is Code.GAME_OVER
    assert g.refusal(BRAVO, Share(item=1, to=ALPHA, level=Level.FULL)) is Code.GAME_OVER


@pytest.mark.parametrize(
    ("strength", "chance"),
    [(Strength.VERY_STRONG, 83), (Strength.STRONG, 67), (Strength.AVERAGE, 50),
     (Strength.WEAK, 33), (Strength.VERY_WEAK, 17)],
)
def test_free_form_actions_succeed_at_the_adjudicated_chance(strength: Strength, chance: int) -> None:
    """"propose a free-form action that the facilitator adjudicates (very strong 83%, strong 67%,
    average 50%, weak 33%, very weak 17%)": a d100 roll at or under the chance succeeds."""
    assert strength.chance == chance
    outcomes = set()
    for seed in range(1, 40):
        g = Game(scenario(plots=[plot(turn=1)]), seed=seed).to(Phase.RESPONSE)
        g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="raid the safe house"))
        (action,) = g.state.turn_actions(BRAVO)
        (judged, *_) = g.fac(Adjudicate(action=action.id, strength=strength, plot="p1"))
        assert isinstance(judged, ev.ProposalAdjudicated)
        assert 1 <= judged.roll <= 100
        assert judged.success is (judged.roll <= chance)
        outcomes.add(judged.success)
    assert outcomes == {True, False}


def test_adjudication_is_once_per_proposal_in_its_response_phase() -> None:
    """Only a proposed action can be adjudicated, once, during the response phase it was made in."""
    g = Game(scenario(plots=[plot(turn=2)])).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="ask the border police"))
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    propose, harden = sorted(g.state.turn_actions(BRAVO), key=lambda a: a.id)
    wc = Actor.white_cell()
    assert g.refusal(wc, Adjudicate(action=harden.id, strength=Strength.STRONG)) is (
        Code.UNKNOWN_ACTION)
    assert g.refusal(wc, Adjudicate(action=propose.id, strength=Strength.STRONG, plot="p9")) is (
        Code.UNKNOWN_PLOT)
    g.fac(Adjudicate(action=propose.id, strength=Strength.STRONG))
    assert g.refusal(wc, Adjudicate(action=propose.id, strength=Strength.WEAK)) is (
        Code.ALREADY_ADJUDICATED)
    g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="a second idea"))
    late = max(a.id for a in g.state.turn_actions(BRAVO))
    g.to(Phase.AFTERMATH, 1)
    assert g.refusal(wc, Adjudicate(action=late, strength=Strength.STRONG)) is Code.WRONG_PHASE


def test_adjudication_is_allowed_while_the_response_phase_is_paused() -> None:
    """The facilitator may pause the response phase to deliberate and adjudicate meanwhile."""
    g = Game(scenario()).to(Phase.RESPONSE)
    g.by(BRAVO, Act(action=ActionKind.PROPOSE, text="close the hall"))
    g.fac(Pause())
    (action,) = g.state.turn_actions(BRAVO)
    g.fac(Adjudicate(action=action.id, strength=Strength.AVERAGE, plot="p1"))
    assert g.state.actions[action.id].strength is Strength.AVERAGE


def test_a_game_that_never_started_can_be_closed() -> None:
    """A game created by mistake must not hold its channel forever: close it from the lobby."""
    g = Game(scenario(), start=False)
    g.fac(CloseGame())
    assert g.state.phase is Phase.ENDED


def test_a_timer_armed_before_an_extension_is_stale() -> None:
    """The clock's Advance names the deadline it was armed for; after an extension that deadline
    has moved, so the old timer is refused (`stale_state`) and the phase runs on."""
    g = Game(scenario()).to(Phase.SHARING)
    armed = g.state.deadline
    g.fac(ExtendDeadline(minutes=5))
    late = Advance(phase="sharing", turn=1, deadline=armed)
    assert g.refusal(Actor.clock(), late) is Code.STALE_STATE
