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


# Every tunable, its GAME.md value, and the words of GAME.md that give it. A new tunable must be
# added here (the test fails otherwise), which is when its default is checked against GAME.md.
GAME_MD = Path(__file__).resolve().parents[3] / "shared" / "design" / "GAME.md"
FROM_GAME_MD: dict[str, tuple[object, str]] = {
    "collection_hit": (5, "each 5+ is a hit"),
    "collected_specificity_bonus": (1, "specificity `min(4, hits + 1)`"),
    "decoy_chance": (1 / 3, "with probability 1/3"),
    "decoy_specificity_min": (1, "shaped like a real item of specificity 1–3"),
    "decoy_specificity_max": (3, "shaped like a real item of specificity 1–3"),
    "wrong_window_chance": (0.3, "with probability 0.3 the stated window is wrong"),
    "harden_cost": (1, "*harden* a target (1 each)"),
    "surveil_cost": (1, "*surveil* a named suspect (1 each"),
    "arrest_cost": (2, "*arrest* a named suspect (2;"),
    "propose_cost": (1, ""),  # GAME.md gives no cost for a free-form action; one SB, like the rest
    "advisory_pc": (1, "issue a *public advisory* (1 PC;"),
    "alert_fatigue_multiplier": (2, "costs double (alert fatigue)"),
    "harden_true_bonus": (3, "hardening the true target +3"),
    "harden_near_bonus": (1, "same class in the same city +1"),
    "surveil_bonus": (2, "surveillance +2 per named cell member"),
    "surveil_max": (4, "at most +4"),
    "arrest_bonus": (4, "arrest of a named member +4"),
    "advisory_bonus": (1, "public advisory +1"),
    "advisory_shift_chance": (0.5, "with probability 1/2, Red shifts"),
    "advisory_delay_turns": (1, "or delays one turn"),
    "watchlist_bonus": (1, "a watchlist or border hit +1"),
    "dismissed_warning_malus": (1, "dismissed a warning about this plot −1"),
    "proposal_prevention": (2, ""),  # GAME.md leaves a successful free-form action's effect open
    "foil_at": (10, "≥ 10 foiled"),
    "disrupt_at": (8, "8–9 disrupted"),
    "disrupted_casualty_divisor": (2, "(half casualties)"),
    "burn_turns": (2, "loses its collection for 2 turns"),
    "burn_low_trust_bonus": (1, "+1 if trust ≤ 1"),
    "burn_sanitized_relief": (1, "−1 if sanitized"),
    "blame_divisor": (3, "casualty weight ÷ 3"),
    "exposure_at": (4, "exposed on d6 ≥ 4"),
    "exposure_pc": (2, "−2 PC"),
    "exposure_trust": (1, "−1 trust for the withholder"),
    "accurate_warning_trust": (1, "+1 toward the sender of an accurate warning"),
    "accurate_warning_min_specificity": (2, "accurate warning of specificity ≥ 2"),
    "decoy_acted_trust": (1, "−1 toward the sender of a decoy that was acted on"),
    "low_trust": (1, "a sender it trusts at ≤ 1"),
    "provocation_pc": (1, "costs 1 PC, the \"provocation\" effect"),
    "duty_missing_pc": (1, "every missing entry costs 1 PC"),
    "duty_min_specificity": (2, "2 city + target class + window"),  # "credible and specific"
    "duty_max_credibility": (3, "information credibility 1–6"),  # "credible": graded 1-3
    "score_base": (20, "Per seat: 20"),
    "source_points": (2, "2 per intact sensitive source"),
    "sensitive_source_min": (2, "2 per intact sensitive source"),
    "objective_points": (3, "a secret objective (3)"),
    "threshold_bonus": (3, "Every seat gets +3"),
    "casualty_weights": ({"venue_assault": 10, "crowd_bombing": 7, "multi_site": 10,
                          "small_ied": 2}, "venue assault 10, crowd bombing 7, multi-site 10, "
                                           "small IED 2"),
    "adjudication_chances": ({"very_strong": 83, "strong": 67, "average": 50, "weak": 33,
                              "very_weak": 17}, "very strong 83%, strong 67%, average 50%, "
                                                "weak 33%, very weak 17%"),
}


def test_every_tunable_has_game_mds_value() -> None:
    """One by one against GAME.md: the table above covers every tunable, each default is GAME.md's
    number, and the words it comes from are in GAME.md (when GAME.md is beside the repository)."""
    assert set(FROM_GAME_MD) == set(Tunables.model_fields)
    defaults = Tunables().model_dump(mode="json")
    for name, (value, _) in FROM_GAME_MD.items():
        if isinstance(value, float):
            assert abs(defaults[name] - value) < 1e-9, name
        else:
            assert defaults[name] == value, name
    if GAME_MD.exists():
        text = GAME_MD.read_text(encoding="utf-8")
        missing = [n for n, (_, words) in FROM_GAME_MD.items() if words and words not in text]
        assert missing == [], missing


def test_the_other_numbers_of_game_md_are_scenario_fields_with_its_defaults() -> None:
    from game.scenario.schema import Deadlines, Scenario

    fields = Scenario.model_fields
    assert fields["casualty_threshold"].default == 10
    assert set(Deadlines.model_fields) == {"briefing", "intel_received", "sharing", "response",
                                           "aftermath"}
