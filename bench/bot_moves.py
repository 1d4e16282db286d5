"""Moves through Discord: the real bot, driven by simcord (the offline Discord of the bot tests).

A facilitator opens the tutorial, three players take its seats and play it to the end, each
sending the orders the scripted human would (bench.players) as slash commands: `/intel share`,
`/intel warn`, `/intel rate`, `/act`, then `/done`. Each command is timed from the slash command
sent to the bot's reply recorded (simcord waits until the bot has finished reacting: the
interaction answered, the channel message edited, any DMs sent), so the figure includes discord.py
and the simulator's own work as well as the service's. Every REST call the bot makes is logged by
simcord (`env.http_requests`); they are counted per phase: channel messages posted and edited,
private messages per seat, interaction responses.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import simcord

from bench.players import HumanScript
from game.engine import Act, Command, Done, LogDuty, Rate, Share
from game.settings import Settings

SCENARIO = "tutorial"
PLAYERS = ("alice", "bob", "carol")


@dataclass
class BotFigures:
    latencies_ms: list[float] = field(default_factory=list)
    moves: Counter[str] = field(default_factory=Counter)
    phases: list[dict[str, Any]] = field(default_factory=list)  # REST calls of each phase
    games: int = 0

    def rest_calls_per_phase(self) -> dict[str, float]:
        n = len(self.phases) or 1
        return {
            "phases": len(self.phases),
            "channel_posts_max": max((p["channel_posts"] for p in self.phases), default=0),
            "channel_edits_mean": round(sum(p["channel_edits"] for p in self.phases) / n, 2),
            "dm_posts_per_seat_max": max((p["dm_per_seat_max"] for p in self.phases), default=0),
            "interaction_calls_mean": round(sum(p["interaction"] for p in self.phases) / n, 2),
            "other_calls": sum(p["other"] for p in self.phases),
            "total_mean": round(sum(p["total"] for p in self.phases) / n, 2),
        }


def slash_of(command: Command) -> tuple[str, dict[str, Any]]:
    """The slash command (path, options) a player would type for an engine command."""
    match command:
        case Share(item=item, to=to, level=level):
            return "intel share", {"item": item, "to": to, "level": level.label}
        case LogDuty(item=item, decision=decision, code=code):
            options: dict[str, Any] = {"item": item, "decision": decision.value}
            if code is not None:
                options["reason"] = code.value
            return "intel warn", options
        case Rate(item=item, rating=rating):
            return "intel rate", {"item": item, "rating": rating.value}
        case Act(action=action, target=target, text=text):
            return "act", {"action": action.value, "target": target, **({"text": text} if text else {})}
        case Done():
            return "done", {}
    raise ValueError(f"no slash command for {command!r}")


def classify_call(entry: Any, channel_id: int, dm_of: dict[int, str]) -> str:
    """One REST call the bot made, as the per-phase budget counts it: `interaction` (a response
    or follow-up), `open_dm`, `channel_POST`/`channel_PATCH` on the game channel, `dm_POST:<seat>`
    (by the DM channel's owner in `dm_of`), else `other`. The bot tests check the same budget."""
    path = entry.path
    if path.endswith("/callback") or path.startswith("/webhooks"):
        return "interaction"
    if path.startswith("/users/@me/channels"):
        return "open_dm"
    if path.startswith("/channels/"):
        target = int(path.split("/")[2])
        if target == channel_id:
            return f"channel_{entry.method}"
        if target in dm_of:
            return f"dm_{entry.method}:{dm_of[target]}"
    return "other"


def _phase_calls(entries: list[Any], channel_id: int, dm_of: dict[int, str]) -> dict[str, Any]:
    kinds = Counter(classify_call(e, channel_id, dm_of) for e in entries)
    dms = Counter(k.split(":", 1)[1] for k in kinds.elements() if k.startswith("dm_POST:"))
    return {
        "channel_posts": kinds["channel_POST"],
        "channel_edits": kinds["channel_PATCH"],
        "dm_per_seat_max": max(dms.values(), default=0),
        "interaction": kinds["interaction"],
        "other": sum(n for k, n in kinds.items()
                     if k not in ("channel_POST", "channel_PATCH", "interaction", "open_dm")
                     and not k.startswith("dm_POST:")),
        "total": len(entries),
    }


async def play_games(database: Path, games: int) -> BotFigures:
    from bot import create_bot

    settings = Settings(_env_file=None, DATABASE_URL="sqlite://",  # type: ignore[call-arg]
                        WARGAME_FACILITATOR_ROLE="White Cell")
    bot = create_bot(database_url=f"sqlite:///{database}", settings=settings, debrief_charts=False)
    figures = BotFigures()
    async with simcord.run(bot) as env:
        guild = env.create_guild("Benchmark Server")
        channel = guild.create_text_channel("crisis-room")
        white_cell = guild.create_role("White Cell")
        facilitator = guild.add_member(env.create_user("mia"), roles=[white_cell])
        players = [guild.add_member(env.create_user(name)) for name in PLAYERS]
        await env.settle()
        for _ in range(games):
            await _one_game(env, channel, facilitator, players, figures)
            figures.games += 1
    return figures


async def _one_game(env: Any, channel: Any, facilitator: Any, players: list[Any],
                    figures: BotFigures) -> None:
    bot = env.bot
    await _ok(await facilitator.slash(channel, "game new", scenario=SCENARIO))
    info = bot.service.game_for_channel(channel.id)
    state = bot.service.state(info.id)
    roles = [r.id for r in state.scenario.roles]
    seat_of = {}
    for player, role in zip(players, roles, strict=True):
        await _ok(await player.slash(channel, "game join", role=role))
        seat_of[player.user.name] = role
    started_at = len(env.http_requests)
    await _ok(await facilitator.slash(channel, "game start"))
    scripts = {p.user.name: HumanScript(seat_of[p.user.name]) for p in players}
    state = bot.service.state(info.id)
    # A phase's calls run from the command that opened it (whose calls post the phase's message
    # and the DMs of what it brought) to the one that closed it, exclusive.
    opened, phase = started_at, (state.turn, state.phase)
    while not state.over:
        for player in players:
            command = scripts[player.user.name].next(state)
            if command is None:
                continue
            path, options = slash_of(command)
            before = len(env.http_requests)
            started = time.perf_counter()
            result = await player.slash(channel, path, **options)
            figures.latencies_ms.append((time.perf_counter() - started) * 1000)
            figures.moves[path] += 1
            await _ok(result)
            state = bot.service.state(info.id)
            if (state.turn, state.phase) != phase:
                dm_of = {p.user.dm_channel.id: p.user.name for p in players if p.user.dm_channel}
                figures.phases.append(_phase_calls(env.http_requests[opened:before], channel.id,
                                                   dm_of))
                opened, phase = before, (state.turn, state.phase)
                break
    await _ok(await facilitator.slash(channel, "game close"))


async def _ok(result: Any) -> None:
    if not result.acknowledged:
        raise RuntimeError("the bot did not answer an interaction")


def measure(database: Path, games: int) -> BotFigures:
    """Play `games` tutorial games through the bot (a new event loop; the bot's noisy loggers
    quietened)."""
    for name in ("discord", "bot", "game", "transitions"):
        logging.getLogger(name).setLevel(logging.WARNING)
    database.unlink(missing_ok=True)
    try:
        return asyncio.run(play_games(database, games))
    finally:
        for p in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            p.unlink(missing_ok=True)


__all__ = ["BotFigures", "discord", "measure", "slash_of"]
