"""Seat moves: sharing orders, duty-to-warn entries, ratings, actions, and 'done'.

Each move is checked against the rules, then recorded as an event visible to the seat alone
(a public advisory is public by nature).
"""

from __future__ import annotations

from game.engine import commands as c
from game.engine import events as ev
from game.engine import intel
from game.engine.errors import Code, GameError, clean_text
from game.engine.phases import advance_if_all_submitted
from game.engine.state import DutyEntry, GameState, make_action, make_share_order
from game.engine.tx import Tx
from game.engine.types import (
    PUBLIC,
    ActionKind,
    DutyDecision,
    Level,
    Phase,
    Rating,
    Via,
    only,
)
from game.engine.views import ItemView, action_costs, held_view, held_views, triggers_duty
from game.scenario.schema import SpecialRule

MAX_TEXT = 500


def require_phase(s: GameState, *phases: Phase) -> None:
    if s.phase is Phase.PAUSED:
        raise GameError(Code.GAME_PAUSED, "the facilitator has paused the game")
    if s.phase not in phases:
        wanted = " or ".join(p.value for p in phases)
        raise GameError(Code.WRONG_PHASE, f"that move belongs to {wanted}; now: {s.phase.value}")


def _open_seat(s: GameState, role: str) -> None:
    if s.seats[role].submitted:
        raise GameError(Code.ALREADY_SUBMITTED, "you have already finished this phase")


def _text(text: str, what: str) -> str:
    return clean_text(text, what, limit=MAX_TEXT)


def _holding(s: GameState, role: str, item: int) -> None:
    if s.held(role, item) is None:
        raise GameError(Code.UNKNOWN_ITEM, f"you hold no item {item}")


def share(tx: Tx, role: str, cmd: c.Share) -> None:
    s = tx.state
    require_phase(s, Phase.SHARING)
    _open_seat(s, role)
    _holding(s, role, cmd.item)
    if cmd.to not in s.seats:
        raise GameError(Code.UNKNOWN_ROLE, f"there is no role '{cmd.to}'")
    if cmd.to == role:
        raise GameError(Code.SELF_SHARE, "you cannot share with yourself")
    holding = s.held(role, cmd.item)
    assert holding is not None
    item = s.items[cmd.item]
    if cmd.level is not Level.WITHHOLD and holding.via is Via.SHARE and item.no_onward_sharing:
        raise GameError(Code.NO_ONWARD_SHARING, f"item {cmd.item} is marked no onward sharing")
    order = make_share_order(sender=role, item=cmd.item, to=cmd.to, level=min(cmd.level, holding.level),
                       rationale=_text(cmd.rationale, "rationale"))
    tx.emit(ev.make_share_ordered(order=order, visibility=only(role)))


def log_duty(tx: Tx, role: str, cmd: c.LogDuty) -> None:
    s = tx.state
    require_phase(s, Phase.SHARING)
    _open_seat(s, role)
    if role not in s.scenario.duty_to_warn:
        raise GameError(Code.NOT_BOUND, "your service is not bound by a duty to warn")
    view = held_view(s, role, cmd.item)
    if view is None:
        raise GameError(Code.UNKNOWN_ITEM, f"you hold no item {cmd.item}")
    if not triggers_duty(s, role, view):
        raise GameError(Code.NOT_TRIGGERING, f"item {cmd.item} does not meet the duty-to-warn trigger")
    if cmd.decision is DutyDecision.WAIVE and cmd.code is None:
        raise GameError(Code.WAIVER_NEEDS_REASON, "a waiver needs a reason code: U, T or I")
    entry = DutyEntry(role=role, item=cmd.item, decision=cmd.decision,
                      code=cmd.code if cmd.decision is DutyDecision.WAIVE else None,
                      rationale=_text(cmd.rationale, "rationale"), turn=s.turn)
    tx.emit(ev.DutyLogged(entry=entry, visibility=only(role)))


