"""Read a scenario's YAML while keeping where every key was written.

PyYAML's composer gives a node tree with marks (line, column); we keep it beside the plain data so
that any problem reported at a field path (`('roles', 0, 'name')`) can be shown at its line. The
tree is also where a few hazards are caught before pydantic sees the data: duplicate keys (which
YAML would silently resolve to the last one), alias bombs and documents nested too deeply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from game.scenario.checks import Loc

MAX_BYTES = 1_000_000
MAX_EXPANDED_NODES = 200_000


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column, as editors count them."""

    line: int
    column: int


class YamlProblem(Exception):
    """The text is not a YAML document we can read; `position` says where, when known."""

    def __init__(self, message: str, position: Position | None = None,
                 loc: Loc = ()) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.loc = loc


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is allowed); anything else is named with the line it breaks on."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_BYTES // 1000} kB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded; save "
                          "the file as UTF-8", Position(line, column)) from None


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree, or YamlProblem."""
    if len(text) > MAX_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_BYTES // 1000} kB")
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(f"YAML: {exc.reason} (character #x{exc.character:04x})",
                          _position_in(text, exc.position)) from None
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_tree(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise YamlProblem(f"YAML syntax: {problem}", _pos(mark)) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(f"YAML: {exc.reason} (character #x{exc.character:04x})",
                          _position_in(text, exc.position)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem("the document is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python will convert
        raise YamlProblem(f"unreadable value: {exc}") from None
    finally:
        loader.dispose()
    return data, node


def _position_in(text: str, index: int) -> Position:
    before = text[:index]
    return Position(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _pos(mark: Any) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


def position_of(root: yaml.Node | None, loc: Loc) -> Position | None:
    """Where the key at `loc` was written; for a missing key, the nearest enclosing node."""
    if root is None:
        return None
    node, mark = root, root.start_mark
    for part in loc:
        if part == "[key]":
            continue
        found = _child(node, part)
        if found is None:
            break
        key_node, node = found
        mark = (key_node or node).start_mark
    return _pos(mark)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    is_index = isinstance(part, int) and isinstance(node, yaml.SequenceNode)
    if is_index and 0 <= int(part) < len(node.value):
        return None, node.value[int(part)]
    return None


def _check_tree(root: yaml.Node) -> None:
    """Duplicate keys and alias bombs, found before any value is constructed."""
    for node, path in _walk(root):
        if isinstance(node, yaml.MappingNode):
            _no_duplicate_keys(node, path)
    if _expanded_size(root) > MAX_EXPANDED_NODES:
        raise YamlProblem("the document is too large once its aliases (*name) are expanded",
                          _pos(root.start_mark))


def _walk(root: yaml.Node) -> Iterator[tuple[yaml.Node, Loc]]:
    """Each distinct node once, iteratively (aliases share nodes; deep trees must not recurse)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node, path
        if isinstance(node, yaml.MappingNode):
            stack.extend((v, (*path, str(k.value))) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, (*path, i)) for i, v in enumerate(node.value))


def _no_duplicate_keys(node: yaml.MappingNode, path: Loc) -> None:
    first: dict[str, Any] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value in first:
            line = first[key.value].line + 1
            raise YamlProblem(f"duplicate key '{key.value}' (first written on line {line})",
                              _pos(key.start_mark), (*path, key.value))
        first[key.value] = key.start_mark


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expanded_size(root: yaml.Node) -> int:
    """Nodes the document would have with every alias copied out (iterative post-order, memoised
    per shared node); a node that contains itself through an alias is refused."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            open_nodes.discard(id(node))
            total = 1 + sum(sizes[id(c)] for c in _children(node))
            sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            raise YamlProblem("an alias (*name) refers to a node that contains it",
                              _pos(node.start_mark))
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    return sizes[id(root)]
