"""Aftermath: source burns, blame for attacks after warnings, exposure of withholding, trust."""

from __future__ import annotations

from game.engine import events as ev
from game.engine.state import GameState, Item
from game.engine.tx import Tx
from game.engine.types import (
    FACILITATOR_ONLY,
    PUBLIC,
    VISIBLE_ACTIONS,
    ActionKind,
    Level,
    Outcome,
    Via,
    only,
)
from game.engine.views import redact


def run_aftermath(tx: Tx) -> None:
    _burn_checks(tx)
    resolved = [p for p in tx.state.plots.values() if p.turn == tx.state.turn and p.outcome]
    for live in resolved:
        if live.outcome is not Outcome.FOILED:
            _blame(tx, live.id)
            _exposure(tx, live.id)
    for live in resolved:
        _reward_accurate_warnings(tx, live.id)
    _punish_decoys_acted_on(tx)


def _burn_checks(tx: Tx) -> None:
    """GAME.md: a shared item (full, or sanitized at -1) that led to visible action burns its
    source on d6 <= sensitivity, +1 if the originator trusts the actor at <= 1. An arrest also
    risks the source of one's own item that named the suspect."""
    s = tx.state
    t = s.scenario.tunables
    checked: set[int] = set()
    for action in s.turn_actions():
        if action.kind not in VISIBLE_ACTIONS:
            continue
        for item_id in action.items:
            holding = s.held(action.role, item_id)
            item = s.items[item_id]
            if holding is None or item_id in checked:
                continue
            own = item.originator == action.role
            shared = not own and holding.via is Via.SHARE and holding.level >= Level.SANITIZED
            if not (shared or (own and action.kind is ActionKind.ARREST)):
                continue
            checked.add(item_id)
            threshold = item.sensitivity
            if shared and s.trust[item.originator].get(action.role, 5) <= t.low_trust:
                threshold += t.burn_low_trust_bonus
            if shared and holding.level is Level.SANITIZED:
                threshold -= t.burn_sanitized_relief
            roll = tx.dice.stream("burn", s.turn, item_id).randint(1, 6)
            burned = roll <= threshold
            tx.emit(ev.make_source_burn_checked(
                item=item_id, originator=item.originator, actor=action.role, roll=roll,
                threshold=threshold, burned=burned, region=item.region,
                until=s.turn + t.burn_turns,
                visibility=only(item.originator) if burned else FACILITATOR_ONLY,
            ))  # fmt: skip


def _about(s: GameState, plot_id: str) -> list[Item]:
    return [i for i in s.items.values() if i.plot == plot_id]


def _blame(tx: Tx, plot_id: str) -> None:
    """An attack after a warning costs the recipient PC = casualty weight / 3."""
    s = tx.state
    live = s.plots[plot_id]
    victim = s.scenario.target(live.target).territory
    about = {i.id for i in _about(s, plot_id)}
    warned = any(d.to == victim and d.item in about for d in s.deliveries)
    pc = live.casualties // s.scenario.tunables.blame_divisor
    if warned and pc > 0:
        tx.emit(ev.BlameApplied(role=victim, plot=plot_id, pc=pc, visibility=PUBLIC,
                                reason="attacked after being warned"))


def _exposure(tx: Tx, plot_id: str) -> None:
    """Withholding before an attack is exposed on d6 >= 4: -2 PC and -1 trust for the withholder."""
    s = tx.state
    t = s.scenario.tunables
    live = s.plots[plot_id]
    victim = s.scenario.target(live.target).territory
    about = {i.id for i in _about(s, plot_id)}
    for role in s.roles:
        if role == victim:
            continue
        could_share = any(
            item_id in about
            and (h.via is not Via.SHARE or (h.turn < s.turn and not s.items[item_id].no_onward_sharing))
            for item_id, h in s.holdings[role].items()
        )
        shared = any(d.sender == role and d.to == victim and d.item in about for d in s.deliveries)
        if not could_share or shared:
            continue
        roll = tx.dice.stream("expose", s.turn, plot_id, role).randint(1, 6)
        exposed = roll >= t.exposure_at
        tx.emit(ev.WithholdingChecked(
            role=role, victim=victim, plot=plot_id, roll=roll, exposed=exposed,
            pc=t.exposure_pc if exposed else 0,
            visibility=PUBLIC if exposed else FACILITATOR_ONLY,
        ))  # fmt: skip
        if exposed and t.exposure_trust:
            _change_trust(tx, victim, role, -t.exposure_trust, f"withheld warning of {plot_id}")


def _reward_accurate_warnings(tx: Tx, plot_id: str) -> None:
    """+1 toward the sender of an accurate warning of specificity >= 2 (once per plot)."""
    s = tx.state
    t = s.scenario.tunables
    live = s.plots[plot_id]
    true = s.scenario.target(live.target)
    victim = true.territory
    rewarded: set[str] = set()
    for d in s.deliveries:
        item = s.items[d.item]
        if d.to != victim or item.plot != plot_id or d.sender in rewarded:
            continue
        view = redact(s, item, d.level, sender=d.sender, via=Via.SHARE, turn=d.turn)
        if view.specificity < t.accurate_warning_min_specificity:
            continue
        accurate = live.target in view.targets or (
            not view.targets and view.city == true.city and view.target_class == true.target_class
        )
        if accurate:
            rewarded.add(d.sender)
            _change_trust(tx, victim, d.sender, t.accurate_warning_trust,
                          f"accurate warning of {plot_id}")


def _punish_decoys_acted_on(tx: Tx) -> None:
    """-1 toward the sender of a decoy that was acted on, once its stated window has passed: in
    the aftermath of the window's last turn, or of the first action on it if that came later."""
    s = tx.state
    t = s.scenario.tunables
    first_acted: dict[tuple[str, int], int] = {}
    for action in sorted(s.actions.values(), key=lambda a: a.id):
        for item_id in action.items:
            first_acted.setdefault((action.role, item_id), action.turn)
    seen: set[tuple[str, str]] = set()
    for (role, item_id), acted in first_acted.items():
        item = s.items[item_id]
        holding = s.held(role, item_id)
        if not item.is_decoy or max(item.window[1], acted) != s.turn or holding is None:
            continue
        if holding.sender is None or (role, holding.sender) in seen:
            continue
        seen.add((role, holding.sender))
        _change_trust(tx, role, holding.sender, -t.decoy_acted_trust,
                      f"acted on item {item_id}, which proved false")


def _change_trust(tx: Tx, truster: str, trusted: str, delta: int, reason: str) -> None:
    old = tx.state.trust[truster][trusted]
    new = max(0, min(5, old + delta))
    if new != old:
        tx.emit(ev.TrustChanged(truster=truster, trusted=trusted, delta=new - old, value=new,
                                reason=reason, visibility=only(truster)))
