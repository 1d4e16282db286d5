"""Policy profiles: which computer policy plays which seat, and which profiles a sweep plays.

A full sweep is every combination of policies over the seats the scenario marks as decision-makers.
When that is too many, the sweep is a *star design* instead of a random sample: a few base
profiles (every seat on the same policy, then random ones), each with every one-seat deviation
from it. A random sample of profiles would rarely contain two profiles that differ in one seat only,
and those matched pairs are exactly what the effect and dominance analyses compare.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from game.scenario.schema import Scenario


@dataclass(frozen=True, slots=True, order=True)
class Profile:
    """One policy per seat, in the scenario's role order."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, scenario: Scenario, policies: Mapping[str, str]) -> Profile:
        return cls(tuple((r.id, policies[r.id]) for r in scenario.roles))

    @property
    def policies(self) -> dict[str, str]:
        return dict(self.pairs)

    @property
    def label(self) -> str:
        """`role=policy` for every seat, space separated: the profile column of results.csv."""
        return " ".join(f"{role}={policy}" for role, policy in self.pairs)

    def short(self, seats: Sequence[str]) -> str:
        """Only the swept seats, for tables: `aurelia=duty borovia=hawk`."""
        return " ".join(f"{r}={p}" for r, p in self.pairs if r in seats) or self.label

    def with_policy(self, role: str, policy: str) -> Profile:
        return Profile(tuple((r, policy if r == role else p) for r, p in self.pairs))


@dataclass(frozen=True, slots=True)
class Sweep:
    """The profiles to play and how they were chosen (the report says which)."""

    profiles: tuple[Profile, ...]
    seats: tuple[str, ...]  # the seats whose policy varies
    policies: tuple[str, ...]
    full: bool  # every combination (True) or a star-design subset (False)
    combinations: int  # how many the full sweep would have had


def decision_seats(scenario: Scenario, pinned: Iterable[str] = ()) -> tuple[str, ...]:
    """The seats a sweep varies: decision-makers whose policy the user did not pin."""
    fixed = set(pinned)
    return tuple(r.id for r in scenario.roles if r.decision_maker and r.id not in fixed)


def sweep(scenario: Scenario, base: Mapping[str, str], policies: Sequence[str], *,
          pinned: Iterable[str] = (), max_profiles: int = 128, seed: int = 0) -> Sweep:
    """Every combination of `policies` over the decision seats, or a star design if too many.

    `base` gives the policy of every seat that does not vary (non-decision-makers, pinned seats).
    """
    seats = decision_seats(scenario, pinned)
    total = len(policies) ** len(seats)
    if total <= max_profiles:
        profiles = [Profile.of(scenario, {**base, **dict(zip(seats, combo, strict=True))})
                    for combo in itertools.product(policies, repeat=len(seats))]
        return Sweep(tuple(profiles), seats, tuple(policies), True, total)
    star = _star(scenario, base, seats, policies, max_profiles, random.Random(seed))
    return Sweep(star, seats, tuple(policies), False, total)


def _star(scenario: Scenario, base: Mapping[str, str], seats: Sequence[str],
          policies: Sequence[str], limit: int, rng: random.Random) -> tuple[Profile, ...]:
    """Base profiles with all their one-seat deviations, until `limit` profiles."""
    chosen: dict[Profile, None] = {}
    bases = [dict.fromkeys(seats, p) for p in policies]
    tries = 0
    while tries < 50 * limit:
        tries += 1
        centre = bases.pop(0) if bases else {s: rng.choice(policies) for s in seats}
        star = [Profile.of(scenario, {**base, **centre})]
        star += [star[0].with_policy(s, p) for s in seats for p in policies if p != centre[s]]
        new = [p for p in dict.fromkeys(star) if p not in chosen]
        if len(chosen) + len(new) > limit:
            if chosen:
                break
            new = new[:limit]
        chosen.update(dict.fromkeys(new))
    return tuple(chosen)


def contexts(profiles: Sequence[Profile], seat: str, policies: Sequence[str]
             ) -> list[dict[str, int]]:
    """Groups of profiles that differ only in `seat`: for each, policy -> profile index.

    Only groups where every one of `policies` was played at that seat are kept, so that every
    policy is compared against the same opponents.
    """
    groups: dict[tuple[tuple[str, str], ...], dict[str, int]] = {}
    for index, profile in enumerate(profiles):
        others = tuple(pair for pair in profile.pairs if pair[0] != seat)
        groups.setdefault(others, {})[profile.policies[seat]] = index
    return [g for g in groups.values() if all(p in g for p in policies)]
