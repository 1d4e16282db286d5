"""After a restart the live games come back exactly as they were, fast and lean."""

from __future__ import annotations

import tracemalloc

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from game.engine import (
    Actor,
    CloseGame,
    EndGame,
    InjectNews,
    Phase,
    SubmitOrders,
    replay,
    state_digest,
)
from game.store import snapshot
from game.store.db import read_session
from game.store.repo import get_snapshot

from .helpers import WHITE_CELL, new_game, seat_and_start

GAMES = 24


def _advance_to(service, game_id: str, phase: Phase, turn: int = 1):
    state = service.state(game_id)
    while (state.phase, state.turn) != (phase, turn) and not state.over:
        result = service.fire_deadline(game_id, state.phase.value, state.turn, now=state.deadline)
        state = result.state
    return state


def _games_in_every_stage(service) -> dict[str, str]:
    games = {}
    games["lobby"] = new_game(service, channel=1)
    games["briefing"] = new_game(service, channel=2)
    seat_and_start(service, games["briefing"], humans={"aurelia": "u1"},
                   computers=("borovia", "caldera"))
    games["sharing"] = new_game(service, channel=3, seed=5)
    seat_and_start(service, games["sharing"], humans={"caldera": "u2"},
                   computers=("aurelia", "borovia"))
    _advance_to(service, games["sharing"], Phase.SHARING, 2)
    service.handle(games["sharing"], Actor.of("u2"), SubmitOrders())  # not done: sharing is open
    games["debrief"] = new_game(service, channel=4)
    seat_and_start(service, games["debrief"], humans={"aurelia": "u3"}, computers=("borovia",))
    service.handle(games["debrief"], WHITE_CELL, EndGame())
    games["closed"] = new_game(service, channel=5)
    seat_and_start(service, games["closed"], computers=("aurelia",))
    service.handle(games["closed"], WHITE_CELL, CloseGame())
    return games


def test_recovery_rebuilds_every_live_game_to_the_same_digest(make_service):
    before = make_service()
    games = _games_in_every_stage(before)
    digests = {k: state_digest(before.state(g)) for k, g in games.items()}
    after = make_service()
    deadlines = after.recover()
    assert after.cached_games == 4  # the closed game is not live
    assert {d.game_id for d in deadlines} == {games["briefing"], games["sharing"]}
    assert deadlines == sorted(deadlines, key=lambda d: d.at)
    for stage, game_id in games.items():
        assert state_digest(after.state(game_id)) == digests[stage], stage


def test_recovery_from_snapshots_and_the_events_after_them(make_service, migrated_url):
    writer = make_service()
    writer.snapshot_every = 8
    game_id = new_game(writer)
    seat_and_start(writer, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))
    for i in range(13):
        writer.handle(game_id, WHITE_CELL, InjectNews(text=f"bulletin {i}"))
    live = writer.state(game_id)
    with read_session(writer.engine) as session:
        row = get_snapshot(session, game_id=game_id)
    assert row is not None and 0 < row.seq < live.seq
    base = snapshot.decode(row.state, live.scenario, row.digest)
    assert base.seq == row.seq
    assert state_digest(base) == state_digest(replay(e.event for e in writer.events(game_id)
                                                     if e.seq <= row.seq))

    reader = make_service()
    reader.recover()
    assert state_digest(reader.state(game_id)) == state_digest(live)


def _older_format(conn: sa.Connection) -> None:
    changed = conn.execute(sa.text("UPDATE snapshots SET format = 'older', state = '{}'"))
    assert changed.rowcount == 1


def _one_character_changed(conn: sa.Connection) -> None:
    text = conn.execute(sa.text("SELECT state FROM snapshots")).scalar_one()
    damaged = text[:20] + ("B" if text[20] == "A" else "A") + text[21:]
    conn.execute(sa.text("UPDATE snapshots SET state = :s"), {"s": damaged})


@pytest.mark.parametrize("spoil", [_older_format, _one_character_changed])
def test_a_snapshot_it_cannot_trust_is_ignored_and_the_log_replayed(make_service, migrated_url,
                                                                     spoil):
    """A snapshot of another format, or one whose text no longer matches its digest, is never
    decoded: recovery (warm or cold) replays the game from its log to the same state."""
    writer = make_service()
    writer.snapshot_every = 4
    game_id = new_game(writer)
    seat_and_start(writer, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))
    digest = state_digest(writer.state(game_id))
    engine = sa.create_engine(migrated_url, poolclass=NullPool)
    with engine.begin() as conn:
        spoil(conn)
    engine.dispose()
    for warm in (True, False):
        reader = make_service()
        reader.recover(warm=warm)
        assert state_digest(reader.state(game_id)) == digest


def test_a_cached_state_catches_up_with_another_writer(make_service):
    one, two = make_service(), make_service()
    game_id = new_game(one)
    seat_and_start(one, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))
    two.handle(game_id, WHITE_CELL, InjectNews(text="from the other process"))
    result = one.handle(game_id, WHITE_CELL, InjectNews(text="from this one"))
    assert [text for _, text in result.state.news] == ["from the other process", "from this one"]
    assert state_digest(two.state(game_id)) == state_digest(result.state)


def test_live_games_are_lean_to_recover(make_service):
    """Every live game comes back into the cache, within the 50 KiB a game may take. (How fast
    recovery is, is measured by `python -m bench` as recover_s: timings are not asserted here.)"""
    writer = make_service()
    for n in range(GAMES):
        game_id = new_game(writer, channel=n, seed=n)
        seat_and_start(writer, game_id, humans={"aurelia": f"u{n}"},
                       computers=("borovia", "caldera"))
        _advance_to(writer, game_id, Phase.RESPONSE, 1 + n % 2)
    reader = make_service()
    reader.recover(warm=False)
    reader.state(game_id)  # the scenario is validated once, for every game: not per game
    tracemalloc.start()
    try:
        reader.recover()
        used, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reader.cached_games == GAMES
    assert used / GAMES <= 50 * 1024, f"{used / GAMES / 1024:.1f} KiB per game"
