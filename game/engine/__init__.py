"""The Duty to Warn engine: pure rules, no I/O.

    events = create_game(...)                  # a new game's first event
    state = replay(events)                     # state is the fold of the events
    events = decide(state, actor, command)     # commands in, events out (or GameError)
    state = replay(events, state)              # ... and folded again
    events, state = step(state, actor, command)  # both at once, folded once
    view = view_for(state, Viewer.seat("usa")) # what one viewer may see
"""

from game.engine.commands import (
    Act,
    Actor,
    Adjudicate,
    Advance,
    AssignComputer,
    CloseGame,
    Command,
    Done,
    EndGame,
    ExtendDeadline,
    InjectItem,
    InjectNews,
    JoinSeat,
    LeaveSeat,
    LogDuty,
    Pause,
    Rate,
    Resume,
    Share,
    StartGame,
    SubmitOrders,
    actor_from_dict,
    actor_to_dict,
    command_from_dict,
    command_to_dict,
)
from game.engine.decide import create_game, decide, step
from game.engine.digest import state_digest
from game.engine.errors import Code, GameError
from game.engine.events import Event, event_from_dict, event_to_dict
from game.engine.evolve import evolve, replay
from game.engine.state import GameState
from game.engine.types import (
    ActionKind,
    DutyDecision,
    Level,
    Outcome,
    Phase,
    Rating,
    Strength,
    Viewer,
    ViewerKind,
    Visibility,
    Waiver,
)
from game.engine.views import ItemView, View, view_for

__all__ = [
    "Act",
    "ActionKind",
    "Actor",
    "Adjudicate",
    "Advance",
    "AssignComputer",
    "CloseGame",
    "Code",
    "Command",
    "Done",
    "DutyDecision",
    "EndGame",
    "Event",
    "ExtendDeadline",
    "GameError",
    "GameState",
    "InjectItem",
    "InjectNews",
    "ItemView",
    "JoinSeat",
    "LeaveSeat",
    "Level",
    "LogDuty",
    "Outcome",
    "Pause",
    "Phase",
    "Rate",
    "Rating",
    "Resume",
    "Share",
    "StartGame",
    "Strength",
    "SubmitOrders",
    "View",
    "Viewer",
    "ViewerKind",
    "Visibility",
    "Waiver",
    "actor_from_dict",
    "actor_to_dict",
    "command_from_dict",
    "command_to_dict",
    "create_game",
    "decide",
    "event_from_dict",
    "event_to_dict",
    "evolve",
    "replay",
    "state_digest",
    "step",
    "view_for",
]  # fmt: skip

from game.engine import commands as _commands
from game.engine import events as _events
from game.engine import state as _state
from game.engine import types as _types
from game.engine import views as _views
from game.engine.records import speed_up as _speed_up

_speed_up(_state, _events, _views, _commands, _types)  # records by the thousand: see records.py
