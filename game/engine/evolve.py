"""evolve(state, event) -> state: one small function per event type, nothing random, no checks.

Everything an event means is applied here and only here; `decide` reaches a new state only by
folding the events it emits, so deciding and replaying can never disagree.

States are frozen to everyone else. A fold (one `replay`, one decision) works on one private
`Work` copy of the state and the handlers write into it in place. Its containers start out shared
with the state it was made from and are copied the first time a handler writes to them (`Work.own`,
`Work.holdings`, `Work.trust`): a decision that records one share order copies the share orders,
not the whole game. Replay speed is what recovery and the balance simulation live on.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any

from game.engine import events as ev
from game.engine.records import copier
from game.engine.state import (
    Action,
    GameState,
    Holding,
    PlotState,
    Seat,
    make_delivery,
    make_holding,
)
from game.engine.types import Phase, Via

_FIELDS = tuple(f.name for f in fields(GameState))
# A fold sets a state's fields through the slot descriptors (the state is frozen to all others).
_WRITE = {name: inspect.getattr_static(GameState, name).__set__ for name in _FIELDS}
_COPY_STATE = copier(GameState)


class Work:
    """One fold's private copy of a state; its containers are copied on first write."""

    __slots__ = ("owned", "state")

    def __init__(self, state: GameState, *, fresh: bool = False) -> None:
        if fresh:  # a state nobody else has seen: every container is already private
            self.state = state
            self.owned: set[object] = {*_FIELDS, *(("holdings", r) for r in state.holdings),
                                       *(("trust", r) for r in state.trust)}
            return
        self.state = _COPY_STATE(state)
        self.owned = set()

    def own(self, name: str) -> Any:
        """The container `name` of the working state, copied if it is still shared."""
        if name not in self.owned:
            _WRITE[name](self.state, dict(getattr(self.state, name)))
            self.owned.add(name)
        return getattr(self.state, name)

    def _inner(self, name: str, key: str) -> dict[Any, Any]:
        outer = self.own(name)
        if (name, key) not in self.owned:
            outer[key] = dict(outer[key])
            self.owned.add((name, key))
        inner: dict[Any, Any] = outer[key]
        return inner

    def holdings(self, role: str) -> dict[int, Holding]:
        return self._inner("holdings", role)

    def trust(self, role: str) -> dict[str, int]:
        return self._inner("trust", role)


Handler = Callable[[Work, Any], None]
_HANDLERS: dict[type[ev.Event], Handler] = {}


def on(cls: type[ev.Event]) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[cls] = fn
        return fn

    return register


def _set(state: GameState, **changes: Any) -> None:
    for name, value in changes.items():
        _WRITE[name](state, value)


_WRITE_SEQ = _WRITE["seq"]


def apply(work: Work | None, event: ev.Event) -> Work:
    """Fold one event into a private working copy (or start a game from game_created)."""
    if work is None:
        if not isinstance(event, ev.GameCreated):
            raise ValueError("a game's log must start with game_created")
        work = Work(_created(event), fresh=True)
    else:
        _HANDLERS[type(event)](work, event)
    state = work.state
    _WRITE_SEQ(state, state.seq + 1)
    return work


def evolve(state: GameState | None, event: ev.Event) -> GameState:
    return apply(Work(state) if state is not None else None, event).state


def replay(events: Iterable[ev.Event], state: GameState | None = None) -> GameState:
    work = Work(state) if state is not None else None
    for event in events:
        work = apply(work, event)
    if work is None:
        raise ValueError("empty event log")
    return work.state


_COPY_SEAT = copier(Seat)
_COPY_ACTION = copier(Action)
_COPY_PLOT = copier(PlotState)


def _seat(w: Work, role: str, **changes: Any) -> None:
    """dataclasses.replace for the hottest record, without its per-call introspection; a seat
    that would not change is kept (records are values: an equal copy would change nothing)."""
    old = w.state.seats[role]
    for name, value in changes.items():
        if getattr(old, name) != value:
            break
    else:
        return
    w.own("seats")[role] = _COPY_SEAT(old, **changes)


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
def _seat_taken(w: Work, e: ev.SeatTaken) -> None:
    _seat(w, e.role, player=e.player, controller=e.controller)


@on(ev.SeatLeft)
def _seat_left(w: Work, e: ev.SeatLeft) -> None:
    _seat(w, e.role, player=None, controller="vacant", submitted=w.state.phase is not Phase.LOBBY)


@on(ev.GameStarted)
def _started(w: Work, e: ev.GameStarted) -> None:
    pass


@on(ev.PhaseStarted)
def _phase_started(w: Work, e: ev.PhaseStarted) -> None:
    s = w.state
    new_turn = e.phase is Phase.INTEL_RECEIVED and e.turn != s.turn
    for role, seat in list(s.seats.items()):
        if new_turn:
            _seat(w, role, submitted=not seat.active, sb=s.scenario.role(role).security_budget)
        else:
            _seat(w, role, submitted=not seat.active)
    if new_turn and s.shares:
        _set(s, shares={})
        w.owned.add("shares")
    _set(s, phase=e.phase, turn=e.turn, deadline=e.deadline, remaining=None, resume_to=None)


@on(ev.ItemCreated)
def _item_created(w: Work, e: ev.ItemCreated) -> None:
    w.own("items")[e.item.id] = e.item
    _set(w.state, next_item=max(w.state.next_item, e.item.id + 1))


