"""The few statistics the report uses, each with the method named so the report can say it.

Confidence intervals use the normal approximation on *paired* differences: every profile plays the
same seeds, so game i of profile A and game i of profile B share every die a policy does not touch.
The unit of independence is the seed: when a comparison pools several profiles (opponents), the
differences are first averaged per seed and the interval is taken over seeds. A relative change
(B / A − 1) gets its interval from the delta method on the same per-seed pairs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

CONFIDENCE = 0.95
PERCENTILES = (5, 95)
METHOD = ("normal approximation over seeds, paired (common random numbers); relative changes by "
          "the delta method; percentiles by linear interpolation (numpy's default)")


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean with its confidence interval."""

    mean: float
    lo: float
    hi: float
    n: int

    @property
    def significant(self) -> bool:
        """The interval excludes zero."""
        return self.lo > 0 or self.hi < 0

    def as_dict(self) -> dict[str, float | int]:
        return {"mean": self.mean, "lo": self.lo, "hi": self.hi, "n": self.n}


def z_value(confidence: float = CONFIDENCE, comparisons: int = 1) -> float:
    """Two-sided normal quantile, Bonferroni-corrected for `comparisons` simultaneous intervals."""
    alpha = (1 - confidence) / max(1, comparisons)
    return NormalDist().inv_cdf(1 - alpha / 2)


def describe(values: np.ndarray) -> dict[str, float]:
    """Mean and the 5th and 95th percentiles of one measure over games."""
    lo, hi = np.percentile(values, PERCENTILES)
    return {"mean": float(np.mean(values)), "p5": float(lo), "p95": float(hi)}


def mean_ci(values: np.ndarray, z: float | None = None) -> Estimate:
    """Mean of independent values (one per seed) with a normal-approximation interval."""
    z = z_value() if z is None else z
    n = len(values)
    mean = float(np.mean(values))
    half = z * float(np.std(values, ddof=1)) / math.sqrt(n) if n > 1 else math.inf
    return Estimate(mean, mean - half, mean + half, n)


RELATIVE_MAX_CV = 0.25  # a relative change only where se(ā) ≤ ā / 4


def relative_change(a: np.ndarray, b: np.ndarray, z: float | None = None) -> Estimate | None:
    """mean(b) / mean(a) − 1 over paired per-seed values; None when mean(a) is not clearly above 0.

    Delta method: Var(b̄/ā) ≈ (Var b − 2r Cov(a,b) + r² Var a) / (n ā²), with r = b̄/ā. The
    approximation needs ā well away from zero: when its standard error exceeds a quarter of it (a
    seat hit in a handful of games), a ratio of "+7000%" with an interval wider than itself says
    nothing, so the caller reports the absolute change instead.
    """
    z = z_value() if z is None else z
    n = len(a)
    mean_a, mean_b = float(np.mean(a)), float(np.mean(b))
    if mean_a <= 0 or n < 2 or float(np.std(a, ddof=1)) / math.sqrt(n) > RELATIVE_MAX_CV * mean_a:
        return None
    ratio = mean_b / mean_a
    cov = np.cov(np.vstack([a, b]), ddof=1)
    var = (cov[1, 1] - 2 * ratio * cov[0, 1] + ratio**2 * cov[0, 0]) / (n * mean_a**2)
    half = z * math.sqrt(max(0.0, float(var)))
    return Estimate(ratio - 1, ratio - 1 - half, ratio - 1 + half, n)
