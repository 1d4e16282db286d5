"""Play many games over several processes; every game's row lands in the same place whatever
the number of processes or the size of the chunks.

A worker receives the whole batch once (inherited through fork, or pickled once at start-up),
then only `(play, start, stop)` triples; it sends back one float array per chunk. No state, no
event and no per-game object crosses the process boundary.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from game.scenario.schema import Scenario
from game.simulate.play import Columns, game_row, game_seed, play_quiet
from game.simulate.profiles import Profile

CHUNK = 50  # games per task: small enough for a smooth progress bar, large enough to be cheap

Task = tuple[int, int, int]  # (play index, first game, one past the last game)
Progress = Callable[[int, int], None]  # (play index, games just finished)


@dataclass(frozen=True, slots=True)
class Played:
    """What a batch gave: one (games, columns) array per play, and the CPU seconds it cost."""

    arrays: list[np.ndarray]
    cpu_seconds: float


@dataclass(frozen=True, slots=True)
class Play:
    """`games` games of one profile on one variant of the scenario."""

    variant: str  # a key of Batch.scenarios; "" is the scenario as written
    profile: Profile
    games: int


@dataclass(frozen=True, slots=True)
class Batch:
    """Everything a run plays. Game i of every play uses `game_seed(seed, i)`."""

    scenarios: Mapping[str, Scenario]
    plays: tuple[Play, ...]
    seed: int

    @property
    def columns(self) -> Columns:
        return Columns(tuple(r.id for r in self.scenarios[""].roles))

    @property
    def total_games(self) -> int:
        return sum(p.games for p in self.plays)

    def tasks(self, chunk: int = CHUNK) -> list[Task]:
        return [(i, start, min(start + chunk, play.games))
                for i, play in enumerate(self.plays) for start in range(0, play.games, chunk)]


def play_chunk(batch: Batch, task: Task) -> np.ndarray:
    """The rows of games `start..stop` of one play, as a (games, columns) float array."""
    index, start, stop = task
    play = batch.plays[index]
    scenario, policies = batch.scenarios[play.variant], play.profile.policies
    rows = [game_row(*play_quiet(scenario, game_seed(batch.seed, g), policies))
            for g in range(start, stop)]
    return np.asarray(rows, dtype=np.float64).reshape(stop - start, len(batch.columns.names))


_BATCH: Batch | None = None


def _init_worker(batch: Batch) -> None:
    """Keep the batch (sent once per worker), and move everything the worker inherited or
    imported out of the cyclic collector's sight: the scenarios and modules live as long as the
    worker, and each collection would otherwise walk them again."""
    global _BATCH
    _BATCH = batch
    gc.freeze()


def _work(task: Task, batch: Batch | None = None) -> tuple[Task, np.ndarray, float]:
    """A chunk's rows and the CPU seconds they took: CPU time, unlike wall time, says how fast
    the engine is even when other programs share the machine."""
    batch = batch or _BATCH
    assert batch is not None, "worker used before _init_worker"
    started = time.process_time()
    rows = play_chunk(batch, task)
    return task, rows, time.process_time() - started


@contextmanager
def open_pool(batch: Batch, jobs: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """Worker processes for `batch` (None for one job: play in this process).

    Open it before starting a progress display: forking while its refresh thread runs is unsafe.
    """
    if jobs <= 1:
        yield None
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(batch,)) as pool:
        yield pool


def run_batch(batch: Batch, pool: multiprocessing.pool.Pool | None,
              progress: Progress | None = None, chunk: int = CHUNK) -> Played:
    """One (games, columns) array per play, in play order, and the CPU seconds spent."""
    out = [np.empty((p.games, len(batch.columns.names))) for p in batch.plays]
    tasks = batch.tasks(chunk)
    done = (pool.imap_unordered(_work, tasks) if pool is not None
            else (_work(t, batch) for t in tasks))
    cpu = 0.0
    for (index, start, stop), rows, seconds in done:
        out[index][start:stop] = rows
        cpu += seconds
        if progress is not None:
            progress(index, stop - start)
    return Played(out, cpu)
