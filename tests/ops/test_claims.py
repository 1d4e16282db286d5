"""Several bot processes on one database: each deadline fires once, each reminder is sent once,
no move is lost.

Two real processes (tests/ops/fire_worker.py) race over the same due deadlines, each also pressing
Done for the human seat of every game, on PostgreSQL and on SQLite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from game.engine import replay, state_digest
from game.engine.events import PhaseForced
from game.service import Deadline, GameService
from game.service.claims import claim_reminder, claimed_by, reminder_key
from game.store.migrate import upgrade
from tests.service.helpers import T0, Clock, new_game, seat_and_start

WORKER = Path(__file__).with_name("fire_worker.py")
ROOT = Path(__file__).resolve().parents[2]
GAMES = 8


def test_a_reminder_is_claimed_once_and_an_extension_is_a_new_reminder(database_url):
    upgrade(database_url)
    with GameService(database_url, auto_migrate=False, clock=Clock()) as service:
        game = new_game(service)
        first = Deadline(game, "sharing", 1, T0 + 600)
        assert claim_reminder(service.engine, first, T0, owner="a")
        assert not claim_reminder(service.engine, first, T0, owner="b")
        assert claimed_by(service.engine, reminder_key(first)) == "a"
        extended = Deadline(game, "sharing", 1, T0 + 1200)
        assert claim_reminder(service.engine, extended, T0, owner="b")


@pytest.mark.parametrize("moves", [False, True], ids=["clock only", "with moves"])
def test_two_processes_fire_each_deadline_once_and_lose_no_move(database_url, tmp_path, moves):
    """Without moves every deadline must fire, once; with players pressing Done at the same time
    a deadline fires at most once (a Done may close the phase first) and every move is kept."""
    upgrade(database_url)
    with GameService(database_url, auto_migrate=False, clock=Clock()) as service:
        games = []
        for n in range(GAMES):
            game = new_game(service, channel=100 + n, seed=n)
            seat_and_start(service, game, humans={"aurelia": "u1"},
                           computers=("borovia", "caldera"))
            games.append(game)
        due = {(d.game_id, d.phase, d.turn) for d in service.deadlines()}
    assert len(due) == GAMES
    now = T0 + 24 * 3600  # every deadline has passed
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    mode = "moves" if moves else "clock"
    workers = [subprocess.Popen([sys.executable, str(WORKER), database_url, str(now), name,
                                 str(go), mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, cwd=ROOT) for name in ("w1", "w2")]
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.{n}").exists() for n in ("w1", "w2")):  # both recovered
        assert time.monotonic() < deadline and all(w.poll() is None for w in workers)
        time.sleep(0.01)
    go.touch()  # then they race
    reports = []
    for w in workers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))

    # A deadline fires once at most; where it did not fire, a Done had finished the phase first.
    fired = Counter(tuple(k) for r in reports for k in r["fired"])
    assert set(fired) <= due and set(fired.values()) <= {1}, fired
    if not moves:
        assert set(fired) == due
    reminded = Counter(tuple(k) for r in reports for k in r["reminded"])
    assert set(reminded) == due and set(reminded.values()) == {1}, reminded

    with GameService(database_url, auto_migrate=False, clock=Clock(now)) as service:
        engine = sa.create_engine(database_url, poolclass=NullPool)
        for game in games:
            stored = service.events(game)
            assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
            forced = [e for e in stored if isinstance(e.event, PhaseForced) and e.event.by == "clock"]
            with engine.connect() as conn:
                rows = conn.execute(sa.text(
                    "SELECT id, first_seq, last_seq FROM commands WHERE game_id = :g AND accepted "
                    "AND first_seq IS NOT NULL"), {"g": game}).all()
            for row in rows:  # every accepted move's events are in the log, under its id
                logged = [e.seq for e in stored if e.command_id == row.id]
                assert logged == list(range(row.first_seq, row.last_seq + 1))
            for name, report in zip(("w1", "w2"), reports, strict=True):
                cid = f"done-{game}-{name}"  # the id fire_worker gave this process's Done
                outcome = report["moves"].get(cid)
                assert (outcome is not None) == moves, (cid, report["moves"])
                logged = [e.seq for e in stored if e.command_id == cid]
                if isinstance(outcome, list):  # accepted: exactly its events, under its id
                    assert outcome and logged == outcome, (cid, outcome, logged)
                else:  # refused (an error code) or never sent: nothing logged under its id
                    assert logged == [], (cid, outcome, logged)
            _, phase, turn = next(d for d in due if d[0] == game)
            state = service.state(game)
            assert (state.phase.value, state.turn) != (phase, turn), "the due phase was closed"
            # the clock closed it exactly when one process's fire_deadline says it did
            assert len(forced) == fired[(game, phase, turn)]
            assert state_digest(replay(e.event for e in stored)) == state_digest(service.state(game))
        engine.dispose()
    accepted = [cid for r in reports for cid, out in r["moves"].items() if isinstance(out, list)]
    assert bool(accepted) == moves, "with moves, some Dones must have been accepted"
