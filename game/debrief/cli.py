"""`wargame debrief` and `wargame whatif`, mounted into the CLI by `game.cli`'s PLUGINS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from game.engine import Event, GameError

out = Console()
err = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("debrief")(debrief)
    app.command("whatif")(whatif)


def _read(log: Path) -> list[Event]:
    from game.eventlog import LogError, read_log, verify

    try:
        events, checkpoints = read_log(log)
    except LogError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None
    _, problems = verify(events, checkpoints)
    for p in problems:
        err.print(f"warning: {log}: {p}")
    return events


def _stored(game_id: str) -> list[Event]:
    """A game from the store (DATABASE_URL), through the service's read side."""
    try:
        from game.service import GameService
    except ImportError as exc:  # pragma: no cover - only without the store's dependencies
        err.print(f"'{game_id}' is not a file, and the game store is unavailable ({exc})")
        raise typer.Exit(2) from None
    try:
        with GameService() as service:
            stored = service.events(game_id)
    except Exception as exc:  # a database that cannot be reached or read
        err.print(f"cannot read game '{game_id}' from the database: {exc}")
        raise typer.Exit(2) from None
    if not stored:
        err.print(f"'{game_id}' is neither an events.jsonl file nor a game in the database")
        raise typer.Exit(2)
    return [s.event for s in stored]


def debrief(
    source: Annotated[str, typer.Argument(help="A game id (from DATABASE_URL) or an events.jsonl file.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("debrief"),
    seat: Annotated[str | None, typer.Option(help="Export only what this role saw (no spoilers).")] = None,
) -> None:
    """Export a game's debrief: Markdown, HTML, JSON, CSV and charts (or one seat's replay)."""
    from game.debrief.export import export_debrief

    events = _read(Path(source)) if Path(source).is_file() else _stored(source)
    try:
        paths = export_debrief(events, out_dir, seat=seat)
    except ValueError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None
    out.print(f"Wrote {len(paths)} files to {out_dir}: " + ", ".join(p.name for p in paths))


def whatif(
    log: Annotated[Path, typer.Argument(help="The original game's events.jsonl.")],
    at: Annotated[int, typer.Option("--at", help="Fork before the command that made this event.")],
    role: Annotated[str, typer.Option("--as", help="The role that decides differently.")],
    command: Annotated[str, typer.Option("--command", help='A move, e.g. "share 3 to russia full".')],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Default: beside the log.")] = None,
    computers: Annotated[str, typer.Option(help="react: computer seats replay their policy; "
                                                "replay: their recorded orders.")] = "react",
    stand_in: Annotated[str, typer.Option(help="Policy for seats left waiting.")] = "cooperative",
    with_debrief: Annotated[bool, typer.Option("--debrief", help="Also export the fork's debrief.")] = False,
) -> None:
    """Fork a game at an event with one decision changed, replay the rest, compare the outcomes."""
    from game.debrief.compare import compare, render_comparison
    from game.debrief.script import ScriptError
    from game.debrief.whatif import WhatIfError, fork
    from game.eventlog import write_log
    from game.textcmd import parse_move

    events = _read(log)
    try:
        move = parse_move(command)
        result = fork(events, at=at, role=role, command=move, computers=computers, stand_in=stand_in)
    except (GameError, WhatIfError, ScriptError) as exc:
        err.print(f"whatif: {exc}")
        raise typer.Exit(2) from None
    folder = out_dir or log.parent / f"whatif-{at}-{role}"
    folder.mkdir(parents=True, exist_ok=True)
    write_log(folder / "events.jsonl", result.events, result.state)
    c = compare(events, result, at=at, command=move)
    (folder / "comparison.json").write_text(c.model_dump_json(indent=2) + "\n", encoding="utf-8")
    (folder / "comparison.md").write_text(render_comparison(c, result.state), encoding="utf-8")
    if with_debrief:
        from game.debrief.export import export_debrief

        export_debrief(result.events, folder / "debrief")
    o, f = c.original, c.fork
    out.print(f"casualty weight {o.total_casualties} → {f.total_casualties}; scores: " + ", ".join(
        f"{r} {o.scores[r]['total']} → {f.scores[r]['total']}" for r in o.scores))
    if c.identical:
        out.print("the fork is identical to the original game")
    out.print(f"Wrote {folder}/comparison.md, comparison.json and events.jsonl"
              + (" and debrief/" if with_debrief else ""))
