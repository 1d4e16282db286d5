"""Typed (de)serialisation of the engine's records through pydantic TypeAdapters."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(cls: type[Any]) -> TypeAdapter[Any]:
    """One TypeAdapter per class, built on first use (building one costs milliseconds)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found
