"""Shared fixtures: the tutorial scenario and one small simulation run written to disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from game.cli import app
from game.scenario import load_scenario
from game.scenario.schema import Scenario

SMALL = ["simulate", "tutorial", "--games", "8", "--seed", "7", "--sweep",
         "--policies", "hawk,duty", "--sensitivity-games", "2", "--quiet"]


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario("tutorial")


def run_cli(args: list[str], out: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads((out / "summary.json").read_text())


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """8 games of each of the 8 hawk/duty profiles of the tutorial, on one process."""
    out = tmp_path_factory.mktemp("sim") / "jobs1"
    return out, run_cli([*SMALL, "--jobs", "1"], out)
