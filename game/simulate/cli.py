"""`wargame simulate`: many computer-played games of a scenario, and the balance report.

Mounted by `game.cli` through its PLUGINS table (`register(app)`).
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from game.ai import POLICIES
from game.demo import default_policies
from game.scenario import ScenarioError, load_scenario
from game.scenario.schema import Scenario
from game.simulate import output, summary
from game.simulate.pool import Played, open_pool, run_batch
from game.simulate.profiles import Profile, decision_seats, sweep
from game.simulate.run import Plan, profile_engine

ALL = ",".join(POLICIES)
console = Console()
err = Console(stderr=True, soft_wrap=True)


class RateColumn(ProgressColumn):
    """Games per second, as rich measures it over the last seconds."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("– games/s" if speed is None else f"{speed:,.0f} games/s", style="cyan")


def _fail(message: str) -> typer.Exit:
    err.print(message)
    return typer.Exit(2)


def parse_policies(pairs: list[str], scenario: Scenario) -> dict[str, str]:
    roles = {r.id for r in scenario.roles}
    out: dict[str, str] = {}
    for pair in pairs:
        role, _, policy = pair.partition("=")
        if role not in roles:
            raise _fail(f"--policy {pair}: no role '{role}'; roles: {', '.join(sorted(roles))}")
        if policy not in POLICIES:
            raise _fail(f"--policy {pair}: policy must be one of {', '.join(POLICIES)}")
        out[role] = policy
    return out


def make_plan(scenario: Scenario, *, games: int, seed: int, pins: dict[str, str], swept: bool,
              policies: list[str], max_profiles: int, sensitivity_games: int) -> Plan:
    """Pinned seats keep their policy; --sweep varies the other decision-makers."""
    base = {**default_policies(scenario), **pins}
    baseline = Profile.of(scenario, base)
    plan_sweep = None
    if swept:
        plan_sweep = sweep(scenario, base, policies, pinned=pins, max_profiles=max_profiles,
                           seed=seed)
    return Plan(scenario, seed, games, baseline, plan_sweep, min(sensitivity_games, games))


def _progress(show: bool) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=err, transient=False, disable=not show)


def execute(plan: Plan, jobs: int, show: bool = True) -> tuple[Played, float]:
    """Play the plan's batch on `jobs` processes; returns what it gave and the wall seconds."""
    batch = plan.batch()
    main_games = plan.games * len(plan.profiles)
    with open_pool(batch, jobs) as pool, _progress(show) as bar:
        games = bar.add_task("games", total=main_games)
        sens = bar.add_task("sensitivity", total=batch.total_games - main_games,
                            visible=batch.total_games > main_games)
        n_main = len(plan.profiles)
        started = time.perf_counter()
        played = run_batch(batch, pool, lambda i, n: bar.advance(games if i < n_main else sens, n))
        return played, time.perf_counter() - started


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate)


def simulate(
    scenario: Annotated[str, typer.Argument(help="Scenario name or path.")],
    games: Annotated[int, typer.Option("--games", "-n", min=1, help="Games per profile.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the run; game i's seed derives from it.")] = 1,
    policy: Annotated[list[str], typer.Option(help="ROLE=POLICY: pin a seat (repeatable).")] = [],  # noqa: B006
    do_sweep: Annotated[bool, typer.Option("--sweep", help="Every combination of policies over "
                                           "the decision-making seats.")] = False,
    policies: Annotated[str, typer.Option(help="Policies the sweep uses, comma separated.")] = ALL,
    max_profiles: Annotated[int, typer.Option(help="Above this, sweep a star-design subset.")] = 128,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes.")] = os.cpu_count() or 1,
    out: Annotated[Path | None, typer.Option(help="Output folder (default simulations/<scenario>).")] = None,
    sensitivity_games: Annotated[int, typer.Option(help="Games per tunable nudge; 0: skip.")] = 200,
    profile_games: Annotated[int, typer.Option(help="Also cProfile this many games; 0: skip.")] = 0,
    scenarios_dir: Annotated[Path | None, typer.Option("--scenarios-dir", envvar="WARGAME_SCENARIOS",
                                                       help="An extra folder of scenarios.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Play many games with computer players and write a balance report."""
    try:
        sc = load_scenario(scenario, scenarios_dir)
    except ScenarioError as exc:
        raise _fail(str(exc)) from None
    chosen = [p.strip() for p in policies.split(",") if p.strip()]
    if unknown := [p for p in chosen if p not in POLICIES]:
        raise _fail(f"--policies: unknown {', '.join(unknown)}; choose from {', '.join(POLICIES)}")
    pins = parse_policies(policy, sc)
    plan = make_plan(sc, games=games, seed=seed, pins=pins, swept=do_sweep, policies=chosen,
                     max_profiles=max_profiles, sensitivity_games=sensitivity_games)
    played, seconds = execute(plan, jobs, show=not quiet)
    results, sens = plan.split(played.arrays)
    name = Path(scenario).stem
    info = summary.RunInfo(
        scenario=name, title=sc.meta.title, command=_command(), code=code_version(),
        date=dt.date.today().isoformat(),
        seed=seed, games=games, jobs=jobs, decision_seats=decision_seats(sc),
        sweep=plan.sweep, baseline=plan.baseline, max_profiles=max_profiles, seconds=seconds,
        cpu_seconds=played.cpu_seconds,
        total_games=plan.batch().total_games)
    data = summary.build(info, results, sens)
    engine = (profile_engine(sc, plan.baseline.policies, profile_games, seed)
              if profile_games > 0 else None)
    paths = output.write_all(out or Path("simulations") / name, results, data, sens, engine)
    rate = data["timing"]["games_per_second"] or 0
    per_cpu = data["timing"]["games_per_cpu_second"] or 0
    console.print(f"{info.total_games} games in {seconds:.1f} s on {jobs} process(es): "
                  f"{rate:,.0f} games/s; {per_cpu:,.0f} games per CPU-second")
    console.print(f"[bold]{data['verdict']}[/]")
    console.print("Wrote " + ", ".join(str(p) for p in paths))


def code_version() -> str | None:
    """`git describe` of the checkout the engine was loaded from: results change with the rules,
    so a finding is only meaningful next to the code that produced it."""
    root = Path(__file__).resolve().parents[2]
    try:
        done = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _command() -> str:
    args = [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv else ["wargame"]
    return " ".join(shlex.quote(a) for a in args)
