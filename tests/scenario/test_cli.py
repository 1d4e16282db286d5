"""`wargame scenario ...` as the lead mounts it: list, validate, show, schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from game.scenario.cli import app
from game.scenario.loader import SHIPPED_DIR

runner = CliRunner()
TUTORIAL = (SHIPPED_DIR / "tutorial.yaml").read_text(encoding="utf-8")


def test_list_shows_every_shipped_scenario() -> None:
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in ("tutorial", "crocus-2024", "paris-2015", "kerman-2024", "boston-2013"):
        assert name in result.stdout
    assert "Crocus City Hall" in result.stdout


def test_list_includes_the_extra_folder(tmp_path: Path) -> None:
    (tmp_path / "house-rules.yaml").write_text(TUTORIAL.replace(
        "Tutorial: Lanterns over Vostograd", "House Rules"), encoding="utf-8")
    result = runner.invoke(app, ["list", "--scenarios-dir", str(tmp_path)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "house-rules" in result.stdout and "House Rules" in result.stdout


def test_validate_all_shipped_exits_0() -> None:
    result = runner.invoke(app, ["validate", "--strict", str(SHIPPED_DIR)])
    assert result.exit_code == 0, result.stdout
    assert "5 file(s): 5 valid, 0 invalid" in result.stdout


def test_validate_prints_every_error_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TUTORIAL.replace("turns: 3", "turns: x").replace("licence:", "licnce:"),
                   encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad), "tutorial"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{bad}:") and "turns:" in line for line in lines)
    assert any("did you mean 'licence'?" in line for line in lines)
    assert "2 file(s): 1 valid, 1 invalid" in result.stdout


def test_validate_unknown_name_exits_1() -> None:
    result = runner.invoke(app, ["validate", "no-such-scenario"])
    assert result.exit_code == 1 and "no such scenario" in result.stdout


def test_strict_turns_warnings_into_failures(tmp_path: Path) -> None:
    path = tmp_path / "thin.yaml"
    path.write_text(TUTORIAL.split("discussion_questions:")[0], encoding="utf-8")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", str(path)])
    assert strict.exit_code == 1 and "warning: discussion_questions" in strict.stdout


@pytest.mark.parametrize("name", ["crocus-2024", "tutorial"])
def test_show_is_a_facilitators_sheet(name: str) -> None:
    result = runner.invoke(app, ["show", name], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stdout
    for heading in ("Roles", "Trust", "Plots (ground truth)", "Scripted injects",
                    "Secret objectives", "Discussion questions", "differ from the defaults"):
        assert heading in result.stdout


def test_show_lists_changed_tunables() -> None:
    result = runner.invoke(app, ["show", "boston-2013"], env={"COLUMNS": "160"})
    assert "tunables.arrest_cost: 3 (default 2)" in result.stdout


def test_show_by_name_from_the_extra_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(TUTORIAL, encoding="utf-8")
    result = runner.invoke(app, ["show", "mine", "--scenarios-dir", str(tmp_path)])
    assert result.exit_code == 0 and "Lanterns over Vostograd" in result.stdout


def test_show_an_invalid_scenario_prints_its_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("meta: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["show", "broken", "--scenarios-dir", str(tmp_path)])
    assert result.exit_code == 1 and "missing required key 'title'" in result.stdout
