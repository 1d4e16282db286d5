"""What one seat (or the facilitator) sees privately: status, intel, notices, the all-seeing view.

A seat's cards are drawn from that seat's View only; the facilitator's from the facilitator's View.
They are sent as ephemeral replies or DMs, never to the channel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import discord

from bot.embeds import Card
from bot.render import footer, seat_lines, title, when
from bot.text import clean, plain
from game.describe import (
    PHASE_HELP,
    action_line,
    duty_heading,
    duty_line,
    item_lines,
    item_title,
    label,
    outcome_line,
    role_name,
    share_line,
    target_name,
)
from game.engine import ItemView, Phase, View
from game.scenario import Scenario


def item_text(item: ItemView, scenario: Scenario) -> str:
    """The item's fields; they come from the scenario and the engine, except its free text
    (scripted or typed by the facilitator), which is escaped."""
    lines = [plain(line) for line in item_lines(item, scenario)[1:]]
    if item.text and lines:
        lines[-1] = clean(item.text)
    return "\n".join(lines)


def item_heading(item: ItemView, scenario: Scenario) -> str:
    source = "own" if item.sender is None else f"from {role_name(scenario, item.sender)}"
    return plain(f"{item_title(item, scenario)} ({item.level.label}, {source})")


def add_items(card: Card, items: Iterable[ItemView], scenario: Scenario) -> None:
    for item in items:
        card.add(item_heading(item, scenario), item_text(item, scenario))


def intel_card(view: View, scenario: Scenario, *, only: set[int] | None = None,
               heading: str = "Your intelligence") -> Card:
    items = [i for i in view.items if only is None or i.id in only]
    card = Card(title=heading, colour=discord.Colour.teal(), footer=footer(view),
                description=f"{plain(role_name(scenario, view.role))} · {title(view)}"
                + ("" if items else "\nYou hold no items yet."))
    add_items(card, items, scenario)
    return card


def notice_card(view: View, scenario: Scenario, new_items: set[int], notes: list[str],
                *, briefing: bool = False) -> Card:
    """One private message: what reached this seat in one step of the game."""
    card = Card(title=f"{plain(role_name(scenario, view.role))} · {title(view)}",
                colour=discord.Colour.teal(), footer=footer(view))
    parts = []
    if briefing:
        parts.append(plain(view.briefing))
        if view.objective:
            parts.append(f"**Secret objective:** {plain(view.objective)}")
    parts.extend(clean(n) for n in notes)
    if new_items:
        parts.append(f"**{len(new_items)} new item{'s' if len(new_items) > 1 else ''}:**")
    card.description = "\n".join(parts)
    add_items(card, [i for i in view.items if i.id in new_items], scenario)
    return card


def orders_text(view: View, scenario: Scenario) -> str:
    """What this seat has entered so far this phase (its own orders only)."""
    lines = [f"Share {share_line(o, scenario)}" for o in view.my_shares]
    lines += [f"Duty {duty_line(d)}" for d in view.my_duty]
    lines += [f"Rated item #{i}: {r.value}" for i, r in sorted((view.my_ratings or {}).items())]
    lines += [f"Action {action_line(a, scenario)}" for a in view.my_actions]
    return "\n".join(clean(x) for x in lines)


def status_card(view: View, scenario: Scenario) -> Card:
    card = Card(title=f"{plain(role_name(scenario, view.role))} · {title(view)}",
                colour=discord.Colour.blurple(), footer=footer(view),
                description=PHASE_HELP.get(view.live_phase, ""))
    card.add("Deadline", "paused" if view.phase is Phase.PAUSED else when(view.deadline), inline=True)
    card.add("Budget", f"{view.sb} SB · {view.pc} PC", inline=True)
    card.add("Finished this phase", "yes" if view.submitted else "not yet", inline=True)
    if view.objective:
        card.add("Secret objective", plain(view.objective))
    card.add("Briefing", plain(view.briefing))
    trust = ", ".join(f"{plain(role_name(scenario, r))} {v}" for r, v in (view.trust or {}).items())
    card.add("Your trust in others", trust)
    card.add("Entered this phase", orders_text(view, scenario))
    if view.duty_pending:
        card.add(duty_heading(view), ", ".join(f"#{i}" for i in view.duty_pending))
    if view.to_rate:
        card.add("Still to rate", ", ".join(f"#{i}" for i in view.to_rate))
    if view.outcomes:
        card.add("Outcomes so far", "\n".join(outcome_line(p, scenario) for p in view.outcomes))
    add_items(card, view.items, scenario)
    if not view.items:
        card.add("Items", "You hold no items yet.")
    return card


def facilitator_card(view: View, players: Mapping[str, str | None], scenario: Scenario) -> Card:
    """The White Cell's picture: plots, every item and who holds it, seats, pending proposals."""
    truth = view.truth
    assert truth is not None
    card = Card(title=f"White Cell · {title(view)}", colour=discord.Colour.dark_red(),
                footer=footer(view), description=f"Deadline: {when(view.deadline)}")
    card.add("Seats", seat_lines(view, players, scenario))
    card.add("Resources", "\n".join(
        f"{plain(role_name(scenario, s.role))}: {s.sb} SB · {s.pc} PC" for s in truth.seats.values()))
    card.add("Plots", "\n".join(
        f"`{p.id}` {target_name(scenario, p.target)}, turn {p.turn}: "
        + (label(p.outcome.value) if p.outcome else "live") for p in truth.plots.values()))
    pending = [a for a in truth.actions.values() if a.kind.value == "propose" and a.strength is None]
    card.add("Proposals to adjudicate", "\n".join(
        f"#{a.id} {plain(role_name(scenario, a.role))}: {clean(a.text, limit=200)}" for a in pending))
    for item in truth.items.values():
        holders = [f"{plain(role_name(scenario, r))} ({h[item.id].level.label})"
                   for r, h in truth.holdings.items() if item.id in h]
        about = f"plot `{item.plot}`" if item.plot else "decoy"
        card.add(plain(f"#{item.id} {role_name(scenario, item.originator)} · {about}"),
                 f"spec {item.specificity} · {item.reliability}{item.credibility} · "
                 f"{target_name(scenario, item.focus)} · held by {', '.join(holders)}"
                 + (f"\n{clean(item.text, limit=300)}" if item.text else ""))
    return card
