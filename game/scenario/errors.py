"""Turn pydantic's validation errors into messages an author can act on.

Pydantic says "Extra inputs are not permitted"; an author wants "unknown key 'titel'; did you mean
'title'?". To suggest the key, we find which model the error's location points into by walking the
Scenario model's annotations along the location.
"""

from __future__ import annotations

import difflib
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.scenario.checks import Loc, Problem, suggest


def problems_from(exc: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """One problem per error, except that a misspelt key is reported once: as an unknown key with
    its suggestion, not also as the required key it was meant to be."""
    errors = exc.errors()
    problems = [Problem(_clean_loc(e["loc"]), _message(e, root)) for e in errors]
    meant = {_meant(e, root) for e in errors if e["type"] == "extra_forbidden"}
    return [p for p, e in zip(problems, errors, strict=True)
            if not (e["type"] == "missing" and p.loc in meant)]


def _meant(e: ErrorDetails, root: type[BaseModel]) -> Loc:
    """The key a misspelt key was probably meant to be, as a location; () if none."""
    loc = e["loc"]
    close = difflib.get_close_matches(str(loc[-1]), fields_at(root, tuple(loc[:-1])), n=1,
                                      cutoff=0.6)
    return (*_clean_loc(tuple(loc[:-1])), close[0]) if close else ()


def _clean_loc(loc: tuple[str | int, ...]) -> Loc:
    return tuple(part for part in loc if part != "[key]")


def _message(e: ErrorDetails, root: type[BaseModel]) -> str:
    kind, loc, value = e["type"], e["loc"], e.get("input")
    if kind == "extra_forbidden":
        allowed = fields_at(root, tuple(loc[:-1]))
        return f"unknown key '{loc[-1]}'{suggest(str(loc[-1]), allowed)}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'" if loc else "missing required key"
    if kind in ("enum", "literal_error"):
        expected = re.findall(r"'([^']*)'", str((e.get("ctx") or {}).get("expected", "")))
        hint = suggest(str(value), expected) if isinstance(value, str) else ""
        return f"'{_short(value)}' is not one of: {', '.join(expected)}{hint}"
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        return (f"'{_short(value)}' is not a valid id: use lower-case letters, digits and _, "
                "starting with a letter")
    if kind == "value_error":
        return e["msg"].removeprefix("Value error, ")
    return str(e["msg"])


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fields_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the mapping at `loc` (aliases where they exist), or [] if unknown."""
    model = _model_at(root, loc)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if _is_model(current):
            field = next((f for n, f in current.model_fields.items()
                          if part in (n, f.alias)), None)
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) in (list, tuple):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if _is_model(current) else None


def _unwrap(tp: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)
