"""Plain-text descriptions of items, phases and events, shared by the terminal and the bot.

Only views and events that a viewer may see are ever passed in here: describing is not deciding
what to show (that is `game.engine.views`).
"""

from __future__ import annotations

from game.engine import events as ev
from game.engine.state import Action, DutyEntry, GameState, PlotState, ShareOrder
from game.engine.types import Level, Phase
from game.engine.views import ItemView, View
from game.scenario.schema import Scenario

PHASE_TITLES = {
    Phase.LOBBY: "Lobby",
    Phase.BRIEFING: "Briefing",
    Phase.INTEL_RECEIVED: "Intelligence received",
    Phase.SHARING: "Sharing",
    Phase.RESPONSE: "Response",
    Phase.ATTACK: "Attack",
    Phase.AFTERMATH: "Aftermath",
    Phase.PAUSED: "Paused",
    Phase.DEBRIEF: "Debrief",
    Phase.ENDED: "Ended",
}
PHASE_HELP = {
    Phase.BRIEFING: "Read your briefing, then mark yourself ready.",
    Phase.INTEL_RECEIVED: "Read the intelligence your service collected this week.",
    Phase.SHARING: "Decide, item by item and partner by partner: full, sanitized, warning or "
    "withhold. Services bound by the duty to warn log Warn or Waive for every triggering item.",
    Phase.RESPONSE: "Rate what you were sent (accept, discount, dismiss), then spend your "
    "security budget: harden, surveil, arrest, advisory or propose.",
    Phase.AFTERMATH: "The week's outcomes are in. Discuss, then mark yourself ready.",
}


def role_name(scenario: Scenario, role: str | None) -> str:
    if role is None:
        return "—"
    try:
        r = scenario.role(role)
    except KeyError:
        return role
    return f"{r.flag} {r.name}".strip()


def target_name(scenario: Scenario, target: str) -> str:
    try:
        return scenario.target(target).name
    except KeyError:
        return target


def item_title(item: ItemView, scenario: Scenario) -> str:
    where = item.city or (role_name(scenario, item.country) if item.country else "somewhere")
    what = (item.target_class or "target").replace("_", " ")
    return f"#{item.id} · {item.actor} · {what} in {where} · {item.window_text}"


def item_lines(item: ItemView, scenario: Scenario) -> list[str]:
    """The fields of an item its holder may see, one per line."""
    source = "own collection" if item.sender is None else f"from {role_name(scenario, item.sender)}"
    lines = [
        f"Item #{item.id} ({item.level.label}, {source}, turn {item.received_turn})",
        f"Threat actor: {item.actor}",
        "Where: " + (role_name(scenario, item.country) if item.country else "unknown")
        + (f", {item.city}" if item.city else ""),
    ]
    if item.target_class:
        lines.append(f"Target class: {item.target_class.replace('_', ' ')}")
    if item.targets:
        lines.append("Candidate targets: " + ", ".join(target_name(scenario, t) for t in item.targets))
    lines.append(f"Window: {item.window_text} (turns {item.window[0]}–{item.window[1]})")
    if item.names:
        lines.append(f"Identities ({item.identity.value}): " + ", ".join(item.names))
    if item.method:
        lines.append(f"Method: {item.method.replace('_', ' ')}")
    lines.append(f"Grade: {item.grade} · specificity {item.specificity}"
                 + (f" · source sensitivity {item.sensitivity}" if item.sensitivity else ""))
    if item.no_onward_sharing:
        lines.append("No onward sharing.")
    if item.text:
        lines.append(item.text)
    return lines


