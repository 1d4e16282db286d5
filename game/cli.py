"""The `wargame` command line: demo, play in the terminal, replay a log, and the tools that later
parts of the project mount here (scenarios, database, bot)."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from game.ai import POLICIES
from game.demo import default_policies, run_demo
from game.eventlog import LogError, read_log, verify
from game.scenario import ScenarioError, load_scenario

app = typer.Typer(help="Duty to Warn: a crisis wargame about sharing intelligence.",
                  no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True, soft_wrap=True)

ScenarioOpt = Annotated[str, typer.Option("--scenario", "-s", help="Scenario name or path.")]
DirOpt = Annotated[Path | None, typer.Option("--scenarios-dir", envvar="WARGAME_SCENARIOS",
                                             help="An extra folder of scenarios.")]


def _parse_policies(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        role, _, policy = pair.partition("=")
        if policy not in POLICIES:
            err.print(f"--policy {pair}: policy must be one of {', '.join(POLICIES)}")
            raise typer.Exit(2)
        out[role] = policy
    return out


@app.command()
def demo(
    scenario: ScenarioOpt = "tutorial",
    seed: Annotated[int, typer.Option(help="Seed of the game's dice.")] = 2024,
    out: Annotated[Path | None, typer.Option(help="Output folder (default ./debriefs/<id>).")] = None,
    policy: Annotated[list[str], typer.Option(help="ROLE=POLICY, repeatable.")] = [],  # noqa: B006
    scenarios_dir: DirOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print the summary.")] = False,
) -> None:
    """Play a whole game with computer players in every seat and write its log and summary."""
    sc = _load(scenario, scenarios_dir)
    policies = {**default_policies(sc), **_parse_policies(policy)}
    game_id = _demo_id(scenario, seed, policies)
    folder = out or Path("debriefs") / game_id
    summary = run_demo(sc, scenario, seed, policies, folder, game_id,
                       console=None if quiet else console)
    console.print("\n[bold]Scores[/]: " + ", ".join(
        f"{r} {s['total']}" for r, s in summary["scores"].items()))
    console.print(f"digest: {summary['state_digest']}")
    console.print(f"Wrote {folder}/: events.jsonl, summary.json and the debrief "
                  f"(open {folder / 'debrief.html'})")


def _demo_id(scenario: str, seed: int, policies: dict[str, str]) -> str:
    """The same demo (scenario, seed, policies) gets the same game id, so the same digest (the id
    is part of the state) and the same folder: running it again reproduces it exactly."""
    key = json.dumps([scenario, seed, sorted(policies.items())])
    return f"demo-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


@app.command()
def play(
    scenario: ScenarioOpt = "tutorial",
    seat: Annotated[str | None, typer.Option(help="The role you play.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed (random if omitted).")] = None,
    scenarios_dir: DirOpt = None,
) -> None:
    """Play one seat in the terminal against computer players (reads moves from stdin)."""
    from game.terminal import play_in_terminal

    sc = _load(scenario, scenarios_dir)
    role = seat or sc.roles[0].id
    if role not in {r.id for r in sc.roles}:
        err.print(f"--seat: no role '{role}' in {sc.meta.title}; "
                  f"choose one of {', '.join(r.id for r in sc.roles)}")
        raise typer.Exit(2)
    play_in_terminal(sc, role, seed if seed is not None else random.randrange(1 << 30),
                     default_policies(sc), sys.stdin, console)


@app.command("replay")
def replay_cmd(log: Annotated[Path, typer.Argument(help="An events.jsonl file.")]) -> None:
    """Rebuild a game from its log and check it against the digest recorded in the log."""
    try:
        events, checkpoints = read_log(log)
    except LogError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None
    state, problems = verify(events, checkpoints)
    from game.engine import state_digest

    console.print(f"digest: {state_digest(state)}")
    if not checkpoints:
        err.print(f"{log}: the log records no digest to compare with")
        raise typer.Exit(1)
    for p in problems:
        err.print(f"{log}: {p}")
    if problems:
        raise typer.Exit(1)
    console.print(f"ok: {len(events)} events follow from the seed and the commands they record, "
                  "and replay to the recorded digest")


def _load(name: str, extra: Path | None):  # type: ignore[no-untyped-def]
    try:
        return load_scenario(name, extra)
    except ScenarioError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None


# Parts of the project that add their own commands: a module with `register(app)`, or a typer
# `app` mounted under the given group name.
PLUGINS = {
    "game.scenario.cli": "scenario",
    "game.store.cli": "db",
    "game.debrief.cli": None,
    "game.simulate.cli": None,
    "game.ops.cli": None,
    "bot.cli": None,
}


def _mount_plugins() -> None:
    import importlib

    for module_name, group in PLUGINS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that part is not built yet
            raise
        if hasattr(module, "register"):
            module.register(app)
        elif hasattr(module, "app") and group:
            app.add_typer(module.app, name=group)


_mount_plugins()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
