"""ARCHITECTURE.md, "Typed rejections, not tracebacks": `GameError(code)` with stable codes,
checked in a fixed order — game_over, not_facilitator / not_your_seat, game_paused, wrong_phase,
already_submitted, then the command's own arguments."""

from __future__ import annotations

import pytest

from game.engine import (
    Act,
    ActionKind,
    Actor,
    Done,
    EndGame,
    InjectNews,
    JoinSeat,
    Pause,
    Phase,
    Rate,
    Rating,
    Share,
    StartGame,
    SubmitOrders,
)
from game.engine.errors import Code
from game.engine.types import Level

from .helpers import ALPHA, BRAVO, CHARLIE, FACILITATOR, Game, inject, scenario

STRANGER = Actor.of("nobody")


def sharing() -> Game:
    return Game(scenario(injects=[inject("i1")])).to(Phase.SHARING)


def test_codes_are_stable_strings() -> None:
    """The bot maps each code to words in one place: the codes are part of the interface."""
    assert [c.value for c in (Code.GAME_OVER, Code.NOT_FACILITATOR, Code.NOT_YOUR_SEAT,
                              Code.GAME_PAUSED, Code.WRONG_PHASE, Code.ALREADY_SUBMITTED,
                              Code.UNKNOWN_ITEM, Code.STALE_STATE)] == [
        "game_over", "not_facilitator", "not_your_seat", "game_paused", "wrong_phase",
        "already_submitted", "unknown_item", "stale_state"]


def test_game_over_comes_first() -> None:
    """After the end, whoever asks and whatever they ask: `game_over`."""
    g = sharing()
    g.fac(EndGame())
    assert g.refusal(STRANGER, Pause()) is Code.GAME_OVER
    assert g.refusal(STRANGER, Done()) is Code.GAME_OVER
    assert g.refusal(ALPHA, Share(item=99, to=ALPHA, level=Level.FULL)) is Code.GAME_OVER


def test_who_is_asking_comes_before_the_phase() -> None:
    """A player giving a facilitator's command is `not_facilitator`; a player without a seat
    giving a seat's command is `not_your_seat` — even while the game is paused."""
    g = sharing()
    g.fac(Pause())
    assert g.refusal(ALPHA, Pause()) is Code.NOT_FACILITATOR
    assert g.refusal(STRANGER, Done()) is Code.NOT_YOUR_SEAT
    assert g.refusal(STRANGER, StartGame()) is Code.NOT_FACILITATOR


def test_a_pause_comes_before_the_phase() -> None:
    """While paused, a move of another phase is `game_paused`, not `wrong_phase`."""
    g = sharing()
    g.fac(Pause())
    assert g.refusal(BRAVO, Rate(item=1, rating=Rating.ACCEPT)) is Code.GAME_PAUSED
    assert g.refusal(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL)) is Code.GAME_PAUSED


def test_the_phase_comes_before_having_submitted() -> None:
    """A seat that has finished sharing and tries a response move is told `wrong_phase`."""
    g = sharing()
    g.by(BRAVO, Done())
    assert g.refusal(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall")) is Code.WRONG_PHASE


def test_having_submitted_comes_before_the_arguments() -> None:
    """A seat that has finished is `already_submitted`, even for an item it does not hold."""
    g = sharing()
    g.by(BRAVO, Done())
    assert g.refusal(BRAVO, Share(item=99, to=BRAVO, level=Level.FULL)) is Code.ALREADY_SUBMITTED
    assert g.refusal(BRAVO, Done()) is Code.ALREADY_SUBMITTED


def test_the_arguments_come_last_in_their_own_order() -> None:
    """Item first, then the recipient, then whether one may share with it."""
    g = sharing()
    assert g.refusal(ALPHA, Share(item=99, to="delta", level=Level.FULL)) is Code.UNKNOWN_ITEM
    assert g.refusal(ALPHA, Share(item=1, to="delta", level=Level.FULL)) is Code.UNKNOWN_ROLE
    assert g.refusal(ALPHA, Share(item=1, to=ALPHA, level=Level.FULL)) is Code.SELF_SHARE


def test_a_refused_batch_of_orders_changes_nothing() -> None:
    """Orders submitted together stand or fall together: one bad order refuses them all, and the
    seat has not submitted."""
    g = sharing()
    bad = SubmitOrders(shares=(Share(item=1, to=BRAVO, level=Level.FULL),
                               Share(item=1, to=ALPHA, level=Level.FULL)))
    assert g.refusal(ALPHA, bad) is Code.SELF_SHARE
    assert g.state.shares == {} and not g.state.seats[ALPHA].submitted


def test_a_whole_phase_of_orders_at_once() -> None:
    """SubmitOrders gives a phase's orders and finishes the seat in one command."""
    g = sharing()
    g.by(ALPHA, SubmitOrders(shares=(Share(item=1, to=CHARLIE, level=Level.FULL),)))
    assert g.state.seats[ALPHA].submitted and (ALPHA, 1, CHARLIE) in g.state.shares


def test_seats_are_taken_once_by_one_player_each() -> None:
    """Roles come from the scenario; a player holds one seat; a seat has one player."""
    g = Game(scenario(), seats=(ALPHA,), start=False)
    assert g.refusal(Actor.of("p_x"), JoinSeat(role="delta")) is Code.UNKNOWN_ROLE
    assert g.refusal(Actor.of("p_x"), JoinSeat(role=ALPHA)) is Code.SEAT_TAKEN
    assert g.refusal(Actor.of(g.player(ALPHA)), JoinSeat(role=BRAVO)) is Code.ALREADY_SEATED


def test_a_game_starts_once_and_only_with_players() -> None:
    """Nobody seated: `no_players`; started already: `wrong_phase`."""
    g = Game(scenario(), seats=(), start=False)
    assert g.refusal(Actor.white_cell(), StartGame()) is Code.NO_PLAYERS
    g = Game(scenario())
    assert g.refusal(Actor.white_cell(), StartGame()) is Code.WRONG_PHASE


@pytest.mark.parametrize("text", ["nul\x00byte", "bell\x07", "lone \ud800 surrogate"])
def test_free_text_with_control_characters_is_refused(text: str) -> None:
    """Rationales and news are stored as written: control characters (a NUL cannot be stored in
    PostgreSQL's JSONB) are refused with `invalid_argument`, and nothing is recorded."""
    g = Game(scenario(injects=[inject("i1")])).to(Phase.SHARING)
    assert g.refusal(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL, rationale=text)) is (
        Code.INVALID_ARGUMENT)
    assert g.refusal(FACILITATOR, InjectNews(text=text)) is Code.INVALID_ARGUMENT
