"""The one door: handle() decides, lets computer seats reply, stores, and only then returns."""

from __future__ import annotations

import pytest

from game.engine import (
    Actor,
    Code,
    Done,
    EndGame,
    GameError,
    InjectNews,
    JoinSeat,
    Phase,
    StartGame,
    state_digest,
)
from game.engine.events import GameCreated, SeatSubmitted
from game.service import GameService

from .helpers import FACILITATOR, WHITE_CELL, Clock, log_seqs, new_game, seat_and_start


def test_create_game_stores_game_created_at_seq_1(service: GameService, migrated_url: str):
    result = service.create_game(guild_id=7, channel_id=42, scenario="tutorial",
                                 facilitator_id=FACILITATOR, seed=3)
    [first] = result.events
    assert (first.seq, type(first.event)) == (1, GameCreated)
    assert first.event.seed == 3 and first.event.facilitator == FACILITATOR
    assert log_seqs(migrated_url, result.game_id) == [1]
    info = service.game(result.game_id)
    assert info is not None
    assert (info.phase, info.seq, info.scenario, info.guild_id, info.channel_id) == (
        "lobby", 1, "tutorial", "7", "42")


def test_a_channel_holds_one_live_game(service: GameService):
    new_game(service, channel=42)
    with pytest.raises(GameError) as err:
        new_game(service, channel=42)
    assert err.value.code is Code.GAME_EXISTS
    new_game(service, channel=43)


def test_a_closed_game_frees_its_channel(service: GameService):
    game_id = new_game(service, channel=42)
    seat_and_start(service, game_id, computers=("aurelia", "borovia", "caldera"))
    assert service.state(game_id).over
    with pytest.raises(GameError):
        new_game(service, channel=42)
    from game.engine import CloseGame

    service.handle(game_id, WHITE_CELL, CloseGame())
    assert service.game_for_channel(42) is None
    assert new_game(service, channel=42) != game_id


def test_a_game_id_is_unique(service: GameService):
    new_game(service, channel=1, game_id="g1")
    with pytest.raises(GameError) as err:
        new_game(service, channel=2, game_id="g1")
    assert err.value.code is Code.GAME_EXISTS


def test_handle_returns_stored_events_with_contiguous_seqs(service: GameService, migrated_url: str):
    game_id = new_game(service)
    result = service.handle(game_id, Actor.of("u1"), JoinSeat(role="aurelia"))
    assert [e.seq for e in result.events] == [2]
    assert result.state.seq == 2
    assert log_seqs(migrated_url, game_id) == [1, 2]
    assert service.seat_of(game_id, "u1") == "aurelia"


def test_computer_seats_reply_in_the_same_result(service: GameService):
    """The computer seats' orders are part of the command's events, stored in its transaction."""
    game_id = new_game(service)
    result = seat_and_start(service, game_id, humans={"aurelia": "u1"},
                            computers=("borovia", "caldera"))
    assert result is not None
    submitted = {e.event.role for e in result.events if isinstance(e.event, SeatSubmitted)}
    assert submitted == {"borovia", "caldera"}
    assert result.state.phase is Phase.BRIEFING
    seqs = [e.seq for e in result.events]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert service.events(game_id)[-1].seq == result.state.seq


def test_a_move_the_engine_refuses_writes_nothing(service: GameService, migrated_url: str):
    game_id = new_game(service)
    before = log_seqs(migrated_url, game_id)
    with pytest.raises(GameError) as err:
        service.handle(game_id, Actor.of("u1"), Done())
    assert err.value.code is Code.NOT_YOUR_SEAT
    with pytest.raises(GameError) as err:
        service.handle(game_id, Actor.of("u1"), JoinSeat(role="nobody"), command_id="x1")
    assert err.value.code is Code.UNKNOWN_ROLE
    assert log_seqs(migrated_url, game_id) == before
    assert service.game(game_id).seq == before[-1]  # type: ignore[union-attr]


def test_a_stale_expected_seq_is_refused(service: GameService, migrated_url: str):
    game_id = new_game(service)
    seen = service.state(game_id).seq
    service.handle(game_id, Actor.of("u1"), JoinSeat(role="aurelia"), expected_seq=seen)
    with pytest.raises(GameError) as err:
        service.handle(game_id, Actor.of("u2"), JoinSeat(role="borovia"), expected_seq=seen)
    assert err.value.code is Code.STALE_STATE
    assert log_seqs(migrated_url, game_id) == [1, 2]


def test_unknown_game(service: GameService):
    with pytest.raises(GameError) as err:
        service.handle("nope", WHITE_CELL, StartGame())
    assert err.value.code is Code.NO_GAME
    with pytest.raises(GameError):
        service.state("nope")


def test_commands_are_stamped_with_the_service_clock(service: GameService, clock: Clock):
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1"}, start=False)
    clock.now = 1_900_000_000.0
    state = service.handle(game_id, WHITE_CELL, StartGame()).state
    minutes = state.scenario.deadlines.briefing
    assert state.deadline == 1_900_000_000.0 + minutes * 60


def test_a_command_with_its_own_time_keeps_it(service: GameService):
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1"}, start=False)
    state = service.handle(game_id, WHITE_CELL, StartGame(at=1000.0)).state
    assert state.deadline == 1000.0 + state.scenario.deadlines.briefing * 60


def test_text_no_backend_can_store_is_refused_alike(service: GameService):
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1"})
    for text in ("nul\x00here", "lone \ud800 surrogate"):
        with pytest.raises(GameError) as err:
            service.handle(game_id, WHITE_CELL, InjectNews(text=text))
        assert err.value.code is Code.INVALID_ARGUMENT
    service.handle(game_id, WHITE_CELL, InjectNews(text="ünïcödé ✓ 🟦"))
    assert service.state(game_id).news[-1][1] == "ünïcödé ✓ 🟦"


def test_the_stored_log_replays_to_the_live_state(make_service, service: GameService):
    """What handle() returned and what a fresh process rebuilds from the store are the same game."""
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))
    service.handle(game_id, WHITE_CELL, InjectNews(text="markets fall"))
    live = service.handle(game_id, WHITE_CELL, EndGame()).state
    assert state_digest(make_service().state(game_id)) == state_digest(live)