def rate(tx: Tx, role: str, cmd: c.Rate) -> None:
    s = tx.state
    require_phase(s, Phase.RESPONSE)
    _open_seat(s, role)
    holding = s.held(role, cmd.item)
    if holding is None:
        raise GameError(Code.UNKNOWN_ITEM, f"you hold no item {cmd.item}")
    if holding.sender is None:
        raise GameError(Code.NOT_RECEIVED, f"item {cmd.item} is your own; rate what others sent")
    if (role, cmd.item) in s.ratings:
        raise GameError(Code.ALREADY_RATED, f"you have already rated item {cmd.item}")
    t = s.scenario.tunables
    provoked = cmd.rating is Rating.ACCEPT and s.trust[role][holding.sender] <= t.low_trust
    tx.emit(ev.make_item_rated(role=role, item=cmd.item, rating=cmd.rating,
                         pc_cost=t.provocation_pc if provoked else 0,
                         rationale=_text(cmd.rationale, "rationale"), visibility=only(role)))


def act(tx: Tx, role: str, cmd: c.Act) -> None:
    s = tx.state
    require_phase(s, Phase.RESPONSE)
    _open_seat(s, role)
    target = _check_target(s, role, cmd)
    t = s.scenario.tunables
    items = linked_items(s, role, cmd.action, target)
    sb, pc = action_costs(s.scenario)[cmd.action]
    if cmd.action in (ActionKind.HARDEN, ActionKind.SURVEIL) and _fatigued(s, role, items):
        sb *= t.alert_fatigue_multiplier
    if s.seats[role].sb < sb:
        raise GameError(Code.NOT_ENOUGH_BUDGET, f"that costs {sb} SB; you have {s.seats[role].sb}")
    if pc and s.seats[role].pc < pc:  # PC may be negative; a free action is still free
        raise GameError(Code.NOT_ENOUGH_PC, f"that costs {pc} PC; you have {s.seats[role].pc}")
    action = make_action(id=s.next_action, role=role, kind=cmd.action, target=target, turn=s.turn,
                    sb_cost=sb, pc_cost=pc, items=items, text=_text(cmd.text, "text"),
                    rationale=_text(cmd.rationale, "rationale"))
    tx.emit(ev.make_action_taken(action=action, visibility=only(role)))
    if cmd.action is ActionKind.ADVISORY:
        tx.emit(ev.AdvisoryIssued(role=role, target=target, turn=s.turn, visibility=PUBLIC))
    if cmd.action is ActionKind.ARREST:
        _interrogate(tx, role, target)


def _interrogate(tx: Tx, role: str, name: str) -> None:
    """coercive_interrogation: an arrest of a real cell member yields that plot's full picture."""
    sc = tx.state.scenario
    if SpecialRule.COERCIVE_INTERROGATION not in sc.role(role).special_rules:
        return
    for plot in sc.plots:
        live = tx.state.plots[plot.id]
        if live.outcome is None and name.casefold() in {n.casefold() for n in plot.cell}:
            item = intel.from_interrogation(item_id=tx.state.next_item, scenario=sc,
                                            interrogator=role, plot=plot, live=live,
                                            turn=tx.state.turn)
            tx.emit(ev.ItemCreated(item=item))
            tx.emit(ev.ItemDelivered(holder=role, item=item.id, level=Level.FULL, sender=None,
                                     via=Via.INTERROGATION, turn=tx.state.turn,
                                     visibility=only(role)))


def _check_target(s: GameState, role: str, cmd: c.Act) -> str:
    kind = cmd.action
    mine = s.turn_actions(role)
    if kind in (ActionKind.HARDEN, ActionKind.ADVISORY):
        known = {t.id: t for t in s.scenario.targets}
        if cmd.target not in known:
            raise GameError(Code.UNKNOWN_TARGET, f"there is no target '{cmd.target}'")
        if known[cmd.target].territory != role:
            raise GameError(Code.NOT_YOUR_TERRITORY, f"{cmd.target} is not on your territory")
        if any(a.kind is kind and a.target == cmd.target for a in mine):
            raise GameError(Code.DUPLICATE_ACTION, f"you already did that to {cmd.target}")
        return cmd.target
    if kind in (ActionKind.SURVEIL, ActionKind.ARREST):
        name = _known_name(s, role, cmd.target)
        if kind is ActionKind.ARREST and any(
            a.kind is ActionKind.ARREST and a.target.casefold() == name.casefold()
            for a in s.actions.values()
        ):
            raise GameError(Code.ALREADY_ARRESTED, f"{name} is already in custody")
        if any(a.kind is kind and a.target == name for a in mine):
            raise GameError(Code.DUPLICATE_ACTION, f"you already did that to {name}")
        return name
    if not cmd.text.strip():
        raise GameError(Code.INVALID_ARGUMENT, "describe the action you propose")
    return cmd.target.strip()[:100]


