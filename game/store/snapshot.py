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

from game.engine import GameState
from game.engine.digest import canonical, digest_of, join_parts, state_parts
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
    parts = state_parts(state)
    return join_parts(parts), scenario_data(state.scenario)[1], digest_of(parts, state.scenario)


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
        return _enum_decoder(tp)
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


def _enum_decoder(tp: type[Enum]) -> Decoder:
    """A member by its value: a dict lookup (calling the class costs ten times more)."""
    members = tp._value2member_map_
    missing = object()

    def decode(v: Any) -> Any:
        member = members.get(v, missing)
        return tp(v) if member is missing else member

    decode.members = members  # type: ignore[attr-defined]  # inlined by _dataclass_decoder
    return decode


def _dataclass_decoder(cls: type[Any]) -> Decoder:
    """A decoder compiled for `cls`: one call with every field as a keyword, the common field
    decoders written inline (a snapshot holds hundreds of records; a generic loop over the
    fields costs several times more). Anything unusual (a field left out because it has its
    default, a value the inline lookup does not know) takes the generic path, which decodes
    it or raises as it always did."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    fields = [(name, _decoder(hints[name])) for name in names]

    def generic(v: dict[str, Any]) -> Any:
        return cls(**{name: dec(v[name]) for name, dec in fields if name in v})

    namespace: dict[str, Any] = {"cls": cls, "generic": generic, "_text": _text,
                                 "_new": object.__new__}
    values = [_inline(dec, f"v[{name!r}]", f"d{n}", namespace) for n, (name, dec) in enumerate(fields)]
    if _plain(cls):
        # A frozen slotted record without defaults to compute: its slots are set directly, as
        # its __init__ would (through object.__setattr__), at half the cost.
        body = ["o = _new(cls)"]
        for n, ((name, _), value) in enumerate(zip(fields, values, strict=True)):
            namespace[f"s{n}"] = cls.__dict__[name].__set__
            body.append(f"s{n}(o, {value})")
        body.append("return o")
    else:
        body = ["return cls(" + ", ".join(f"{name}={value}" for (name, _), value
                                            in zip(fields, values, strict=True)) + ")"]
    source = ("def decode(v):\n"
              f"    if len(v) != {len(fields)}:\n"
              "        return generic(v)\n"
              "    try:\n" + "".join(f"        {line}\n" for line in body) +
              "    except (KeyError, TypeError):\n"
              "        return generic(v)\n")
    exec(source, namespace)  # built from the dataclass's own field names
    decode: Decoder = namespace["decode"]
    return decode


def _plain(cls: type[Any]) -> bool:
    """Frozen, slotted, every field set by __init__ from its argument and nothing else to run."""
    params = getattr(cls, "__dataclass_params__", None)
    return (params is not None and params.frozen and "__slots__" in cls.__dict__
            and not hasattr(cls, "__post_init__")
            and all(f.init for f in dataclasses.fields(cls)))


def _inline(dec: Decoder, value: str, name: str, namespace: dict[str, Any]) -> str:
    """An expression decoding `value` as `dec` would, for the generated record decoders."""
    if dec is _same:
        return value
    if dec is _text:
        return f"_text({value})"
    members = getattr(dec, "members", None)
    if members is not None:  # an enum: a KeyError falls back to the generic path
        namespace[name] = members
        return f"{name}[{value}]"
    namespace[name] = dec
    return f"{name}({value})"


def _optional_decoder(tp: Any) -> Decoder:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if len(args) != 1:
        raise TypeError(f"snapshot: ambiguous union {tp!r}")
    inner = _decoder(args[0])
    return lambda v: None if v is None else inner(v)


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        if item is _same:
            return tuple
        return lambda v: tuple(map(item, v))
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
