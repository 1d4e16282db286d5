"""state_digest: a SHA-256 of the canonical form of a game's state.

Two states with the same digest are the same game; a replay that reaches a recorded digest proves
the log was folded exactly as when it was written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from game.engine.state import GameState


def canonical(value: Any) -> Any:
    """Plain JSON data with a fixed shape: dict keys as sorted strings, tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        items = [("|".join(map(str, k)) if isinstance(k, tuple) else str(k), canonical(v))
                 for k, v in value.items()]
        return dict(sorted(items))
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (frozenset, set)):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, float) and value.is_integer():
        return value
    return value


def state_digest(state: GameState) -> str:
    data = canonical(state)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
