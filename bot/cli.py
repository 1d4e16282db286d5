"""`wargame bot`: run the Discord bot (mounted into the `wargame` command by game.cli)."""

from __future__ import annotations

import logging
import sys

import typer

TOKEN_HELP = ("DISCORD_TOKEN is not set: create a bot in the Discord Developer Portal "
              "(Applications → your app → Bot → Reset Token) and put the token in DISCORD_TOKEN "
              "(environment or .env).")


def run_bot() -> None:
    """Start the bot with the token from DISCORD_TOKEN (and DATABASE_URL, WARGAME_SCENARIOS,
    WARGAME_DEV_GUILD for instant command sync to one server)."""
    from game.settings import get_settings

    settings = get_settings()
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        typer.echo(TOKEN_HELP, err=True)
        raise typer.Exit(1)
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from bot.client import create_bot

    bot = create_bot(database_url=settings.database_url, scenarios_dir=settings.scenarios_dir,
                     settings=settings)
    bot.run(token, log_handler=None)


def register(app: typer.Typer) -> None:
    app.command("bot")(run_bot)
