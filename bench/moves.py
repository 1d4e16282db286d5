"""One move through the one door, with many games in progress, against raw SQLite commits.

A move is what one slash command costs the service: `GameService.handle` with the interaction's
command id (dedupe lookup and record), the per-game lock, `BEGIN IMMEDIATE`, the state from the
cache, validation, `decide`, the computer seats' replies, the durable append of every event (with
a snapshot every 32 events), COMMIT with an fsync (`synchronous=FULL`), and the events returned.

The moves are those of the scripted human (bench.players) in randomly chosen live games: mostly
single orders (one event), and the phase-closing Done that lets four computer players reply and
opens the next phase (tens of events), in the proportion a real game has them.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench.players import HumanScript
from bench.population import T0, Population
from game.engine import Actor, GameError
from game.service import GameService
from game.store.db import SQLITE_BUSY_TIMEOUT, SQLITE_PRAGMAS


@dataclass(frozen=True)
class MoveFigures:
    latencies_ms: list[float]
    cpu_ms: list[float]
    events: int
    refused: int
    journal_mode: str
    synchronous: str

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def per_second(self) -> float:
        """Back-to-back moves from one writer: 1 / mean latency."""
        return len(self.latencies_ms) / (sum(self.latencies_ms) / 1000)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile, interpolating linearly between the closest ranks (numpy's default)."""
    ranked = sorted(values)
    k = (len(ranked) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ranked) - 1)
    return ranked[low] + (ranked[high] - ranked[low]) * (k - low)


class MoveBench:
    """Timed human moves in randomly chosen live games of `pop`, through one GameService."""

    def __init__(self, pop: Population, *, seed: int = 7) -> None:
        self.pop = pop
        self.rng = random.Random(seed)
        self.scripts = {g: HumanScript(pop.role) for g in pop.games}
        self.live = list(pop.games)
        self.service = GameService(pop.url, clock=lambda: T0)
        self.service.recover()  # the games in progress, in the cache as after a start
        self.journal, self.synchronous = _pragmas(self.service)
        self.latencies_ms: list[float] = []
        self.cpu_ms: list[float] = []
        self.events = self.refused = 0

    def run(self, moves: int, *, timed: bool = True) -> None:
        done = 0
        while done < moves and self.live:
            game_id = self.rng.choice(self.live)
            command = self.scripts[game_id].next(self.service.state(game_id))
            if command is None:
                self.live.remove(game_id)
                continue
            actor = Actor.of(self.pop.humans[game_id])
            command_id = uuid.uuid4().hex
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                result = self.service.handle(game_id, actor, command, command_id=command_id)
            except GameError:
                self.refused += 1
                continue
            elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
            done += 1
            if timed:
                self.latencies_ms.append(elapsed * 1000)
                self.cpu_ms.append(elapsed_cpu * 1000)
                self.events += len(result.events)

    def figures(self) -> MoveFigures:
        return MoveFigures(self.latencies_ms, self.cpu_ms, self.events, self.refused,
                           self.journal, self.synchronous)

    def close(self) -> None:
        self.service.close()


def _pragmas(service: GameService) -> tuple[str, str]:
    with service.engine.connect() as conn:
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        level = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    return str(journal), {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(level, str(level))


class RawCommits:
    """Single-row INSERT + COMMIT through the stdlib sqlite3, with the service's PRAGMAs, in a
    fresh file in `directory` (the same disk as the benchmark's database)."""

    PAYLOAD = '{"visibility": {"public": true, "seats": []}, "role": "usa", "phase": "sharing"}'

    def __init__(self, directory: Path, synchronous: str = "FULL") -> None:
        self.path = directory / "raw-commits.sqlite"
        self._remove()
        self.con = sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT, isolation_level=None)
        for pragma in (*SQLITE_PRAGMAS, f"synchronous={synchronous}"):
            self.con.execute(f"PRAGMA {pragma}")
        self.con.execute("CREATE TABLE log (game_id TEXT, seq INTEGER, payload TEXT, "
                         "PRIMARY KEY (game_id, seq))")
        self.commits = 0
        self.seconds = 0.0
        self.latencies_ms: list[float] = []  # each commit's, for the fsync's own tail
        self._seq = 0

    def run(self, commits: int) -> None:
        started = time.perf_counter()
        for _ in range(commits):
            begun = time.perf_counter()
            self.con.execute("BEGIN IMMEDIATE")
            self.con.execute("INSERT INTO log VALUES (?, ?, ?)", ("game", self._seq, self.PAYLOAD))
            self.con.execute("COMMIT")
            self.latencies_ms.append((time.perf_counter() - begun) * 1000)
            self._seq += 1
            self.commits += 1
        self.seconds += time.perf_counter() - started

    @property
    def per_second(self) -> float:
        return self.commits / self.seconds

    def close(self) -> None:
        self.con.close()
        self._remove()

    def _remove(self) -> None:
        for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            p.unlink(missing_ok=True)


def measure(pop: Population, directory: Path, *, moves: int, commits: int, rounds: int = 10,
            warmup: int = 20) -> tuple[MoveFigures, RawCommits]:
    """Moves and raw commits in alternating bursts, so that both meet the same disk and load."""
    bench, raw = MoveBench(pop), RawCommits(directory)
    try:
        bench.run(warmup, timed=False)
        raw.run(min(warmup, commits))
        raw.commits, raw.seconds, raw.latencies_ms = 0, 0.0, []
        for n in range(rounds):
            raw.run(commits * (n + 1) // rounds - commits * n // rounds)
            bench.run(moves * (n + 1) // rounds - moves * n // rounds)
        return bench.figures(), raw
    finally:
        bench.close()
        raw.close()
