"""Snapshots: a game's state in a compact binary form, and back.

A snapshot only speeds up loading; the event log stays the truth. A state is written as nested
tuples of plain values, walking the type hints of `GameState` (no per-field code to keep in step
with the engine): a record is the tuple of its fields in declaration order, an enum its value,
tuples, frozensets and dicts stay what they are (tuple keys included). The scenario is left out:
every game of a scenario shares it, so it is stored once per game in its `game_created` event and
interned here by content hash (ten thousand live games of one scenario hold one Scenario object).

The nested tuples are serialised with `marshal` (the interpreter's own format for plain values,
several times faster to read than JSON and able to say "this string is interned", which keeps the
ids, roles and codes that recur in every game shared), compressed with zlib (see `pack`) and
stored as hexadecimal text, so that
the `state` column stays text on both backends. `marshal` builds only plain values (numbers, strings,
tuples, lists, dicts, sets): reading one can neither import nor run anything. The row's digest is
the SHA-256 of that text and is checked before the text is read, so a damaged or hand-edited row
is refused (the game is then replayed from its events). The record decoders are compiled per type
and build each record positionally; a value of the wrong shape raises `SnapshotError` too.

`FORMAT` fingerprints the shape of the state, this codec and the marshal version; a snapshot
written under another format is ignored and the game is replayed from its events instead.
"""

from __future__ import annotations

import binascii
import dataclasses
import hashlib
import json
import marshal
import sys
import threading
import types
import typing
import zlib
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

from game.engine import GameState
from game.engine.digest import canonical
from game.engine.records import plain_record
from game.engine.records import twin as make_twin
from game.scenario.schema import Scenario

Codec = Callable[[Any], Any]
CODEC = "marshal-zlib-hex-1"
_MAX_UNPACKED = 64 * 1024 * 1024  # no state comes near; a crafted row cannot inflate past it
_MARSHAL_VERSION = 4

_SCENARIOS: dict[str, Scenario] = {}
_SCENARIOS_LOCK = threading.Lock()
# id(Scenario) -> (the Scenario, kept alive so the id stays its own; its JSON form; its key)
_KEYS: dict[int, tuple[Scenario, dict[str, Any], str]] = {}


class SnapshotError(ValueError):
    """A snapshot that cannot be read as this format says: the game is replayed instead."""


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


# The stored form -------------------------------------------------------------------------------


def encode(state: GameState) -> tuple[str, str, str]:
    """(the state as text, without its scenario; the scenario's key; the text's SHA-256)."""
    text = pack(_encoder(GameState)(state))
    return text, scenario_data(state.scenario)[1], text_digest(text)


def decode(text: str, scenario: Scenario, digest: str | None = None) -> GameState:
    """The state a snapshot holds, with `scenario` put back; SnapshotError if the text is not a
    snapshot of this format (or does not match `digest`, when given)."""
    if digest is not None and text_digest(text) != digest:
        raise SnapshotError("the snapshot does not match its digest")
    data = unpack(text)
    try:
        state: GameState = _decoder(GameState)(data)
        _SET_SCENARIO(state, scenario)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise SnapshotError(f"not a state of this format: {exc}") from None
    return state


def pack(data: Any) -> str:
    """Plain nested values as text: marshal, zlib at its fastest level, then hexadecimal.

    Compression takes a mid-game Crocus state from 15 KB to 4 KB (8 KB of text instead of 30): a
    snapshot is written inside a move's transaction and fsynced with it, and recovery reads ten
    thousand of them, so the bytes cost more than the 0.1 ms of compressing. Hexadecimal decodes
    four times faster than base64."""
    raw = marshal.dumps(data, _MARSHAL_VERSION)
    return binascii.hexlify(zlib.compress(raw, 1)).decode("ascii")


def unpack(text: str) -> Any:
    try:
        inflate = zlib.decompressobj()
        raw = inflate.decompress(binascii.unhexlify(text), _MAX_UNPACKED)
        if inflate.unconsumed_tail or not inflate.eof:
            raise ValueError("truncated, or larger than any state")
        return marshal.loads(raw)
    except (ValueError, EOFError, TypeError, binascii.Error, zlib.error) as exc:
        raise SnapshotError(f"unreadable snapshot: {exc}") from None


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("ascii")).hexdigest()


