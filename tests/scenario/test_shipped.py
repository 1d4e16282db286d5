"""Every shipped scenario validates cleanly and plays to the end with every computer policy."""

from __future__ import annotations

import pytest

from game.ai import POLICIES
from game.engine import Phase
from game.runner import play_game
from game.scenario import load_scenario
from game.scenario.loader import SHIPPED_DIR, check_file, list_scenarios

SHIPPED = sorted(p.stem for p in SHIPPED_DIR.glob("*.yaml"))
HISTORICAL = ["boston-2013", "crocus-2024", "kerman-2024", "paris-2015"]
SEEDS = range(20)


def test_the_four_historical_scenarios_and_the_tutorial_ship() -> None:
    assert set(SHIPPED) == {*HISTORICAL, "tutorial"}


@pytest.mark.parametrize("name", SHIPPED)
def test_validates_without_errors_or_warnings(name: str) -> None:
    checked = check_file(SHIPPED_DIR / f"{name}.yaml")
    assert checked.errors == [] and checked.warnings == [], [str(p) for p in checked.problems]


@pytest.mark.parametrize("name", HISTORICAL)
def test_historical_scenario_meets_the_brief(name: str) -> None:
    """Sources with addresses, 4-6 turns, 3-6 roles, briefings, objectives, 3+ questions."""
    s = load_scenario(name)
    assert not s.meta.fictional
    assert s.meta.sources and all(src.url and src.publisher for src in s.meta.sources)
    assert 4 <= s.turns <= 6
    assert 3 <= len(s.roles) <= 6
    assert all(r.briefing and r.objective for r in s.roles)
    assert len(s.discussion_questions) >= 3
    assert all(p.historical for p in s.plots)


def test_one_historical_scenario_has_five_roles() -> None:
    """The benchmark plays a five-role historical scenario."""
    assert any(len(load_scenario(n).roles) == 5 for n in HISTORICAL)


def test_historical_special_rules() -> None:
    assert "intermediary_channel" in load_scenario("kerman-2024").role("iran").special_rules
    paris = load_scenario("paris-2015")
    assert all("schengen_lag" in paris.role(r).special_rules for r in ("france", "belgium"))
    assert "border_watch" in load_scenario("boston-2013").role("fbi").special_rules


def test_list_finds_every_shipped_scenario() -> None:
    assert {p.stem for p in list_scenarios()} >= set(SHIPPED)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("name", SHIPPED)
def test_plays_to_the_end(name: str, policy: str) -> None:
    scenario = load_scenario(name)
    for seed in SEEDS:
        state, _ = play_game(scenario, seed, default=policy, game_id=f"{name}-{policy}-{seed}")
        assert state.phase is Phase.DEBRIEF, (seed, state.phase)
        assert state.scores is not None and set(state.scores) == {r.id for r in scenario.roles}
        assert all(p.outcome is not None for p in state.plots.values()), seed


@pytest.mark.parametrize("name", SHIPPED)
def test_plays_to_the_end_with_mixed_policies(name: str) -> None:
    """Seats played by different policies side by side, as in a real session."""
    scenario = load_scenario(name)
    for seed in range(5):
        mix = {r.id: POLICIES[(i + seed) % len(POLICIES)] for i, r in enumerate(scenario.roles)}
        state, _ = play_game(scenario, seed, mix)
        assert state.phase is Phase.DEBRIEF
