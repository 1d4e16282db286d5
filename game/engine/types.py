"""Value types shared by the whole engine: enums and the small frozen records a game is made of."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from game.scenario.schema import Identity

__all__ = ["Identity"]  # re-exported: one enum for scenario files and engine alike


class Phase(StrEnum):
    LOBBY = "lobby"
    BRIEFING = "briefing"
    INTEL_RECEIVED = "intel_received"
    SHARING = "sharing"
    RESPONSE = "response"
    ATTACK = "attack"
    AFTERMATH = "aftermath"
    PAUSED = "paused"
    DEBRIEF = "debrief"
    ENDED = "ended"


LIVE_PHASES = (
    Phase.BRIEFING,
    Phase.INTEL_RECEIVED,
    Phase.SHARING,
    Phase.RESPONSE,
    Phase.ATTACK,
    Phase.AFTERMATH,
)
TURN_PHASES = LIVE_PHASES[1:]
# Phases in which seats submit (the attack phase resolves by itself).
SUBMIT_PHASES = (Phase.BRIEFING, Phase.INTEL_RECEIVED, Phase.SHARING, Phase.RESPONSE, Phase.AFTERMATH)


class Level(IntEnum):
    """How much of an item passes to a recipient; ordered so that max() keeps the best copy."""

    WITHHOLD = 0
    WARNING = 1
    SANITIZED = 2
    FULL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        return cls[text.strip().upper()]


class Rating(StrEnum):
    ACCEPT = "accept"
    DISCOUNT = "discount"
    DISMISS = "dismiss"


class DutyDecision(StrEnum):
    WARN = "warn"
    WAIVE = "waive"


class Waiver(StrEnum):
    """ICD 191 waiver codes."""

    U = "U"  # would unduly endanger personnel, sources, methods, intelligence or operations
    T = "T"  # the intended victim is a terrorist, supporter, assassin, trafficker, violent criminal
    I = "I"  # noqa: E741  at risk only through taking part in an insurgency


class ActionKind(StrEnum):
    HARDEN = "harden"
    SURVEIL = "surveil"
    ARREST = "arrest"
    ADVISORY = "advisory"
    PROPOSE = "propose"


VISIBLE_ACTIONS = frozenset({ActionKind.HARDEN, ActionKind.ARREST, ActionKind.ADVISORY})


class Strength(StrEnum):
    """Facilitator adjudication of a free-form action; the value is the chance in percent."""

    VERY_STRONG = "very_strong"
    STRONG = "strong"
    AVERAGE = "average"
    WEAK = "weak"
    VERY_WEAK = "very_weak"

    @property
    def chance(self) -> int:
        return {"very_strong": 83, "strong": 67, "average": 50, "weak": 33, "very_weak": 17}[
            self.value
        ]


class Outcome(StrEnum):
    FOILED = "foiled"
    DISRUPTED = "disrupted"
    CARRIED_OUT = "carried_out"


class Via(StrEnum):
    """How a holding reached its holder."""

    COLLECTION = "collection"
    INJECT = "inject"
    FACILITATOR = "facilitator"
    SHARE = "share"
    INTERROGATION = "interrogation"


class ViewerKind(StrEnum):
    SEAT = "seat"
    OBSERVER = "observer"
    FACILITATOR = "facilitator"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking: a seat (by role), an observer, or the facilitator (who sees everything)."""

    kind: ViewerKind
    role: str | None = None

    @classmethod
    def seat(cls, role: str) -> Viewer:
        return cls(ViewerKind.SEAT, role)

    @classmethod
    def facilitator(cls) -> Viewer:
        return cls(ViewerKind.FACILITATOR)

    @classmethod
    def observer(cls) -> Viewer:
        return cls(ViewerKind.OBSERVER)


@dataclass(frozen=True, slots=True, kw_only=True)
class Visibility:
    """Who may see an event: everyone, some seats, and always the facilitator."""

    public: bool = False
    seats: tuple[str, ...] = ()

    def allows(self, viewer: Viewer) -> bool:
        if self.public or viewer.kind is ViewerKind.FACILITATOR:
            return True
        return viewer.kind is ViewerKind.SEAT and viewer.role in self.seats


PUBLIC = Visibility(public=True)
FACILITATOR_ONLY = Visibility()


_ONLY: dict[tuple[str, ...], Visibility] = {}


def only(*roles: str) -> Visibility:
    """Visible to these seats (and the facilitator). A Visibility is a value, so one instance per
    set of roles is shared by every event that has it."""
    found = _ONLY.get(roles)
    if found is None:
        if len(_ONLY) >= 4096:
            _ONLY.clear()
        found = _ONLY[roles] = Visibility(seats=tuple(sorted(set(roles))))
    return found
