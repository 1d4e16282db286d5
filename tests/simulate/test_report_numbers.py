"""Every number of the report can be recomputed from results.csv (and sensitivity.csv)."""

from __future__ import annotations

import numpy as np
import pytest

from game.simulate.output import read_results
from game.simulate.stats import z_value


@pytest.fixture(scope="module")
def csv_data(small_run):
    out, _ = small_run
    return read_results(out / "results.csv")


def test_one_row_per_game_and_profile(small_run, csv_data):
    _, summary = small_run
    columns, by_profile = csv_data
    assert columns == summary["columns"]
    assert len(by_profile) == len(summary["profiles"]) == 8  # hawk/duty over three seats
    assert all(rows.shape == (8, len(columns)) for rows in by_profile.values())


def test_profile_statistics_match_the_csv(small_run, csv_data):
    """Mean, 5th and 95th percentile of every column of every profile."""
    _, summary = small_run
    columns, by_profile = csv_data
    for profile in summary["profiles"]:
        rows = by_profile[profile["profile"]]
        for c, name in enumerate(columns):
            got = profile["stats"][name]
            assert got["mean"] == pytest.approx(rows[:, c].mean(), abs=1e-9)
            assert got["p5"] == pytest.approx(np.percentile(rows[:, c], 5), abs=1e-9)
            assert got["p95"] == pytest.approx(np.percentile(rows[:, c], 95), abs=1e-9)


def test_effects_match_the_csv(small_run, csv_data):
    """Seat X playing B instead of A: per-seed means over the other seats' profiles, paired."""
    _, summary = small_run
    columns, by_profile = csv_data
    for effect in summary["effects"]:
        seat, a, b = effect["seat"], effect["baseline"], effect["alternative"]
        on_a = [rows for label, rows in sorted(by_profile.items()) if f"{seat}={a}" in label.split()]
        on_b = [by_profile[" ".join(p.replace(f"{seat}={a}", f"{seat}={b}") for p in label.split())]
                for label in sorted(by_profile) if f"{seat}={a}" in label.split()]
        for name, measure in effect["measures"].items():
            c = columns.index(name)
            diff = np.mean([r[:, c] for r in on_b], axis=0) - np.mean([r[:, c] for r in on_a], axis=0)
            half = z_value() * diff.std(ddof=1) / np.sqrt(len(diff))
            assert measure["abs"]["mean"] == pytest.approx(diff.mean(), abs=1e-9)
            assert measure["abs"]["hi"] - measure["abs"]["lo"] == pytest.approx(2 * half, abs=1e-9)


def test_sensitivity_matches_its_csv(small_run):
    out, summary = small_run
    columns, by_variant = read_results(out / "sensitivity.csv")
    c = columns.index("total.casualties")
    for row in summary["sensitivity"]["rows"]:
        assert row["base"]["casualties"] == pytest.approx(by_variant["base"][:, c].mean())
        for side in ("down", "up"):
            if side in row:
                rows = by_variant[row[side]["key"]]
                assert row[side]["casualties"] == pytest.approx(rows[:, c].mean())


def test_the_report_shows_the_summary_numbers(small_run):
    out, summary = small_run
    md = (out / "report.md").read_text()
    html = (out / "report.html").read_text()
    for profile in summary["profiles"]:
        line = next(x for x in md.splitlines() if x.startswith(f"| {profile['short']} | "))
        assert f"| {profile['stats']['total.casualties']['mean']:.2f} |" in line
    assert summary["verdict"] in md
    assert "data:image/png;base64," in html and "<table>" in html