def narrate(event: ev.Event, state: GameState) -> str | None:
    """One line for the omniscient account of a game (demo, facilitator log); None to skip."""
    sc = state.scenario
    name = lambda r: role_name(sc, r)  # noqa: E731
    match event:
        case ev.PhaseStarted(phase=phase, turn=turn):
            return f"── Turn {turn} · {PHASE_TITLES[phase]}" if turn else f"── {PHASE_TITLES[phase]}"
        case ev.ItemCreated(item=item):
            about = f"plot {item.plot}" if item.plot else "nothing (decoy)"
            return (f"{name(item.originator)} collects item #{item.id} on {about}: specificity "
                    f"{item.specificity}, grade {item.reliability}{item.credibility}")
        case ev.ItemDelivered(sender=sender, holder=holder, item=item, level=level) if sender:
            return f"{name(sender)} → {name(holder)}: item #{item} ({level.label})"
        case ev.DutyLogged(entry=e):
            code = f" ({e.code.value})" if e.code else ""
            return f"{name(e.role)} logs {e.decision.value}{code} for item #{e.item}"
        case ev.DutyMissing(role=role, item=item, pc_cost=pc):
            return f"{name(role)} logged nothing for triggering item #{item}: −{pc} PC"
        case ev.ItemRated(role=role, item=item, rating=rating, pc_cost=pc):
            cost = f" (provocation: −{pc} PC)" if pc else ""
            return f"{name(role)} rates item #{item}: {rating.value}{cost}"
        case ev.ActionTaken(action=a):
            verb = {"advisory": "issues an advisory on", "propose": "proposes"}.get(
                a.kind.value, f"{a.kind.value}s")
            cost = f" ({a.sb_cost} SB)" if a.sb_cost else ""
            return f"{name(a.role)} {verb} {a.target or a.text}{cost}"
        case ev.RedAdapted(plot=plot, reason=reason):
            return f"Red adapts plot {plot}: {reason}"
        case ev.AttackResolved(plot=plot, target=target, outcome=outcome, casualties=cas):
            return (f"ATTACK {plot} on {target_name(sc, target)}: {outcome.value.replace('_', ' ')}"
                    f", casualty weight {cas}")
        case ev.AttackRolled(dice=dice, modifiers=mods, total=total):
            parts = " ".join(f"{v:+d} {label}" for label, v in mods)
            return f"   roll {dice[0]}+{dice[1]} {parts} = {total}"
        case ev.SourceBurnChecked(burned=True, originator=o, region=region, until=until):
            return f"{name(o)} loses its {region} source until turn {until}"
        case ev.BlameApplied(role=role, pc=pc, reason=reason):
            return f"{name(role)} {reason}: −{pc} PC"
        case ev.WithholdingChecked(exposed=True, role=role, victim=victim, pc=pc):
            return f"{name(role)} is exposed for withholding from {name(victim)}: −{pc} PC"
        case ev.TrustChanged(truster=a, trusted=b, delta=d, value=v, reason=reason):
            return f"trust {name(a)} → {name(b)} {d:+d} = {v} ({reason})"
        case ev.NewsPublished(text=text):
            return f"NEWS: {text}"
        case ev.GameEnded(reason=reason):
            return f"Game over: {reason}"
    return None


def level_label(level: Level) -> str:
    return level.label


# Seat-facing lines: what one seat is told about its own moves and about events it may see. The
# caller has already checked visibility; these only put the facts into words.

VERBS = {"harden": "harden", "surveil": "put under surveillance", "arrest": "arrest",
         "advisory": "issue a public advisory for", "propose": "propose"}
TRUST_REASONS = (("accurate warning", "an accurate warning"),
                 ("withheld warning", "a warning they withheld came to light"),
                 ("acted on item", "an item you acted on proved false"))


def label(text: str) -> str:
    return text.replace("_", " ")


def share_line(order: ShareOrder, scenario: Scenario) -> str:
    why = f" — {order.rationale}" if order.rationale else ""
    return f"item #{order.item} → {role_name(scenario, order.to)}: {order.level.label}{why}"


def duty_line(entry: DutyEntry) -> str:
    code = f" ({entry.code.value})" if entry.code else ""
    why = f" — {entry.rationale}" if entry.rationale else ""
    return f"item #{entry.item}: {entry.decision.value}{code}{why}"


