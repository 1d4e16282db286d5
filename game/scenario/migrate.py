"""Read scenario files written for an older format: upgrade them step by step on load.

`MIGRATIONS[v]` turns the plain data of a version-v file into version v+1. Loading a v1 file when
the format is at v3 runs MIGRATIONS[1] then MIGRATIONS[2]; the file on disk is never rewritten.
A breaking change to the format therefore comes with: FORMAT_VERSION + 1 in `schema`, one step
function here, and a test that an old file still loads (see tests/scenario/test_migrate.py).

Version 1 is the first format, so the registry is empty today; the mechanism is tested with
synthetic versions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from game.scenario.checks import Loc
from game.scenario.schema import FORMAT_VERSION

Data = dict[str, Any]
Step = Callable[[Data], Data]

MIGRATIONS: dict[int, Step] = {}
FIRST_VERSION = 1


class MigrationProblem(Exception):
    """The file's format_version cannot be read or upgraded."""

    def __init__(self, message: str, loc: Loc = ("format_version",)) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc


def version_of(data: Mapping[str, Any]) -> int:
    """The format a file says it is in; files from before versioning are version 1."""
    raw = data.get("format_version", FIRST_VERSION)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise MigrationProblem(f"format_version must be a whole number, not '{raw}'")
    return raw


def migrate(data: Data, *, current: int = FORMAT_VERSION,
            steps: Mapping[int, Step] | None = None) -> tuple[Data, int]:
    """(data upgraded to `current`, the version it was written in)."""
    steps = MIGRATIONS if steps is None else steps
    version = version_of(data)
    if version > current:
        raise MigrationProblem(
            f"format_version {version} is newer than this game understands (up to {current}); "
            "update the game, or ask the author for a file in an older format")
    if version < FIRST_VERSION:
        raise MigrationProblem(f"format_version {version} does not exist; the first is "
                               f"{FIRST_VERSION}")
    original = version
    while version < current:
        step = steps.get(version)
        if step is None:
            raise MigrationProblem(f"no upgrade from format_version {version} to {version + 1}")
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise MigrationProblem(f"could not upgrade from format_version {version}: "
                                   f"{exc}") from None
        version += 1
        data["format_version"] = version
    return data, original
