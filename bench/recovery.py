"""Recovery after a restart, and the memory live games hold, each measured in a fresh process.

    python -m bench.recovery DATABASE_URL [--memory]

A restart is a new process: nothing is cached, not even the scenario (validated once, when the
first game_created event is read). The child process opens a `GameService` on the database and
times `recover()`, which rebuilds every live game (snapshot + the events after it) into the cache.
With `--memory` it measures instead what the cache holds once the games are in: tracemalloc's
count of the memory allocated during `recover()` and still alive, and the growth of the resident
set (RSS), each divided by the number of games. tracemalloc slows Python down, so the two are
separate runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from game.service import GameService

ROOT = Path(__file__).resolve().parents[1]


def _rss_kib() -> int:
    """The current resident set size (Linux /proc; the peak from getrusage elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() // 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def recover(url: str, *, memory: bool) -> dict[str, Any]:
    with GameService(url) as service:
        gc.collect()
        rss_before = _rss_kib()
        if memory:
            tracemalloc.start()
        started, started_cpu = time.perf_counter(), time.process_time()
        service.recover()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        gc.collect()
        traced = tracemalloc.get_traced_memory()[0] if memory else None
        if memory:
            tracemalloc.stop()
        games = service.cached_games
        return {"games": games, "recover_s": elapsed, "recover_cpu_s": cpu,
                "traced_bytes": traced, "rss_kib": _rss_kib() - rss_before}


def in_child(url: str, *, memory: bool = False) -> dict[str, Any]:
    """`recover` in a fresh interpreter (as after a restart); its JSON result."""
    args = [sys.executable, "-m", "bench.recovery", url, *(["--memory"] if memory else [])]
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()
    print(json.dumps(recover(args.url, memory=args.memory)))


if __name__ == "__main__":
    main()
