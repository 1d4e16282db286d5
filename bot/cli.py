"""`wargame bot`: run the Discord bot (mounted into the `wargame` command by game.cli).

SIGTERM or SIGINT (docker stop, systemctl stop, Ctrl-C) shuts the bot down gracefully: the timers
stop, the moves in flight commit and are announced, the gateway disconnects and the database pool
closes, all within SHUTDOWN_TIMEOUT seconds, and the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from bot.client import DutyBot

log = logging.getLogger("bot")

TOKEN_HELP = ("DISCORD_TOKEN is not set: create a bot in the Discord Developer Portal "
              "(Applications → your app → Bot → Reset Token) and put the token in DISCORD_TOKEN "
              "(environment or .env).")
SHUTDOWN_TIMEOUT = 10.0


def run_bot(
    shard_ids: Annotated[str | None, typer.Option(
        "--shard-ids", help="Run only these shards, e.g. 0,1 (needs --shard-count).")] = None,
    shard_count: Annotated[int | None, typer.Option(
        "--shard-count", help="Total number of shards across all processes.")] = None,
) -> None:
    """Start the bot with the token from DISCORD_TOKEN (and DATABASE_URL, WARGAME_SCENARIOS,
    WARGAME_DEV_GUILD for instant command sync to one server). `wargame doctor` checks all of it."""
    from pydantic import ValidationError

    from bot.logging_setup import configure
    from game.settings import Settings, get_settings

    settings = get_settings()
    if shard_ids is not None or shard_count is not None:
        overrides = {"WARGAME_SHARD_IDS": shard_ids if shard_ids is not None else settings.shard_ids,
                     "WARGAME_SHARD_COUNT": shard_count or settings.shard_count}
        try:
            settings = Settings(**{**_aliased(settings), **overrides})  # type: ignore[arg-type]
        except ValidationError as exc:
            typer.echo(f"wargame bot: {exc.errors(include_input=False)[0]['msg']}", err=True)
            raise typer.Exit(2) from None
    token = settings.token
    if not token:
        typer.echo(TOKEN_HELP, err=True)
        raise typer.Exit(1)
    configure(settings.log_level, settings.log_format)
    from bot.client import create_bot

    bot = create_bot(database_url=settings.database_url, scenarios_dir=settings.scenarios_dir,
                     settings=settings)
    if settings.shard_count is not None:
        log.info("running shards %s of %d", settings.shard_ids or "all", settings.shard_count)
    try:
        asyncio.run(serve(bot, token))
    except Exception as exc:
        import discord

        if isinstance(exc, discord.LoginFailure):
            log.error("Discord refused the token: check DISCORD_TOKEN (`wargame doctor`)")
            raise typer.Exit(1) from None
        raise


def _aliased(settings: object) -> dict[str, object]:
    """The settings' values under their environment names (to rebuild them with overrides)."""
    from game.ops.doctor import ALIASES

    return {alias: getattr(settings, field) for field, alias in ALIASES.items()}


async def serve(bot: DutyBot, token: str, *, timeout: float = SHUTDOWN_TIMEOUT) -> None:
    """Run `bot` until it stops by itself or a SIGTERM/SIGINT asks it to; then close it within
    `timeout` seconds. A login failure or a crash propagates; a requested stop returns."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("starting")
    runner = asyncio.create_task(bot.start(token), name="bot")
    stopper = asyncio.create_task(stop.wait(), name="stop signal")
    try:
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            runner.result()  # raises what stopped the bot
            return
        log.info("stop requested: shutting down")
        try:
            await asyncio.wait_for(bot.close(), timeout)
        except TimeoutError:
            log.error("shutdown took longer than %.0f s: stopping anyway", timeout)
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await runner
        log.info("stopped")
    finally:
        stopper.cancel()
        if not runner.done():
            runner.cancel()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        if not bot.is_closed():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(bot.close(), timeout)


def register(app: typer.Typer) -> None:
    app.command("bot")(run_bot)