def action_line(action: Action, scenario: Scenario) -> str:
    """One of a seat's own actions: what, on what, at what cost, and (once known) how it went."""
    kind = action.kind.value
    what = target_name(scenario, action.target) if kind in ("harden", "advisory") else (
        action.text or action.target)
    cost = ", ".join(x for x in (f"{action.sb_cost} SB" if action.sb_cost else "",
                                 f"{action.pc_cost} PC" if action.pc_cost else "") if x)
    line = f"#{action.id} {VERBS.get(kind, kind)} {what}" + (f" ({cost})" if cost else "")
    if action.strength is not None:
        line += f" — rated {label(action.strength.value)}, " + (
            "succeeded" if action.success else "failed")
    return line


def outcome_line(plot: PlotState, scenario: Scenario) -> str:
    """A resolved plot as everyone learns it in the aftermath."""
    outcome = label(plot.outcome.value) if plot.outcome else "pending"
    return f"{target_name(scenario, plot.target)}: {outcome} (casualty weight {plot.casualties})"


def seat_news(event: ev.Event, scenario: Scenario, role: str | None) -> str | None:
    """One line for an event that `role` (None: everyone) may see and should be told of; None to
    skip. Covers what arrives unasked: results of the aftermath, rulings, costs, public acts."""

    def name(r: str) -> str:
        return role_name(scenario, r)

    told = _told(event, scenario, role)
    if told is not None:
        return told
    match event:
        case ev.AttackResolved(target=target, actor=actor, method=method, outcome=outcome,
                               casualties=cas, victim=victim):
            return (f"Attack on {target_name(scenario, target)} ({name(victim)}) by {actor}, "
                    f"{label(method)}: {label(outcome.value)}, casualty weight {cas}")
        case ev.BlameApplied(role=r, pc=pc):
            return f"{name(r)} was attacked after being warned: −{pc} PC"
        case ev.WithholdingChecked(exposed=True, role=r, victim=victim, pc=pc):
            return f"{name(r)} is exposed for withholding a warning from {name(victim)}: −{pc} PC"
        case ev.AdvisoryIssued(role=r, target=target) if r != role:
            # its author was answered already; one private message per seat and phase
            return f"{name(r)} issues a public advisory for {target_name(scenario, target)}"
        case ev.NewsPublished(text=text):
            return f"News: {text}"
        case ev.SourceBurnChecked(burned=True, originator=o, region=region, until=until, item=item,
                                  actor=actor) if o == role:
            return (f"Your {label(region)} source is burned until turn {until} "
                    f"({name(actor)} acted on item #{item})")
        case ev.TrustChanged(truster=truster, trusted=trusted, delta=delta, value=value,
                             reason=reason) if truster == role:
            why = next((text for key, text in TRUST_REASONS if reason.startswith(key)), "")
            return f"Your trust in {name(trusted)} {delta:+d} = {value}" + (f" ({why})" if why else "")
        case ev.DutyMissing(role=r, item=item, pc_cost=pc) if r == role:
            return f"No warn or waive entry for item #{item}: −{pc} PC"
        case ev.ProposalAdjudicated(action=action, strength=strength, success=ok):
            return (f"Your proposal #{action} is rated {label(strength.value)}: "
                    + ("it succeeds" if ok else "it fails"))
    return None


def _told(event: ev.Event, scenario: Scenario, role: str | None) -> str | None:
    """Announcement events (a public advisory; the answer to one's own proposal), matched by
    their type name so that this module reads logs written before and after they existed."""
    if event.type == "advisory_issued":
        who, target = getattr(event, "role", ""), getattr(event, "target", "")
        return f"{role_name(scenario, who)} issues a public advisory for {target_name(scenario, target)}"
    if event.type == "proposal_answered" and getattr(event, "role", None) == role:
        ok = getattr(event, "success", False)
        return f"Your proposal #{getattr(event, 'action', '?')}: " + ("it succeeds" if ok else "it fails")
    return None


def duty_heading(view: View) -> str:
    """Entries can be logged in the sharing phase only: outside it, the items still without one
    are owed when the next sharing phase opens (if the threat is still impending then)."""
    return ("Duty to warn: still to log" if view.live_phase is Phase.SHARING
            else "Duty to warn: to log in the next sharing phase")
