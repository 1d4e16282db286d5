"""state_digest: a SHA-256 of the canonical form of a game's state.

Two states with the same digest are the same game; a replay that reaches a recorded digest proves
the log was folded exactly as when it was written.

The service hashes a state with every snapshot it writes, so this is on the write path: `canonical`
picks a converter once per type (not a chain of isinstance checks per value), and a state is
written out one field at a time so that its scenario, which every game of a scenario shares and
never changes, is turned into JSON text once per Scenario object and spliced in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from game.engine.state import GameState
from game.scenario.schema import Scenario

Converter = Callable[[Any], Any]
_CONVERTERS: dict[type, Converter] = {}


def canonical(value: Any) -> Any:
    """Plain JSON data with a fixed shape: dict keys as sorted strings, tuples as lists."""
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _converter(type(value))
    return convert(value)


def _same(value: Any) -> Any:
    return value


def _converter(tp: type) -> Converter:
    """The conversion for every value of type `tp`, chosen in the order the rules are listed."""
    convert: Converter
    if issubclass(tp, Enum):
        convert = _enum
    elif issubclass(tp, BaseModel):
        convert = _model
    elif is_dataclass(tp) and not issubclass(tp, type):
        convert = _dataclass(tuple(f.name for f in fields(tp)))
    elif issubclass(tp, dict):
        convert = _dict
    elif issubclass(tp, (list, tuple)):
        convert = _sequence
    elif issubclass(tp, (frozenset, set)):
        convert = _set
    else:  # str, int, bool, float, None: already JSON
        convert = _same
    _CONVERTERS[tp] = convert
    return convert


def _enum(value: Enum) -> Any:
    return value.value


def _model(value: BaseModel) -> Any:
    return value.model_dump(mode="json", by_alias=True)


def _dataclass(names: tuple[str, ...]) -> Converter:
    def convert(value: Any) -> dict[str, Any]:
        return {name: canonical(getattr(value, name)) for name in names}

    return convert


def _dict(value: dict[Any, Any]) -> dict[str, Any]:
    items = [("|".join(map(str, k)) if isinstance(k, tuple) else str(k), canonical(v))
             for k, v in value.items()]
    return dict(sorted(items))


def _sequence(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [canonical(v) for v in value]


def _set(value: set[Any] | frozenset[Any]) -> list[Any]:
    return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def to_json(data: Any) -> str:
    """The one JSON text of canonical data: sorted keys, no spaces, UTF-8 as is (what
    `json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes, with one
    encoder made once rather than one per call)."""
    return _ENCODER.encode(data)


_STATE_FIELDS = tuple(sorted(f.name for f in fields(GameState)))
# id(Scenario) -> (the Scenario, kept alive so the id stays its own; its canonical JSON text)
_SCENARIO_TEXT: dict[int, tuple[Scenario, str]] = {}


def scenario_text(scenario: Scenario) -> str:
    """`to_json(canonical(scenario))`, once per Scenario object (scenarios are never changed)."""
    hit = _SCENARIO_TEXT.get(id(scenario))
    if hit is None or hit[0] is not scenario:
        hit = _SCENARIO_TEXT[id(scenario)] = (scenario, to_json(canonical(scenario)))
    return hit[1]


def state_parts(state: GameState) -> list[tuple[str, str]]:
    """(field name, its canonical JSON text) for every field of the state but its scenario, in the
    order `to_json` writes the keys of `canonical(state)`."""
    return [(name, to_json(canonical(getattr(state, name))))
            for name in _STATE_FIELDS if name != "scenario"]


def join_parts(parts: list[tuple[str, str]]) -> str:
    """The JSON object text of sorted (key, value text) parts, exactly as `to_json` writes it."""
    return "{" + ",".join(f"{to_json(k)}:{v}" for k, v in parts) + "}"


def digest_of(parts: list[tuple[str, str]], scenario: Scenario) -> str:
    """state_digest of the state whose `state_parts` these are."""
    whole = sorted([*parts, ("scenario", scenario_text(scenario))])
    return hashlib.sha256(join_parts(whole).encode()).hexdigest()


def state_digest(state: GameState) -> str:
    """SHA-256 of `to_json(canonical(state))`."""
    return digest_of(state_parts(state), state.scenario)
