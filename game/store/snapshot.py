"""Snapshots: a game's state as the engine's canonical JSON, and back.

A snapshot only speeds up loading; the event log stays the truth. It is written as
`canonical(state)` (the very form `state_digest` hashes) minus the scenario, which every game of a
scenario shares: the scenario is stored once per game in its `game_created` event and interned here
by content hash, so ten thousand live games of one scenario hold one Scenario object.

Decoding walks the type hints of `GameState` (no per-field code to keep in step with the engine):
`canonical` writes tuple keys as "a|b", tuples and frozensets as lists and enums as values, and the
decoder inverts exactly that. `FORMAT` fingerprints the shape of the state; a snapshot written under
another shape is ignored and the game is replayed from its events instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import threading
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

from game.engine import GameState, state_digest
from game.engine.digest import canonical
from game.scenario.schema import Scenario

Decoder = Callable[[Any], Any]

_SCENARIOS: dict[str, Scenario] = {}
_SCENARIOS_LOCK = threading.Lock()
# id(Scenario) -> (the Scenario, kept alive so the id stays its own; its JSON form; its key)
_KEYS: dict[int, tuple[Scenario, dict[str, Any], str]] = {}


def scenario_key(data: dict[str, Any]) -> str:
    """The content hash of a scenario's JSON form: equal scenarios share one key."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def scenario_data(scenario: Scenario) -> tuple[dict[str, Any], str]:
    """A scenario's JSON form and key, computed once per Scenario object (it is immutable)."""
    found = _KEYS.get(id(scenario))
    if found is None or found[0] is not scenario:
        data: dict[str, Any] = canonical(scenario)
        found = _KEYS[id(scenario)] = (scenario, data, scenario_key(data))
        with _SCENARIOS_LOCK:
            _SCENARIOS.setdefault(found[2], scenario)
    return found[1], found[2]


def intern_scenario(data: dict[str, Any], key: str | None = None) -> Scenario:
    """One Scenario object per distinct content, validated once (validation costs milliseconds)."""
    key = key or scenario_key(data)
    found = _SCENARIOS.get(key)
    if found is None:
        found = Scenario.model_validate(data)
        with _SCENARIOS_LOCK:
            found = _SCENARIOS.setdefault(key, found)
    return found


def known_scenario(key: str) -> Scenario | None:
    return _SCENARIOS.get(key)


def encode(state: GameState) -> tuple[str, str, str]:
    """(state JSON without the scenario, scenario key, digest of the whole state)."""
    data = canonical(dataclasses.replace(state, scenario=None))  # type: ignore[arg-type]
    del data["scenario"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text, scenario_data(state.scenario)[1], state_digest(state)


def decode(text: str, scenario: Scenario) -> GameState:
    data = json.loads(text)
    state: GameState = _decoder(GameState)({**data, "scenario": scenario})
    return state


# Type-directed decoding --------------------------------------------------------------------------


@cache
def _decoder(tp: Any) -> Decoder:
    origin = typing.get_origin(tp)
    if tp is Scenario:
        return lambda v: v
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if tp is str:
        return _text
    if tp in (int, float, bool, Any) or tp is type(None):
        return _same
    if origin in (typing.Union, types.UnionType):
        return _optional_decoder(tp)
    if origin is tuple:
        return _tuple_decoder(typing.get_args(tp))
    if origin is frozenset:
        item = _decoder(typing.get_args(tp)[0])
        return lambda v: frozenset(item(x) for x in v)
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        return _dict_decoder(_key_decoder(key_tp), _decoder(value_tp))
    raise TypeError(f"snapshot: no decoder for {tp!r}")


def _same(v: Any) -> Any:
    return v


def _text(v: str) -> str:
    """Short strings (ids, roles, codes) recur in every game: intern them to keep states lean."""
    return sys.intern(v) if len(v) <= 40 else v


def _dataclass_decoder(cls: type[Any]) -> Decoder:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    fields = [(name, _decoder(hints[name])) for name in names]

    def decode_one(v: dict[str, Any]) -> Any:
        return cls(**{name: dec(v[name]) for name, dec in fields if name in v})

    return decode_one


def _optional_decoder(tp: Any) -> Decoder:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if len(args) != 1:
        raise TypeError(f"snapshot: ambiguous union {tp!r}")
    inner = _decoder(args[0])
    return lambda v: None if v is None else inner(v)


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda v: tuple(item(x) for x in v)
    decs = [_decoder(a) for a in args]
    return lambda v: tuple(d(x) for d, x in zip(decs, v, strict=True))


def _key_decoder(tp: Any) -> Decoder:
    """`canonical` writes every key as a string and a tuple key as its parts joined by '|'."""
    if typing.get_origin(tp) is tuple:
        parts = [_decoder(a) if a is str else a for a in typing.get_args(tp)]
        return lambda k: tuple(p(x) for p, x in zip(parts, k.split("|"), strict=True))
    if tp is str:
        return _text
    return typing.cast(Decoder, tp)


def _dict_decoder(key: Decoder, value: Decoder) -> Decoder:
    return lambda v: {key(k): value(x) for k, x in v.items()}


def _shape(tp: Any, seen: set[Any]) -> Any:
    if dataclasses.is_dataclass(tp) and isinstance(tp, type) and tp not in seen:
        seen.add(tp)
        hints = typing.get_type_hints(tp)
        return [tp.__name__, [[f.name, _shape(hints[f.name], seen)] for f in dataclasses.fields(tp)]]
    args = typing.get_args(tp)
    if args:
        return [str(typing.get_origin(tp)), [_shape(a, seen) for a in args]]
    return getattr(tp, "__name__", str(tp))


FORMAT = hashlib.sha256(json.dumps(_shape(GameState, set())).encode()).hexdigest()[:16]
