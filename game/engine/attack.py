"""Attack resolution: 2d6 + prevention; 10+ foiled, 8-9 disrupted (half casualties), else carried out."""

from __future__ import annotations

from game.engine import events as ev
from game.engine.state import GameState, PlotState
from game.engine.tx import Tx
from game.engine.types import PUBLIC, ActionKind, Identity, Level, Outcome, Rating, Via
from game.scenario.schema import Plot, SpecialRule


def resolve_attacks(tx: Tx) -> None:
    for plot in tx.state.scenario.plots:
        live = tx.state.plots[plot.id]
        if live.outcome is None and live.turn == tx.state.turn:
            _resolve(tx, plot, live)


def _resolve(tx: Tx, plot: Plot, live: PlotState) -> None:
    s = tx.state
    t = s.scenario.tunables
    mods = prevention(s, plot, live)
    rng = tx.dice.stream("attack", s.turn, plot.id)
    dice = (rng.randint(1, 6), rng.randint(1, 6))
    total = sum(dice) + sum(v for _, v in mods)
    weight = plot.casualty_weight if plot.casualty_weight is not None else t.casualty_weights[
        plot.method]
    if total >= t.foil_at:
        outcome, casualties = Outcome.FOILED, 0
    elif total >= t.disrupt_at:
        outcome, casualties = Outcome.DISRUPTED, weight // t.disrupted_casualty_divisor
    else:
        outcome, casualties = Outcome.CARRIED_OUT, weight
    tx.emit(ev.AttackRolled(plot=plot.id, dice=dice, modifiers=tuple(mods), total=total))
    tx.emit(ev.AttackResolved(
        plot=plot.id, turn=s.turn, actor=plot.actor, target=live.target,
        victim=s.scenario.target(live.target).territory, method=plot.method.value,
        outcome=outcome, casualties=casualties, visibility=PUBLIC,
    ))  # fmt: skip


def prevention(s: GameState, plot: Plot, live: PlotState) -> list[tuple[str, int]]:
    """Every modifier with the reason it applies, so the debrief can show the arithmetic."""
    sc = s.scenario
    t = sc.tunables
    target = sc.target(live.target)
    victim = target.territory
    now = s.turn_actions()
    mods: list[tuple[str, int]] = []
    hardened = {a.target for a in now if a.kind is ActionKind.HARDEN}
    if live.target in hardened:
        mods.append(("hardened the target", t.harden_true_bonus))
    elif any(
        (o := sc.target(h)).city == target.city and o.target_class == target.target_class
        for h in hardened
    ):
        mods.append(("hardened a target of the same class in the same city", t.harden_near_bonus))
    cell = {n.casefold() for n in plot.cell}
    watched = {a.target.casefold() for a in now if a.kind is ActionKind.SURVEIL} & cell
    if watched:
        mods.append(("surveillance of the cell", min(t.surveil_max, t.surveil_bonus * len(watched))))
    arrested = {
        a.target.casefold() for a in s.actions.values() if a.kind is ActionKind.ARREST
    } & cell
    for _ in sorted(arrested):
        mods.append(("arrest of a cell member", t.arrest_bonus))
    if any(
        a.kind is ActionKind.ADVISORY
        and (o := sc.target(a.target)).city == target.city
        and o.target_class == target.target_class
        for a in now
    ):
        mods.append(("public advisory", t.advisory_bonus))
    if _watchlist_hit(s, plot, victim):
        mods.append(("watchlist or border hit", t.watchlist_bonus))
    for a in now:
        if a.kind is ActionKind.PROPOSE and a.success and a.plot == plot.id:
            mods.append((f"free-form action #{a.id} succeeded", t.proposal_prevention))
    if _dismissed_warning(s, plot, victim):
        mods.append(("the victim state dismissed a warning", -t.dismissed_warning_malus))
    return mods


def _watchlist_hit(s: GameState, plot: Plot, victim: str) -> bool:
    """Names of the cell on the victim's watchlist (any item it holds naming one of them).

    border_watch: any item about the plot suffices. schengen_lag: names received this turn reach
    the border too late.
    """
    rules = s.scenario.role(victim).special_rules
    cell = {n.casefold() for n in plot.cell}
    for item_id, holding in s.holdings[victim].items():
        item = s.items[item_id]
        if SpecialRule.BORDER_WATCH in rules and item.plot == plot.id:
            return True
        if SpecialRule.SCHENGEN_LAG in rules and holding.turn >= s.turn:
            continue
        names_visible = holding.level is Level.FULL and item.identity is not Identity.NONE
        if names_visible and cell & {n.casefold() for n in item.names}:
            return True
    return False


def _dismissed_warning(s: GameState, plot: Plot, victim: str) -> bool:
    return any(
        s.items[item_id].plot == plot.id
        and holding.via is Via.SHARE
        and s.ratings.get((victim, item_id)) is Rating.DISMISS
        for item_id, holding in s.holdings[victim].items()
    )
