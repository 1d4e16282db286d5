"""scenarios/schema.json is exactly what the code generates, so editors validate what the game does."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from game.scenario.cli import app
from game.scenario.jsonschema import SCHEMA_FILE, schema_text
from game.scenario.loader import SHIPPED_DIR


def test_committed_schema_is_the_generated_one() -> None:
    """Regenerate with: wargame scenario schema > scenarios/schema.json"""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(schema_text())


def test_schema_uses_the_keys_authors_write() -> None:
    schema = json.loads(schema_text())
    assert "class" in schema["$defs"]["Target"]["properties"]
    assert schema["$defs"]["Target"]["additionalProperties"] is False
    assert schema["properties"]["format_version"]["maximum"] >= 1


def test_every_shipped_scenario_points_editors_at_the_schema() -> None:
    for path in SHIPPED_DIR.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./schema.json", path.name
