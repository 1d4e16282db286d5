"""What each viewer may see: the one place that decides it.

`redact` turns an Item into what a holder sees at a level; `view_for` assembles everything a seat,
an observer or the facilitator is allowed to know about a game. The bot renders only these views
and events that `Visibility.allows` the viewer to see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import is_
from types import MappingProxyType
from typing import Any, TypeVar

from game.engine.intel import candidates, degrade
from game.engine.records import maker
from game.engine.state import (
    Action,
    Delivery,
    DutyEntry,
    GameState,
    Holding,
    Item,
    PlotState,
    Seat,
    ShareOrder,
)
from game.engine.types import ActionKind, Identity, Level, Phase, Rating, Via, Viewer, ViewerKind
from game.scenario.schema import Scenario

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemView:
    """An item as its holder sees it. Never carries what the item is really about."""

    id: int
    level: Level
    sender: str | None
    via: Via
    received_turn: int
    actor: str
    country: str
    city: str | None
    target_class: str | None
    targets: tuple[str, ...]
    window: tuple[int, int]
    window_text: str
    identity: Identity
    names: tuple[str, ...]
    method: str | None
    reliability: str
    credibility: int
    sensitivity: int | None
    no_onward_sharing: bool
    specificity: int
    text: str

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


def redact(state: GameState, item: Item, level: Level, *, sender: str | None, via: Via,
           turn: int) -> ItemView:
    """GAME.md's sharing levels: full passes everything; sanitized drops the source and identities,
    loses one step of specificity and shows grade F; a warning keeps actor, place, class, window.
    Specificity 0 is "nothing": not even the country ("" stands for unknown)."""
    scenario = state.scenario
    spec = item.specificity
    focus = scenario.target(item.focus)
    if level is Level.FULL:
        return _make_item_view(
            id=item.id, level=level, sender=sender, via=via, received_turn=turn, actor=item.actor,
            country=item.country if spec >= 1 else "", city=focus.city if spec >= 2 else None,
            target_class=focus.target_class if spec >= 2 else None, targets=item.targets,
            window=item.window, window_text=item.window_text, identity=item.identity,
            names=item.names, method=item.method, reliability=item.reliability,
            credibility=item.credibility, sensitivity=item.sensitivity,
            no_onward_sharing=item.no_onward_sharing, specificity=spec, text=item.text,
        )  # fmt: skip
    if level is Level.SANITIZED:
        spec = max(0, spec - 1)
        return _make_item_view(
            id=item.id, level=level, sender=sender, via=via, received_turn=turn, actor=item.actor,
            country=item.country if spec >= 1 else "", city=focus.city if spec >= 2 else None,
            target_class=focus.target_class if spec >= 2 else None,
            targets=candidates(scenario, item.focus, spec), window=item.window,
            window_text=item.window_text, identity=Identity.NONE, names=(),
            method=item.method if spec >= 2 else None, reliability="F",
            credibility=item.credibility, sensitivity=None,
            no_onward_sharing=item.no_onward_sharing, specificity=spec, text="",
        )  # fmt: skip
    spec = min(spec, 2)
    return _make_item_view(
        id=item.id, level=level, sender=sender, via=via, received_turn=turn, actor=item.actor,
        country=item.country if spec >= 1 else "", city=focus.city if spec >= 2 else None,
        target_class=focus.target_class if spec >= 2 else None, targets=(), window=item.window,
        window_text=item.window_text, identity=Identity.NONE, names=(), method=None,
        reliability="F", credibility=6, sensitivity=None,
        no_onward_sharing=item.no_onward_sharing, specificity=spec, text="",
    )  # fmt: skip


# An item never changes once created and a holding is a value, so the view of (item, holding) is
# computed once. Keys are the identities of the item and the holding (folds share both between
# states; hashing them would cost more than redacting); the entry keeps both alive, so an id is
# never reused while its entry exists.
_MEMO: dict[tuple[int, int], tuple[Item, Holding, ItemView]] = {}
# This memo and those below hold records of states that may be long gone (an entry is only dropped
# when its memo is cleared), and every object they keep alive is one the cyclic garbage collector
# walks: at 50,000 entries apiece they held half a million objects and the collector's passes cost
# a tenth of a computer-played game. Each is sized to one or a few games: what a game played in
# memory reuses from phase to phase, and what a move through the service reuses within itself (its
# computer seats' orders are checked against the views they were decided from). Across the moves
# of many live games they would rarely be hit (a service just started redacts four items in five
# whatever the size): there, at 16,384 item views and 2,048 seat lists, their entries were most of
# what survived from move to move, and the collector walked them again and again (in the move
# benchmark, a pass over the second generation every 50 phase-closing Dones, 3-5 ms each).
_MEMO_MAX = 512
_HELD_MAX = 16
_STATUS_MAX = 64
_DERIVED_MAX = 64


def held_view(state: GameState, role: str, item_id: int) -> ItemView | None:
    holding = state.holdings.get(role, {}).get(item_id)
    if holding is None:
        return None
    return _view_of(state, state.items[item_id], holding)


def _view_of(state: GameState, item: Item, holding: Holding) -> ItemView:
    hit = _MEMO.get((id(item), id(holding)))
    if hit is not None and hit[0] is item and hit[1] is holding:
        return hit[2]
    view = redact(state, degrade(item) if holding.degraded else item, holding.level,
                  sender=holding.sender, via=holding.via, turn=holding.turn)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[(id(item), id(holding))] = (item, holding, view)
    return view


# A seat's holdings dict is shared by the states a fold did not change it in (evolve.Work copies
# it on first write), so the views of all its items are kept per dict. An entry is used only if
# the dict still holds the very same records in the same order: a fold still writing to it, or
# an id reused after it was freed, can never be served a stale answer.
_HELD: dict[int, tuple[dict[int, Holding], tuple[Holding, ...], Scenario, tuple[ItemView, ...]]] = {}


def held_views(state: GameState, role: str) -> tuple[ItemView, ...]:
    """The seat's items as it sees them, by id."""
    mine = state.holdings.get(role)
    if not mine:
        return ()
    hit = _HELD.get(id(mine))
    if (hit is not None and hit[0] is mine and hit[2] is state.scenario
            and len(hit[1]) == len(mine) and all(map(is_, hit[1], mine.values()))):
        return hit[3]
    items, memo = state.items, _MEMO
    found: list[ItemView] = []
    for i in sorted(mine):  # _view_of, its memo lookup inlined: a seat's list is rebuilt by the dozen
        item, holding = items[i], mine[i]
        known = memo.get((id(item), id(holding)))
        found.append(known[2] if known is not None and known[0] is item and known[1] is holding
                     else _view_of(state, item, holding))
    views = tuple(found)
    if len(_HELD) >= _HELD_MAX:
        _HELD.clear()
    _HELD[id(mine)] = (mine, tuple(mine.values()), state.scenario, views)
    return views


