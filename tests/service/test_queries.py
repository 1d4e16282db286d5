"""What the bot asks the service: games by channel, guild and user; the log; deadlines."""

from __future__ import annotations

from game.engine import (
    Actor,
    ExtendDeadline,
    InjectItem,
    InjectNews,
    JoinSeat,
    Pause,
    Phase,
    Resume,
    Viewer,
)

from .helpers import WHITE_CELL, Clock, new_game, seat_and_start


def _started(service, **kwargs):
    game_id = new_game(service, **kwargs)
    seat_and_start(service, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))
    return game_id


def test_games_by_channel_guild_and_user(service):
    a = new_game(service, channel=1, guild=7)
    b = new_game(service, channel=2, guild=7)
    new_game(service, channel=3, guild=8)
    service.handle(a, Actor.of("u1"), JoinSeat(role="aurelia"))
    assert service.game_for_channel(1).id == a  # type: ignore[union-attr]
    assert service.game_for_channel("2").id == b  # type: ignore[union-attr]
    assert service.game_for_channel(99) is None
    assert [g.id for g in service.games_for_guild(7)] == [a, b]
    assert [(g.id, role) for g, role in service.games_for_user("u1")] == [(a, "aurelia")]
    assert service.seat_of(a, "u1") == "aurelia" and service.seat_of(b, "u1") is None
    assert {g.id for g in service.live_games()} >= {a, b}


def test_events_after_a_seq_with_their_visibility(service):
    game_id = _started(service)
    service.handle(game_id, WHITE_CELL, InjectNews(text="public news"))
    turn_one = service.events(game_id)
    assert [e.seq for e in turn_one] == list(range(1, len(turn_one) + 1))
    tail = service.events(game_id, after_seq=turn_one[-2].seq)
    assert [e.seq for e in tail] == [turn_one[-1].seq]
    [news] = tail
    assert news.type == "news_published" and news.visibility.allows(Viewer.seat("caldera"))
    created = turn_one[0]
    assert not created.visibility.allows(Viewer.seat("aurelia"))  # the scenario's truth


def test_private_events_keep_their_seats(service, clock: Clock):
    game_id = _started(service)
    state = service.state(game_id)
    while state.phase is not Phase.INTEL_RECEIVED:
        state = service.fire_deadline(game_id, state.phase.value, state.turn,
                                      now=state.deadline).state  # type: ignore[union-attr]
    service.handle(game_id, WHITE_CELL, InjectItem(recipient="caldera", specificity=1,
                                                   target=state.scenario.targets[0].id))
    delivered = service.events(game_id, after_seq=state.seq)[-1]
    assert delivered.visibility.seats == ("caldera",)
    assert delivered.visibility.allows(Viewer.seat("caldera"))
    assert not delivered.visibility.allows(Viewer.seat("aurelia"))


def test_due_deadlines_and_firing_them(service, clock: Clock):
    game_id = _started(service)
    info = service.game(game_id)
    assert info.deadline is not None and info.deadline.phase == "briefing"  # type: ignore[union-attr]
    assert service.due_deadlines(now=info.deadline.at - 1) == []  # type: ignore[union-attr]
    [due] = service.due_deadlines(now=info.deadline.at)  # type: ignore[union-attr]
    assert service.deadlines() == [due]
    result = service.fire_deadline(due.game_id, due.phase, due.turn, now=due.at)
    assert result is not None and result.state.phase is Phase.INTEL_RECEIVED
    assert service.fire_deadline(due.game_id, due.phase, due.turn, now=due.at) is None  # stale


def test_a_deadline_moved_by_the_facilitator_is_not_fired_early(service, clock: Clock):
    game_id = _started(service)
    old = service.game(game_id).deadline  # type: ignore[union-attr]
    service.handle(game_id, WHITE_CELL, ExtendDeadline(minutes=10))
    assert service.fire_deadline(game_id, old.phase, old.turn, now=old.at) is None
    new = service.game(game_id).deadline  # type: ignore[union-attr]
    assert new.at == old.at + 600
    assert service.fire_deadline(game_id, new.phase, new.turn, now=new.at) is not None


def test_a_paused_game_has_no_deadline_to_fire(service, clock: Clock):
    game_id = _started(service)
    old = service.game(game_id).deadline  # type: ignore[union-attr]
    service.handle(game_id, WHITE_CELL, Pause())
    assert service.game(game_id).deadline is None  # type: ignore[union-attr]
    assert service.due_deadlines(now=old.at + 10_000) == []
    assert service.fire_deadline(game_id, old.phase, old.turn, now=old.at) is None
    clock.advance(60)
    service.handle(game_id, WHITE_CELL, Resume())
    assert service.game(game_id).deadline.at == old.at + 60  # type: ignore[union-attr]


def test_fire_deadline_uses_the_service_clock(service, clock: Clock):
    game_id = _started(service)
    deadline = service.game(game_id).deadline  # type: ignore[union-attr]
    assert service.fire_deadline(game_id, deadline.phase, deadline.turn) is None  # not yet due
    clock.now = deadline.at + 1
    assert service.fire_deadline(game_id, deadline.phase, deadline.turn) is not None
