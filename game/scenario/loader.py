"""Find and load scenario files.

Scenarios are found by name in the shipped `scenarios/` folder and in an extra folder named by the
facilitator (WARGAME_SCENARIOS or --scenarios-dir), or by path.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from game.scenario.schema import Scenario

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "scenarios"


class ScenarioError(Exception):
    """A scenario could not be found or is invalid; `str()` is meant for the facilitator."""

    def __init__(self, path: str, messages: list[str]) -> None:
        self.path = path
        self.messages = messages
        super().__init__("\n".join(messages))


def scenario_dirs(extra: Path | None = None) -> list[Path]:
    dirs: list[Path] = []
    env = os.environ.get("WARGAME_SCENARIOS")
    for d in (extra, Path(env) if env else None, SHIPPED_DIR):
        if d is not None and d not in dirs:
            dirs.append(d)
    return dirs


def find_scenario(name_or_path: str, extra: Path | None = None) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return candidate
    for d in scenario_dirs(extra):
        for suffix in (".yaml", ".yml"):
            p = d / f"{name_or_path}{suffix}"
            if p.is_file():
                return p
    raise ScenarioError(name_or_path, [f"{name_or_path}: no such scenario (looked in "
                                       + ", ".join(str(d) for d in scenario_dirs(extra)) + ")"])


def parse_scenario(text: str, path: str = "<scenario>") -> Scenario:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(path, [f"{path}: invalid YAML: {exc}"]) from None
    if not isinstance(data, dict):
        raise ScenarioError(path, [f"{path}: a scenario must be a mapping at the top level"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        msgs = [f"{path}: {'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise ScenarioError(path, msgs) from None


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float) -> Scenario:
    return parse_scenario(Path(path).read_text(encoding="utf-8"), path)


def load_scenario(name_or_path: str, extra: Path | None = None) -> Scenario:
    path = find_scenario(name_or_path, extra)
    return _load_cached(str(path), path.stat().st_mtime)


def list_scenarios(extra: Path | None = None) -> list[Path]:
    seen: dict[str, Path] = {}
    for d in scenario_dirs(extra):
        if d.is_dir():
            for p in sorted(d.glob("*.yaml")):
                seen.setdefault(p.stem, p)
    return [seen[k] for k in sorted(seen)]
