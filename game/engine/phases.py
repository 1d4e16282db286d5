"""The turn loop: what happens when a phase closes and when the next one opens.

The phase order itself comes from the shared state machine (`flow`); this module only says what
each phase does on the way in and on the way out.
"""

from __future__ import annotations

from game.engine import events as ev
from game.engine import flow, intel
from game.engine.aftermath import run_aftermath
from game.engine.attack import resolve_attacks
from game.engine.scoring import final_scores
from game.engine.state import Item
from game.engine.tx import Tx
from game.engine.types import (
    PUBLIC,
    ActionKind,
    DutyDecision,
    Level,
    Phase,
    Via,
    only,
)
from game.engine.views import held_view, triggers_duty
from game.scenario.schema import Scenario, SpecialRule


def start_game(tx: Tx) -> None:
    tx.emit(ev.GameStarted(visibility=PUBLIC))
    open_phase(tx, flow.fire(tx.state.phase, "start"))


def advance(tx: Tx) -> None:
    """Close the current phase and open the next one the machine names."""
    s = tx.state
    closer = _CLOSERS.get(s.phase)
    if closer:
        closer(tx)
    more = tx.state.turn < tx.state.scenario.turns
    open_phase(tx, flow.fire(tx.state.phase, "advance", more_turns=more))


def advance_if_all_submitted(tx: Tx) -> None:
    s = tx.state
    if s.phase is not Phase.PAUSED and all(seat.submitted for seat in s.seats.values()):
        advance(tx)


def end_game(tx: Tx, reason: str) -> None:
    if tx.state.phase is not Phase.DEBRIEF:
        flow.fire(tx.state.phase, "end")
    tx.emit(ev.GameEnded(reason=reason, scores=final_scores(tx.state), visibility=PUBLIC))


def open_phase(tx: Tx, phase: Phase) -> None:
    if phase is Phase.DEBRIEF:
        end_game(tx, "the last turn is over")
        return
    s = tx.state
    turn = s.turn + 1 if phase is Phase.INTEL_RECEIVED else s.turn
    minutes = getattr(s.scenario.deadlines, phase.value, None)
    deadline = tx.deadline_in(minutes) if minutes else None
    tx.emit(ev.make_phase_started(phase=phase, turn=turn, deadline=deadline, visibility=PUBLIC))
    opener = _OPENERS.get(phase)
    if opener:
        opener(tx)
    if phase is Phase.ATTACK:
        advance(tx)
    else:
        advance_if_all_submitted(tx)


# Opening ----------------------------------------------------------------------------------------


def _open_intel(tx: Tx) -> None:
    s = tx.state
    sc = s.scenario
    for news in sc.news:
        if news.turn == s.turn:
            tx.emit(ev.NewsPublished(turn=s.turn, text=news.text, visibility=PUBLIC))
    for inject in sc.injects:
        if inject.turn == s.turn:
            live = tx.state.plots.get(inject.plot) if inject.plot else None
            item = intel.from_inject(item_id=tx.state.next_item, scenario=sc, inject=inject,
                                     live=live)
            _give(tx, item, Via.INJECT)
    _collect(tx)
    _decoys(tx)


def _collect(tx: Tx) -> None:
    """GAME.md: for every live plot and every role strong in its region, roll c d6; 5+ hits."""
    sc = tx.state.scenario
    hit_on = sc.tunables.collection_hit
    for plot in sc.plots:
        live = tx.state.plots[plot.id]
        if live.outcome is not None or live.turn < tx.state.turn:
            continue
        for role in sc.roles:
            strength = role.collection.get(plot.region, 0)
            seat = tx.state.seats[role.id]
            if strength < 1 or seat.burned_in(plot.region, tx.state.turn):
                continue
            rng = tx.dice.stream("collect", tx.state.turn, plot.id, role.id)
            hits = sum(rng.randint(1, 6) >= hit_on for _ in range(strength))
            if hits:
                item = intel.from_collection(
                    item_id=tx.state.next_item, scenario=sc, plot=plot, live=live,
                    collector=role.id, strength=strength, hits=hits, turn=tx.state.turn, rng=rng,
                )  # fmt: skip
                _give(tx, item, Via.COLLECTION)


def _decoys(tx: Tx) -> None:
    sc = tx.state.scenario
    live_targets = {p.target for p in tx.state.plots.values() if p.outcome is None}
    for role in sc.roles:
        if not any(c > 0 for c in role.collection.values()):
            continue
        rng = tx.dice.stream("decoy", tx.state.turn, role.id)
        if rng.random() < sc.tunables.decoy_chance:
            item = intel.decoy(item_id=tx.state.next_item, scenario=sc, collector=role.id,
                               turn=tx.state.turn, live_targets=live_targets, rng=rng)
            _give(tx, item, Via.COLLECTION)


