"""Events: the facts a game is made of. The log of events is the truth; state is their fold.

Each event carries its visibility. Ground truth (plots, what an item is really about, dice) travels
only in events the facilitator alone may see; events a seat may see refer to items by id, so that
what a seat is shown always goes through `views.redact`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from game.engine.codec import adapter
from game.engine.records import maker
from game.engine.state import Action, DutyEntry, Item, ShareOrder
from game.engine.types import (
    FACILITATOR_ONLY,
    Level,
    Outcome,
    Phase,
    Rating,
    Strength,
    Via,
    Visibility,
)
from game.scenario.schema import Scenario


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    type: ClassVar[str] = "event"
    visibility: Visibility = field(default=FACILITATOR_ONLY)


@dataclass(frozen=True, slots=True, kw_only=True)
class GameCreated(Event):
    type: ClassVar[str] = "game_created"
    game_id: str
    seed: int
    scenario: Scenario
    facilitator: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SeatTaken(Event):
    type: ClassVar[str] = "seat_taken"
    role: str
    player: str
    controller: str = "human"


@dataclass(frozen=True, slots=True, kw_only=True)
class SeatLeft(Event):
    type: ClassVar[str] = "seat_left"
    role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GameStarted(Event):
    type: ClassVar[str] = "game_started"


@dataclass(frozen=True, slots=True, kw_only=True)
class PhaseStarted(Event):
    type: ClassVar[str] = "phase_started"
    phase: Phase
    turn: int
    deadline: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemCreated(Event):
    type: ClassVar[str] = "item_created"
    item: Item


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemDelivered(Event):
    type: ClassVar[str] = "item_delivered"
    holder: str
    item: int
    level: Level
    sender: str | None
    via: Via
    turn: int
    degraded: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsPublished(Event):
    type: ClassVar[str] = "news_published"
    turn: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ShareOrdered(Event):
    type: ClassVar[str] = "share_ordered"
    order: ShareOrder


@dataclass(frozen=True, slots=True, kw_only=True)
class DutyLogged(Event):
    type: ClassVar[str] = "duty_logged"
    entry: DutyEntry


@dataclass(frozen=True, slots=True, kw_only=True)
class DutyMissing(Event):
    type: ClassVar[str] = "duty_missing"
    role: str
    item: int
    pc_cost: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SeatSubmitted(Event):
    type: ClassVar[str] = "seat_submitted"
    role: str
    phase: Phase


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemRated(Event):
    type: ClassVar[str] = "item_rated"
    role: str
    item: int
    rating: Rating
    pc_cost: int
    rationale: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionTaken(Event):
    type: ClassVar[str] = "action_taken"
    action: Action


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposalAdjudicated(Event):
    type: ClassVar[str] = "proposal_adjudicated"
    action: int
    strength: Strength
    roll: int
    success: bool
    plot: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposalAnswered(Event):
    """What the proposer learns of an adjudication: whether its action succeeded, nothing more."""

    type: ClassVar[str] = "proposal_answered"
    action: int
    role: str
    success: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AdvisoryIssued(Event):
    """A public advisory is public by nature; the items behind it stay with its author."""

    type: ClassVar[str] = "advisory_issued"
    role: str
    target: str
    turn: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PhaseForced(Event):
    """A phase closed before every seat had submitted: by the facilitator or by the clock."""

    type: ClassVar[str] = "phase_forced"
    phase: Phase
    turn: int
    by: str
    waiting: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RedAdapted(Event):
    type: ClassVar[str] = "red_adapted"
    plot: str
    target: str
    turn: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AttackRolled(Event):
    """The dice and modifiers behind an attack: the facilitator's until the debrief."""

    type: ClassVar[str] = "attack_rolled"
    plot: str
    dice: tuple[int, int]
    modifiers: tuple[tuple[str, int], ...]
    total: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AttackResolved(Event):
    type: ClassVar[str] = "attack_resolved"
    plot: str
    turn: int
    actor: str
    target: str
    victim: str
    method: str
    outcome: Outcome
    casualties: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceBurnChecked(Event):
    type: ClassVar[str] = "source_burn_checked"
    item: int
    originator: str
    actor: str
    roll: int
    threshold: int
    burned: bool
    region: str
    until: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BlameApplied(Event):
    type: ClassVar[str] = "blame_applied"
    role: str
    plot: str
    pc: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class WithholdingChecked(Event):
    type: ClassVar[str] = "withholding_checked"
    role: str
    victim: str
    plot: str
    roll: int
    exposed: bool
    pc: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustChanged(Event):
    type: ClassVar[str] = "trust_changed"
    truster: str
    trusted: str
    delta: int
    value: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Paused(Event):
    type: ClassVar[str] = "paused"
    resume_to: Phase
    remaining: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Resumed(Event):
    type: ClassVar[str] = "resumed"
    phase: Phase
    deadline: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineExtended(Event):
    type: ClassVar[str] = "deadline_extended"
    minutes: int
    deadline: float | None
    remaining: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GameEnded(Event):
    type: ClassVar[str] = "game_ended"
    reason: str
    scores: dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True, kw_only=True)
class GameClosed(Event):
    type: ClassVar[str] = "game_closed"


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (
        GameCreated, SeatTaken, SeatLeft, GameStarted, PhaseStarted, ItemCreated, ItemDelivered,
        NewsPublished, ShareOrdered, DutyLogged, DutyMissing, SeatSubmitted, ItemRated,
        ActionTaken, ProposalAdjudicated, ProposalAnswered, AdvisoryIssued, PhaseForced,
        RedAdapted, AttackRolled, AttackResolved,
        SourceBurnChecked, BlameApplied, WithholdingChecked, TrustChanged, Paused, Resumed,
        DeadlineExtended, GameEnded, GameClosed,
    )
}  # fmt: skip


def event_to_dict(event: Event) -> dict[str, Any]:
    """JSON-ready form: {"type": ..., "visibility": {...}, ...fields}."""
    data: dict[str, Any] = adapter(type(event)).dump_python(event, mode="json")
    return {"type": event.type, **data}


def event_from_dict(data: dict[str, Any]) -> Event:
    payload = dict(data)
    cls = EVENT_TYPES[payload.pop("type")]
    event: Event = adapter(cls).validate_python(payload)
    return event


# The events a game emits by the hundred, built without the generic class call (records.maker):
# the same records, with the same signatures.
make_item_delivered: type[ItemDelivered] = maker(ItemDelivered)
make_item_created: type[ItemCreated] = maker(ItemCreated)
make_share_ordered: type[ShareOrdered] = maker(ShareOrdered)
make_item_rated: type[ItemRated] = maker(ItemRated)
make_seat_submitted: type[SeatSubmitted] = maker(SeatSubmitted)
make_action_taken: type[ActionTaken] = maker(ActionTaken)
make_source_burn_checked: type[SourceBurnChecked] = maker(SourceBurnChecked)
make_phase_started: type[PhaseStarted] = maker(PhaseStarted)