_SET_SCENARIO = GameState.__dict__["scenario"].__set__


def warm() -> None:
    """Compile the encoder and decoder of GameState now rather than in the first snapshot."""
    _encoder(GameState)
    _decoder(GameState)


# Type-directed encoding and decoding -----------------------------------------------------------


def _same(v: Any) -> Any:
    return v


def _plain(tp: Any) -> bool:
    """Values of `tp` are stored as they are (no record or enum anywhere inside)."""
    if tp in (int, float, bool, Any) or tp is type(None):
        return True
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType, tuple, frozenset, dict):
        return all(a is Ellipsis or _plain(a) for a in typing.get_args(tp))
    return False


def _plain_str(tp: Any) -> bool:
    """Like `_plain`, strings allowed (they need interning on the way out, nothing on the way in)."""
    if tp is str or _plain(tp):
        return True
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType, tuple, frozenset, dict):
        return all(a is Ellipsis or _plain_str(a) for a in typing.get_args(tp))
    return False


@cache
def _encoder(tp: Any) -> Codec:
    """The encoder of values of `tp`: one function compiled from `_expr`, so that containers of
    records become comprehensions with each record's tuple written inline (a state holds a few
    hundred records: a function call apiece cost a third of the encoding)."""
    if tp is Scenario:
        return lambda v: None
    if _plain(tp):
        return _same
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record_encoder(tp)
    namespace: dict[str, Any] = {"_i": sys.intern}
    source = f"def encode(v):\n    return {_expr(tp, 'v', namespace, [0])}\n"
    exec(source, namespace)  # built from the types' own field names
    encode: Codec = namespace["encode"]
    return encode


def _record_encoder(cls: type[Any]) -> Codec:
    """`encode(o) -> (field0, field1, ...)`, compiled for `cls`, each field encoded for its type."""
    namespace: dict[str, Any] = {"_i": sys.intern}
    source = f"def encode(o):\n    return {_record_expr(cls, 'o', namespace, [0])}\n"
    exec(source, namespace)  # built from the dataclass's own field names
    encode: Codec = namespace["encode"]
    return encode


def _record_expr(cls: type[Any], var: str, namespace: dict[str, Any], counter: list[int]) -> str:
    hints = typing.get_type_hints(cls)
    values = [_expr(hints[f.name], f"{var}.{f.name}", namespace, counter)
              for f in dataclasses.fields(cls)]
    return "(" + "".join(f"{v}, " for v in values) + ")"


def _expr(tp: Any, var: str, namespace: dict[str, Any], counter: list[int]) -> str:
    """A Python expression that encodes the value named by `var` (a name or an attribute) of type
    `tp`: strings interned (marshal then marks them so), enums as their values, records as the
    tuples of their fields; comprehensions for the containers that hold any of those."""
    origin = typing.get_origin(tp)
    counter[0] += 1
    n = counter[0]
    if tp is Scenario:
        return "None"
    if _plain(tp):
        return var
    if tp is str:
        return f"_i({var})"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return f"{var}._value_"  # the member's own attribute: `.value` is a property, 4x slower
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if var.isidentifier():  # a comprehension's variable: the record's tuple inline
            return _record_expr(tp, var, namespace, counter)
        namespace[f"r{n}"] = _record_encoder(tp)
        return f"r{n}({var})"
    if origin in (typing.Union, types.UnionType):
        return f"(None if {var} is None else {_expr(_optional_arg(tp), var, namespace, counter)})"
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return f"tuple([{_expr(args[0], f'x{n}', namespace, counter)} for x{n} in {var}])"
    if origin is tuple:
        parts = [_expr(a, f"t{n}[{i}]", namespace, counter) for i, a in enumerate(args)]
        namespace[f"f{n}"] = eval(f"lambda t{n}: ({''.join(f'{p}, ' for p in parts)})", namespace)
        return f"f{n}({var})"
    if origin is frozenset:
        return f"frozenset([{_expr(args[0], f'x{n}', namespace, counter)} for x{n} in {var}])"
    if origin is dict:
        key = _expr(args[0], f"k{n}", namespace, counter)
        value = _expr(args[1], f"x{n}", namespace, counter)
        return f"{{{key}: {value} for k{n}, x{n} in {var}.items()}}"
    raise TypeError(f"snapshot: no encoder for {tp!r}")


