"""Scenarios are found by name (extra folder, WARGAME_SCENARIOS, shipped) or by path."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import find_scenario, list_scenarios, load_scenario, parse_scenario
from game.scenario.loader import SHIPPED_DIR, ScenarioError

TUTORIAL = (SHIPPED_DIR / "tutorial.yaml").read_text(encoding="utf-8")


def test_by_name_and_by_path() -> None:
    assert find_scenario("tutorial") == SHIPPED_DIR / "tutorial.yaml"
    assert load_scenario(str(SHIPPED_DIR / "tutorial.yaml")).turns == 3


def test_extra_folder_wins_over_env_and_shipped(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    extra, env = tmp_path / "extra", tmp_path / "env"
    extra.mkdir()
    env.mkdir()
    (env / "tutorial.yaml").write_text(TUTORIAL, encoding="utf-8")
    (env / "only-env.yml").write_text(TUTORIAL, encoding="utf-8")
    monkeypatch.setenv("WARGAME_SCENARIOS", str(env))
    assert find_scenario("tutorial") == env / "tutorial.yaml"
    assert find_scenario("only-env") == env / "only-env.yml"
    (extra / "tutorial.yaml").write_text(TUTORIAL, encoding="utf-8")
    assert find_scenario("tutorial", extra) == extra / "tutorial.yaml"
    names = [p.stem for p in list_scenarios(extra)]
    assert names.count("tutorial") == 1 and "only-env" in names and "crocus-2024" in names


def test_names_cannot_climb_out_of_the_folders() -> None:
    with pytest.raises(ScenarioError):
        find_scenario("..")


def test_a_scenario_survives_the_engines_event_round_trip() -> None:
    """GameCreated stores the scenario; reading it back must validate again."""
    from game.engine import create_game, event_from_dict, event_to_dict

    for path in SHIPPED_DIR.glob("*.yaml"):
        scenario = load_scenario(str(path))
        event = create_game(game_id="g", scenario=scenario, seed=1)[0]
        assert event_from_dict(event_to_dict(event)) == event


def test_casualty_weights_may_be_partly_overridden() -> None:
    text = TUTORIAL.replace("casualty_threshold: 5",
                            "casualty_threshold: 5\ntunables:\n  casualty_weights: {small_ied: 3}")
    weights = parse_scenario(text).tunables.casualty_weights
    assert weights["small_ied"] == 3 and weights["venue_assault"] == 10


def test_an_unquoted_date_is_accepted() -> None:
    text = TUTORIAL.replace('date: "2015-07-21"', "date: 2015-07-21")
    assert parse_scenario(text).meta.sources[0].date == "2015-07-21"
