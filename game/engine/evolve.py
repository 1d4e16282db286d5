"""evolve(state, event) -> state: one small function per event type, nothing random, no checks.

Everything an event means is applied here and only here; `decide` reaches a new state only by
folding the events it emits, so deciding and replaying can never disagree.

States are frozen to everyone else. A fold (one `replay`, one decision) works on one private copy
made by `clone`, whose containers are copies too, and the handlers write into it in place: folding
a run of events costs one copy of the state, not one per event. Replay speed is what recovery and
the balance simulation live on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from typing import Any

from game.engine import events as ev
from game.engine.state import Delivery, GameState, Holding, PlotState, Seat
from game.engine.types import Phase, Via

Handler = Callable[[GameState, Any], GameState]
_HANDLERS: dict[type[ev.Event], Handler] = {}


def on(cls: type[ev.Event]) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[cls] = fn
        return fn

    return register


_FIELDS = tuple(f.name for f in fields(GameState))


def clone(state: GameState) -> GameState:
    """A private copy for one fold: every container the handlers write to is copied too."""
    new = object.__new__(GameState)
    for name in _FIELDS:
        object.__setattr__(new, name, getattr(state, name))
    for name in _FLAT:
        object.__setattr__(new, name, dict(getattr(state, name)))
    for name in _NESTED:
        object.__setattr__(new, name, {k: dict(v) for k, v in getattr(state, name).items()})
    return new


_FLAT = ("seats", "items", "plots", "shares", "duty", "ratings", "actions", "casualties",
         "missing_duty")
_NESTED = ("trust", "holdings")


def _set(state: GameState, **changes: Any) -> GameState:
    for name, value in changes.items():
        object.__setattr__(state, name, value)
    return state


def apply(work: GameState | None, event: ev.Event) -> GameState:
    """Fold one event into a private working copy (or start a game from game_created)."""
    if work is None:
        if not isinstance(event, ev.GameCreated):
            raise ValueError("a game's log must start with game_created")
        return _set(_created(event), seq=1)
    work = _HANDLERS[type(event)](work, event)
    return _set(work, seq=work.seq + 1)


def evolve(state: GameState | None, event: ev.Event) -> GameState:
    return apply(clone(state) if state is not None else None, event)


def replay(events: Iterable[ev.Event], state: GameState | None = None) -> GameState:
    work = clone(state) if state is not None else None
    for event in events:
        work = apply(work, event)
    if work is None:
        raise ValueError("empty event log")
    return work


_SEAT_FIELDS = tuple(f.name for f in fields(Seat))


def _seat(state: GameState, role: str, **changes: Any) -> None:
    """dataclasses.replace for the hottest record, without its per-call introspection."""
    old = state.seats[role]
    new = object.__new__(Seat)
    for name in _SEAT_FIELDS:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(old, name))
    state.seats[role] = new


def _created(e: ev.GameCreated) -> GameState:
    sc = e.scenario
    return GameState(
        game_id=e.game_id,
        seed=e.seed,
        scenario=sc,
        facilitator=e.facilitator,
        seats={r.id: Seat(role=r.id, pc=r.political_capital) for r in sc.roles},
        trust={a: dict(row) for a, row in sc.trust.items()},
        holdings={r.id: {} for r in sc.roles},
        plots={p.id: PlotState(id=p.id, target=p.target, turn=p.turn) for p in sc.plots},
        casualties={r.id: 0 for r in sc.roles},
        missing_duty={r.id: 0 for r in sc.roles},
    )


@on(ev.SeatTaken)
def _seat_taken(s: GameState, e: ev.SeatTaken) -> GameState:
    _seat(s, e.role, player=e.player, controller=e.controller)
    return s


@on(ev.SeatLeft)
def _seat_left(s: GameState, e: ev.SeatLeft) -> GameState:
    _seat(s, e.role, player=None, controller="vacant", submitted=s.phase is not Phase.LOBBY)
    return s


@on(ev.GameStarted)
def _started(s: GameState, e: ev.GameStarted) -> GameState:
    return s


@on(ev.PhaseStarted)
def _phase_started(s: GameState, e: ev.PhaseStarted) -> GameState:
    new_turn = e.phase is Phase.INTEL_RECEIVED and e.turn != s.turn
    for role, seat in list(s.seats.items()):
        if new_turn:
            _seat(s, role, submitted=not seat.active, sb=s.scenario.role(role).security_budget)
        else:
            _seat(s, role, submitted=not seat.active)
    if new_turn:
        s.shares.clear()
    return _set(s, phase=e.phase, turn=e.turn, deadline=e.deadline, remaining=None,
                resume_to=None)


@on(ev.ItemCreated)
def _item_created(s: GameState, e: ev.ItemCreated) -> GameState:
    s.items[e.item.id] = e.item
    return _set(s, next_item=max(s.next_item, e.item.id + 1))


@on(ev.ItemDelivered)
def _item_delivered(s: GameState, e: ev.ItemDelivered) -> GameState:
    mine = s.holdings[e.holder]
    old = mine.get(e.item)
    if old is None or e.level > old.level:
        mine[e.item] = Holding(item=e.item, level=e.level, sender=e.sender, turn=e.turn, via=e.via,
                               degraded=e.degraded)
    if e.via is Via.SHARE and e.sender is not None:
        delivery = Delivery(sender=e.sender, to=e.holder, item=e.item, level=e.level, turn=e.turn)
        _set(s, deliveries=(*s.deliveries, delivery))
    return s


@on(ev.NewsPublished)
def _news(s: GameState, e: ev.NewsPublished) -> GameState:
    return _set(s, news=(*s.news, (e.turn, e.text)))


@on(ev.ShareOrdered)
def _share_ordered(s: GameState, e: ev.ShareOrdered) -> GameState:
    o = e.order
    s.shares[(o.sender, o.item, o.to)] = o
    return s


@on(ev.DutyLogged)
def _duty_logged(s: GameState, e: ev.DutyLogged) -> GameState:
    s.duty[(e.entry.role, e.entry.item)] = e.entry
    return s


@on(ev.DutyMissing)
def _duty_missing(s: GameState, e: ev.DutyMissing) -> GameState:
    _seat(s, e.role, pc=s.seats[e.role].pc - e.pc_cost)
    s.missing_duty[e.role] = s.missing_duty.get(e.role, 0) + 1
    return _set(s, audited=s.audited | {(e.role, e.item)})


@on(ev.SeatSubmitted)
def _submitted(s: GameState, e: ev.SeatSubmitted) -> GameState:
    _seat(s, e.role, submitted=True)
    return s


@on(ev.ItemRated)
def _rated(s: GameState, e: ev.ItemRated) -> GameState:
    s.ratings[(e.role, e.item)] = e.rating
    _seat(s, e.role, pc=s.seats[e.role].pc - e.pc_cost)
    return s


@on(ev.ActionTaken)
def _action(s: GameState, e: ev.ActionTaken) -> GameState:
    a = e.action
    s.actions[a.id] = a
    seat = s.seats[a.role]
    _seat(s, a.role, sb=seat.sb - a.sb_cost, pc=seat.pc - a.pc_cost)
    return _set(s, next_action=max(s.next_action, a.id + 1))


@on(ev.ProposalAdjudicated)
def _adjudicated(s: GameState, e: ev.ProposalAdjudicated) -> GameState:
    s.actions[e.action] = replace(s.actions[e.action], strength=e.strength, success=e.success,
                                  plot=e.plot)
    return s


@on(ev.ProposalAnswered)
@on(ev.AdvisoryIssued)
@on(ev.PhaseForced)
def _told(s: GameState, e: ev.Event) -> GameState:
    """Announcements of facts that other events already put into the state."""
    return s


@on(ev.RedAdapted)
def _red_adapted(s: GameState, e: ev.RedAdapted) -> GameState:
    s.plots[e.plot] = replace(s.plots[e.plot], target=e.target, turn=e.turn)
    return s


@on(ev.AttackRolled)
def _rolled(s: GameState, e: ev.AttackRolled) -> GameState:
    return s


@on(ev.AttackResolved)
def _resolved(s: GameState, e: ev.AttackResolved) -> GameState:
    s.plots[e.plot] = replace(s.plots[e.plot], outcome=e.outcome, casualties=e.casualties)
    s.casualties[e.victim] = s.casualties.get(e.victim, 0) + e.casualties
    return s


@on(ev.SourceBurnChecked)
def _burn(s: GameState, e: ev.SourceBurnChecked) -> GameState:
    if e.burned:
        seat = s.seats[e.originator]
        burned = (*(b for b in seat.burned_until if b[0] != e.region), (e.region, e.until))
        ever = tuple(sorted({*seat.ever_burned, e.region}))
        _seat(s, e.originator, burned_until=burned, ever_burned=ever)
    return s


@on(ev.BlameApplied)
def _blame(s: GameState, e: ev.BlameApplied) -> GameState:
    _seat(s, e.role, pc=s.seats[e.role].pc - e.pc)
    return s


@on(ev.WithholdingChecked)
def _withholding(s: GameState, e: ev.WithholdingChecked) -> GameState:
    if e.exposed:
        _seat(s, e.role, pc=s.seats[e.role].pc - e.pc)
    return s


@on(ev.TrustChanged)
def _trust(s: GameState, e: ev.TrustChanged) -> GameState:
    s.trust[e.truster][e.trusted] = e.value
    return s


@on(ev.Paused)
def _paused(s: GameState, e: ev.Paused) -> GameState:
    return _set(s, phase=Phase.PAUSED, resume_to=e.resume_to, remaining=e.remaining,
                deadline=None)


@on(ev.Resumed)
def _resumed(s: GameState, e: ev.Resumed) -> GameState:
    return _set(s, phase=e.phase, resume_to=None, remaining=None, deadline=e.deadline)


@on(ev.DeadlineExtended)
def _extended(s: GameState, e: ev.DeadlineExtended) -> GameState:
    return _set(s, deadline=e.deadline, remaining=e.remaining)


@on(ev.GameEnded)
def _ended(s: GameState, e: ev.GameEnded) -> GameState:
    return _set(s, phase=Phase.DEBRIEF, scores=e.scores, deadline=None, resume_to=None,
                remaining=None)


@on(ev.GameClosed)
def _closed(s: GameState, e: ev.GameClosed) -> GameState:
    return _set(s, phase=Phase.ENDED)


@on(ev.GameCreated)
def _created_again(s: GameState, e: ev.GameCreated) -> GameState:
    raise ValueError("game_created may only start a log")
