"""How intelligence items are made: from collection on a plot, from a scripted inject, or as decoys.

The candidate target list is a pure function of (scenario, the target the item is really about,
specificity), so a sanitized copy (specificity - 1) widens the list the same way collection would.
"""

from __future__ import annotations

import random
from dataclasses import replace

from game.engine.state import Item, PlotState, make_item
from game.engine.types import Identity, Via
from game.scenario.schema import Inject, Plot, Scenario, Target

RELIABILITY = "ABCDEF"


# candidates() is a pure function of the scenario, so its answers are kept per Scenario object
# (which the entry keeps alive, so its id is not reused while the entry exists).
_CANDIDATES: dict[tuple[int, str, int], tuple[Scenario, tuple[str, ...]]] = {}


def candidates(scenario: Scenario, focus: str, specificity: int) -> tuple[str, ...]:
    """GAME.md: 1 country, 2 city + target class, 3 the target and at most one other, 4 the target."""
    key = (id(scenario), focus, specificity)
    hit = _CANDIDATES.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    found = _candidates(scenario, focus, specificity)
    if len(_CANDIDATES) >= 4096:
        _CANDIDATES.clear()
    _CANDIDATES[key] = (scenario, found)
    return found


def _candidates(scenario: Scenario, focus: str, specificity: int) -> tuple[str, ...]:
    if specificity <= 0:
        return ()
    t = scenario.target(focus)
    if specificity >= 4:
        return (focus,)
    if specificity == 3:
        others = [o for o in scenario.targets if o.id != focus and _same_place(o, t)]
        others += [o for o in scenario.targets if o.id != focus and o.city == t.city]
        return tuple(sorted({focus, *(o.id for o in others[:1])}))
    if specificity == 2:
        return tuple(sorted(o.id for o in scenario.targets if _same_place(o, t)))
    in_country = sorted(o.id for o in scenario.targets if o.territory == t.territory)
    if len(in_country) > 6:
        in_country = sorted({focus, *[o for o in in_country if o != focus][:5]})
    return tuple(in_country)


def _same_place(a: Target, b: Target) -> bool:
    return a.city == b.city and a.target_class == b.target_class


def window_for(rng: random.Random, now: int, fires: int, wrong_chance: float) -> tuple[int, int]:
    """The stated window; with `wrong_chance` it ends before the plot fires (the Moscow case)."""
    if fires > now and rng.random() < wrong_chance:
        return (now, now)
    return (max(now, fires - 1), max(now, fires))


def window_text(window: tuple[int, int], now: int) -> str:
    end = window[1]
    if end <= now:
        return "within days"
    weeks = end - now + 1
    return f"within {weeks} weeks"


def credibility_for(hits: int) -> int:
    return max(1, 4 - hits)


def reliability_for(strength: int) -> str:
    """Strength 4+ -> A, 3 -> B, 2 -> C, 1 -> D: a deep network is a reliable one."""
    return RELIABILITY[max(0, min(5, 4 - strength))]


def from_collection(
    *,
    item_id: int,
    scenario: Scenario,
    plot: Plot,
    live: PlotState,
    collector: str,
    strength: int,
    hits: int,
    turn: int,
    rng: random.Random,
) -> Item:
    spec = min(4, hits + scenario.tunables.collected_specificity_bonus)
    target = scenario.target(live.target)
    window = window_for(rng, turn, live.turn, scenario.tunables.wrong_window_chance)
    names: tuple[str, ...] = ()
    identity = Identity.NONE
    if spec == 4 and plot.cell:
        identity, names = Identity.NAMED, tuple(plot.cell)
    elif spec == 3 and plot.cell:
        identity, names = Identity.PARTIAL, (rng.choice(plot.cell),)
    return make_item(
        id=item_id,
        originator=collector,
        turn=turn,
        plot=plot.id,
        focus=live.target,
        actor=plot.actor,
        country=target.territory,
        targets=candidates(scenario, live.target, spec),
        window=window,
        window_text=window_text(window, turn),
        identity=identity,
        names=names,
        method=plot.method.value if spec >= 2 else None,
        reliability=reliability_for(strength),
        credibility=credibility_for(hits),
        sensitivity=1 + (spec >= 3) + (spec >= 4),
        no_onward_sharing=False,
        specificity=spec,
        region=plot.region,
        via=Via.COLLECTION,
    )


