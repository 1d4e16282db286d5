"""The phases of a game as one `transitions` state machine shared by every game.

The machine is the single definition of which phase follows which. It is built once per process;
games are not models of it (a game's state is frozen). Instead each thread keeps one small cursor
model, set to a game's phase before a trigger fires, so that checking or taking a transition costs
a few attribute writes rather than building a machine or binding a model per game.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from transitions import Machine, MachineError

from game.engine.errors import Code, GameError
from game.engine.types import LIVE_PHASES, Phase

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "start", "source": Phase.LOBBY, "dest": Phase.BRIEFING},
    {"trigger": "advance", "source": Phase.BRIEFING, "dest": Phase.INTEL_RECEIVED},
    {"trigger": "advance", "source": Phase.INTEL_RECEIVED, "dest": Phase.SHARING},
    {"trigger": "advance", "source": Phase.SHARING, "dest": Phase.RESPONSE},
    {"trigger": "advance", "source": Phase.RESPONSE, "dest": Phase.ATTACK},
    {"trigger": "advance", "source": Phase.ATTACK, "dest": Phase.AFTERMATH},
    {
        "trigger": "advance",
        "source": Phase.AFTERMATH,
        "dest": Phase.INTEL_RECEIVED,
        "conditions": "has_more_turns",
    },
    {"trigger": "advance", "source": Phase.AFTERMATH, "dest": Phase.DEBRIEF},
    {"trigger": "pause", "source": list(LIVE_PHASES), "dest": Phase.PAUSED},
    *(
        {
            "trigger": "resume",
            "source": Phase.PAUSED,
            "dest": phase,
            "conditions": f"resumes_to_{phase.value}",
        }
        for phase in LIVE_PHASES
    ),
    {"trigger": "end", "source": [*LIVE_PHASES, Phase.PAUSED], "dest": Phase.DEBRIEF},
    {"trigger": "close", "source": Phase.DEBRIEF, "dest": Phase.ENDED},
    # A game created by mistake must not hold its channel forever: it can be closed unplayed.
    {"trigger": "close", "source": Phase.LOBBY, "dest": Phase.ENDED},
]


class _Cursor:
    """The model the shared machine moves: one per thread, carrying the guards' inputs."""

    def __init__(self) -> None:
        self.more_turns = False
        self.resume_to: Phase | None = None

    def has_more_turns(self) -> bool:
        return self.more_turns

    def __getattr__(self, name: str) -> Any:
        if name.startswith("resumes_to_"):
            wanted = name.removeprefix("resumes_to_")
            return lambda: self.resume_to is not None and self.resume_to.value == wanted
        raise AttributeError(name)


MACHINE = Machine(
    model=None,
    states=Phase,
    transitions=TRANSITIONS,
    initial=Phase.LOBBY,
    auto_transitions=False,
    ignore_invalid_triggers=False,
)
_local = threading.local()


def _cursor() -> Any:
    cursor = getattr(_local, "cursor", None)
    if cursor is None:
        cursor = _Cursor()
        MACHINE.add_model(cursor)
        _local.cursor = cursor
    return cursor


def fire(
    phase: Phase, trigger: str, *, more_turns: bool = False, resume_to: Phase | None = None
) -> Phase:
    """The phase `trigger` leads to from `phase`, or GameError(wrong_phase)."""
    dest = _fire(phase, trigger, more_turns, resume_to)
    if dest is None:
        raise GameError(Code.WRONG_PHASE, f"cannot {trigger} during {phase.value}")
    return dest


@lru_cache(maxsize=512)
def _fire(phase: Phase, trigger: str, more_turns: bool, resume_to: Phase | None) -> Phase | None:
    """Ask the machine once per distinct question: its answers depend on nothing else."""
    cursor = _cursor()
    MACHINE.set_state(phase, model=cursor)
    cursor.more_turns = more_turns
    cursor.resume_to = resume_to
    try:
        moved = cursor.trigger(trigger)
    except MachineError:
        return None
    dest: Phase = cursor.state
    return dest if moved else None


def allowed(phase: Phase) -> list[str]:
    """The triggers the machine knows from `phase` (guards not evaluated)."""
    return sorted(MACHINE.get_triggers(phase))
