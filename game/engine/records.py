"""A cheaper __init__ for the engine's frozen, slotted dataclasses.

A frozen dataclass's generated __init__ sets each field with `object.__setattr__(self, name,
value)`, which looks the name up on the class again for every field of every record. A game
creates records by the thousand (events, holdings, item views), so `faster_init` replaces that
__init__ by one with the very same signature and defaults that sets each slot through its slot
descriptor, fetched once: about 40% less per record, the same record. Classes it cannot treat
exactly that way (not frozen, not slotted, a __post_init__, a field outside __init__) are left as
they are. The dataclass's own __init__ stays available as `__init__.dataclass_init`.
"""

from __future__ import annotations

import dataclasses
import inspect
from types import ModuleType
from typing import Any

_MEMBER = type(inspect.getattr_static(type("_Probe", (), {"__slots__": ("x",)}), "x"))


def _parameters(fields: tuple[dataclasses.Field[Any], ...], namespace: dict[str, Any]
                ) -> tuple[list[str], list[str], list[str]]:
    """The positional and keyword-only parameters of a dataclass's __init__, defaults bound in
    `namespace` (a factory behind the `_FACTORY` sentinel), and the expression giving each field's
    value: what a generated __init__ needs to accept exactly what the dataclass's own accepts."""
    positional: list[str] = []
    keyword: list[str] = []
    values: list[str] = []
    for n, f in enumerate(fields):
        value = f.name
        if f.default is not dataclasses.MISSING:
            namespace[f"_default{n}"] = f.default
            param = f"{f.name}=_default{n}"
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory{n}"] = f.default_factory
            param = f"{f.name}=_FACTORY"
            value = f"_factory{n}() if {f.name} is _FACTORY else {f.name}"
        else:
            param = f.name
        (keyword if f.kw_only else positional).append(param)
        values.append(value)
    return positional, keyword, values


def plain_record(cls: type[Any]) -> bool:
    """Frozen, slotted, every field set by __init__ from its argument and nothing else to run: a
    record that can be built by setting its slots without changing what it is."""
    params = getattr(cls, "__dataclass_params__", None)
    return (params is not None and params.frozen and "__slots__" in cls.__dict__
            and not hasattr(cls, "__post_init__")
            and all(f.init for f in dataclasses.fields(cls)))


def faster_init(cls: type[Any]) -> bool:
    """Give `cls` the faster __init__ if it is a frozen slotted dataclass; whether it did."""
    if not plain_record(cls):
        return False
    fields = dataclasses.fields(cls)
    namespace: dict[str, Any] = {"_FACTORY": object()}
    positional, keyword, values = _parameters(fields, namespace)
    body: list[str] = []
    for n, (f, value) in enumerate(zip(fields, values, strict=True)):
        slot = inspect.getattr_static(cls, f.name, None)
        if type(slot) is not _MEMBER:
            return False
        namespace[f"_set{n}"] = slot.__set__
        body.append(f"    _set{n}(self, {value})\n")
    args = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    exec(f"def __init__({args}):\n" + ("".join(body) or "    pass\n"), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    init.dataclass_init = cls.__init__
    cls.__init__ = init
    return True


def speed_up(*modules: ModuleType) -> list[type[Any]]:
    """`faster_init` for every dataclass defined in `modules`; the classes it changed."""
    changed = []
    for module in modules:
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__
                    and dataclasses.is_dataclass(value) and faster_init(value)):
                changed.append(value)
    return changed


# Copies ------------------------------------------------------------------------------------------
#
# A fold copies the state once per decision and a seat record on every change to it. Through the
# slot descriptors that costs two method-wrapper calls per field; a plain slotted "twin" class
# with the very same slots takes ordinary (specialised, C-speed) attribute stores instead, and the
# finished object then becomes an instance of the frozen class by `__class__` assignment, which
# CPython allows exactly when the two layouts are identical (it checks, and `twin` verifies it
# once per class). The object is a true instance of the frozen class; nothing else sees the twin.


def twin(cls: type[Any], prefix: str = "_Mutable") -> type[Any] | None:
    """A plain class with `cls`'s slots whose instances may become instances of `cls`, or None."""
    slots = cls.__dict__.get("__slots__")
    if not isinstance(slots, tuple) or cls.__bases__ != (object,):
        return None
    made = type(f"{prefix}{cls.__name__}", (), {"__slots__": slots, "__module__": cls.__module__})
    try:
        probe: Any = object.__new__(made)
        probe.__class__ = cls
    except TypeError:
        return None
    return made


def copier(cls: type[Any]) -> Any:
    """`copy(record, **changes)`: a shallow copy of a frozen slotted record with some fields
    replaced (names must be fields; no checks, no __post_init__): what `dataclasses.replace`
    gives for such a record, without its introspection and keyword re-parsing."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    mutable = twin(cls)
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_twin": mutable}
    if mutable is not None:
        body = ["def copy(old, /, **changes):\n", "    new = _new(_twin)\n"]
        body += [f"    new.{n} = old.{n}\n" for n in names]
        body += ["    for name, value in changes.items():\n",
                 "        _setattr(new, name, value)\n",
                 "    new.__class__ = _cls\n", "    return new\n"]
        namespace["_setattr"] = setattr
    else:  # not a layout CPython can re-class: set every slot through its descriptor
        body = ["def copy(old, /, **changes):\n", "    new = _new(_cls)\n"]
        for n, name in enumerate(names):
            namespace[f"_set{n}"] = inspect.getattr_static(cls, name).__set__
            body.append(f"    _set{n}(new, changes[{name!r}] if {name!r} in changes else old.{name})\n")
        body.append("    return new\n")
    exec("".join(body), namespace)
    copy = namespace["copy"]
    copy.__qualname__ = f"copier.<{cls.__qualname__}>"
    return copy


def maker(cls: type[Any]) -> Any:
    """A function with the signature of `cls`'s __init__ that builds the same record without
    calling the class (whose generic call path re-packs every keyword argument): through its
    twin (see above) where there is one, else slot by slot as `faster_init` does; for a record
    of many fields, a fraction of the cost. Classes it cannot treat so (not frozen, not slotted,
    a __post_init__, a field outside __init__) get the class itself."""
    if not plain_record(cls):
        return cls
    fields = dataclasses.fields(cls)
    mutable = twin(cls)
    namespace: dict[str, Any] = {"_FACTORY": object(), "_new": object.__new__, "_twin": mutable,
                                 "_cls": cls}
    positional, keyword, values = _parameters(fields, namespace)
    body = ["    self = _new(_twin)\n" if mutable is not None else "    self = _new(_cls)\n"]
    for n, (f, value) in enumerate(zip(fields, values, strict=True)):
        if mutable is not None:
            body.append(f"    self.{f.name} = {value}\n")
            continue
        slot = inspect.getattr_static(cls, f.name, None)
        if type(slot) is not _MEMBER:
            return cls
        namespace[f"_set{n}"] = slot.__set__
        body.append(f"    _set{n}(self, {value})\n")
    body += ["    self.__class__ = _cls\n" if mutable is not None else "", "    return self\n"]
    args = ", ".join([*positional, *(["*", *keyword] if keyword else [])])
    exec(f"def make({args}):\n" + "".join(body), namespace)
    make = namespace["make"]
    make.__qualname__ = f"maker.<{cls.__qualname__}>"
    return make
