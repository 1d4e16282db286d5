"""python -m bench [--quick] [--json FILE]: the figures of docs/performance.md, measured here.

    python -m bench                 # full run (several minutes)
    python -m bench --quick         # smaller samples, under a minute on 2 cores
    python -m bench --json out.json # also write the figures as JSON

Prints one table: each figure, its target and whether this run met it. The JSON file holds the
same figures under "figures" (names as in the table), the targets, and the context of the run
(mode, sizes, machine, SQLite settings) with a few secondary figures under "extra".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench import bot_moves, engine, moves, population, recovery

FIGURES = (
    "move_p50_ms",
    "move_p99_ms",
    "bot_move_p99_ms",
    "moves_per_s",
    "sqlite_raw_commits_per_s",
    "moves_vs_raw",
    "games_per_s",
    "recover_s",
    "kib_per_live_game",
    "rest_calls_per_phase",
)


@dataclass(frozen=True)
class Plan:
    """How much of everything a run measures."""

    live_games: int  # games in progress while moves are timed
    moves: int  # moves timed through the service
    raw_commits: int  # stdlib sqlite3 commits timed
    engine_games: int  # whole games in memory
    recover_games: int  # live games rebuilt after a restart
    bot_games: int  # tutorial games through the bot
    templates: int  # template games the live games are copied from


PLANS = {
    "full": Plan(live_games=1_000, moves=2_000, raw_commits=1_000, engine_games=500,
                 recover_games=10_000, bot_games=3, templates=48),
    "quick": Plan(live_games=200, moves=400, raw_commits=300, engine_games=100,
                  recover_games=1_000, bot_games=1, templates=24),
    # For the test suite: every figure, from tiny samples, in seconds (timings mean nothing).
    "smoke": Plan(live_games=6, moves=12, raw_commits=10, engine_games=2, recover_games=6,
                  bot_games=1, templates=3),
}

TARGETS: dict[str, tuple[str, Callable[[Any], bool] | None]] = {
    "move_p50_ms": ("", None),
    "move_p99_ms": ("≤ 10", lambda v: v <= 10),
    "bot_move_p99_ms": ("≤ 50", lambda v: v <= 50),
    "moves_per_s": ("", None),
    "sqlite_raw_commits_per_s": ("", None),
    "moves_vs_raw": ("≥ 0.5", lambda v: v >= 0.5),
    "games_per_s": ("≥ 500", lambda v: v >= 500),
    "recover_s": ("< 5 for 10,000", None),  # judged on the extrapolation to 10,000 games
    "kib_per_live_game": ("≤ 50", lambda v: v <= 50),
    "rest_calls_per_phase": ("1 post + edits, ≤ 1 DM/seat",
                             lambda v: v["channel_posts_max"] <= 1 and v["dm_posts_per_seat_max"] <= 1),
}


class Run:
    def __init__(self, plan: Plan, workdir: Path, console: Console) -> None:
        self.plan = plan
        self.workdir = workdir
        self.console = console
        self.figures: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}
        self.timings: dict[str, float] = {}

    def step(self, name: str, fn: Callable[[], None]) -> None:
        started = time.perf_counter()
        with self.console.status(f"[bold]{name}[/bold]…"):
            fn()
        self.timings[name] = round(time.perf_counter() - started, 1)
        self.console.log(f"{name}: {self.timings[name]} s")

    # The sections ----------------------------------------------------------------------------

    def engine(self) -> None:
        result = engine.measure(self.plan.engine_games)
        self.figures["games_per_s"] = round(result.games_per_s, 1)
        self.extra["engine"] = {"scenario": engine.SCENARIO, "games": result.games,
                                "cpu_s": round(result.cpu_s, 3), "wall_s": round(result.wall_s, 3),
                                "events_per_game": round(result.events_per_game, 1),
                                "cpu_ms_per_game": round(result.cpu_s / result.games * 1000, 2)}

    def databases(self) -> None:
        self.templates = population.play(self.workdir / "templates.sqlite",
                                         templates=self.plan.templates)
        self.live = population.build(self.workdir / "live.sqlite", self.templates,
                                     games=self.plan.live_games)
        self.restart = population.build(self.workdir / "restart.sqlite", self.templates,
                                        games=self.plan.recover_games)
        population.remove(self.templates.path)
        self.extra["population"] = {
            "scenario": self.templates.scenario_name, "templates": len(self.templates.ids),
            "templates_s": round(self.templates.build_s, 1),
            "live_games": len(self.live.games), "live_events": self.live.events,
            "restart_games": len(self.restart.games), "restart_events": self.restart.events,
            "restart_build_s": round(self.restart.build_s, 1),
        }

    def moves(self) -> None:
        result, raw_commits = moves.measure(self.live, self.workdir, moves=self.plan.moves,
                                            commits=self.plan.raw_commits)
        raw = raw_commits.per_second
        self.figures["move_p50_ms"] = round(result.p50, 2)
        self.figures["move_p99_ms"] = round(result.p99, 2)
        self.figures["moves_per_s"] = round(result.per_second, 1)
        self.figures["sqlite_raw_commits_per_s"] = round(raw, 1)
        self.figures["moves_vs_raw"] = round(result.per_second / raw, 3)
        cpu = sorted(result.cpu_ms)
        self.extra["moves"] = {
            "timed": len(result.latencies_ms), "events": result.events, "refused": result.refused,
            "max_ms": round(max(result.latencies_ms), 2),
            "cpu_p50_ms": round(moves.percentile(cpu, 50), 2),
            "cpu_p99_ms": round(moves.percentile(cpu, 99), 2),
            "raw_commits": raw_commits.commits,
            "raw_commit_p50_ms": round(moves.percentile(raw_commits.latencies_ms, 50), 2),
            "raw_commit_p99_ms": round(moves.percentile(raw_commits.latencies_ms, 99), 2),
        }
        self.extra["sqlite"] = {"journal_mode": result.journal_mode,
                                "synchronous": result.synchronous}

    def recovery(self) -> None:
        result = recovery.in_child(self.restart.url)
        games = result["games"]
        self.figures["recover_s"] = round(result["recover_s"], 3)
        self.extra["recovery"] = {
            "games": games, "cpu_s": round(result["recover_cpu_s"], 3),
            "ms_per_game": round(result["recover_s"] / games * 1000, 3),
            "s_per_10000_games": round(result["recover_s"] / games * 10_000, 2),
            "rss_kib_per_live_game": round(result["rss_kib"] / games, 1),
        }

    def memory(self) -> None:
        # Over the population closest to 1,000 games (after the moves, the live games are a few
        # moves further on: still live).
        pop = min((self.live, self.restart), key=lambda p: abs(len(p.games) - 1000))
        result = recovery.in_child(pop.url, memory=True)
        self.figures["kib_per_live_game"] = round(result["traced_bytes"] / result["games"] / 1024, 1)
        self.extra["memory"] = {"games": result["games"],
                                "rss_kib_per_live_game": round(result["rss_kib"] / result["games"], 1)}

    def bot(self) -> None:
        result = bot_moves.measure(self.workdir / "bot.sqlite", self.plan.bot_games)
        latencies = result.latencies_ms
        self.figures["bot_move_p99_ms"] = round(moves.percentile(latencies, 99), 2)
        self.figures["rest_calls_per_phase"] = result.rest_calls_per_phase()
        self.extra["bot"] = {"games": result.games, "moves": dict(result.moves),
                             "p50_ms": round(moves.percentile(latencies, 50), 2),
                             "max_ms": round(max(latencies), 2)}


def _judge(name: str, value: Any, extra: dict[str, Any]) -> bool | None:
    if name == "recover_s":
        return bool(extra.get("recovery", {}).get("s_per_10000_games", 1e9) < 5)
    check = TARGETS[name][1]
    return None if check is None or value is None else bool(check(value))


def _shown(name: str, value: Any, extra: dict[str, Any]) -> str:
    if value is None:
        return "—"
    if name == "rest_calls_per_phase":
        return (f"{value['channel_posts_max']} post + {value['channel_edits_mean']} edits, "
                f"≤ {value['dm_posts_per_seat_max']} DM/seat, {value['total_mean']} calls")
    if name == "recover_s":
        rec = extra.get("recovery", {})
        return f"{value} ({rec.get('games')} games; {rec.get('s_per_10000_games')} per 10,000)"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def table(figures: dict[str, Any], extra: dict[str, Any], title: str) -> Table:
    out = Table(title=title)
    out.add_column("figure", no_wrap=True)
    out.add_column("value", justify="right")
    out.add_column("target")
    out.add_column("met", justify="center")
    for name in FIGURES:
        value = figures.get(name)
        met = _judge(name, value, extra)
        mark = "" if met is None else ("[green]yes[/green]" if met else "[red]no[/red]")
        out.add_row(name, _shown(name, value, extra), TARGETS[name][0], mark)
    return out


def context(mode: str, plan: Plan, workdir: Path) -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "mode": mode,
        "plan": asdict(plan),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench", *sys.argv[1:]]),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
        "database_dir": str(workdir),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller samples (under a minute)")
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--dir", type=Path, metavar="DIR",
                        help="where the SQLite files go (default: a temporary directory)")
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    plan = PLANS[mode]
    console = Console(stderr=True)
    workdir = Path(tempfile.mkdtemp(prefix="dtw-bench-", dir=args.dir))
    started = time.perf_counter()
    run = Run(plan, workdir, console)
    info = context(mode, plan, workdir)
    try:
        run.step("games in memory", run.engine)
        run.step("building the live games", run.databases)
        run.step("moves through the service", run.moves)
        run.step("recovery after a restart", run.recovery)
        run.step("memory per live game", run.memory)
        run.step("moves through the bot", run.bot)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["section_seconds"] = run.timings
    Console(width=max(110, shutil.get_terminal_size().columns)).print(table(run.figures, run.extra,
                          f"Duty to Warn benchmarks ({mode}, {info['date']}, {info['seconds']} s)"))
    if args.json:
        args.json.write_text(json.dumps({
            "figures": {name: run.figures.get(name) for name in FIGURES},
            "targets": {name: TARGETS[name][0] for name in FIGURES if TARGETS[name][0]},
            "met": {name: _judge(name, run.figures.get(name), run.extra) for name in FIGURES},
            "context": info,
            "extra": run.extra,
        }, indent=2, ensure_ascii=False) + "\n")
    return 0