def _give(tx: Tx, item: Item, via: Via) -> None:
    tx.emit(ev.make_item_created(item=item))
    tx.emit(ev.make_item_delivered(holder=item.originator, item=item.id, level=Level.FULL, sender=None,
                             via=via, turn=tx.state.turn, visibility=only(item.originator)))


def _open_attack(tx: Tx) -> None:
    _deliver(tx, delayed=True)
    resolve_attacks(tx)


# Closing ----------------------------------------------------------------------------------------


def _close_sharing(tx: Tx) -> None:
    _audit_duty(tx)
    _deliver(tx, delayed=False)


def _audit_duty(tx: Tx) -> None:
    """Every triggering item a bound role holds without a Warn/Waive entry costs PC, once."""
    s = tx.state
    cost = s.scenario.tunables.duty_missing_pc
    for role in s.scenario.duty_to_warn:
        for item_id in sorted(s.holdings[role]):
            key = (role, item_id)
            if key in s.duty or key in tx.state.audited:
                continue
            view = held_view(s, role, item_id)
            if view is not None and triggers_duty(s, role, view):
                tx.emit(ev.DutyMissing(role=role, item=item_id, pc_cost=cost, visibility=only(role)))


def _intermediated(tx: Tx, a: str, b: str) -> bool:
    intermediaries = _intermediaries(tx.state.scenario)
    return a in intermediaries or b in intermediaries


# The roles that share through an intermediary, per Scenario object (kept alive by its entry):
# asked for every share order twice a turn, and a scenario never changes.
_INTERMEDIARIES: dict[int, tuple[Scenario, frozenset[str]]] = {}


def _intermediaries(sc: Scenario) -> frozenset[str]:
    hit = _INTERMEDIARIES.get(id(sc))
    if hit is None or hit[0] is not sc:
        if len(_INTERMEDIARIES) >= 256:
            _INTERMEDIARIES.clear()
        roles = frozenset(r.id for r in sc.roles
                          if SpecialRule.INTERMEDIARY_CHANNEL in r.special_rules)
        hit = _INTERMEDIARIES[id(sc)] = (sc, roles)
    return hit[1]


def _deliver(tx: Tx, *, delayed: bool) -> None:
    """Deliver this turn's share orders (and duty-to-warn notices) that are due now."""
    s = tx.state
    wanted: dict[tuple[str, int, str], Level] = {}
    for (sender, item_id, to), order in sorted(s.shares.items()):
        wanted[(sender, item_id, to)] = order.level
    for (role, item_id), entry in sorted(s.duty.items()):
        victim = s.items[item_id].country
        if entry.decision is DutyDecision.WARN and entry.turn == s.turn and victim != role:
            key = (role, item_id, victim)
            wanted[key] = max(wanted.get(key, Level.WITHHOLD), Level.WARNING)
    for (sender, item_id, to), level in wanted.items():
        holding = tx.state.held(sender, item_id)
        if holding is None or level is Level.WITHHOLD:
            continue
        if _intermediated(tx, sender, to) != delayed:
            continue
        tx.emit(ev.make_item_delivered(
            holder=to, item=item_id, level=min(level, holding.level), sender=sender,
            via=Via.SHARE, turn=tx.state.turn, degraded=delayed or holding.degraded,
            visibility=only(to),
        ))  # fmt: skip


def _close_response(tx: Tx) -> None:
    """GAME.md: after a public advisory, Red may shift target or timing (with probability 1/2)."""
    s = tx.state
    sc = s.scenario
    advisories = [a for a in s.turn_actions() if a.kind is ActionKind.ADVISORY]
    if not advisories:
        return
    covered = {(sc.target(a.target).city, sc.target(a.target).target_class) for a in advisories}
    for plot in sc.plots:
        live = tx.state.plots[plot.id]
        target = sc.target(live.target)
        if live.outcome is not None or (target.city, target.target_class) not in covered:
            continue
        rng = tx.dice.stream("advisory", s.turn, plot.id)
        delay = sc.tunables.advisory_delay_turns
        if rng.random() >= sc.tunables.advisory_shift_chance:
            continue
        alternatives = sorted(
            t.id for t in sc.targets
            if t.id != live.target and t.city == target.city
            and t.target_class == target.target_class
        )  # fmt: skip
        if alternatives and rng.random() < 0.5:
            tx.emit(ev.RedAdapted(plot=plot.id, target=rng.choice(alternatives), turn=live.turn,
                                  reason="shifted target after a public advisory"))
        elif live.turn + delay <= sc.turns:
            tx.emit(ev.RedAdapted(plot=plot.id, target=live.target, turn=live.turn + delay,
                                  reason=f"delayed {_turns(delay)} after a public advisory"))


def _turns(n: int) -> str:
    return "one turn" if n == 1 else f"{n} turns"


_OPENERS = {
    Phase.INTEL_RECEIVED: _open_intel,
    Phase.ATTACK: _open_attack,
    Phase.AFTERMATH: run_aftermath,
}
_CLOSERS = {
    Phase.SHARING: _close_sharing,
    Phase.RESPONSE: _close_response,
}
