"""Every number GAME.md leaves open is a tunable with GAME.md's default, and the engine reads it."""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.schema import Tunables

ENGINE = Path(__file__).resolve().parents[2] / "game" / "engine"


def test_game_md_defaults() -> None:
    t = Tunables()
    assert (t.collection_hit, t.wrong_window_chance, t.foil_at, t.disrupt_at) == (5, 0.3, 10, 8)
    assert (t.harden_true_bonus, t.surveil_bonus, t.surveil_max, t.arrest_bonus) == (3, 2, 4, 4)
    assert (t.blame_divisor, t.exposure_at, t.exposure_pc, t.burn_turns) == (3, 4, 2, 2)
    assert (t.score_base, t.source_points, t.objective_points, t.threshold_bonus) == (20, 2, 3, 3)
    assert {k.value: v for k, v in t.casualty_weights.items()} == {
        "venue_assault": 10, "crowd_bombing": 7, "multi_site": 10, "small_ied": 2}
    assert t.adjudication_chances.model_dump() == {
        "very_strong": 83, "strong": 67, "average": 50, "weak": 33, "very_weak": 17}
    assert abs(t.decoy_chance - 1 / 3) < 1e-9 and t.disrupted_casualty_divisor == 2


def test_every_tunable_is_read_by_the_engine() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in ENGINE.glob("*.py"))
    read = set(re.findall(r"\.(\w+)", source))
    unread = {name for name in Tunables.model_fields if name not in read}
    assert unread == set(), f"tunables nobody reads: {sorted(unread)}"
