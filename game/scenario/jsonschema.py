"""The JSON Schema of the scenario format, for editors (the YAML language server and others).

The committed copy is `scenarios/schema.json`; a test keeps it equal to what this module makes, so
regenerate it with `wargame scenario schema > scenarios/schema.json` after changing the models.
"""

from __future__ import annotations

import json
from typing import Any

from game.scenario.loader import SHIPPED_DIR
from game.scenario.schema import FORMAT_VERSION, Scenario

SCHEMA_FILE = SHIPPED_DIR / "schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def scenario_json_schema() -> dict[str, Any]:
    """The schema editors validate against: keys as authors write them (`class`, not alias)."""
    body = Scenario.model_json_schema(by_alias=True, mode="validation")
    body["title"] = f"Duty to Warn scenario (format_version {FORMAT_VERSION})"
    body["description"] = (
        "A scenario for the Duty to Warn wargame. See docs/scenario-authoring.md for every field."
    )
    return {"$schema": DIALECT, **body}


def schema_text() -> str:
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
