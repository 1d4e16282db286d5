"""The relative change the report prints: a ratio only where it means something."""

from __future__ import annotations

import numpy as np
import pytest

from game.simulate.stats import relative_change


def test_a_relative_change_matches_the_ratio_of_means():
    rng = np.random.default_rng(3)
    a = rng.integers(2, 8, size=400).astype(float)
    b = a * 0.5 + rng.normal(0, 0.2, size=400)
    est = relative_change(a, b)
    assert est is not None
    assert est.mean == pytest.approx(b.mean() / a.mean() - 1)
    assert est.lo < est.mean < est.hi and est.hi - est.lo < 0.05


def test_no_ratio_when_the_baseline_is_a_handful_of_hits():
    """A seat struck in 2 games of 300 (mean 0.03 ± 0.02): "+7000%" would say nothing."""
    a = np.zeros(300)
    a[[5, 70]] = 4.0
    b = np.full(300, 0.5)
    assert relative_change(a, b) is None
    assert relative_change(np.zeros(300), b) is None
