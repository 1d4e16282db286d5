"""Checks that need more than one part of a scenario, each reported at its own field path.

A problem carries a `loc` (the same shape as a pydantic error's: keys and list indices), so the
loader can point at the line of the offending key, and a message that names what is wrong and,
for a misspelt reference, what was probably meant.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.scenario.types import Identity

if TYPE_CHECKING:
    from game.scenario.schema import Inject, Plot, Scenario

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or, from `lint`, worth a second look) at one place in a scenario."""

    loc: Loc
    message: str


def format_loc(loc: Loc) -> str:
    """('roles', 0, 'collection') -> 'roles[0].collection': how authors write paths."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def suggest(word: str, options: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a close match exists, else ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def unknown(kind: str, value: str, known: Iterable[str]) -> str:
    known = list(known)
    return f"unknown {kind} '{value}'{suggest(value, known)}"


def cross_field_problems(s: Scenario) -> list[Problem]:
    """Everything a single model cannot see by itself. Empty when the scenario is consistent."""
    return [
        *_duplicates(s),
        *_role_references(s),
        *_trust(s),
        *_plots(s),
        *(p for i, inject in enumerate(s.injects) for p in _inject(s, i, inject)),
        *_turns_of_news(s),
        *_objectives(s),
        *_sources(s),
    ]


def _duplicates(s: Scenario) -> Iterator[Problem]:
    for section, ids in (
        ("roles", [r.id for r in s.roles]),
        ("targets", [t.id for t in s.targets]),
        ("plots", [p.id for p in s.plots]),
        ("injects", [i.id for i in s.injects]),
    ):
        counts = Counter(ids)
        for index, ident in enumerate(ids):
            if counts[ident] > 1 and ids.index(ident) != index:
                yield Problem((section, index, "id"), f"id '{ident}' is used twice in {section}")


def _role_references(s: Scenario) -> Iterator[Problem]:
    roles = [r.id for r in s.roles]
    for i, t in enumerate(s.targets):
        if t.territory not in roles:
            yield Problem(("targets", i, "territory"), unknown("role", t.territory, roles))
    for i, bound in enumerate(s.duty_to_warn):
        if bound not in roles:
            yield Problem(("duty_to_warn", i), unknown("role", bound, roles))
    for i, inject in enumerate(s.injects):
        if inject.recipient not in roles:
            yield Problem(("injects", i, "recipient"), unknown("role", inject.recipient, roles))


def _trust(s: Scenario) -> Iterator[Problem]:
    """The matrix must say how much every role trusts every other one, and nothing else."""
    roles = [r.id for r in s.roles]
    for truster in roles:
        row = s.trust.get(truster)
        if row is None:
            yield Problem(("trust",), f"missing row for role '{truster}'")
            continue
        missing = [o for o in roles if o != truster and o not in row]
        if missing:
            yield Problem(("trust", truster), f"missing trust toward {_quoted(missing)}")
        for other in row:
            if other == truster:
                yield Problem(("trust", truster, other), "a role does not rate its own trust")
            elif other not in roles:
                yield Problem(("trust", truster, other), unknown("role", other, roles))
    for extra in s.trust:
        if extra not in roles:
            yield Problem(("trust", extra), unknown("role", extra, roles))


def _plots(s: Scenario) -> Iterator[Problem]:
    targets = [t.id for t in s.targets]
    for i, p in enumerate(s.plots):
        if p.target not in targets:
            yield Problem(("plots", i, "target"), unknown("target", p.target, targets))
        if p.turn > s.turns:
            yield Problem(("plots", i, "turn"), _after_last(p.turn, s.turns))
        if p.actor not in s.threat_actors:
            yield Problem(("plots", i, "actor"),
                          f"'{p.actor}' is not in threat_actors; add it there so that decoys "
                          "can imitate it")
        if len(set(p.cell)) != len(p.cell):
            yield Problem(("plots", i, "cell"), "a name is listed twice")


def _inject(s: Scenario, i: int, inject: Inject) -> Iterator[Problem]:
    where: Loc = ("injects", i)
    targets = [t.id for t in s.targets]
    if inject.turn > s.turns:
        yield Problem((*where, "turn"), _after_last(inject.turn, s.turns))
    for k, t in enumerate(inject.targets):
        if t not in targets:
            yield Problem((*where, "targets", k), unknown("target", t, targets))
    yield from _inject_shape(where, inject)
    plot = next((p for p in s.plots if p.id == inject.plot), None)
    if inject.plot is not None and plot is None:
        yield Problem((*where, "plot"), unknown("plot", inject.plot, [p.id for p in s.plots]))
    early = plot is not None and inject.turn < plot.turn and not inject.reveals_early
    if plot is not None and early and reveals(inject, plot):
        yield Problem(where, f"reveals plot '{plot.id}' ({_what_revealed(inject, plot)}) in "
                             f"turn {inject.turn}, before the plot's turn ({plot.turn}); mark "
                             "it reveals_early: true if that is intended")
    if plot is None and inject.plot is None:
        yield from _unlinked_names(s, where, inject)


def _inject_shape(where: Loc, inject: Inject) -> Iterator[Problem]:
    """An item must be internally coherent: names with identity, few targets when specific."""
    if inject.identity is not Identity.NONE and not inject.names:
        yield Problem((*where, "names"), f"identity '{inject.identity}' needs at least one name")
    if inject.identity is Identity.NONE and inject.names:
        yield Problem((*where, "identity"), "the item names people: set identity to partial or "
                                            "named")
    if inject.window is not None:
        first, last = inject.window
        if first > last:
            yield Problem((*where, "window"), f"the window starts ({first}) after it ends ({last})")
        elif first < inject.turn:
            yield Problem((*where, "window"), f"the window starts in turn {first}, before the item "
                                              f"arrives (turn {inject.turn})")
    limit = {4: 1, 3: 2, 0: 0}.get(inject.specificity)
    if limit is not None and len(inject.targets) > limit:
        yield Problem((*where, "targets"), f"an item of specificity {inject.specificity} lists at "
                                           f"most {limit} target(s), not {len(inject.targets)}")


def reveals(inject: Inject, plot: Plot) -> bool:
    """Ground truth: the true target singled out (specificity 3+), or a cell member named."""
    names = {n.casefold() for n in inject.names}
    singled_out = inject.specificity >= 3 and (not inject.targets or plot.target in inject.targets)
    return singled_out or bool(names & {n.casefold() for n in plot.cell})


def _what_revealed(inject: Inject, plot: Plot) -> str:
    cell = {n.casefold() for n in plot.cell}
    named = [n for n in inject.names if n.casefold() in cell]
    return f"names {_quoted(named)}" if named else f"points at its target '{plot.target}'"


def _unlinked_names(s: Scenario, where: Loc, inject: Inject) -> Iterator[Problem]:
    """An item without a plot is a decoy: it must not name a real cell member."""
    for plot in s.plots:
        named = [n for n in inject.names if n.casefold() in {c.casefold() for c in plot.cell}]
        if named:
            yield Problem((*where, "plot"), f"names {_quoted(named)} of plot '{plot.id}' but is "
                                            f"not linked to it; add plot: {plot.id}")


def _turns_of_news(s: Scenario) -> Iterator[Problem]:
    for i, n in enumerate(s.news):
        if n.turn > s.turns:
            yield Problem(("news", i, "turn"), _after_last(n.turn, s.turns))


def _objectives(s: Scenario) -> Iterator[Problem]:
    roles = [r.id for r in s.roles]
    plots = [p.id for p in s.plots]
    for i, r in enumerate(s.roles):
        obj = r.objective
        where: Loc = ("roles", i, "objective")
        if obj is None:
            continue
        if obj.role is not None and obj.role not in roles:
            yield Problem((*where, "role"), unknown("role", obj.role, roles))
        elif obj.role == r.id:
            yield Problem((*where, "role"), "an objective about another role cannot name its own")
        if obj.plot is not None and obj.plot not in plots:
            yield Problem((*where, "plot"), unknown("plot", obj.plot, plots))


def _sources(s: Scenario) -> Iterator[Problem]:
    if not s.meta.fictional and not s.meta.sources:
        yield Problem(("meta", "sources"), "a historical scenario (meta.fictional: false) must "
                                           "list its sources")
    for i, src in enumerate(s.meta.sources):
        if not src.url and not src.publisher:
            yield Problem(("meta", "sources", i), "a source needs a publisher or a url")


def lint(s: Scenario) -> list[Problem]:
    """Not errors, but a scenario that ships should have none of these."""
    out: list[Problem] = []
    collected = {region for r in s.roles for region, c in r.collection.items() if c > 0}
    for i, p in enumerate(s.plots):
        if p.region not in collected:
            out.append(Problem(("plots", i, "region"),
                               f"no role collects in '{p.region}': nobody can learn of this plot"))
        if not p.cell:
            out.append(Problem(("plots", i, "cell"), "no cell members: nobody can be surveilled"))
    for i, r in enumerate(s.roles):
        if r.objective is None:
            out.append(Problem(("roles", i), f"role '{r.id}' has no secret objective"))
        if not r.briefing.strip():
            out.append(Problem(("roles", i), f"role '{r.id}' has no briefing"))
    if not s.plots:
        out.append(Problem(("plots",), "no plots: nothing can happen"))
    if len(s.discussion_questions) < 3:
        out.append(Problem(("discussion_questions",), "fewer than three discussion questions"))
    return out


def _after_last(turn: int, turns: int) -> str:
    return f"turn {turn} is after the last turn ({turns})"


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)
