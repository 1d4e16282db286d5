"""Events to and from their stored form.

A row holds the event's fields as JSON (JSONB on PostgreSQL) with its visibility, and the type in
its own column; the visibility is also a column of its own so that SQL can filter by seat. Reading
validates the JSON text straight into the engine's event dataclass (pydantic's `validate_json`,
about 2.5 times faster than `json.loads` followed by `event_from_dict`), which is what makes
recovering thousands of games quick.

`game_created` is special: the scenario travels whole in its game's first event, so the log stays
self-contained, with its content key, so that a reader validates each distinct scenario once and
shares one Scenario object among all its games.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import Any, NotRequired

from pydantic import TypeAdapter
from typing_extensions import TypedDict

from game.engine import Event, event_to_dict
from game.engine.codec import adapter as engine_adapter
from game.engine.events import EVENT_TYPES, GameCreated
from game.engine.types import Visibility
from game.store import snapshot as snap

SCENARIO_KEY = "scenario_key"
_VISIBILITY: TypeAdapter[Visibility] = TypeAdapter(Visibility)


def encode_event(event: Event) -> tuple[dict[str, Any], dict[str, Any]]:
    """(visibility, payload): the payload is `event_to_dict` without the type."""
    data = event_to_dict(event)
    data.pop("type")
    if isinstance(event, GameCreated):
        data["scenario"], data[SCENARIO_KEY] = snap.scenario_data(event.scenario)
    return data["visibility"], data


def encode_event_json(event: Event) -> tuple[str, str]:
    """(visibility, payload) as the JSON text the columns hold: `encode_event`'s values, written
    by the event's own pydantic serializer in one call (a quarter of the cost of building the
    dicts and `json.dumps`-ing them, for the tens of events a phase-closing Done writes). The text
    is compact and keeps non-ASCII characters as they are; readers parse it, so only its values
    matter, and they are the same."""
    if isinstance(event, GameCreated):
        visibility, payload = encode_event(event)
        return json.dumps(visibility), json.dumps(payload)
    payload_json = engine_adapter(type(event)).dump_json(event).decode()
    return _visibility_json(event.visibility), payload_json


@lru_cache(maxsize=1024)
def _visibility_json(visibility: Visibility) -> str:
    """A game has a handful of distinct visibilities (public, the facilitator, each seat)."""
    return _VISIBILITY.dump_json(visibility).decode()


@cache
def _adapter(type_: str) -> TypeAdapter[Any]:
    return TypeAdapter(EVENT_TYPES[type_])


_WARM: list[bool] = []


def warm() -> None:
    """Build every event type's TypeAdapters, for writing and for reading, once per process.

    Each costs about 2 ms to build, on first use: otherwise the first moves after a start that
    bring a new kind of event (a phase-closing Done brings several) spend 5-10 ms building them.
    The snapshot codec's compiled encoder and decoder likewise (15 ms). The service calls this
    when it opens (about 0.1 s, the first time only)."""
    if _WARM:
        return
    for type_, cls in EVENT_TYPES.items():
        engine_adapter(cls)
        _adapter(type_)
    snap.warm()
    _WARM.append(True)


class _CreatedHead(TypedDict):
    """What a game_created payload holds besides its (large) scenario."""

    visibility: Visibility
    game_id: str
    seed: int
    facilitator: str | None
    scenario_key: NotRequired[str]


_HEAD: TypeAdapter[_CreatedHead] = TypeAdapter(_CreatedHead)


def decode_event(type_: str, payload: str | bytes | dict[str, Any]) -> Event:
    """The engine event of a row, from its payload as JSON text (or already parsed)."""
    if type_ == GameCreated.type:
        if isinstance(payload, (str, bytes)):
            return _game_created_from_text(payload)
        return _game_created(payload)
    adapter = _adapter(type_)
    if isinstance(payload, (str, bytes)):
        event: Event = adapter.validate_json(payload)
    else:
        event = adapter.validate_python(payload)
    return event


def _game_created_from_text(text: str | bytes) -> GameCreated:
    """Skip parsing the scenario (kilobytes) in Python when it is already known by its key."""
    head = _HEAD.validate_json(text)
    scenario = snap.known_scenario(head["scenario_key"]) if "scenario_key" in head else None
    if scenario is None:
        return _game_created(json.loads(text))
    return GameCreated(scenario=scenario, visibility=head["visibility"], game_id=head["game_id"],
                       seed=head["seed"], facilitator=head["facilitator"])


def _game_created(payload: dict[str, Any]) -> GameCreated:
    """Built directly: validating the event would validate its scenario again (milliseconds)."""
    fields = dict(payload)
    key = fields.pop(SCENARIO_KEY, None)
    data = fields.pop("scenario")
    visibility = _VISIBILITY.validate_python(fields.pop("visibility"))
    scenario = (snap.known_scenario(key) if key else None) or snap.intern_scenario(data, key)
    return GameCreated(scenario=scenario, visibility=visibility, **fields)