@on(ev.ItemDelivered)
def _item_delivered(w: Work, e: ev.ItemDelivered) -> None:
    s = w.state
    old = s.holdings[e.holder].get(e.item)
    if old is None or e.level > old.level:
        w.holdings(e.holder)[e.item] = make_holding(item=e.item, level=e.level, sender=e.sender,
                                               turn=e.turn, via=e.via, degraded=e.degraded)
    if e.via is Via.SHARE and e.sender is not None:
        delivery = make_delivery(sender=e.sender, to=e.holder, item=e.item, level=e.level, turn=e.turn)
        _set(s, deliveries=(*s.deliveries, delivery))


@on(ev.NewsPublished)
def _news(w: Work, e: ev.NewsPublished) -> None:
    _set(w.state, news=(*w.state.news, (e.turn, e.text)))


@on(ev.ShareOrdered)
def _share_ordered(w: Work, e: ev.ShareOrdered) -> None:
    o = e.order
    w.own("shares")[(o.sender, o.item, o.to)] = o


@on(ev.DutyLogged)
def _duty_logged(w: Work, e: ev.DutyLogged) -> None:
    w.own("duty")[(e.entry.role, e.entry.item)] = e.entry


@on(ev.DutyMissing)
def _duty_missing(w: Work, e: ev.DutyMissing) -> None:
    s = w.state
    _seat(w, e.role, pc=s.seats[e.role].pc - e.pc_cost)
    missing = w.own("missing_duty")
    missing[e.role] = missing.get(e.role, 0) + 1
    _set(s, audited=s.audited | {(e.role, e.item)})


@on(ev.SeatSubmitted)
def _submitted(w: Work, e: ev.SeatSubmitted) -> None:
    _seat(w, e.role, submitted=True)


@on(ev.ItemRated)
def _rated(w: Work, e: ev.ItemRated) -> None:
    w.own("ratings")[(e.role, e.item)] = e.rating
    if e.pc_cost:  # a rating is usually free: the seat record stays as it is
        _seat(w, e.role, pc=w.state.seats[e.role].pc - e.pc_cost)


@on(ev.ActionTaken)
def _action(w: Work, e: ev.ActionTaken) -> None:
    a = e.action
    w.own("actions")[a.id] = a
    seat = w.state.seats[a.role]
    _seat(w, a.role, sb=seat.sb - a.sb_cost, pc=seat.pc - a.pc_cost)
    _set(w.state, next_action=max(w.state.next_action, a.id + 1))


@on(ev.ProposalAdjudicated)
def _adjudicated(w: Work, e: ev.ProposalAdjudicated) -> None:
    actions = w.own("actions")
    actions[e.action] = _COPY_ACTION(actions[e.action], strength=e.strength, success=e.success,
                                plot=e.plot)


@on(ev.ProposalAnswered)
@on(ev.AdvisoryIssued)
@on(ev.PhaseForced)
@on(ev.AttackRolled)
def _told(w: Work, e: ev.Event) -> None:
    """Announcements of facts that other events already put into the state."""


@on(ev.RedAdapted)
def _red_adapted(w: Work, e: ev.RedAdapted) -> None:
    plots = w.own("plots")
    plots[e.plot] = _COPY_PLOT(plots[e.plot], target=e.target, turn=e.turn)


@on(ev.AttackResolved)
def _resolved(w: Work, e: ev.AttackResolved) -> None:
    plots = w.own("plots")
    plots[e.plot] = _COPY_PLOT(plots[e.plot], outcome=e.outcome, casualties=e.casualties)
    casualties = w.own("casualties")
    casualties[e.victim] = casualties.get(e.victim, 0) + e.casualties


@on(ev.SourceBurnChecked)
def _burn(w: Work, e: ev.SourceBurnChecked) -> None:
    if e.burned:
        seat = w.state.seats[e.originator]
        burned = (*(b for b in seat.burned_until if b[0] != e.region), (e.region, e.until))
        ever = tuple(sorted({*seat.ever_burned, e.region}))
        _seat(w, e.originator, burned_until=burned, ever_burned=ever)


@on(ev.BlameApplied)
def _blame(w: Work, e: ev.BlameApplied) -> None:
    _seat(w, e.role, pc=w.state.seats[e.role].pc - e.pc)


@on(ev.WithholdingChecked)
def _withholding(w: Work, e: ev.WithholdingChecked) -> None:
    if e.exposed:
        _seat(w, e.role, pc=w.state.seats[e.role].pc - e.pc)


@on(ev.TrustChanged)
def _trust(w: Work, e: ev.TrustChanged) -> None:
    w.trust(e.truster)[e.trusted] = e.value


@on(ev.Paused)
def _paused(w: Work, e: ev.Paused) -> None:
    _set(w.state, phase=Phase.PAUSED, resume_to=e.resume_to, remaining=e.remaining,
         deadline=None)


@on(ev.Resumed)
def _resumed(w: Work, e: ev.Resumed) -> None:
    _set(w.state, phase=e.phase, resume_to=None, remaining=None, deadline=e.deadline)


@on(ev.DeadlineExtended)
def _extended(w: Work, e: ev.DeadlineExtended) -> None:
    _set(w.state, deadline=e.deadline, remaining=e.remaining)


@on(ev.GameEnded)
def _ended(w: Work, e: ev.GameEnded) -> None:
    _set(w.state, phase=Phase.DEBRIEF, scores=e.scores, deadline=None, resume_to=None,
         remaining=None)


@on(ev.GameClosed)
def _closed(w: Work, e: ev.GameClosed) -> None:
    _set(w.state, phase=Phase.ENDED)


@on(ev.GameCreated)
def _created_again(w: Work, e: ev.GameCreated) -> None:
    raise ValueError("game_created may only start a log")
