"""Find, read and check scenario files; every problem names the file, the line and the field.

Scenarios are found by name in the shipped `scenarios/` folder and in an extra folder named by the
facilitator (WARGAME_SCENARIOS or --scenarios-dir), or by path. Reading goes: bytes -> UTF-8 text
-> YAML (keeping each key's line) -> format upgrade -> pydantic models -> cross-field checks.
Whatever goes wrong on the way becomes a ScenarioError: the only exception validation raises.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from game.scenario.checks import Loc, Problem, cross_field_problems, format_loc, lint
from game.scenario.errors import problems_from
from game.scenario.migrate import MigrationProblem, migrate
from game.scenario.schema import Scenario
from game.scenario.yamlsource import Position, YamlProblem, decode, parse, position_of

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "scenarios"
SUFFIXES = (".yaml", ".yml")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Located:
    """A problem at a place in a file: `PATH:LINE:COL: field.path: message`."""

    path: str
    position: Position | None
    loc: Loc
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.path
        if self.position is not None:
            where += f":{self.position.line}:{self.position.column}"
        field_path = f" {format_loc(self.loc)}:" if self.loc else ""
        label = " warning:" if self.severity == "warning" else ""
        return f"{where}:{label}{field_path} {self.message}"


class ScenarioError(Exception):
    """A scenario could not be found or is invalid; `str()` is meant for the facilitator."""

    def __init__(self, path: str, messages: list[str],
                 problems: list[Located] | None = None) -> None:
        self.path = path
        self.messages = messages
        self.problems = problems or []
        super().__init__("\n".join(messages))


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of reading one file: a scenario, or the errors that prevent one."""

    path: str
    scenario: Scenario | None
    errors: list[Located] = field(default_factory=list)
    warnings: list[Located] = field(default_factory=list)
    version: int | None = None

    @property
    def problems(self) -> list[Located]:
        return [*self.errors, *self.warnings]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors

    def raise_for_errors(self) -> Scenario:
        if self.scenario is None or self.errors:
            raise ScenarioError(self.path, [str(e) for e in self.errors], list(self.errors))
        return self.scenario


def check_bytes(raw: bytes, path: str) -> Checked:
    try:
        text = decode(raw)
    except YamlProblem as exc:
        return Checked(path, None, [Located(path, exc.position, exc.loc, exc.message)])
    return check_text(text, path)


def check_text(text: str, path: str = "<scenario>") -> Checked:
    """Every problem of a scenario's text, each located; never raises."""
    try:
        data, root = parse(text)
    except YamlProblem as exc:
        return Checked(path, None, [Located(path, exc.position, exc.loc, exc.message)])

    def at(problems: list[Problem], severity: Literal["error", "warning"] = "error"
           ) -> list[Located]:
        return [Located(path, position_of(root, p.loc), p.loc, p.message, severity)
                for p in problems]

    if not isinstance(data, dict):
        return Checked(path, None, at([Problem((), "a scenario must be a mapping of keys "
                                                    "(meta:, roles:, ...) at the top level")]))
    try:
        data, version = migrate(data)
    except MigrationProblem as exc:
        return Checked(path, None, at([Problem(exc.loc, exc.message)]))
    scenario, problems = _validate(data)
    if scenario is None:
        return Checked(path, None, at(problems), version=version)
    return Checked(path, scenario, at(problems), at(lint(scenario), "warning"), version)


def _validate(data: dict[str, Any]) -> tuple[Scenario | None, list[Problem]]:
    try:
        scenario = Scenario.model_validate(data, context={"defer_cross_checks": True})
    except ValidationError as exc:
        return None, problems_from(exc, Scenario)
    except RecursionError:
        return None, [Problem((), "the document is nested too deeply")]
    return scenario, cross_field_problems(scenario)


def check_file(path: Path) -> Checked:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Checked(str(path), None, [Located(str(path), None, (),
                                                 f"cannot read the file: {exc.strerror}")])
    return check_bytes(raw, str(path))


def parse_scenario(text: str, path: str = "<scenario>") -> Scenario:
    """The scenario in `text`, or ScenarioError naming `path`, the line and the field."""
    return check_text(text, path).raise_for_errors()


def scenario_dirs(extra: Path | None = None) -> list[Path]:
    """Where names are looked up, first match wins: --scenarios-dir, WARGAME_SCENARIOS, shipped."""
    dirs: list[Path] = []
    env = os.environ.get("WARGAME_SCENARIOS")
    for d in (extra, Path(env) if env else None, SHIPPED_DIR):
        if d is not None and d not in dirs:
            dirs.append(d)
    return dirs


def find_scenario(name_or_path: str, extra: Path | None = None) -> Path:
    """A path to an existing file, or the file a bare name stands for in `scenario_dirs`."""
    candidate = Path(name_or_path)
    if candidate.suffix in SUFFIXES or os.sep in name_or_path or "/" in name_or_path:
        if candidate.is_file():
            return candidate
        raise ScenarioError(name_or_path, [f"{name_or_path}: no such file"])
    if NAME_RE.match(name_or_path):
        for d in scenario_dirs(extra):
            for suffix in SUFFIXES:
                p = d / f"{name_or_path}{suffix}"
                if p.is_file():
                    return p
    looked = ", ".join(str(d) for d in scenario_dirs(extra))
    raise ScenarioError(name_or_path, [f"{name_or_path}: no such scenario (looked in {looked})"])


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float) -> Scenario:
    return check_file(Path(path)).raise_for_errors()


def load_scenario(name_or_path: str, extra: Path | None = None) -> Scenario:
    path = find_scenario(name_or_path, extra)
    return _load_cached(str(path), path.stat().st_mtime)


def list_scenarios(extra: Path | None = None) -> list[Path]:
    """One file per name, the first folder of `scenario_dirs` winning, sorted by name."""
    seen: dict[str, Path] = {}
    for d in scenario_dirs(extra):
        if d.is_dir():
            for p in sorted(q for q in d.iterdir() if q.suffix in SUFFIXES and q.is_file()):
                seen.setdefault(p.stem, p)
    return [seen[k] for k in sorted(seen)]


def dump_yaml_safe(data: Any) -> str:
    """YAML text for `data` (used by tests and tools that write scenarios)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
