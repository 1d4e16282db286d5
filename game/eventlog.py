"""A game's event log as a file: one JSON object a line (`events.jsonl`).

Each engine event is written as `{"seq": n, "type": ..., ...}`. A line `{"type": "checkpoint",
"seq": n, "state_digest": ...}` records the digest of the state after event n, so that anyone can
check later that replaying the log reaches the same game.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.engine import Event, GameState, event_from_dict, event_to_dict, replay, state_digest
from game.rederive import rederive

CHECKPOINT = "checkpoint"


class LogError(Exception):
    """The file is not a readable event log; the message says where and why."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    digest: str


def dump_lines(events: Iterable[Event], state: GameState | None = None) -> list[str]:
    lines = [json.dumps({"seq": n, **event_to_dict(e)}, ensure_ascii=False)
             for n, e in enumerate(events, start=1)]
    if state is not None:
        lines.append(json.dumps({"type": CHECKPOINT, "seq": state.seq,
                                 "state_digest": state_digest(state)}))
    return lines


def write_log(path: Path, events: Iterable[Event], state: GameState | None = None) -> None:
    path.write_text("\n".join(dump_lines(events, state)) + "\n", encoding="utf-8")


def read_log(path: Path) -> tuple[list[Event], list[Checkpoint]]:
    events: list[Event] = []
    checkpoints: list[Checkpoint] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LogError(f"{path}: cannot read: {exc}") from None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data: dict[str, Any] = json.loads(line)
            if data.get("type") == CHECKPOINT:
                checkpoints.append(Checkpoint(int(data["seq"]), str(data["state_digest"])))
                continue
            data.pop("seq", None)
            events.append(event_from_dict(data))
        except (ValueError, KeyError, TypeError, ValidationError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise LogError(f"{path}:{lineno}: not a valid event: {first}") from None
    if not events:
        raise LogError(f"{path}: no events")
    return events, checkpoints


def verify(events: list[Event], checkpoints: list[Checkpoint]) -> tuple[GameState, list[str]]:
    """Replay the log; return the final state and one message per checkpoint that disagrees,
    and one if an event does not follow from the seed and the commands the log records (its
    dice, outcomes or scores were edited: see game.rederive)."""
    problems: list[str] = rederive(events)
    wanted = {c.seq: c.digest for c in checkpoints}
    state: GameState | None = None
    for event in events:
        state = replay([event], state)
        if state.seq in wanted and state_digest(state) != wanted[state.seq]:
            problems.append(f"after event {state.seq}: digest {state_digest(state)} "
                            f"differs from the recorded {wanted[state.seq]}")
    assert state is not None
    for seq in wanted:
        if seq > state.seq:
            problems.append(f"a checkpoint names event {seq}, but the log ends at {state.seq}")
    return state, problems
