"""A command id (a Discord interaction id) makes a command idempotent: one outcome, written once."""

from __future__ import annotations

import pytest

from game.engine import Actor, Code, Done, GameError, InjectNews, JoinSeat, LeaveSeat

from .helpers import FACILITATOR, WHITE_CELL, count, log_seqs, new_game, seat_and_start


def test_the_same_command_id_twice_yields_one_event_set(service, migrated_url):
    game_id = new_game(service)
    first = service.handle(game_id, WHITE_CELL, InjectNews(text="storm"), command_id="i-1")
    again = service.handle(game_id, WHITE_CELL, InjectNews(text="storm"), command_id="i-1")
    assert not first.duplicate and again.duplicate
    assert again.events == first.events
    assert log_seqs(migrated_url, game_id) == [1, 2]


def test_a_repeat_returns_the_original_events_even_after_other_moves(service):
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))
    done = service.handle(game_id, Actor.of("u1"), Done(), command_id="click")
    service.handle(game_id, WHITE_CELL, InjectNews(text="later"))
    again = service.handle(game_id, Actor.of("u1"), Done(), command_id="click")
    assert [e.seq for e in again.events] == [e.seq for e in done.events]
    assert again.state.seq > done.state.seq  # the state is today's, the events the first ones


def test_a_repeat_of_a_rejected_command_gets_the_same_rejection(service, migrated_url):
    """Even when the same command would now be accepted: it is the same click, answered once."""
    game_id = new_game(service)
    with pytest.raises(GameError) as first:
        service.handle(game_id, Actor.of("u1"), LeaveSeat(), command_id="leave")
    service.handle(game_id, Actor.of("u1"), JoinSeat(role="aurelia"))
    with pytest.raises(GameError) as again:
        service.handle(game_id, Actor.of("u1"), LeaveSeat(), command_id="leave")
    assert again.value.code is first.value.code is Code.NOT_YOUR_SEAT
    assert again.value.detail == first.value.detail
    assert log_seqs(migrated_url, game_id) == [1, 2]


def test_a_stale_expected_seq_is_not_remembered_as_the_answer(service):
    """STALE_STATE says 'look again', so the same id with a fresh seq may go through."""
    game_id = new_game(service)
    with pytest.raises(GameError):
        service.handle(game_id, WHITE_CELL, InjectNews(text="x"), expected_seq=99, command_id="c")
    result = service.handle(game_id, WHITE_CELL, InjectNews(text="x"), expected_seq=1,
                            command_id="c")
    assert not result.duplicate and [e.seq for e in result.events] == [2]


def test_a_repeat_wins_over_a_stale_expected_seq(service):
    game_id = new_game(service)
    first = service.handle(game_id, WHITE_CELL, InjectNews(text="x"), expected_seq=1,
                           command_id="c")
    again = service.handle(game_id, WHITE_CELL, InjectNews(text="x"), expected_seq=1,
                           command_id="c")
    assert again.duplicate and again.events == first.events


def test_a_command_id_cannot_be_reused_for_another_game(service):
    one = new_game(service, channel=1)
    two = new_game(service, channel=2)
    service.handle(one, WHITE_CELL, InjectNews(text="x"), command_id="c")
    with pytest.raises(GameError) as err:
        service.handle(two, WHITE_CELL, InjectNews(text="x"), command_id="c")
    assert err.value.code is Code.INVALID_ARGUMENT


def test_create_game_is_idempotent(service, migrated_url):
    kwargs = dict(guild_id=7, channel_id=42, scenario="tutorial", facilitator_id=FACILITATOR)
    first = service.create_game(**kwargs, command_id="create-1")
    again = service.create_game(**kwargs, command_id="create-1")
    assert again.duplicate and again.game_id == first.game_id
    assert count(migrated_url, "SELECT count(*) FROM games") == 1


def test_duplicates_are_recognised_by_another_process(make_service, migrated_url):
    """The dedupe record is in the database, not in one process's memory."""
    one, two = make_service(), make_service()
    game_id = new_game(one)
    first = one.handle(game_id, WHITE_CELL, InjectNews(text="x"), command_id="c")
    again = two.handle(game_id, WHITE_CELL, InjectNews(text="x"), command_id="c")
    assert again.duplicate and again.events == first.events
    assert log_seqs(migrated_url, game_id) == [1, 2]
