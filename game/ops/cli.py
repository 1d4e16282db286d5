"""`wargame doctor` and `wargame export --all` (mounted into `wargame` by game.cli's PLUGINS)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def doctor(
    quick: Annotated[bool, typer.Option(
        "--quick", help="Settings, database and the bot's heartbeat only (a health check).")] = False,
) -> None:
    """Check the configuration without connecting to Discord: settings, database and its schema,
    scenarios, the token's shape. Exit 1 with what to fix, 0 when all is well."""
    from game.ops.doctor import diagnose

    report = diagnose(quick=quick)
    if not report.healthy:
        err.print(f"wargame doctor: {len(report.problems)} thing"
                  f"{'s' if len(report.problems) > 1 else ''} to fix:")
        for problem in report.problems:
            err.print(f"  ✗ {escape(problem)}")
        raise typer.Exit(1)
    if quick:
        console.print("ok")
        return
    for note in report.ok:
        console.print(f"  ✓ {escape(note)}")
    console.print("all clear: `wargame bot` can start")


def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write (created if missing).")],
    all_games: Annotated[bool, typer.Option("--all", help="Every stored game.")] = False,
    database_url: Annotated[str | None, typer.Option(help="Overrides DATABASE_URL.")] = None,
) -> None:
    """Back up stored games: DIR/<game>/events.jsonl (verifiable with `wargame replay`) and
    DIR/index.json."""
    from game.ops.export import export_all
    from game.settings import Settings

    if not all_games:
        err.print("export: say --all (every stored game)")
        raise typer.Exit(2)
    url = database_url or Settings().database_url  # type: ignore[call-arg]
    entries = export_all(url, out)
    failed = [e for e in entries if e.error]
    for e in failed:
        err.print(f"game {e.id}: not exported: {escape(e.error or '')}")
    console.print(f"exported {len(entries) - len(failed)} of {len(entries)} games to {out}")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
    app.command("export")(export)
