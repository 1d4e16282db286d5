"""Is any policy best for a seat on every measure at once? If so, that seat has no dilemma.

What "best on every measure" means here (the report repeats it):

- The measures are the seat's own score (higher is better), its own casualties (lower), its
  political capital (higher) and the total casualties of all seats (lower).
- "Whatever the others play": policies are compared within each *context*, a fixed choice of
  every other seat's policy, and game by game on the same seeds. Averaging over opponents first
  could hide a policy that wins on average but loses against one particular opponent mix.
- A comparison counts only if its confidence interval (normal approximation over seeds, paired,
  Bonferroni-corrected over every comparison made for the seat) excludes zero; otherwise it is a
  tie.
- P *dominates* Q if P is never worse than Q on any measure in any context and better on at
  least one. P is *dominant* for the seat if it dominates every other policy: then choosing P costs
  nothing on any measure, and the seat faces no dilemma. P is *never worse* if it loses no
  comparison but ties with some alternative everywhere (the seat's choice then matters little).
- Per-context tests with a Bonferroni correction have little power: a real but moderate loss
  (fewer lives saved) can hide as a tie while a large gain (more PC) shows. So a policy is only
  declared dominant or never worse if, in addition, it loses nothing *on average over the
  contexts* at the uncorrected 95% level, the most sensitive test available. If it does, the seat
  is reported as "probably a dilemma", with the loss, rather than as having a dominant policy.
- Otherwise every policy loses somewhere: a trade-off, which is the dilemma the game is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from game.simulate.stats import mean_ci, z_value

SEAT_MEASURES = (("score", 1), ("casualties", -1), ("pc", 1))
TOTAL_MEASURES = (("total.casualties", -1),)


@dataclass(frozen=True, slots=True)
class Loss:
    """Evidence that `policy` is worse than `other`: on `measure`, in `context`, by `by`."""

    policy: str
    other: str
    measure: str
    context: str
    by: float  # mean difference, in the measure's units, signed so that negative is worse

    def as_dict(self) -> dict[str, object]:
        return {"policy": self.policy, "other": self.other, "measure": self.measure,
                "context": self.context, "by": self.by}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The dominance check for one seat."""

    seat: str
    policies: tuple[str, ...]
    measures: tuple[str, ...]
    contexts: int
    dominant: str | None
    never_worse: tuple[str, ...]
    dominates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    losses: dict[str, Loss] = field(default_factory=dict)  # each policy's largest loss
    unresolved: dict[str, Loss] = field(default_factory=dict)  # losses seen on average only

    @property
    def dilemma(self) -> bool:
        return self.dominant is None and not self.never_worse and not self.unresolved

    def sentence(self) -> str:
        """The verdict in one plain sentence."""
        if self.dominant is not None:
            return (f"Not a dilemma for {self.seat}: `{self.dominant}` is never worse than any "
                    f"other policy on any measure, whatever the other seats play, and strictly "
                    f"better than each somewhere.")
        if self.unresolved:
            p, loss = next(iter(self.unresolved.items()))
            return (f"Probably a dilemma for {self.seat}: `{p}` loses no comparison that can be "
                    f"told apart per context, but on average it does worse than `{loss.other}` on "
                    f"{_words(loss.measure)} (by {abs(loss.by):.2f}); more games per profile would "
                    f"settle it.")
        if self.never_worse:
            names = ", ".join(f"`{p}`" for p in self.never_worse)
            return (f"No trade-off detected for {self.seat}: {names} never lose a comparison, "
                    f"but do not beat every alternative either (some differences are too small "
                    f"to tell apart with these games).")
        return (f"A real dilemma for {self.seat}: every policy is worse than some alternative on "
                f"at least one measure.")

    def as_dict(self) -> dict[str, object]:
        return {"seat": self.seat, "policies": list(self.policies), "measures": list(self.measures),
                "contexts": self.contexts, "dominant": self.dominant,
                "never_worse": list(self.never_worse), "dilemma": self.dilemma,
                "dominates": {p: list(q) for p, q in self.dominates.items()},
                "losses": {p: loss.as_dict() for p, loss in self.losses.items()},
                "unresolved": {p: loss.as_dict() for p, loss in self.unresolved.items()},
                "sentence": self.sentence()}


def _words(measure: str) -> str:
    """`france.casualties` -> `casualties (france)`; `total.casualties` -> `total casualties`."""
    who, _, what = measure.partition(".")
    return f"total {what}" if who == "total" else f"{what} ({who})"


def check(seat: str, policies: Sequence[str], data: np.ndarray, directions: Sequence[int],
          measures: Sequence[str], contexts: Sequence[str]) -> Verdict:
    """Dominance for one seat from `data[context, policy, game, measure]` (paired by game)."""
    n_ctx, n_pol, _, n_meas = data.shape
    z = z_value(comparisons=max(1, n_pol * (n_pol - 1) // 2 * n_ctx * n_meas))
    wins, losses = _tally(policies, data, directions, measures, contexts, z)
    others = {p: [q for q in policies if q != p] for p in policies}
    dominates = {p: tuple(q for q in others[p] if not losses[p, q] and wins[p, q])
                 for p in policies}
    clean = [p for p in policies if not any(losses[p, q] for q in others[p])]
    _, pooled = _tally(policies, data.mean(axis=0, keepdims=True), directions, measures,
                       ["on average over the other seats"], z_value())
    unresolved = {p: _largest([x for q in others[p] for x in pooled[p, q]]) for p in clean
                  if any(pooled[p, q] for q in others[p])}
    never_worse = tuple(p for p in clean if p not in unresolved)
    dominant = next((p for p in never_worse if len(dominates[p]) == len(others[p])), None)
    worst = {p: _largest([x for q in others[p] for x in losses[p, q]])
             for p in policies if any(losses[p, q] for q in others[p])}
    return Verdict(seat, tuple(policies), tuple(measures), n_ctx, dominant,
                   tuple(p for p in never_worse if p != dominant), dominates, worst, unresolved)


def _largest(losses: list[Loss]) -> Loss:
    return min(losses, key=lambda x: x.by)


def _tally(policies: Sequence[str], data: np.ndarray, directions: Sequence[int],
           measures: Sequence[str], contexts: Sequence[str], z: float
           ) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], list[Loss]]]:
    """For every ordered pair (P, Q): how many comparisons P wins, and the ones it loses."""
    wins: dict[tuple[str, str], int] = {}
    losses: dict[tuple[str, str], list[Loss]] = {}
    for i, p in enumerate(policies):
        for j, q in enumerate(policies):
            if i != j:
                found = _compare(data, i, j, directions, z)
                wins[p, q] = sum(1 for _, _, sign, _ in found if sign > 0)
                losses[p, q] = [Loss(p, q, measures[m], contexts[c], by)
                                for c, m, sign, by in found if sign < 0]
    return wins, losses


def _compare(data: np.ndarray, i: int, j: int, directions: Sequence[int], z: float
             ) -> list[tuple[int, int, int, float]]:
    """(context, measure, +1 better / -1 worse, mean difference) for every significant gap."""
    out = []
    for c in range(data.shape[0]):
        for m, sign in enumerate(directions):
            diff = sign * (data[c, i, :, m] - data[c, j, :, m])
            if not diff.any():
                continue
            est = mean_ci(diff, z)
            if est.significant:
                out.append((c, m, 1 if est.lo > 0 else -1, est.mean))
    return out