def _known_name(s: GameState, role: str, name: str) -> str:
    """GAME.md: surveil and arrest need a cell member's name, which only identity items carry.

    Interpretation: a cell lives where it will strike, so only the state an item concerns can
    watch or arrest the people it names; anyone else must pass the names on.
    """
    abroad = ""
    for view in held_views(s, role):
        for known in view.names:
            if known.casefold() == name.strip().casefold():
                if view.country == role:
                    return known
                abroad = view.country
    if abroad:
        raise GameError(Code.NOT_YOUR_TERRITORY,
                        f"that suspect is in {abroad}'s territory: share the name with {abroad}")
    raise GameError(Code.UNKNOWN_SUSPECT, "no item you hold names that person")


def linked_items(s: GameState, role: str, kind: ActionKind, target: str) -> tuple[int, ...]:
    """The items a seat holds that named what it acts on: the items that 'led to' the action."""
    folded = target.casefold()
    linked = []
    for view in held_views(s, role):
        if kind in (ActionKind.SURVEIL, ActionKind.ARREST):
            hit = folded in {n.casefold() for n in view.names}
        elif kind in (ActionKind.HARDEN, ActionKind.ADVISORY):
            hit = target in view.targets if view.targets else _names_place(s, view, target)
        else:
            hit = False
        if hit:
            linked.append(view.id)
    return tuple(linked)


def _names_place(s: GameState, view: ItemView, target: str) -> bool:
    """A copy without a target list (a warning) names a place: the city and class when it has
    them, else the country. Acting on a target there is acting on that copy."""
    t = s.scenario.target(target)
    if view.city is not None:
        return (t.city, t.target_class) == (view.city, view.target_class)
    return view.specificity >= 1 and t.territory == view.country


def _fatigued(s: GameState, role: str, items: tuple[int, ...]) -> bool:
    """Alert fatigue: holding hardening or surveillance past every stated window costs double."""
    windows = [v.window for i in items if (v := held_view(s, role, i))]
    return bool(windows) and all(end < s.turn for _, end in windows)


def done(tx: Tx, role: str, cmd: c.Done | None = None) -> None:
    s = tx.state
    if cmd is not None and cmd.phase is not None and (
        cmd.phase != s.live_phase.value or cmd.turn != s.turn
    ):
        raise GameError(Code.STALE_STATE, "that button belongs to a phase that is over")
    if s.phase is Phase.PAUSED:
        raise GameError(Code.GAME_PAUSED, "the facilitator has paused the game")
    if s.phase not in (Phase.BRIEFING, Phase.INTEL_RECEIVED, Phase.SHARING, Phase.RESPONSE,
                       Phase.AFTERMATH):
        raise GameError(Code.WRONG_PHASE, f"nothing to finish during {s.phase.value}")
    _open_seat(s, role)
    tx.emit(ev.make_seat_submitted(role=role, phase=s.phase, visibility=PUBLIC))
    advance_if_all_submitted(tx)


def orders(tx: Tx, role: str, cmd: c.SubmitOrders) -> None:
    for sh in cmd.shares:
        share(tx, role, sh)
    for duty in cmd.duties:
        log_duty(tx, role, duty)
    for r in cmd.ratings:
        rate(tx, role, r)
    for a in cmd.actions:
        act(tx, role, a)
    done(tx, role)
