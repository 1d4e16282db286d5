"""Old files keep loading: each format version is upgraded on load by a registered step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.scenario import migrate as migrate_module
from game.scenario.loader import check_file, check_text
from game.scenario.migrate import MIGRATIONS, MigrationProblem, migrate
from game.scenario.schema import FORMAT_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_version_below_the_current_has_a_step() -> None:
    assert all(v in MIGRATIONS for v in range(1, FORMAT_VERSION))


def test_a_version_1_file_loads() -> None:
    """tests/scenario/fixtures/tutorial-v1.yaml is the tutorial as written for format 1."""
    checked = check_file(FIXTURES / "tutorial-v1.yaml")
    assert checked.ok and checked.version == 1


def test_steps_run_in_order_up_to_the_current_version() -> None:
    """A synthetic format 3: v1 called the trust matrix 'trusts', v2 had a bare title."""

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        data["trust"] = data.pop("trusts")
        return data

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        data["meta"] = {"title": data.pop("title")}
        return data

    old = {"format_version": 1, "title": "Old", "trusts": {"a": {"b": 1}}}
    new, version = migrate(old, current=3, steps={1: v1_to_v2, 2: v2_to_v3})
    assert version == 1
    assert new == {"format_version": 3, "meta": {"title": "Old"}, "trust": {"a": {"b": 1}}}
    assert "trusts" in old, "the caller's data is not changed"


def test_a_file_without_format_version_is_version_1() -> None:
    assert migrate({"meta": {}}, current=1, steps={})[1] == 1


@pytest.mark.parametrize(("raw", "words"), [
    (99, "newer than this game understands"),
    (0, "does not exist"),
    ("two", "whole number"),
    (True, "whole number"),
])
def test_unreadable_versions_are_clear_errors(raw: object, words: str) -> None:
    with pytest.raises(MigrationProblem, match=words):
        migrate({"format_version": raw}, current=2, steps={1: lambda d: d})


def test_a_missing_step_or_a_failing_step_is_reported() -> None:
    with pytest.raises(MigrationProblem, match="no upgrade from format_version 1"):
        migrate({"format_version": 1}, current=2, steps={})

    def broken(data: dict[str, Any]) -> dict[str, Any]:
        return {"x": data["no such key"]}

    with pytest.raises(MigrationProblem, match="could not upgrade from format_version 1"):
        migrate({"format_version": 1}, current=2, steps={1: broken})


def test_the_loader_uses_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a registered step (here from a synthetic format 0), an old file is upgraded before
    validation, and its data reaches the models in the current format."""
    text = (FIXTURES / "tutorial-v1.yaml").read_text(encoding="utf-8")
    old = text.replace("format_version: 1", "format_version: 0").replace("\nturns: 3", "\nrounds: 3")

    def zero_to_one(data: dict[str, Any]) -> dict[str, Any]:
        data["turns"] = data.pop("rounds")
        return data

    monkeypatch.setitem(migrate_module.MIGRATIONS, 0, zero_to_one)
    monkeypatch.setattr(migrate_module, "FIRST_VERSION", 0)
    checked = check_text(old, "old.yaml")
    assert checked.ok and checked.version == 0 and checked.scenario is not None
    assert checked.scenario.turns == 3 and checked.scenario.format_version == FORMAT_VERSION
