"""What the service hands back: plain frozen records, never ORM rows (they cross threads)."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import GameState
from game.store.models import GameRow
from game.store.repo import StoredEvent


@dataclass(frozen=True, slots=True)
class Deadline:
    """A phase's deadline: fire it with `fire_deadline(game_id, phase, turn)` once `at` passes."""

    game_id: str
    phase: str
    turn: int
    at: float


@dataclass(frozen=True, slots=True)
class GameInfo:
    """A game's row: where it is played and where it stands, without loading its state."""

    id: str
    guild_id: str | None
    channel_id: str | None
    scenario: str
    seed: int
    phase: str
    facilitator_id: str | None
    created_at: float
    ended_at: float | None
    seq: int
    deadline: Deadline | None

    @property
    def live(self) -> bool:
        """Not closed: it still holds its channel (a game in debrief is live until closed)."""
        return self.phase != "ended"

    @classmethod
    def of(cls, row: GameRow) -> GameInfo:
        return cls(
            id=row.id, guild_id=row.guild_id, channel_id=row.channel_id, scenario=row.scenario,
            seed=row.seed, phase=row.phase, facilitator_id=row.facilitator_id,
            created_at=row.created_at, ended_at=row.ended_at, seq=row.seq,
            deadline=deadline_of(row),
        )  # fmt: skip


def deadline_of(row: GameRow) -> Deadline | None:
    if row.deadline is None or row.deadline_phase is None or row.deadline_turn is None:
        return None
    return Deadline(row.id, row.deadline_phase, row.deadline_turn, row.deadline)


@dataclass(frozen=True, slots=True)
class HandleResult:
    """The events a command produced (with their seq, in order) and the state they lead to.

    `duplicate` is True when the command id had been handled before: `events` are the original
    ones (nothing new was written) and `state` is the game's current state. The bot should not
    announce a duplicate's events a second time.
    """

    game_id: str
    events: tuple[StoredEvent, ...]
    state: GameState
    duplicate: bool = False

    @property
    def seq(self) -> int:
        return self.state.seq
