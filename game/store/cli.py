"""`wargame db ...`: the database's schema and its privacy tools."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from game.settings import Settings
from game.store import migrate

app = typer.Typer(help="The game database (DATABASE_URL; default: a SQLite file).",
                  no_args_is_help=True)
console = Console(soft_wrap=True)


def _url(database_url: str | None) -> str:
    return database_url or Settings().database_url  # type: ignore[call-arg]


@app.command()
def upgrade(
    database_url: Annotated[str | None, typer.Option(help="Overrides DATABASE_URL.")] = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Create or migrate the schema to the latest revision (safe to run on every start)."""
    url = _url(database_url)
    migrate.upgrade(url, revision)
    console.print(f"database at revision {migrate.current_revision(url)}")


@app.command()
def current(
    database_url: Annotated[str | None, typer.Option(help="Overrides DATABASE_URL.")] = None,
) -> None:
    """Print the schema revision of the database and the newest one this version knows."""
    url = _url(database_url)
    console.print(f"database: {migrate.current_revision(url) or 'empty'}; "
                  f"newest: {migrate.head_revision()}")


@app.command()
def forget(
    user_id: Annotated[str, typer.Argument(help="The Discord user id to forget.")],
    database_url: Annotated[str | None, typer.Option(help="Overrides DATABASE_URL.")] = None,
) -> None:
    """Replace USER_ID by a pseudonym in every stored game (run it while the bot is stopped,
    or use /game forget-me, which also clears the bot's in-memory states)."""
    from game.store.db import make_engine
    from game.store.privacy import forget_user

    engine = make_engine(_url(database_url))
    try:
        report = forget_user(engine, user_id)
    finally:
        engine.dispose()
    console.print(f"{report.user_id} is now {report.pseudonym} in {len(report.games)} game(s): "
                  f"{report.events} events, {report.commands} commands, {report.seats} seats "
                  f"rewritten; {report.snapshots} snapshots dropped; every game replays cleanly.")
