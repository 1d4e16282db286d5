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
    return database_url or Settings().database_url


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