def triggers_duty(state: GameState, role: str, view: ItemView) -> bool:
    """ICD 191's trigger, made countable: credible (credibility within the scenario's bound),
    specific (specificity at or above its bound), impending (the stated window has not passed)
    and aimed at another state's people."""
    t = state.scenario.tunables
    return (
        role in state.scenario.duty_to_warn
        and view.specificity >= t.duty_min_specificity
        and view.credibility <= t.duty_max_credibility
        and view.window[1] >= state.turn
        and view.country != role
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SeatStatus:
    role: str
    name: str
    controller: str
    submitted: bool
    seated: bool
    player: str | None = None  # public: who took the seat (seat_taken events are public)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceInfo:
    """A target as everyone may know it: the scenario's public map."""

    id: str
    name: str
    city: str
    target_class: str
    territory: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleInfo:
    id: str
    name: str
    flag: str
    bound: bool  # bound by the duty to warn (public: ICD 191 is published law)


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    game_id: str
    viewer: Viewer
    title: str
    phase: Phase
    live_phase: Phase
    turn: int
    turns: int
    deadline: float | None
    seats: tuple[SeatStatus, ...]
    roles: tuple[RoleInfo, ...]
    places: tuple[PlaceInfo, ...]
    costs: Mapping[ActionKind, tuple[int, int]]  # the rules' (SB, PC) price of each action: public
    # the provocation effect, public too: accepting an item from a sender trusted at or below
    # the first number costs the second in PC
    provocation: tuple[int, int]
    news: tuple[tuple[int, str], ...]
    outcomes: tuple[PlotState, ...]
    # the viewing seat's own
    role: str | None = None
    briefing: str = ""
    objective: str = ""
    sb: int | None = None
    pc: int | None = None
    trust: dict[str, int] | None = None
    items: tuple[ItemView, ...] = ()
    my_shares: tuple[ShareOrder, ...] = ()
    sent: tuple[Delivery, ...] = ()  # what this seat's shares delivered in earlier turns
    my_duty: tuple[DutyEntry, ...] = ()
    duty_pending: tuple[int, ...] = ()
    my_ratings: dict[int, Rating] | None = None
    to_rate: tuple[int, ...] = ()
    my_actions: tuple[Action, ...] = ()
    in_custody: tuple[str, ...] = ()  # suspects this seat arrested (in any turn): its own knowledge
    submitted: bool = False
    bound: bool = False
    scores: dict[str, dict[str, int]] | None = None
    # the facilitator's own
    truth: GameState | None = None


def view_for(state: GameState, viewer: Viewer) -> View:
    sc = state.scenario
    shared = _map(sc)
    resolved = tuple(p for p in state.plots.values() if p.outcome is not None)
    facilitator = viewer.kind is ViewerKind.FACILITATOR
    base = dict(
        game_id=state.game_id, viewer=viewer, title=sc.meta.title, phase=state.phase,
        live_phase=state.live_phase, turn=state.turn, turns=sc.turns, deadline=state.deadline,
        seats=tuple(_status(sc, state.seats[r.id], facilitator) for r in sc.roles),
        roles=shared.roles, places=shared.places, costs=shared.costs,
        provocation=shared.provocation,
        news=state.news, outcomes=resolved, scores=state.scores,
    )  # fmt: skip
    if facilitator:
        base["truth"] = state
    elif viewer.kind is not ViewerKind.OBSERVER and viewer.role in state.seats:
        base.update(_seat_part(state, viewer.role))
    view: View = _MAKE_VIEW(**base)
    return view


# A View has some forty fields and every computer seat gets one per decision: built through the
# record's twin (records.maker), the same record for a third of the cost of calling the class.
_MAKE_VIEW = maker(View)


# A seat record is a value shared by the states that did not change it: its public status (per
# kind of viewer) is made once, keyed by its identity (kept alive by the entry, as in _MEMO).
_STATUS: dict[tuple[int, int, bool], tuple[Seat, Scenario, SeatStatus]] = {}


def _status(sc: Scenario, seat: Seat, facilitator: bool) -> SeatStatus:
    key = (id(seat), id(sc), facilitator)
    hit = _STATUS.get(key)
    if hit is not None and hit[0] is seat and hit[1] is sc:
        return hit[2]
    status = _make_status(role=seat.role, name=sc.role(seat.role).name,
                        controller=seat.controller if facilitator else _controller(seat.controller),
                        submitted=seat.submitted, seated=seat.player is not None,
                        player=_player(seat.player))
    if len(_STATUS) >= _STATUS_MAX:
        _STATUS.clear()
    _STATUS[key] = (seat, sc, status)
    return status


def _player(player: str | None) -> str | None:
    return None if player is None or player.startswith("ai:") else player


def _controller(controller: str) -> str:
    """Seats see that a computer plays a seat, never which policy (the facilitator's secret)."""
    return "computer" if controller.startswith("ai:") else controller


Costs = Mapping[ActionKind, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class _Map:
    """What every view of a scenario shares, made once per scenario object."""

    scenario: Scenario
    roles: tuple[RoleInfo, ...]
    places: tuple[PlaceInfo, ...]
    costs: Costs
    provocation: tuple[int, int]


_MAPS: dict[int, _Map] = {}
_MAPS_MAX = 64  # scenarios in use at once (the loader caches as many)


def _map(sc: Scenario) -> _Map:
    hit = _MAPS.get(id(sc))
    if hit is None or hit.scenario is not sc:
        if len(_MAPS) >= _MAPS_MAX:
            _MAPS.clear()
        t = sc.tunables
        costs = {ActionKind.HARDEN: (t.harden_cost, 0), ActionKind.SURVEIL: (t.surveil_cost, 0),
                 ActionKind.ARREST: (t.arrest_cost, 0), ActionKind.ADVISORY: (0, t.advisory_pc),
                 ActionKind.PROPOSE: (t.propose_cost, 0)}
        hit = _MAPS[id(sc)] = _Map(
            scenario=sc,
            roles=tuple(RoleInfo(id=r.id, name=r.name, flag=r.flag, bound=r.id in sc.duty_to_warn)
                        for r in sc.roles),
            places=tuple(PlaceInfo(id=t.id, name=t.name, city=t.city, target_class=t.target_class,
                                   territory=t.territory) for t in sc.targets),
            costs=MappingProxyType(costs), provocation=(t.low_trust, t.provocation_pc))
    return hit


def action_costs(sc: Scenario) -> Costs:
    """Action prices before alert fatigue, read-only and shared. The rules are public: a seat plans
    its budget with them, and a computer seat must not order what it cannot pay (a refused order
    loses its whole phase)."""
    return _map(sc).costs


# The parts of a seat's view that scan a whole container (every delivery, every rating) are kept
# per (role, the identities of the containers they read). A finished state's containers are never
# written again (a fold copies a container before its first write), and states share the ones a
# fold did not touch: the five seats' views of one phase mostly reuse the same deliveries and
# ratings. An entry keeps its containers alive, so an identity cannot be reused while it exists.
# Only `view_for` uses these, and it is never given a state that a fold is still writing.
_DERIVED: dict[tuple[object, ...], tuple[tuple[object, ...], Any]] = {}


def _derived(what: str, role: str, sources: tuple[object, ...], make: Callable[[], T]) -> T:
    key = (what, role, *map(id, sources))
    hit = _DERIVED.get(key)
    if hit is not None and all(map(is_, hit[0], sources)):
        value: T = hit[1]
        return value
    value = make()
    if len(_DERIVED) >= _DERIVED_MAX:
        _DERIVED.clear()
    _DERIVED[key] = (sources, value)
    return value


def _seat_part(state: GameState, role: str) -> dict[str, object]:
    seat = state.seats[role]
    spec = state.scenario.role(role)
    items = held_views(state, role)
    shares, duty, ratings, deliveries = state.shares, state.duty, state.ratings, state.deliveries
    mine = sorted(k for k in duty if k[0] == role) if duty else []
    bound = role in state.scenario.duty_to_warn
    if bound:
        turn = state.turn
        triggering = _derived("triggering", role, (items, state.scenario, turn), lambda: tuple(
            v.id for v in items if triggers_duty(state, role, v)))
        logged = {i for _, i in mine}
        pending = tuple(i for i in triggering if i not in logged) if logged else triggering
    else:
        pending = ()
    return dict(
        role=role, briefing=spec.briefing, objective=spec.objective.text if spec.objective else "",
        sb=seat.sb, pc=seat.pc, trust=dict(state.trust.get(role, {})), items=items,
        my_shares=tuple(shares[k] for k in sorted(k for k in shares if k[0] == role)),
        sent=_derived("sent", role, (deliveries,),
                      lambda: tuple(d for d in deliveries if d.sender == role)),
        my_duty=tuple(duty[k] for k in mine),
        duty_pending=pending,
        # a fresh dict per view (the policy may keep or change it); the scan is done once
        my_ratings=dict(_derived("ratings", role, (ratings,), lambda: tuple(
            (i, r) for (ro, i), r in ratings.items() if ro == role))),
        to_rate=_derived("to_rate", role, (items, ratings), lambda: tuple(
            v.id for v in items if v.sender and (role, v.id) not in ratings)),
        my_actions=tuple(state.turn_actions(role)), submitted=seat.submitted, bound=bound,
        in_custody=tuple(a.target for a in state.actions.values()
                         if a.role == role and a.kind is ActionKind.ARREST),
    )  # fmt: skip


# Item views and seat statuses are made by the hundred per game: built through their twins too.
_make_item_view: type[ItemView] = maker(ItemView)
_make_status: type[SeatStatus] = maker(SeatStatus)
