"""Whatever the bytes, validation ends in a result or a ScenarioError that names the file.

Hypothesis mutates valid scenarios: dropped keys, wrong types, truncated text, random bytes,
deeply nested junk, huge numbers, non-UTF-8. Nothing but ScenarioError may escape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.loader import SHIPPED_DIR, ScenarioError, check_bytes, parse_scenario

NAME = "fuzzed.yaml"
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SHIPPED_DIR.glob("*.yaml"))}
DATA = {k: yaml.safe_load(v) for k, v in TEXTS.items()}
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.just(10**400) | st.just(-(2**80)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)


def must_be_handled(raw: bytes) -> None:
    """The one property: a result, or a ScenarioError naming the file."""
    checked = check_bytes(raw, NAME)
    for problem in checked.errors:
        assert str(problem).startswith(NAME), problem
    try:
        parse_scenario(raw.decode("utf-8", "replace"), NAME)
    except ScenarioError as exc:
        assert exc.path == NAME and all(m.startswith(NAME) for m in exc.messages)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, (*prefix, i))
    return out


def mutate(data: Any, path: tuple[Any, ...], value: Any, drop: bool) -> Any:
    if not path:
        return value
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    head, rest = path[0], path[1:]
    if rest:
        copy[head] = mutate(copy[head], rest, value, drop)
    elif drop and isinstance(copy, dict):
        del copy[head]
    else:
        copy[head] = value
    return copy


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(sorted(DATA)))
    data = DATA[name]
    path = draw(st.sampled_from(paths(data)))
    new = mutate(data, path, draw(junk), draw(st.booleans()))
    return yaml.safe_dump(new, allow_unicode=True).encode("utf-8")


@FUZZ
@given(mutated())
def test_mutated_scenarios(raw: bytes) -> None:
    must_be_handled(raw)


@FUZZ
@given(st.sampled_from(sorted(TEXTS)), st.floats(0, 1))
def test_truncated_files(name: str, fraction: float) -> None:
    text = TEXTS[name]
    must_be_handled(text[: int(len(text) * fraction)].encode("utf-8"))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    must_be_handled(raw)


@FUZZ
@given(st.sampled_from(sorted(TEXTS)), st.integers(0, 2000), st.binary(min_size=1, max_size=8))
def test_bytes_spliced_into_a_valid_file(name: str, at: int, junk_bytes: bytes) -> None:
    raw = TEXTS[name].encode("utf-8")
    must_be_handled(raw[:at] + junk_bytes + raw[at:])


def test_deep_nesting_and_huge_numbers() -> None:
    must_be_handled(b"meta: " + b"[" * 1500 + b"]" * 1500)
    must_be_handled(b"turns: " + b"9" * 10000)
    must_be_handled(b"a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                    b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c]\n"
                    b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n")
    must_be_handled(b"\xff\xfe\x00\x00garbage")
    must_be_handled(b"&a [*a]")
    must_be_handled(b"? [a, b]\n: c\n")


def test_a_real_file_path_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\x00\x01\x02")
    checked = check_bytes(path.read_bytes(), str(path))
    assert checked.errors and str(checked.errors[0]).startswith(str(path))
