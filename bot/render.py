"""What the channel sees: the one embed per phase (lobby, turn phases, aftermath reveal, game over).

Everything here is drawn from a public View (`view_for(state, Viewer.observer())`) and from public
events of the current turn. Nothing private ever reaches this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import discord

from bot.embeds import Card, single
from bot.text import clean, plain
from game.describe import PHASE_HELP, PHASE_TITLES, outcome_line, role_name, seat_news
from game.engine import Event, Phase, View
from game.engine import events as ev
from game.scenario import Scenario

COLOURS = {
    Phase.LOBBY: discord.Colour.light_grey(),
    Phase.BRIEFING: discord.Colour.blurple(),
    Phase.INTEL_RECEIVED: discord.Colour.teal(),
    Phase.SHARING: discord.Colour.gold(),
    Phase.RESPONSE: discord.Colour.orange(),
    Phase.AFTERMATH: discord.Colour.red(),
    Phase.PAUSED: discord.Colour.dark_grey(),
    Phase.DEBRIEF: discord.Colour.green(),
    Phase.ENDED: discord.Colour.dark_green(),
}
SUBMITTING = (Phase.BRIEFING, Phase.INTEL_RECEIVED, Phase.SHARING, Phase.RESPONSE, Phase.AFTERMATH)
REVEAL = (ev.AttackResolved, ev.BlameApplied, ev.WithholdingChecked)


def when(epoch: float | None, style: str = "R") -> str:
    if epoch is None:
        return "none"
    moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return discord.utils.format_dt(moment, style)  # type: ignore[arg-type]


def footer(view: View) -> str:
    """Names the game and phase: after a restart the bot finds its phase message by this line."""
    turn = f" · turn {view.turn}" if view.turn else ""
    return f"Duty to Warn · game {view.game_id}{turn} · {view.live_phase.value}"


def seat_lines(view: View, players: Mapping[str, str | None], scenario: Scenario) -> str:
    """Who holds each seat and, in a phase with orders, who has finished (never what)."""
    lines = []
    for seat in view.seats:
        player = players.get(seat.role)
        if seat.controller == "human" and player:
            who = f"<@{player}>"
        elif seat.controller == "computer" or seat.controller.startswith("ai:"):
            who = "🤖 computer"
        else:
            who = "*vacant*"
        mark = ""
        if view.live_phase in SUBMITTING and seat.controller != "vacant":
            mark = " ✅" if seat.submitted else " ⏳"
        lines.append(f"{plain(role_name(scenario, seat.role))} — {who}{mark}")
    return "\n".join(lines)


def title(view: View) -> str:
    name = PHASE_TITLES[view.live_phase]
    if view.turn:
        name = f"Turn {view.turn} of {view.turns} · {name}"
    return name + (" (paused)" if view.phase is Phase.PAUSED else "")


def lobby_card(view: View, players: Mapping[str, str | None], scenario: Scenario) -> Card:
    card = Card(title=clean(view.title, limit=200), colour=COLOURS[Phase.LOBBY], footer=footer(view),
                description=plain(scenario.meta.summary))
    card.add("Seats", seat_lines(view, players, scenario))
    card.add("How to play", "Take a seat with `/game join role:<role>`. A facilitator starts the "
             "game with `/game start`; empty seats stay vacant (or `/game computer`).")
    return card


def phase_card(view: View, players: Mapping[str, str | None], scenario: Scenario,
               turn_events: Sequence[Event], *, dm_closed: bool = False) -> Card:
    """The phase's one channel embed; in the aftermath it is also the reveal of the week."""
    phase = view.live_phase
    card = Card(title=title(view), colour=COLOURS[view.phase], footer=footer(view))
    lines = [PHASE_HELP.get(phase, "")]
    if phase is Phase.INTEL_RECEIVED:
        lines.append("Your new items arrive by DM; **My intel** shows them here, privately.")
    if phase is Phase.AFTERMATH:
        reveal = [seat_news(e, scenario, None) for e in turn_events if isinstance(e, REVEAL)]
        found = [clean(x) for x in reveal if x]
        lines = ["**This week's outcomes**", *(found or ["No attack this week."]), "", lines[0]]
    card.description = "\n".join(x for x in lines if x is not None)
    if view.phase is Phase.PAUSED:
        card.add("Deadline", "Paused by the facilitator.", inline=True)
    elif view.deadline is not None:
        card.add("Deadline", f"{when(view.deadline)} ({when(view.deadline, 't')})", inline=True)
    card.add("Seats", seat_lines(view, players, scenario))
    news = [clean(text) for turn, text in view.news if turn == view.turn]
    card.add("News", "\n".join(f"📰 {n}" for n in news))
    public = [seat_news(e, scenario, None) for e in turn_events
              if isinstance(e, ev.ActionTaken) or e.type == "advisory_issued"]
    card.add("Public advisories", "\n".join(clean(x) for x in public if x))
    if dm_closed:
        card.add("Private messages", "Some of you have DMs closed: press **My intel** to read "
                 "your items here, privately.")
    return card


def ended_card(view: View, scenario: Scenario, reason: str = "") -> Card:
    card = Card(title="Game over", colour=COLOURS[Phase.DEBRIEF], footer=footer(view),
                description=(clean(reason) + "\n\n" if reason else "")
                + "Everything hidden is now revealed: `/game debrief` posts the debrief files.")
    if view.scores:
        rows = sorted(view.scores.items(), key=lambda kv: -kv[1].get("total", 0))
        card.add("Scores", "\n".join(f"{plain(role_name(scenario, r))}: **{s.get('total', 0)}**"
                                     for r, s in rows))
    if view.outcomes:
        card.add("Plots", "\n".join(outcome_line(p, scenario) for p in view.outcomes))
    return card


def closed_embed(embed: discord.Embed) -> discord.Embed:
    """The last state of a phase message once the phase is over: marked closed, no buttons."""
    copy = embed.copy()
    if copy.title and not copy.title.endswith("— closed"):
        copy.title = f"{copy.title} — closed"
    copy.colour = discord.Colour.dark_grey()
    return copy


def channel_embed(view: View, players: Mapping[str, str | None], scenario: Scenario,
                  turn_events: Sequence[Event], *, dm_closed: bool = False,
                  reason: str = "") -> discord.Embed:
    if view.phase is Phase.LOBBY:
        return single(lobby_card(view, players, scenario))
    if view.phase in (Phase.DEBRIEF, Phase.ENDED):
        return single(ended_card(view, scenario, reason))
    return single(phase_card(view, players, scenario, turn_events, dm_closed=dm_closed))
