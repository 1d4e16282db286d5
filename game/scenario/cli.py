"""`wargame scenario ...`: list, validate, show and export the schema of scenario files.

Error lines are printed plainly (never wrapped) in the `PATH:LINE:COL: field.path: message` form
so that editors and CI can jump to them; tables and sheets use rich.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from game.scenario.jsonschema import schema_text
from game.scenario.loader import (
    SUFFIXES,
    Checked,
    ScenarioError,
    check_file,
    find_scenario,
    list_scenarios,
)
from game.scenario.sheet import briefing_sheet

app = typer.Typer(
    help="Scenario files: list them, validate them, show a facilitator's sheet, export the "
    "JSON Schema for editors.",
    no_args_is_help=True,
)

ScenariosDir = Annotated[
    Path | None,
    typer.Option("--scenarios-dir", help="Extra folder where scenario names are looked up "
                 "(before WARGAME_SCENARIOS and the shipped scenarios/).", file_okay=False),
]


def _console() -> Console:
    return Console(highlight=False)


@app.command("list")
def list_command(scenarios_dir: ScenariosDir = None) -> None:
    """List the scenarios that can be played by name."""
    table = Table(title="Scenarios")
    for col in ("name", "title", "roles", "turns", "file"):
        table.add_column(col)
    for path in list_scenarios(scenarios_dir):
        checked = check_file(path)
        s = checked.scenario
        if s is None or checked.errors:
            table.add_row(path.stem, f"[red]invalid: {len(checked.errors)} error(s)[/red]", "",
                          "", str(path))
            continue
        roles = ", ".join(r.id for r in s.roles)
        table.add_row(path.stem, s.meta.title, f"{len(s.roles)}: {roles}", str(s.turns),
                      str(path))
    _console().print(table)


def _targets(args: list[str], extra: Path | None) -> list[Path | str]:
    """Files named directly, every scenario of a folder, or names looked up like `show` does."""
    out: list[Path | str] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in SUFFIXES and q.is_file()))
            continue
        try:
            out.append(find_scenario(arg, extra))
        except ScenarioError as exc:
            out.append(str(exc))
    return out


def _report(checked: Checked, strict: bool) -> bool:
    failed = bool(checked.errors) or checked.scenario is None or (strict and bool(checked.warnings))
    for problem in [*checked.errors, *checked.warnings]:
        typer.echo(str(problem))
    if not failed and checked.scenario is not None:
        s = checked.scenario
        typer.echo(f"ok {checked.path}: {s.meta.title} ({len(s.roles)} roles, {s.turns} turns)")
    return not failed


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or scenario names.")],
    scenarios_dir: ScenariosDir = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
) -> None:
    """Check scenario files; print every problem as PATH:LINE:COL: field: message.

    Exit status 0 when every file is valid, 1 otherwise.
    """
    good = bad = 0
    for target in _targets(paths, scenarios_dir):
        if isinstance(target, str):
            typer.echo(target)
            bad += 1
        elif _report(check_file(target), strict):
            good += 1
        else:
            bad += 1
    typer.echo(f"{good + bad} file(s): {good} valid, {bad} invalid")
    if bad:
        raise typer.Exit(1)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A scenario name or path.")],
    scenarios_dir: ScenariosDir = None,
) -> None:
    """The facilitator's briefing sheet: roles, trust, plots, injects, changed tunables."""
    try:
        path = find_scenario(name, scenarios_dir)
    except ScenarioError as exc:
        typer.echo(str(exc))
        raise typer.Exit(1) from None
    checked = check_file(path)
    if checked.scenario is None or checked.errors:
        _report(checked, strict=False)
        raise typer.Exit(1)
    _console().print(briefing_sheet(checked.scenario, path.stem))


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (scenarios/schema.json is a copy of it)."""
    typer.echo(schema_text(), nl=False)