@cache
def _decoder(tp: Any) -> Codec:
    origin = typing.get_origin(tp)
    if tp is Scenario or _plain_str(tp):
        return _same  # marshal gives back the very values (strings interned as they were)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_decoder(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(_optional_arg(tp))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(map(item, v))
        parts = [_decoder(a) for a in args]
        return lambda v: tuple(p(x) for p, x in zip(parts, v, strict=True))
    if origin is frozenset:
        item = _decoder(typing.get_args(tp)[0])
        return lambda v: frozenset(map(item, v))
    if origin is dict:
        key, value = (_decoder(a) for a in typing.get_args(tp))
        if key is _same:
            return lambda v: {k: value(x) for k, x in v.items()}
        return lambda v: {key(k): value(x) for k, x in v.items()}
    raise TypeError(f"snapshot: no decoder for {tp!r}")


def _optional_arg(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if len(args) != 1:
        raise TypeError(f"snapshot: ambiguous union {tp!r}")
    return args[0]


def _enum_decoder(tp: type[Enum]) -> Codec:
    members = dict(tp._value2member_map_)

    def decode(v: Any) -> Any:
        return members[v]

    decode.members = members  # type: ignore[attr-defined]  # inlined by _record_decoder
    return decode


def _record_decoder(cls: type[Any]) -> Codec:
    """A decoder compiled for `cls`: the tuple unpacked into its fields (a tuple of another length
    raises ValueError), each decoded inline for its type, the record built through a twin class
    (`game.engine.records.twin`: attribute stores, then `__class__` assignment) or its slots when
    it is a plain frozen slotted record (as its __init__ would, at a fraction of the cost)."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    namespace: dict[str, Any] = {"cls": cls, "_new": object.__new__}
    names = [f"f{n}" for n in range(len(fields))]
    values = []
    for n, f in enumerate(fields):
        dec = _decoder(hints[f.name])
        members = getattr(dec, "members", None)
        if dec is _same:
            values.append(names[n])
        elif members is not None:
            namespace[f"m{n}"] = members
            values.append(f"m{n}[{names[n]}]")
        else:
            namespace[f"d{n}"] = dec
            values.append(f"d{n}({names[n]})")
    body = [f"({''.join(f'{x}, ' for x in names)}) = v"]
    twin = make_twin(cls, "_Snapshot") if plain_record(cls) else None
    if twin is not None:
        namespace["twin"] = twin
        body.append("o = _new(twin)")
        body.extend(f"o.{f.name} = {value}" for f, value in zip(fields, values, strict=True))
        body.extend(["o.__class__ = cls", "return o"])
    elif plain_record(cls):
        body.append("o = _new(cls)")
        for n, (f, value) in enumerate(zip(fields, values, strict=True)):
            namespace[f"s{n}"] = cls.__dict__[f.name].__set__
            body.append(f"s{n}(o, {value})")
        body.append("return o")
    else:
        body.append("return cls(" + ", ".join(f"{f.name}={value}" for f, value
                                                in zip(fields, values, strict=True)) + ")")
    source = "def decode(v):\n" + "".join(f"    {line}\n" for line in body)
    exec(source, namespace)  # built from the dataclass's own field names
    decode: Codec = namespace["decode"]
    return decode


def _shape(tp: Any, seen: set[Any]) -> Any:
    if dataclasses.is_dataclass(tp) and isinstance(tp, type) and tp not in seen:
        seen.add(tp)
        hints = typing.get_type_hints(tp)
        return [tp.__name__, [[f.name, _shape(hints[f.name], seen)] for f in dataclasses.fields(tp)]]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [tp.__name__, [m.value for m in tp]]
    args = typing.get_args(tp)
    if args:
        return [str(typing.get_origin(tp)), [_shape(a, seen) for a in args]]
    return getattr(tp, "__name__", str(tp))


FORMAT = hashlib.sha256(json.dumps([CODEC, _MARSHAL_VERSION, sys.version_info[:2],
                                    _shape(GameState, set())]).encode()).hexdigest()[:16]
