"""Commands: what an actor asks the engine to do. `decide` turns one into events or a GameError.

Every command carries `at`, the caller's clock in epoch seconds: the engine has no clock of its own,
so deadlines are computed from the time the service stamps on the command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from game.engine.codec import adapter
from game.engine.types import ActionKind, DutyDecision, Level, Rating, Strength, Waiver


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """Who sends a command: a player (by id, seated or not), the facilitator, or the system."""

    player: str | None = None
    facilitator: bool = False
    system: bool = False

    @classmethod
    def of(cls, player: str) -> Actor:
        return cls(player=player)

    @classmethod
    def white_cell(cls, player: str | None = None) -> Actor:
        return cls(player=player, facilitator=True)

    @classmethod
    def clock(cls) -> Actor:
        return cls(system=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    kind: ClassVar[str] = "command"
    facilitator_only: ClassVar[bool] = False
    at: float | None = None


# Lobby ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinSeat(Command):
    kind: ClassVar[str] = "join"
    role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveSeat(Command):
    kind: ClassVar[str] = "leave"


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignComputer(Command):
    """Facilitator: a computer policy plays this seat (solo play, or to fill an empty chair)."""

    kind: ClassVar[str] = "assign_computer"
    facilitator_only: ClassVar[bool] = True
    role: str
    policy: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StartGame(Command):
    kind: ClassVar[str] = "start"
    facilitator_only: ClassVar[bool] = True


# Seat moves -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Share(Command):
    kind: ClassVar[str] = "share"
    item: int
    to: str
    level: Level
    rationale: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LogDuty(Command):
    kind: ClassVar[str] = "warn"
    item: int
    decision: DutyDecision
    code: Waiver | None = None
    rationale: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rate(Command):
    kind: ClassVar[str] = "rate"
    item: int
    rating: Rating
    rationale: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Act(Command):
    kind: ClassVar[str] = "act"
    action: ActionKind
    target: str = ""
    text: str = ""
    rationale: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Done(Command):
    """I have finished this phase. A button may name the phase it belongs to (`phase`, `turn`):
    pressed after that phase is over, it is refused as `stale_state` instead of finishing the next."""

    kind: ClassVar[str] = "done"
    phase: str | None = None
    turn: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitOrders(Command):
    """A whole phase's orders at once, then done: how computer players move cheaply."""

    kind: ClassVar[str] = "orders"
    shares: tuple[Share, ...] = ()
    duties: tuple[LogDuty, ...] = ()
    ratings: tuple[Rate, ...] = ()
    actions: tuple[Act, ...] = ()


# Facilitator ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Pause(Command):
    kind: ClassVar[str] = "pause"
    facilitator_only: ClassVar[bool] = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Resume(Command):
    kind: ClassVar[str] = "resume"
    facilitator_only: ClassVar[bool] = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Advance(Command):
    """Close the current phase now; seats that have not submitted withhold and spend nothing.

    Sent by the facilitator, or by the system clock when the deadline passes (then `phase` and
    `turn` name the phase whose deadline it is, so that a late timer cannot skip a later phase, and
    `deadline` the time it was armed for, so that a timer armed before an extension cannot fire).
    """

    kind: ClassVar[str] = "advance"
    facilitator_only: ClassVar[bool] = True
    phase: str | None = None
    turn: int | None = None
    deadline: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendDeadline(Command):
    kind: ClassVar[str] = "extend"
    facilitator_only: ClassVar[bool] = True
    minutes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class InjectItem(Command):
    """Hand a seat a new item now: real (about `plot`) or a decoy (`plot` None)."""

    kind: ClassVar[str] = "inject"
    facilitator_only: ClassVar[bool] = True
    recipient: str
    specificity: int
    plot: str | None = None
    target: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class InjectNews(Command):
    kind: ClassVar[str] = "news"
    facilitator_only: ClassVar[bool] = True
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Adjudicate(Command):
    kind: ClassVar[str] = "adjudicate"
    facilitator_only: ClassVar[bool] = True
    action: int
    strength: Strength
    plot: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EndGame(Command):
    kind: ClassVar[str] = "end"
    facilitator_only: ClassVar[bool] = True
    reason: str = "ended by the facilitator"


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseGame(Command):
    kind: ClassVar[str] = "close"
    facilitator_only: ClassVar[bool] = True


COMMAND_TYPES: dict[str, type[Command]] = {
    c.kind: c
    for c in (
        JoinSeat, LeaveSeat, AssignComputer, StartGame, Share, LogDuty, Rate, Act, Done,
        SubmitOrders, Pause, Resume, Advance, ExtendDeadline, InjectItem, InjectNews, Adjudicate,
        EndGame, CloseGame,
    )
}  # fmt: skip


def command_to_dict(command: Command) -> dict[str, Any]:
    data: dict[str, Any] = adapter(type(command)).dump_python(command, mode="json")
    return {"kind": command.kind, **data}


def command_from_dict(data: dict[str, Any]) -> Command:
    payload = dict(data)
    cls = COMMAND_TYPES[payload.pop("kind")]
    command: Command = adapter(cls).validate_python(payload)
    return command


def actor_to_dict(actor: Actor) -> dict[str, Any]:
    data: dict[str, Any] = adapter(Actor).dump_python(actor, mode="json")
    return data


def actor_from_dict(data: dict[str, Any]) -> Actor:
    actor: Actor = adapter(Actor).validate_python(data)
    return actor
