"""Autocomplete from the caller's own view only: their items, the roles they may name, targets on
their own territory, suspects their items name. The facilitator's choices come from their view.

Autocomplete must answer fast and never fail loudly (discord.py only logs a failure), so each
function catches everything and offers nothing rather than an error.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Coroutine, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.permissions import is_facilitator
from bot.text import clip, strip_invisible
from game.ai import POLICIES
from game.describe import item_title, role_name, target_name
from game.engine import ActionKind, GameState, View, Viewer, view_for
from game.scenario import list_scenarios, load_scenario

if TYPE_CHECKING:
    from bot.client import DutyBot

log = logging.getLogger("bot.autocomplete")
Choice = app_commands.Choice
Choices = list[Choice[Any]]
MAX = 25
SCENARIO_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def choices(pairs: Iterable[tuple[str, str | int]], current: str) -> Choices:
    """(label, value) pairs that match what was typed, at most 25, labels within 100 chars."""
    typed = str(current).casefold().strip()
    out: Choices = []
    for label, value in pairs:
        if typed in label.casefold() or typed in str(value).casefold():
            out.append(Choice(name=clip(strip_invisible(label), 100) or str(value),
                              value=value if isinstance(value, int) else value[:100]))
        if len(out) == MAX:
            break
    return out


Complete = Callable[[discord.Interaction[Any], str], Coroutine[Any, Any, Choices]]


def safe(func: Complete) -> Complete:
    @wraps(func)
    async def wrapper(interaction: discord.Interaction[Any], current: str) -> Choices:
        try:
            return await func(interaction, current)
        except Exception:
            log.debug("autocomplete %s found nothing", func.__name__, exc_info=True)
            return []
    return wrapper


async def _state(interaction: discord.Interaction) -> GameState:
    from bot.context import game_here

    bot: DutyBot = interaction.client  # type: ignore[assignment]
    info = await game_here(bot, interaction)
    return await bot.games.state(info.id)


async def _seat(interaction: discord.Interaction) -> tuple[View, GameState]:
    state = await _state(interaction)
    role = state.seat_of(str(interaction.user.id))
    if role is None:
        raise LookupError("no seat")
    return view_for(state, Viewer.seat(role)), state


def scenario_names(extra: Any) -> list[str]:
    return [p.stem for p in list_scenarios(extra) if SCENARIO_NAME.match(p.stem)]


@safe
async def scenarios(interaction: discord.Interaction, current: str) -> Choices:
    bot: DutyBot = interaction.client  # type: ignore[assignment]
    pairs = await asyncio.to_thread(_titled_scenarios, bot.scenarios_dir)
    return choices(pairs, current)


def _titled_scenarios(extra: Any) -> list[tuple[str, str]]:
    """(title (name), name) for each scenario that loads; files are parsed once, then cached."""
    pairs = []
    for name in scenario_names(extra):
        try:
            title = load_scenario(name, extra).meta.title
        except Exception:
            continue
        pairs.append((f"{title} ({name})", name))
    return pairs


@safe
async def free_roles(interaction: discord.Interaction, current: str) -> Choices:
    state = await _state(interaction)
    view = view_for(state, Viewer.observer())
    return choices(((role_name(state.scenario, s.role), s.role) for s in view.seats
                    if s.controller != "human"), current)


@safe
async def all_roles(interaction: discord.Interaction, current: str) -> Choices:
    state = await _state(interaction)
    return choices(((role_name(state.scenario, r.id), r.id) for r in state.scenario.roles), current)


@safe
async def other_roles(interaction: discord.Interaction, current: str) -> Choices:
    view, state = await _seat(interaction)
    return choices(((role_name(state.scenario, r.id), r.id) for r in state.scenario.roles
                    if r.id != view.role), current)


@safe
async def my_items(interaction: discord.Interaction, current: str) -> Choices:
    view, state = await _seat(interaction)
    return choices(((item_title(i, state.scenario), i.id) for i in view.items), current)


@safe
async def duty_items(interaction: discord.Interaction, current: str) -> Choices:
    view, state = await _seat(interaction)
    pending = set(view.duty_pending)
    ordered = sorted(view.items, key=lambda i: i.id not in pending)
    return choices(((item_title(i, state.scenario), i.id) for i in ordered), current)


@safe
async def items_to_rate(interaction: discord.Interaction, current: str) -> Choices:
    view, state = await _seat(interaction)
    return choices(((item_title(i, state.scenario), i.id) for i in view.items
                    if i.id in view.to_rate), current)


@safe
async def act_targets(interaction: discord.Interaction, current: str) -> Choices:
    """Targets on one's own territory for harden/advisory; names one's items carry for
    surveil/arrest (what the chosen `action` needs)."""
    view, state = await _seat(interaction)
    action = str(getattr(interaction.namespace, "action", "") or "")
    if action in (ActionKind.SURVEIL.value, ActionKind.ARREST.value):
        names = sorted({n for i in view.items for n in i.names})
        return choices(((n, n) for n in names), current)
    if action == ActionKind.PROPOSE.value:
        return []
    mine = [t for t in state.scenario.targets if t.territory == view.role]
    return choices(((f"{t.name} ({t.city})", t.id) for t in mine), current)


@safe
async def policies(interaction: discord.Interaction, current: str) -> Choices:
    return choices(((p, p) for p in POLICIES), current)


async def _white_cell(interaction: discord.Interaction) -> View:
    bot: DutyBot = interaction.client  # type: ignore[assignment]
    if not is_facilitator(interaction, bot.settings.facilitator_role):
        raise LookupError("not a facilitator")
    return view_for(await _state(interaction), Viewer.facilitator())


@safe
async def plots(interaction: discord.Interaction, current: str) -> Choices:
    truth = (await _white_cell(interaction)).truth
    assert truth is not None
    return choices(((f"{p.id}: {target_name(truth.scenario, p.target)}", p.id)
                    for p in truth.plots.values() if p.outcome is None), current)


@safe
async def targets(interaction: discord.Interaction, current: str) -> Choices:
    truth = (await _white_cell(interaction)).truth
    assert truth is not None
    return choices(((f"{t.name} ({t.city})", t.id) for t in truth.scenario.targets), current)


@safe
async def proposals(interaction: discord.Interaction, current: str) -> Choices:
    truth = (await _white_cell(interaction)).truth
    assert truth is not None
    pending = [a for a in truth.actions.values() if a.kind is ActionKind.PROPOSE and a.strength is None]
    return choices(((f"#{a.id} {role_name(truth.scenario, a.role)}: {a.text}", a.id)
                    for a in pending), current)
