"""From the games' rows to the report's numbers: per-profile statistics, the effect of each seat's
policy, and the data the dominance check needs.

Everything here is a pure function of `Results`, which is itself nothing but results.csv in
memory: a test recomputes the report's numbers from the CSV file alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.simulate import dominance
from game.simulate.play import Columns
from game.simulate.profiles import Profile, contexts
from game.simulate.stats import describe, mean_ci, relative_change


@dataclass(frozen=True, slots=True)
class Results:
    """Every game of a run: `values[profile, game, column]`; game i used `seeds[i]`."""

    columns: Columns
    profiles: tuple[Profile, ...]
    seats: tuple[str, ...]  # the seats whose policy varies between profiles
    policies: tuple[str, ...]
    seeds: np.ndarray
    values: np.ndarray

    @property
    def roles(self) -> tuple[str, ...]:
        return self.columns.roles

    @property
    def games(self) -> int:
        return int(self.values.shape[1])

    def measure(self, name: str) -> np.ndarray:
        """(profiles, games) values of one column."""
        return self.values[:, :, self.columns.index(name)]


def profile_stats(results: Results) -> list[dict[str, Any]]:
    """Mean, 5th and 95th percentile of every column, for every profile."""
    names = results.columns.names
    return [{"profile": p.label, "short": p.short(results.seats), "games": results.games,
             "stats": {name: describe(results.values[k, :, c]) for c, name in enumerate(names)}}
            for k, p in enumerate(results.profiles)]


def effect_measures(results: Results, seat: str) -> list[str]:
    """What a seat's policy is judged on: every seat's casualties, the total, its own PC, score
    and burned sources. Other seats' casualties matter: a warning saves lives elsewhere."""
    cols = results.columns
    return ([cols.seat(r, "casualties") for r in results.roles] + [cols.total("casualties")]
            + [cols.seat(seat, f) for f in ("pc", "score", "burned")])


def paired_means(results: Results, seat: str, a: str, b: str, column: str
                 ) -> tuple[np.ndarray, np.ndarray, int]:
    """Per-seed means of `column` with `seat` on `a` and on `b`, over every context that played
    both; and the number of such contexts."""
    groups = contexts(results.profiles, seat, (a, b))
    if not groups:
        return np.empty(0), np.empty(0), 0
    values = results.measure(column)
    on_a = values[[g[a] for g in groups]].mean(axis=0)
    on_b = values[[g[b] for g in groups]].mean(axis=0)
    return on_a, on_b, len(groups)


def effects(results: Results) -> list[dict[str, Any]]:
    """For every swept seat and pair of policies: what playing B instead of A changes."""
    out = []
    for seat in results.seats:
        for i, a in enumerate(results.policies):
            for b in results.policies[i + 1:]:
                effect = _effect(results, seat, a, b)
                if effect is not None:
                    out.append(effect)
    return out


def _effect(results: Results, seat: str, a: str, b: str) -> dict[str, Any] | None:
    measures: dict[str, Any] = {}
    n_ctx = 0
    for column in effect_measures(results, seat):
        on_a, on_b, n_ctx = paired_means(results, seat, a, b, column)
        if n_ctx == 0:
            return None
        rel = relative_change(on_a, on_b)
        measures[column] = {
            "baseline": float(on_a.mean()), "alternative": float(on_b.mean()),
            "abs": mean_ci(on_b - on_a).as_dict(),
            "rel": rel.as_dict() if rel is not None else None,
        }
    return {"seat": seat, "baseline": a, "alternative": b, "contexts": n_ctx,
            "measures": measures}


def seat_dominance(results: Results, seat: str, *, pooled: bool = False) -> dominance.Verdict:
    """The dominance check for `seat`, per context (default) or pooled over contexts."""
    cols = results.columns
    measures = [cols.seat(seat, m) for m, _ in dominance.SEAT_MEASURES]
    measures += [m for m, _ in dominance.TOTAL_MEASURES]
    directions = [d for _, d in dominance.SEAT_MEASURES + dominance.TOTAL_MEASURES]
    groups = contexts(results.profiles, seat, results.policies)
    index = np.array([[g[p] for p in results.policies] for g in groups], dtype=int)
    data = np.stack([results.measure(m)[index] for m in measures], axis=-1)
    labels = [_context_label(results, seat, g) for g in groups]
    if pooled:
        data, labels = data.mean(axis=0, keepdims=True), ["averaged over the other seats"]
    return dominance.check(seat, results.policies, data, directions, measures, labels)


def _context_label(results: Results, seat: str, group: dict[str, int]) -> str:
    profile = results.profiles[next(iter(group.values()))]
    others = [s for s in results.seats if s != seat]
    return " ".join(f"{s}={profile.policies[s]}" for s in others) or "no other seat varies"


def dominance_all(results: Results) -> list[dict[str, Any]]:
    """Both dominance checks for every swept seat."""
    out = []
    for seat in results.seats:
        strict = seat_dominance(results, seat)
        pooled = seat_dominance(results, seat, pooled=True)
        out.append({**strict.as_dict(), "on_average": pooled.as_dict()})
    return out


def best_on_average(results: Results, seat: str) -> dict[str, dict[str, Any]]:
    """For each measure: the policy with the best mean over every profile where the seat plays
    it (equal weight per context), and that mean."""
    out: dict[str, dict[str, Any]] = {}
    groups = contexts(results.profiles, seat, results.policies)
    cols = results.columns
    items = [(cols.seat(seat, m), d) for m, d in dominance.SEAT_MEASURES]
    for column, direction in items + list(dominance.TOTAL_MEASURES):
        values = results.measure(column)
        means = {p: float(values[[g[p] for g in groups]].mean()) for p in results.policies}
        best = max(means, key=lambda p: direction * means[p])
        tied = max(means.values()) - min(means.values()) < 1e-9
        out[column] = {"best": "all equal" if tied else best, "means": means}
    return out
