"""Many writers, one game: every accepted command recorded exactly once, seqs without gaps."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from game.engine import Actor, Done, GameError, InjectNews, replay, state_digest
from game.engine.events import NewsPublished, PhaseStarted, SeatSubmitted
from game.service import GameService
from game.store.writes import WriteTx

from .helpers import WHITE_CELL, count, log_seqs, new_game, seat_and_start


def _check_log(service: GameService, url: str, game_id: str, news: int) -> None:
    """Gap-free seqs; each news text once; each command id's events exactly its recorded range."""
    stored = service.events(game_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert log_seqs(url, game_id)[-1] == service.game(game_id).seq  # type: ignore[union-attr]
    texts = Counter(e.event.text for e in stored  # the scenario's own news have no command id
                    if isinstance(e.event, NewsPublished) and "news" in (e.command_id or ""))
    assert len(texts) == news and set(texts.values()) == {1}
    by_command = Counter(e.command_id for e in stored if e.command_id)
    engine = sa.create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, first_seq, last_seq FROM commands "
                                    "WHERE game_id = :g AND accepted"), {"g": game_id}).all()
    engine.dispose()
    assert {r.id: r.last_seq - r.first_seq + 1 for r in rows} == dict(by_command)
    assert state_digest(replay(e.event for e in stored)) == state_digest(service.state(game_id))


async def test_a_thousand_concurrent_submissions_into_one_game(make_service, migrated_url):
    """1,000 chat-like facilitator messages from 1,000 tasks, plus 100 double clicks.

    (SQLite with synchronous=NORMAL here: this test is about ordering, not about fsync.)"""
    service = make_service(synchronous="NORMAL")
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1"}, computers=("borovia", "caldera"))

    async def send(i: int) -> bool:
        result = await service.aio.handle(game_id, WHITE_CELL, InjectNews(text=f"message {i}"),
                                          command_id=f"news-{i}")
        return result.duplicate

    rng = random.Random(4)
    repeats = [rng.randrange(1000) for _ in range(100)]
    outcomes = await asyncio.gather(*(send(i) for i in [*range(1000), *repeats]))
    assert sum(outcomes) == 100
    _check_log(service, migrated_url, game_id, news=1000)
    assert count(migrated_url, "SELECT count(*) FROM commands") == 1000


def _play_from_threads(service: GameService, game_id: str, tag: str, n: int, threads: int) -> None:
    """News and seat moves at once from several threads; the engine may refuse some moves."""

    def one(i: int) -> None:
        if i % 50 == 0:  # ten phases at most per side: the game must not end under the news
            user = random.choice(["u1", "u2"])
            with contextlib.suppress(GameError):  # already submitted: the other user was first
                service.handle(game_id, Actor.of(user), Done(), command_id=f"{tag}-done-{i}")
        else:
            service.handle(game_id, WHITE_CELL, InjectNews(text=f"{tag} {i}"),
                           command_id=f"{tag}-news-{i}")

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(n)))


def _no_seat_submits_twice_in_a_phase(service: GameService, game_id: str) -> None:
    """A lost update would show as a seat submitting twice in one phase (two writers both
    deciding on the same state)."""
    seen: set[str] = set()
    for stored in service.events(game_id):
        if isinstance(stored.event, PhaseStarted):
            seen = set()
        elif isinstance(stored.event, SeatSubmitted):
            assert stored.event.role not in seen
            seen.add(stored.event.role)


def test_two_services_writing_from_many_threads(make_service, migrated_url):
    """Two services model two processes: separate caches and locks, one database."""
    one, two = make_service(), make_service()
    game_id = new_game(one)
    seat_and_start(one, game_id, humans={"aurelia": "u1", "borovia": "u2"},
                   computers=("caldera",))
    workers = [threading.Thread(target=_play_from_threads, args=(s, game_id, tag, 150, 4))
               for s, tag in ((one, "a"), (two, "b"))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    _check_log(one, migrated_url, game_id, news=294)
    _no_seat_submits_twice_in_a_phase(one, game_id)
    assert state_digest(one.state(game_id)) == state_digest(two.state(game_id))


def _child(url: str, game_id: str, tag: str) -> None:
    service = GameService(url, auto_migrate=False)
    try:
        _play_from_threads(service, game_id, tag, 500, 4)
    finally:
        service.close()


def test_two_processes_writing_into_one_game(service, migrated_url):
    """1,000 commands from two processes (four threads each) into one game."""
    game_id = new_game(service)
    seat_and_start(service, game_id, humans={"aurelia": "u1", "borovia": "u2"},
                   computers=("caldera",))
    ctx = multiprocessing.get_context("fork")
    children = [ctx.Process(target=_child, args=(migrated_url, game_id, tag)) for tag in "ab"]
    for child in children:
        child.start()
    for child in children:
        child.join(120)
    assert [c.exitcode for c in children] == [0, 0]
    _check_log(service, migrated_url, game_id, news=980)
    _no_seat_submits_twice_in_a_phase(service, game_id)


def stale(row):
    """The games row as it was one event earlier."""
    return row._replace(seq=row.seq - 1)


def test_a_writer_that_slipped_past_the_lock_is_retried(service, migrated_url, monkeypatch):
    """If two writers ever decide on the same seq, the unique (game_id, seq) key stops the second;
    it reloads and decides again. Simulated by handing the first attempt a stale games row."""
    game_id = new_game(service)
    service.handle(game_id, WHITE_CELL, InjectNews(text="first"))
    real = WriteTx.game
    calls = []

    def stale_once(tx, *, game_id: str, lock: bool = False):
        row = real(tx, game_id=game_id, lock=lock)
        calls.append(lock)
        if lock and len(calls) == 1 and row is not None:
            return stale(row)  # as if read before "first" was committed
        return row

    monkeypatch.setattr(WriteTx, "game", stale_once)
    result = service.handle(game_id, WHITE_CELL, InjectNews(text="second"), command_id="c2")
    assert calls.count(True) == 2
    assert [e.seq for e in result.events] == [3]
    assert [t for _, t in result.state.news] == ["first", "second"]
    assert log_seqs(migrated_url, game_id) == [1, 2, 3]


def test_retries_are_bounded(service, migrated_url, monkeypatch):
    game_id = new_game(service)
    service.handle(game_id, WHITE_CELL, InjectNews(text="first"))
    real = WriteTx.game

    def always_stale(tx, *, game_id: str, lock: bool = False):
        row = real(tx, game_id=game_id, lock=lock)
        if lock and row is not None:
            return stale(row)
        return row

    monkeypatch.setattr(WriteTx, "game", always_stale)
    service.max_attempts = 3
    with pytest.raises(IntegrityError):
        service.handle(game_id, WHITE_CELL, InjectNews(text="second"))
    assert log_seqs(migrated_url, game_id) == [1, 2]