def decoy(
    *,
    item_id: int,
    scenario: Scenario,
    collector: str,
    turn: int,
    live_targets: set[str],
    rng: random.Random,
) -> Item:
    """Shaped like a real item (specificity 1-3 by default), about a target no live plot is after."""
    pool = [t for t in scenario.targets if t.id not in live_targets] or list(scenario.targets)
    focus = rng.choice(pool)
    spec = rng.randint(scenario.tunables.decoy_specificity_min,
                       scenario.tunables.decoy_specificity_max)
    regions = sorted(r for r, c in scenario.role(collector).collection.items() if c > 0)
    end = turn + rng.randint(0, 1)
    return make_item(
        id=item_id,
        originator=collector,
        turn=turn,
        plot=None,
        focus=focus.id,
        actor=rng.choice(scenario.threat_actors),
        country=focus.territory,
        targets=candidates(scenario, focus.id, spec),
        window=(turn, end),
        window_text=window_text((turn, end), turn),
        identity=Identity.NONE,
        names=(),
        method=rng.choice(sorted(scenario.tunables.casualty_weights)).value if spec >= 2 else None,
        reliability=rng.choice("CDE"),
        credibility=rng.randint(2, 5),
        sensitivity=rng.randint(1, 2),
        no_onward_sharing=False,
        specificity=spec,
        region=rng.choice(regions) if regions else "unknown",
        via=Via.COLLECTION,
    )


def from_inject(*, item_id: int, scenario: Scenario, inject: Inject, live: PlotState | None) -> Item:
    plot = next((p for p in scenario.plots if p.id == inject.plot), None)
    focus = live.target if live else (inject.targets[0] if inject.targets else scenario.targets[0].id)
    targets = tuple(inject.targets) or candidates(scenario, focus, inject.specificity)
    # Without a stated window an inject says "the coming fortnight": never the plot's true turn.
    window = inject.window or (inject.turn, min(scenario.turns, inject.turn + 1))
    return make_item(
        id=item_id,
        originator=inject.recipient,
        turn=inject.turn,
        plot=inject.plot,
        focus=focus,
        actor=inject.actor,
        country=scenario.target(focus).territory,
        targets=targets,
        window=window,
        window_text=inject.window_text or window_text(window, inject.turn),
        identity=inject.identity,
        names=tuple(inject.names),
        method=(inject.method.value if inject.method else None),
        reliability=inject.reliability,
        credibility=inject.credibility,
        sensitivity=inject.sensitivity,
        no_onward_sharing=inject.no_onward_sharing,
        specificity=inject.specificity,
        region=plot.region if plot else "unknown",
        via=Via.INJECT,
        text=inject.text,
    )


def from_facilitator(
    *,
    item_id: int,
    scenario: Scenario,
    recipient: str,
    turn: int,
    specificity: int,
    plot: Plot | None,
    live: PlotState | None,
    focus: str,
    text: str,
) -> Item:
    window = (turn, live.turn if live else turn)
    names: tuple[str, ...] = tuple(plot.cell) if plot and specificity >= 4 else ()
    return make_item(
        id=item_id,
        originator=recipient,
        turn=turn,
        plot=plot.id if plot else None,
        focus=focus,
        actor=plot.actor if plot else scenario.threat_actors[0],
        country=scenario.target(focus).territory,
        targets=candidates(scenario, focus, specificity),
        window=window,
        window_text=window_text(window, turn),
        identity=Identity.NAMED if names else Identity.NONE,
        names=names,
        method=plot.method.value if plot and specificity >= 2 else None,
        reliability="C",
        credibility=3,
        sensitivity=2,
        no_onward_sharing=False,
        specificity=specificity,
        region=plot.region if plot else "unknown",
        via=Via.FACILITATOR,
        text=text,
    )


def from_interrogation(
    *, item_id: int, scenario: Scenario, interrogator: str, plot: Plot, live: PlotState, turn: int
) -> Item:
    """coercive_interrogation: a detainee talks. The statement names the cell and the target,
    but coerced testimony is graded low (E4) and, below the duty's credibility bar, proves nothing."""
    window = (turn, max(turn, live.turn))
    return make_item(
        id=item_id, originator=interrogator, turn=turn, plot=plot.id, focus=live.target,
        actor=plot.actor, country=scenario.target(live.target).territory, targets=(live.target,),
        window=window, window_text=window_text(window, turn), identity=Identity.NAMED,
        names=tuple(plot.cell), method=plot.method.value, reliability="E", credibility=4,
        sensitivity=1, no_onward_sharing=False, specificity=4, region=plot.region,
        via=Via.INTERROGATION,
    )  # fmt: skip


def degrade(item: Item) -> Item:
    """An intermediary channel makes the grade one step worse."""
    worse = RELIABILITY[min(5, RELIABILITY.index(item.reliability) + 1)]
    return replace(item, reliability=worse, credibility=min(6, item.credibility + 1))
