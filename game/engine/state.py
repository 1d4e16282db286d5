"""The state of one game: a fold of its events, never edited in place.

Collections inside the frozen records are plain dicts and tuples that `evolve` copies on write; the
state is therefore safe to share between a cache, a view and a replay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.records import maker
from game.engine.types import (
    ActionKind,
    DutyDecision,
    Identity,
    Level,
    Outcome,
    Phase,
    Rating,
    Strength,
    Via,
    Waiver,
)
from game.scenario.schema import Scenario


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """A piece of intelligence as collected, including the truth about it (`plot`, `focus`).

    Seats never see an Item: they see an ItemView made by `views.redact` at their level.
    """

    id: int
    originator: str
    turn: int
    plot: str | None  # None: a decoy (the facilitator knows)
    focus: str  # the target the item is really about
    actor: str
    country: str
    targets: tuple[str, ...]
    window: tuple[int, int]
    window_text: str
    identity: Identity
    names: tuple[str, ...]
    method: str | None
    reliability: str
    credibility: int
    sensitivity: int
    no_onward_sharing: bool
    specificity: int
    region: str
    via: Via
    text: str = ""

    @property
    def is_decoy(self) -> bool:
        return self.plot is None


@dataclass(frozen=True, slots=True, kw_only=True)
class Holding:
    """One seat's copy of an item: the level it holds, from whom, since when."""

    item: int
    level: Level
    sender: str | None
    turn: int
    via: Via
    degraded: bool = False  # passed through an intermediary: grade one step worse


@dataclass(frozen=True, slots=True, kw_only=True)
class Seat:
    role: str
    player: str | None = None
    controller: str = "vacant"  # "human", "ai:<policy>" or "vacant"
    sb: int = 0
    pc: int = 0
    submitted: bool = False
    burned_until: tuple[tuple[str, int], ...] = ()  # (region, last turn without collection)
    ever_burned: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self.controller != "vacant"

    def burned_in(self, region: str, turn: int) -> bool:
        return any(r == region and turn <= until for r, until in self.burned_until)


@dataclass(frozen=True, slots=True, kw_only=True)
class ShareOrder:
    sender: str
    item: int
    to: str
    level: Level
    rationale: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DutyEntry:
    role: str
    item: int
    decision: DutyDecision
    code: Waiver | None
    rationale: str
    turn: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    id: int
    role: str
    kind: ActionKind
    target: str
    turn: int
    sb_cost: int
    pc_cost: int
    items: tuple[int, ...]  # the held items that named this target or suspect
    text: str = ""
    rationale: str = ""
    strength: Strength | None = None
    success: bool | None = None
    plot: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlotState:
    id: str
    target: str
    turn: int
    outcome: Outcome | None = None
    casualties: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """A share that reached (or will reach) its recipient: the provenance of every hop."""

    sender: str
    to: str
    item: int
    level: Level
    turn: int


@dataclass(frozen=True, slots=True, kw_only=True)
class GameState:
    game_id: str
    seed: int
    scenario: Scenario
    phase: Phase = Phase.LOBBY
    resume_to: Phase | None = None
    turn: int = 0
    seq: int = 0  # number of events folded into this state
    deadline: float | None = None
    remaining: float | None = None  # seconds left when paused
    facilitator: str | None = None
    seats: dict[str, Seat] = field(default_factory=dict)
    trust: dict[str, dict[str, int]] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    holdings: dict[str, dict[int, Holding]] = field(default_factory=dict)
    plots: dict[str, PlotState] = field(default_factory=dict)
    shares: dict[tuple[str, int, str], ShareOrder] = field(default_factory=dict)
    duty: dict[tuple[str, int], DutyEntry] = field(default_factory=dict)
    audited: frozenset[tuple[str, int]] = frozenset()
    ratings: dict[tuple[str, int], Rating] = field(default_factory=dict)
    actions: dict[int, Action] = field(default_factory=dict)
    deliveries: tuple[Delivery, ...] = ()
    news: tuple[tuple[int, str], ...] = ()
    casualties: dict[str, int] = field(default_factory=dict)
    missing_duty: dict[str, int] = field(default_factory=dict)
    scores: dict[str, dict[str, int]] | None = None
    next_item: int = 1
    next_action: int = 1

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.scenario.roles)

    @property
    def over(self) -> bool:
        return self.phase in (Phase.DEBRIEF, Phase.ENDED)

    @property
    def live_phase(self) -> Phase:
        """The phase the game is in, looking through a pause."""
        return self.resume_to if self.phase is Phase.PAUSED and self.resume_to else self.phase

    def held(self, role: str, item_id: int) -> Holding | None:
        return self.holdings.get(role, {}).get(item_id)

    def seat_of(self, player: str) -> str | None:
        for seat in self.seats.values():
            if seat.player == player:
                return seat.role
        return None

    def turn_actions(self, role: str | None = None) -> list[Action]:
        return [
            a
            for a in self.actions.values()
            if a.turn == self.turn and (role is None or a.role == role)
        ]


# The records a game makes by the hundred, built through their twins (records.maker): the same
# records, with the same signatures, for about half the cost of calling the class.
make_holding: type[Holding] = maker(Holding)
make_delivery: type[Delivery] = maker(Delivery)
make_share_order: type[ShareOrder] = maker(ShareOrder)
make_action: type[Action] = maker(Action)
make_item: type[Item] = maker(Item)
