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


def measure_moves(pop: Population, *, moves: int, seed: int = 7, warmup: int = 20) -> MoveFigures:
    """Time `moves` accepted human moves, each in a live game picked at random."""
    rng = random.Random(seed)
    scripts = {g: HumanScript(pop.role) for g in pop.games}
    latencies: list[float] = []
    cpu: list[float] = []
    events = refused = 0
    with GameService(pop.url, clock=lambda: T0) as service:
        service.recover()  # the games in progress, in the cache as after a start
        journal, sync = _pragmas(service)
        live = list(pop.games)
        done = 0
        while done < moves + warmup and live:
            game_id = rng.choice(live)
            state = service.state(game_id)
            command = scripts[game_id].next(state)
            if command is None:
                live.remove(game_id)
                continue
            actor = Actor.of(pop.humans[game_id])
            command_id = uuid.uuid4().hex
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                result = service.handle(game_id, actor, command, command_id=command_id)
            except GameError:
                refused += 1
                continue
            elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
            done += 1
            if done > warmup:
                latencies.append(elapsed * 1000)
                cpu.append(elapsed_cpu * 1000)
                events += len(result.events)
    return MoveFigures(latencies, cpu, events, refused, journal, sync)


def _pragmas(service: GameService) -> tuple[str, str]:
    with service.engine.connect() as conn:
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        level = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    return str(journal), {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(level, str(level))


def raw_commits_per_s(directory: Path, commits: int, synchronous: str = "FULL") -> float:
    """Single-row INSERT + COMMIT through the stdlib sqlite3, with the service's PRAGMAs, in a
    fresh file in `directory` (the same disk as the benchmark's database)."""
    path = directory / "raw-commits.sqlite"
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    con = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT, isolation_level=None)
    try:
        for pragma in (*SQLITE_PRAGMAS, f"synchronous={synchronous}"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("CREATE TABLE log (game_id TEXT, seq INTEGER, payload TEXT, "
                    "PRIMARY KEY (game_id, seq))")
        payload = '{"visibility": {"public": true, "seats": []}, "role": "usa", "phase": "sharing"}'
        started = time.perf_counter()
        for seq in range(commits):
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO log VALUES (?, ?, ?)", ("game", seq, payload))
            con.execute("COMMIT")
        return commits / (time.perf_counter() - started)
    finally:
        con.close()
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
