"""docs/scenario-authoring.md covers every field of the format with an example, and says how to
test a scenario and how to get an editor to check it."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from game.scenario.schema import Scenario

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "scenario-authoring.md"


def keys(model: type[BaseModel], prefix: str = "") -> dict[str, str]:
    """'roles.briefing' -> 'briefing' for every key an author may write, nested models included."""
    out: dict[str, str] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        out[f"{prefix}{key}"] = key
        for sub in _models(field.annotation):
            out |= keys(sub, f"{prefix}{key}.")
    return out


def _models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models(arg)]


def test_every_key_is_in_the_guide_as_code() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    written = set(re.findall(r"`([a-z_]+)[`:]", text)) | set(re.findall(r"^\s*-?\s*\{?([a-z_]+):",
                                                                       text, re.MULTILINE))
    written |= {k for block in re.findall(r"\{([^}]*)\}", text)
                for k in re.findall(r"([a-z_]+):", block)}
    missing = sorted(path for path, key in keys(Scenario).items() if key not in written)
    assert missing == [], f"fields the author guide does not show: {missing}"


def test_the_guide_says_how_to_test_balance_and_edit() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for words in ("wargame scenario validate", "wargame demo --scenario", "wargame simulate",
                  "yaml-language-server", "yaml.schemas", "WARGAME_SCENARIOS", "--scenarios-dir"):
        assert words in text, words
