"""Crash safety: a player killed with SIGKILL at random points loses no acknowledged move, leaves
nothing half-written, and the game it finishes is the game an uninterrupted run plays."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.engine import state_digest
from game.service import GameService

from . import crash_player
from .crash_player import CREATE, GAME_ID, Move

KILLS = 50
PLAYER = Path(crash_player.__file__)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Move], str, list[object]]:
    """The moves of one uninterrupted game, its final digest and its log."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.sqlite'}"
    with GameService(url, synchronous="OFF") as service:
        moves = crash_player.plan(service)
        digest = state_digest(service.state(GAME_ID))
        log = [e.event for e in service.events(GAME_ID)]
    return moves, digest, log


def _check_store(path: Path, acked: list[str], moves: list[Move]) -> None:
    """Every acknowledged move is there; the log is whole; nothing is half-written."""
    if not path.exists():
        assert acked == []
        return
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'games'").fetchone():
            assert acked == []  # killed before the first migration committed
            return
        game = db.execute("SELECT seq FROM games WHERE id = ?", (GAME_ID,)).fetchone()
        seqs = [s for (s,) in db.execute("SELECT seq FROM events ORDER BY seq")]
        commands = {c: (ok, first, last) for c, ok, first, last in db.execute(
            "SELECT id, accepted, first_seq, last_seq FROM commands")}
        by_command: dict[str, list[int]] = {}
        for seq, command_id in db.execute("SELECT seq, command_id FROM events"):
            by_command.setdefault(command_id, []).append(seq)
        snapshot = db.execute("SELECT seq FROM snapshots").fetchone()
    finally:
        db.close()
    assert set(acked) <= set(commands)
    if game is None:
        assert seqs == [] and commands == {}
        return
    assert seqs == list(range(1, game[0] + 1))
    for command_id, (ok, first, last) in commands.items():
        assert sorted(by_command.pop(command_id, [])) == (
            list(range(first, last + 1)) if ok and first else [])
    assert set(by_command) <= {None}  # no event without its command record
    order = [CREATE, *(m.command_id for m in moves)]
    assert set(commands) == set(order[: len(commands)])  # a prefix of the plan: none skipped
    assert snapshot is None or snapshot[0] <= game[0]


def _wait_a_moment(rng: random.Random, read_fd: int) -> bytes:
    """Mostly kill mid-game: a few milliseconds after the first or second acknowledgement of this
    life, while the next move is being written; sometimes while it starts (migrating, loading).

    Counting acknowledgements rather than sleeping keeps each life's progress bounded however
    fast or loaded the machine is, so the plan always outlasts the kills. Returns what it read."""
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 0.05))
        return b""
    wanted, seen = rng.randint(1, 2), b""
    while seen.count(b"\n") < wanted and select.select([read_fd], [], [], 30)[0]:
        chunk = os.read(read_fd, 1)
        if not chunk:  # the child finished (or died) before acknowledging that many
            break
        seen += chunk
    time.sleep(rng.uniform(0.0, 0.004))
    return seen


def _drain(fd: int, seen: bytes = b"") -> list[str]:
    chunks = [seen]
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode().split()


def _next_start(acked: list[str], moves: list[Move]) -> int:
    ids = [m.command_id for m in moves]
    done = [ids.index(c) for c in acked if c != CREATE]
    return max(done) + 1 if done else 0


def _finish(url: str, reference: tuple[list[Move], str, list[object]]) -> None:
    _moves, digest, log = reference
    with GameService(url) as service:
        assert [e.event for e in service.events(GAME_ID)] == log
        assert state_digest(service.state(GAME_ID)) == digest
        recovered = GameService(url)
        recovered.recover()
        assert state_digest(recovered.state(GAME_ID)) == digest
        recovered.close()


def test_sigkill_at_random_points_loses_no_acknowledged_move(tmp_path, reference):
    moves = reference[0]
    path = tmp_path / "crash.sqlite"
    url = f"sqlite:///{path}"
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20240601)
    acked: list[str] = []
    kills = lives = 0
    while True:
        lives += 1
        read_fd, write_fd = os.pipe()
        start = _next_start(acked, moves)
        child = ctx.Process(target=crash_player.run, args=(url, moves, start, write_fd))
        child.start()
        os.close(write_fd)
        seen = b""
        if kills < KILLS:
            seen = _wait_a_moment(rng, read_fd)
            if child.is_alive():
                os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
                kills += 1
        child.join(60)
        acked += _drain(read_fd, seen)
        _check_store(path, acked, moves)
        if child.exitcode == 0:
            break
        assert child.exitcode == -signal.SIGKILL
    assert kills >= KILLS, f"only {kills} kills: the game finished too early ({lives} lives)"
    assert acked[-1] == moves[-1].command_id
    _finish(url, reference)


def test_a_real_interpreter_killed_mid_game_finishes_the_same_game(tmp_path, reference):
    moves = reference[0]
    moves_file = tmp_path / "moves.json"
    moves_file.write_text(json.dumps([m.to_json() for m in moves]))
    path = tmp_path / "crash.sqlite"
    url = f"sqlite:///{path}"
    rng = random.Random(7)
    acked: list[str] = []
    for life in range(3):
        start = _next_start(acked, moves)
        err = (tmp_path / f"life{life}.err").open("wb")
        child = subprocess.Popen([sys.executable, str(PLAYER), url, str(moves_file), str(start)],
                                 stdout=subprocess.PIPE, stderr=err, bufsize=0)
        assert child.stdout is not None
        if life < 2:  # kill once it is busy playing: after its first acknowledgement
            first = child.stdout.readline().decode().strip()  # unbuffered: nothing read ahead
            acked += [first] if first else []
            time.sleep(rng.uniform(0.0, 0.05))
            child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=120)
        err.close()
        acked += out.decode().split()
        _check_store(path, acked, moves)
        if child.returncode == 0:
            break
        assert child.returncode == -signal.SIGKILL, (tmp_path / f"life{life}.err").read_text()
    assert acked[-1] == moves[-1].command_id
    _finish(url, reference)
