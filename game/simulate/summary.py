"""summary.json: every number the report shows, in one plain dictionary.

The Markdown and HTML reports are rendered from this dictionary alone, so whatever a reader sees
in them can be checked against summary.json, and summary.json against results.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.simulate import analysis, dominance
from game.simulate.analysis import Results
from game.simulate.profiles import Profile, Sweep
from game.simulate.sensitivity import Nudge, table
from game.simulate.stats import CONFIDENCE, METHOD, PERCENTILES


@dataclass(frozen=True, slots=True)
class RunInfo:
    """How the run was made: enough to repeat it."""

    scenario: str
    title: str
    command: str
    date: str
    code: str | None
    seed: int
    games: int
    jobs: int
    decision_seats: tuple[str, ...]
    sweep: Sweep | None
    baseline: Profile
    max_profiles: int
    seconds: float
    cpu_seconds: float
    total_games: int


def build(info: RunInfo, results: Results,
          sensitivity: tuple[np.ndarray, dict[str, tuple[Nudge, np.ndarray]]] | None
          ) -> dict[str, Any]:
    """The whole summary of a run."""
    dominance_rows = analysis.dominance_all(results) if len(results.policies) > 1 else []
    return {
        "scenario": info.scenario, "title": info.title, "date": info.date, "code": info.code,
        "command": info.command, "seed": info.seed, "games": info.games,
        "roles": list(results.roles), "decision_seats": list(info.decision_seats),
        "swept_seats": list(results.seats), "policies": list(results.policies),
        "sweep": _sweep(info), "baseline": info.baseline.label,
        "columns": results.columns.names,
        "method": {"confidence": CONFIDENCE, "percentiles": list(PERCENTILES),
                   "intervals": METHOD, "dominance": dominance.__doc__},
        "profiles": analysis.profile_stats(results),
        "effects": analysis.effects(results),
        "dominance": dominance_rows,
        "best_on_average": {s: analysis.best_on_average(results, s) for s in results.seats
                            if len(results.policies) > 1},
        "verdict": verdict(results.seats, dominance_rows),
        "sensitivity": _sensitivity(results, info, sensitivity),
        "timing": _timing(info),
    }  # fmt: skip


def _timing(info: RunInfo) -> dict[str, Any]:
    """Wall-clock rate (what the user waits) and rate per CPU-second (what one core does, even
    on a busy machine); the CPU time is the workers' own, measured around each chunk."""
    def rate(seconds: float) -> float | None:
        return info.total_games / seconds if seconds > 0 else None

    return {"jobs": info.jobs, "games": info.total_games, "seconds": info.seconds,
            "cpu_seconds": info.cpu_seconds, "games_per_second": rate(info.seconds),
            "games_per_cpu_second": rate(info.cpu_seconds)}


def _sweep(info: RunInfo) -> dict[str, Any]:
    if info.sweep is None:
        return {"enabled": False, "profiles": 1}
    return {"enabled": True, "full": info.sweep.full, "profiles": len(info.sweep.profiles),
            "combinations": info.sweep.combinations, "max_profiles": info.max_profiles}


def _sensitivity(results: Results, info: RunInfo,
                 data: tuple[np.ndarray, dict[str, tuple[Nudge, np.ndarray]]] | None
                 ) -> dict[str, Any] | None:
    if data is None:
        return None
    base, runs = data
    return {"profile": info.baseline.label, "games": int(base.shape[0]),
            "rows": table(results.columns, base, runs)}


def verdict(seats: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """The scenario's verdict in plain words: is it a dilemma, and for whom?"""
    if not rows:
        return ("One policy profile only: run with --sweep to compare policies and check "
                "dominance.")
    dominant = {r["seat"]: r["dominant"] for r in rows if r["dominant"]}
    flat = [r["seat"] for r in rows if not r["dominant"] and r["never_worse"]]
    likely = [r["seat"] for r in rows if not r["dominant"] and not r["never_worse"]
              and r["unresolved"]]
    torn = [r["seat"] for r in rows if r["dilemma"]]
    named = ", ".join(f"{s} (`{p}`)" for s, p in dominant.items())
    if len(dominant) == len(seats):
        return (f"NOT A DILEMMA: every swept seat has a dominant policy: {named}. Playing it "
                f"costs nothing on any measure, whatever the others do. The scenario needs "
                f"retuning before it can teach the trade-off.")
    parts = []
    if dominant:
        parts.append(f"not a dilemma for {named}: a dominant policy exists")
    if flat:
        parts.append(f"no trade-off detected for {', '.join(flat)}")
    if torn:
        parts.append(f"a real dilemma for {', '.join(torn)}")
    if likely:
        parts.append(f"probably a dilemma for {', '.join(likely)} (a loss on average that the "
                     f"per-context tests cannot resolve with these games)")
    head = "A DILEMMA" if len(torn) + len(likely) == len(seats) else "PARTLY A DILEMMA"
    return f"{head}: " + "; ".join(parts) + "."
