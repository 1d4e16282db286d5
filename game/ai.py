"""Computer players: named policies that play any seat of any scenario from that seat's view alone.

A policy never sees ground truth: it gets the same `View` a human at that seat would, plus a random
stream derived from the game's seed, and returns one SubmitOrders for the phase. Policies differ in
how they share and how they honour the duty to warn; they respond to threats with one shared,
sensible routine so that simulations compare sharing behaviour, not response skill.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from game.engine.commands import Act, LogDuty, Rate, Share, SubmitOrders
from game.engine.types import ActionKind, DutyDecision, Level, Phase, Rating, Waiver
from game.engine.views import ItemView, View

Policy = Callable[[View, random.Random], SubmitOrders]


def _others(view: View) -> list[str]:
    return [s.role for s in view.seats if s.role != view.role]


def _trust(view: View, role: str) -> int:
    return (view.trust or {}).get(role, 0)


def _shareable(item: ItemView) -> bool:
    """Computer players pass on their own intelligence; forwarding what others sent them would
    mostly echo it back to those who already hold it."""
    return item.sender is None


def _fresh(view: View) -> list[ItemView]:
    """Items still worth acting on: their stated window has not passed."""
    return [i for i in view.items if i.window[1] >= view.turn]


# Sharing ------------------------------------------------------------------------------------------


def _share_all(view: View, level_for: Callable[[ItemView, str], Level], why: str) -> list[Share]:
    """Share each fresh item as `level_for` says, skipping what was already sent as well."""
    sent = {(d.item, d.to): d.level for d in view.sent}
    others = _others(view)
    orders = []
    for item in _fresh(view):
        if not _shareable(item):
            continue
        for other in others:
            level = min(level_for(item, other), item.level)
            if level > sent.get((item.id, other), Level.WITHHOLD):
                orders.append(Share(item=item.id, to=other, level=level, rationale=why))
    return orders


def _duties(view: View, decide: Callable[[ItemView], tuple[DutyDecision, Waiver | None]]) -> list[
    LogDuty
]:
    by_id = {i.id: i for i in view.items}
    out = []
    for item_id in view.duty_pending:
        decision, code = decide(by_id[item_id])
        out.append(LogDuty(item=item_id, decision=decision, code=code,
                           rationale="policy: " + decision.value))
    return out


def cooperative_sharing(view: View, rng: random.Random) -> SubmitOrders:
    return SubmitOrders(
        shares=tuple(_share_all(view, lambda i, o: i.level, "the threat is global")),
        duties=tuple(_duties(view, lambda i: (DutyDecision.WARN, None))),
    )


def hawk_sharing(view: View, rng: random.Random) -> SubmitOrders:
    def level(item: ItemView, other: str) -> Level:
        trust = _trust(view, other)
        if trust <= 1:
            return Level.WITHHOLD
        return Level.FULL if trust >= 3 else Level.SANITIZED

    return SubmitOrders(
        shares=tuple(_share_all(view, level, "shared with friends only")),
        duties=tuple(_duties(view, lambda i: (DutyDecision.WAIVE, Waiver.U))),
    )


def duty_sharing(view: View, rng: random.Random) -> SubmitOrders:
    """ICD 191: warn on every triggering item; waive (U) only to protect the most sensitive
    sources from a state that cannot be trusted at all."""

    def level(item: ItemView, other: str) -> Level:
        trust = _trust(view, other)
        if trust >= 3:
            return Level.FULL
        if item.country == other:
            return Level.SANITIZED if trust >= 2 else Level.WARNING
        return Level.WITHHOLD

    def duty(item: ItemView) -> tuple[DutyDecision, Waiver | None]:
        if (item.sensitivity or 0) >= 3 and _trust(view, item.country) == 0:
            return DutyDecision.WAIVE, Waiver.U
        return DutyDecision.WARN, None

    return SubmitOrders(
        shares=tuple(_share_all(view, level, "duty to warn")),
        duties=tuple(_duties(view, duty)),
    )


def random_sharing(view: View, rng: random.Random) -> SubmitOrders:
    levels = list(Level)
    shares = _share_all(view, lambda i, o: rng.choice(levels), "coin toss")
    duties = _duties(view, lambda i: rng.choice(
        [(DutyDecision.WARN, None), (DutyDecision.WAIVE, rng.choice(list(Waiver)))]))
    return SubmitOrders(shares=tuple(shares), duties=tuple(duties))


# Response -----------------------------------------------------------------------------------------


def respond(view: View, rate: Callable[[ItemView], Rating], rng: random.Random, *,
            advisories: bool) -> SubmitOrders:
    """Rate what arrived, then spend the budget on the most specific fresh threats at home."""
    by_id = {v.id: v for v in view.items}
    ratings = {i: rate(by_id[i]) for i in view.to_rate}
    usable = [i for i in _fresh(view) if ratings.get(i.id, Rating.ACCEPT) is not Rating.DISMISS]
    usable.sort(key=lambda i: (-i.specificity, i.id))
    sb, pc = view.sb or 0, view.pc or 0
    # Accepting what a distrusted sender sent costs PC (GAME.md's provocation effect).
    low, price = view.provocation
    pc -= sum(price for i, r in ratings.items() if r is Rating.ACCEPT
              and _trust(view, by_id[i].sender or "") <= low)
    actions: list[Act] = []
    done: set[tuple[ActionKind, str]] = set()

    def add(kind: ActionKind, target: str) -> bool:
        nonlocal sb
        cost = view.costs[kind][0]
        if (kind, target) in done or sb < cost:
            return False
        actions.append(Act(action=kind, target=target))
        done.add((kind, target))
        sb -= cost
        return True

    custody = {n.casefold() for n in view.in_custody}
    home = [i for i in usable if i.country == view.role]  # a cell abroad is its host's to watch
    pick = _target_picker(view, home, rng)
    for item in home:
        for name in item.names:
            if name.casefold() in custody:
                continue  # arrested already: the engine would refuse a second arrest
            arrest = sb >= 2 * view.costs[ActionKind.ARREST][0]  # keep as much for the rest
            add(ActionKind.ARREST if arrest else ActionKind.SURVEIL, name)
        targets = pick(item)
        for target in targets:
            add(ActionKind.HARDEN, target)
        price = view.costs[ActionKind.ADVISORY][1]
        if advisories and pc >= price + 2 and item.specificity >= 2 and targets and (
            ActionKind.ADVISORY, targets[0]) not in done:
            actions.append(Act(action=ActionKind.ADVISORY, target=targets[0]))
            done.add((ActionKind.ADVISORY, targets[0]))
            pc -= price
    rates = tuple(Rate(item=i, rating=r) for i, r in ratings.items())
    return SubmitOrders(ratings=rates, actions=tuple(actions))


def _candidates(view: View, item: ItemView) -> tuple[str, ...]:
    """The places an item points at: its listed targets, or, for a copy that names only a city
    and a class of target (a warning), the public map's places of that class in that city at home.
    A warning that named a city but moved no one to protect it would save no lives."""
    if item.targets:
        return item.targets
    if item.city is None or item.target_class is None:
        return ()
    return tuple(p.id for p in view.places if p.city == item.city
                 and p.target_class == item.target_class and p.territory == view.role)


def _target_picker(view: View, home: list[ItemView], rng: random.Random
                   ) -> Callable[[ItemView], tuple[str, ...]]:
    """Up to three places to harden for an item: those that the most held items point at (a vague
    item's long list is narrowed by what corroborates it), ties broken at random. Taking the first
    three in the list would favour whatever sorts first, and the attacker's target with it."""
    votes: dict[str, int] = {}
    for item in home:
        for target in _candidates(view, item):
            votes[target] = votes.get(target, 0) + 1
    tiebreak = {p.id: rng.random() for p in view.places}

    def pick(item: ItemView) -> tuple[str, ...]:
        ranked = sorted(_candidates(view, item), key=lambda t: (-votes[t], tiebreak.get(t, 1.0)))
        return tuple(ranked[:3])

    return pick


def _rate_by_trust(view: View, low: Rating, mid: Rating) -> Callable[[ItemView], Rating]:
    def rate(item: ItemView) -> Rating:
        trust = _trust(view, item.sender or "")
        if trust <= 1:
            return low
        return mid if trust == 2 else Rating.ACCEPT

    return rate


RESPONSES: dict[str, Callable[[View, random.Random], SubmitOrders]] = {
    "cooperative": lambda v, r: respond(v, lambda i: Rating.ACCEPT, r, advisories=True),
    "hawk": lambda v, r: respond(v, _rate_by_trust(v, Rating.DISMISS, Rating.DISCOUNT), r,
                                 advisories=False),
    "duty": lambda v, r: respond(v, _rate_by_trust(v, Rating.DISCOUNT, Rating.ACCEPT), r,
                                 advisories=True),
    "random": lambda v, r: respond(v, lambda i: r.choice(list(Rating)), r,
                                   advisories=r.random() < 0.5),
}
SHARING: dict[str, Policy] = {
    "cooperative": cooperative_sharing,
    "hawk": hawk_sharing,
    "duty": duty_sharing,
    "random": random_sharing,
}
POLICIES: tuple[str, ...] = tuple(SHARING)
DESCRIPTIONS = {
    "cooperative": "shares everything in full with everyone; warns on every triggering item",
    "hawk": "withholds from roles it trusts at 1 or less, sanitizes for 2, full for 3+; waives (U)",
    "duty": "follows ICD 191: warns on every triggering item, tells a threatened state at least a "
            "warning, waives (U) only for sensitivity-3 sources to a state trusted at 0",
    "random": "seeded random choices among legal moves",
}


def play(policy: str, view: View, rng: random.Random) -> SubmitOrders:
    """The orders `policy` gives for the phase `view` shows."""
    if view.phase is Phase.SHARING:
        return SHARING[policy](view, rng)
    if view.phase is Phase.RESPONSE:
        return RESPONSES[policy](view, rng)
    return SubmitOrders()
