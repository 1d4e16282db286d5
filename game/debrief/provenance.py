"""Who knew what, and when: every item's origin and hops, the plots, and for each attack the
first moment its victim could have been warned.

A role "could have warned" the victim in a sharing phase when it held an item about the plot by
then and was free to pass it on: items it collected (or was handed) arrive before that turn's
sharing phase; items shared with it arrive when sharing closes, so they can be passed on from the
next turn; an item marked no-onward-sharing that came from another service cannot be passed on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from game.debrief.fold import Step, Walk
from game.debrief.model import (
    Adaptation,
    Hop,
    ItemRecord,
    Modifier,
    Opportunity,
    PlotReport,
    Roll,
    WarningWindow,
)
from game.describe import role_name
from game.engine import events as ev
from game.engine.state import Item
from game.engine.types import Level, Phase, Via
from game.engine.views import redact
from game.scenario.schema import Plot

E = TypeVar("E", bound=ev.Event)
_BEFORE_SHARING = (Phase.LOBBY, Phase.BRIEFING, Phase.INTEL_RECEIVED, Phase.SHARING)


def items_created(w: Walk) -> dict[int, tuple[int, Item]]:
    """Item id -> (seq, item): the ground truth about every item."""
    return {s.event.item.id: (s.seq, s.event.item) for s in w.of(ev.ItemCreated)}  # type: ignore[attr-defined]


def seen_specificity(w: Walk, item: Item, level: Level) -> int:
    """The specificity a copy at `level` shows its holder (through the engine's own redaction)."""
    return redact(w.final, item, level, sender=None, via=Via.SHARE, turn=0).specificity


def ratings(w: Walk) -> dict[tuple[str, int, int], ev.ItemRated]:
    """(rater, item, turn) -> rating: a seat rates the copy it received that turn."""
    return {(e.role, e.item, s.turn): e
            for s in w.of(ev.ItemRated) if isinstance(e := s.event, ev.ItemRated)}


def hops(w: Walk) -> list[Hop]:
    """Every share that reached a role, with the recipient's rating of the item."""
    truth = items_created(w)
    rated = ratings(w)
    out = []
    for s, e in _deliveries(w):
        if e.via is not Via.SHARE or e.sender is None:
            continue
        rating = rated.get((e.holder, e.item, e.turn))
        out.append(Hop(
            seq=s.seq, turn=e.turn, sender=e.sender, to=e.holder, item=e.item, level=e.level.label,
            degraded=e.degraded, specificity=seen_specificity(w, truth[e.item][1], e.level),
            rating=rating.rating.value if rating else None, rating_pc=rating.pc_cost if rating else 0,
        ))  # fmt: skip
    return out


def _deliveries(w: Walk) -> Iterator[tuple[Step, ev.ItemDelivered]]:
    for s in w.of(ev.ItemDelivered):
        assert isinstance(s.event, ev.ItemDelivered)
        yield s, s.event


def item_records(w: Walk, all_hops: list[Hop]) -> list[ItemRecord]:
    final_turn = {p.id: p.turn for p in w.final.plots.values()}
    out = []
    for item_id, (seq, it) in sorted(items_created(w).items()):
        wrong = it.plot is not None and it.window[1] < final_turn.get(it.plot, 0)
        out.append(ItemRecord(
            id=item_id, seq=seq, turn=it.turn, originator=it.originator, via=it.via.value,
            plot=it.plot, decoy=it.is_decoy, actor=it.actor, focus=it.focus, country=it.country,
            targets=it.targets, specificity=it.specificity,
            grade=f"{it.reliability}{it.credibility}", sensitivity=it.sensitivity,
            window=it.window, window_text=it.window_text, window_wrong=wrong,
            identity=it.identity.value, names=it.names, method=it.method,
            no_onward_sharing=it.no_onward_sharing, text=it.text,
            hops=tuple(h for h in all_hops if h.item == item_id),
        ))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class _Held:
    turn: int  # the first sharing phase it could be passed on in
    holder: str
    item: Item
    level: Level


def _first_chances(w: Walk, plot_id: str, victim: str, last_turn: int) -> list[_Held]:
    """The earliest sharing phase in which each other role could have passed on each item."""
    best: dict[tuple[str, int], _Held] = {}
    truth = items_created(w)
    victim_has: dict[int, list[tuple[int, Level]]] = {}
    for s, e in _deliveries(w):
        item = truth[e.item][1]
        if item.plot != plot_id:
            continue
        if e.holder == victim:  # from which sharing phase on the victim has this copy itself
            since = e.turn + 1 if e.via is Via.SHARE else _usable_from(s, e, item)
            victim_has.setdefault(e.item, []).append((since or e.turn, e.level))
            continue
        turn = _usable_from(s, e, item)
        key = (e.holder, e.item)
        if turn is not None and turn <= last_turn and (key not in best or turn < best[key].turn):
            best[key] = _Held(turn, e.holder, item, e.level)
    news = [h for h in best.values()
            if not any(since <= h.turn and level >= h.level
                       for since, level in victim_has.get(h.item.id, []))]
    return sorted(news, key=lambda h: (h.turn, h.item.id, h.holder))


def _usable_from(s: Step, e: ev.ItemDelivered, item: Item) -> int | None:
    """The first sharing phase in which the holder may pass this copy on (None: never)."""
    if e.via is Via.SHARE:
        return None if item.no_onward_sharing else e.turn + 1
    phase = s.before.live_phase if s.before else Phase.LOBBY
    return e.turn if phase in _BEFORE_SHARING else e.turn + 1


def _opportunity(w: Walk, held: _Held, victim: str, last_turn: int) -> Opportunity:
    sc = w.scenario
    order = None
    for s in w.of(ev.ShareOrdered):
        o = s.event.order  # type: ignore[attr-defined]
        if (o.sender, o.item, o.to) == (held.holder, held.item.id, victim) and (
            held.turn <= s.turn <= last_turn
        ):
            order = o.level.label
    duty = None
    for s in w.of(ev.DutyLogged):
        entry = s.event.entry  # type: ignore[attr-defined]
        if (entry.role, entry.item) == (held.holder, held.item.id):
            duty = entry.decision.value + (f" {entry.code.value}" if entry.code else "")
    delivered = next(
        (e for _, e in _deliveries(w)
         if (e.sender, e.holder, e.item) == (held.holder, victim, held.item.id)
         and held.turn <= e.turn <= last_turn),
        None,
    )  # fmt: skip
    spec = seen_specificity(w, held.item, held.level)
    who, to = role_name(sc, held.holder), role_name(sc, victim)
    if delivered is not None:
        fate = f"reached {to} ({delivered.level.label}) in turn {delivered.turn}"
    elif order == Level.WITHHOLD.label:
        fate = f"withheld from {to}"
    else:
        fate = f"never passed to {to}"
    summary = (f"{who} held item #{held.item.id} ({held.level.label}, specificity {spec}) "
               f"from the sharing phase of turn {held.turn}: {fate}")
    if duty:
        summary += f"; duty to warn: {duty}"
    return Opportunity(
        turn=held.turn, holder=held.holder, item=held.item.id, level=held.level.label,
        specificity=spec, order=order, duty=duty,
        delivered_turn=delivered.turn if delivered else None,
        delivered_level=delivered.level.label if delivered else None, summary=summary,
    )  # fmt: skip


def warning_window(w: Walk, plot_id: str, victim: str, last_turn: int,
                   all_hops: list[Hop]) -> WarningWindow:
    chances = [_opportunity(w, h, victim, last_turn)
               for h in _first_chances(w, plot_id, victim, last_turn)]
    first_turn = min((c.turn for c in chances), default=None)
    truth = items_created(w)
    about = {i for i, (_, it) in truth.items() if it.plot == plot_id}
    to_victim = _news_to(w, victim, about, last_turn, all_hops)
    knew = [e.turn for _, e in _deliveries(w) if e.holder == victim and e.item in about]
    return WarningWindow(
        first_turn=first_turn, first=tuple(c for c in chances if c.turn == first_turn),
        opportunities=tuple(chances), first_delivery=to_victim[0] if to_victim else None,
        victim_knew_turn=min(knew) if knew else None,
    )  # fmt: skip


def _news_to(w: Walk, victim: str, about: set[int], last_turn: int,
             all_hops: list[Hop]) -> list[Hop]:
    """Hops that told the victim more than it already held (its own items are no warning)."""
    best: dict[int, Level] = {}
    by_seq = {h.seq: h for h in all_hops}
    out = []
    for s, e in _deliveries(w):
        if e.holder != victim or e.item not in about or e.turn > last_turn:
            continue
        if e.via is Via.SHARE and e.level > best.get(e.item, Level.WITHHOLD):
            out.append(by_seq[s.seq])
        best[e.item] = max(best.get(e.item, Level.WITHHOLD), e.level)
    return out


def plot_reports(w: Walk, all_hops: list[Hop]) -> list[PlotReport]:
    sc = w.scenario
    t = sc.tunables
    out = []
    for plot in sc.plots:
        live = w.final.plots[plot.id]
        resolved = _one(w, ev.AttackResolved, plot.id)
        rolled = _one(w, ev.AttackRolled, plot.id)
        victim = resolved.victim if resolved else sc.target(live.target).territory
        roll = None
        if rolled is not None:
            roll = Roll(dice=rolled.dice, total=rolled.total, foil_at=t.foil_at,
                        disrupt_at=t.disrupt_at,
                        modifiers=tuple(Modifier(label=lb, value=v) for lb, v in rolled.modifiers))
        adaptations = tuple(
            Adaptation(seq=s.seq, turn=s.turn, target=e.target, fires=e.turn, reason=e.reason)
            for s in w.of(ev.RedAdapted) if isinstance(e := s.event, ev.RedAdapted)
            and e.plot == plot.id
        )  # fmt: skip
        out.append(PlotReport(
            id=plot.id, actor=plot.actor, method=plot.method.value, cell=tuple(plot.cell),
            region=plot.region, planned_target=plot.target, planned_turn=plot.turn,
            target=live.target, turn=live.turn, victim=victim, weight=_weight(w, plot),
            outcome=live.outcome.value if live.outcome else None, casualties=live.casualties,
            roll=roll, adaptations=adaptations,
            items=tuple(sorted(i for i, (_, it) in items_created(w).items() if it.plot == plot.id)),
            warning=warning_window(w, plot.id, victim, live.turn, all_hops),
            historical=plot.historical,
        ))  # fmt: skip
    return out


def _weight(w: Walk, plot: Plot) -> int:
    if plot.casualty_weight is not None:
        return plot.casualty_weight
    return w.scenario.tunables.casualty_weights[plot.method]


def _one(w: Walk, cls: type[E], plot_id: str) -> E | None:
    for s in w.of(cls):
        if getattr(s.event, "plot", None) == plot_id:
            return s.event  # type: ignore[return-value]
    return None
